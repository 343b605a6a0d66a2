#!/usr/bin/env node
// Runs every test suite, streams its output, and closes with one line
// `N passed, N failed` summing them all. Exits non-zero if anything failed,
// including a suite that crashed before reporting (counted as one failure).
//
// Expects the toolchain (scripts/setup.sh) and pkg/ (scripts/build.mjs);
// `npm test` runs all three in order.
//
// Usage: node scripts/test.mjs [suite-name ...]   (default: all suites)

import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PATH = [join(root, 'node_modules', '.bin'), join(homedir(), '.cargo', 'bin'), process.env.PATH].join(':');
const browser = { WASM_BINDGEN_USE_BROWSER: '1' };
const venv = process.env.RWM_VENV ?? join(homedir(), '.cache', 'rust-wasm-memory', 'venv');

/** Each suite: a command, its environment, and how its runner reports counts. */
const suites = [
  // Rust habits: formatting and clippy with warnings as errors, natively and
  // for the wasm target (whose cfg'd code, simd kernels included, differs),
  // the example crate too; the kit is ready to publish (scripts/kit-check.sh).
  {
    name: 'rust-lint',
    cmd: [
      'bash',
      '-c',
      'cargo fmt --all --check && cargo clippy --workspace --all-targets -- -D warnings && cargo clippy --target wasm32-unknown-unknown -p rust-wasm-memory --all-targets -- -D warnings && cargo clippy --target wasm32-unknown-unknown -p rust-wasm-memory-raw -p rust-wasm-memory-kit -p rust-wasm-memory-core --lib -- -D warnings && cargo fmt --manifest-path examples/histogram/Cargo.toml --check && cargo clippy --manifest-path examples/histogram/Cargo.toml --target wasm32-unknown-unknown -- -D warnings && bash scripts/kit-check.sh',
    ],
    format: 'exit',
  },
  // proptest: 1e4 cases per core property (the default is 256).
  // JS habits: Biome (format and lint) over every JS and JSON file, and
  // tsc --strict over the API layer, the toolkit (as built into pkg/) and
  // the lab (tsconfig.json).
  { name: 'js-lint', cmd: ['bash', '-c', 'biome ci . && tsc -p tsconfig.json'], format: 'exit' },
  // rust-version in Cargo.toml is true: the workspace builds with it.
  { name: 'msrv', cmd: ['bash', 'scripts/msrv.sh'], format: 'exit' },
  { name: 'native', cmd: ['cargo', 'test', '--workspace'], env: { PROPTEST_CASES: '10000' }, format: 'cargo' },
  // Miri over the raw ABI's native tests: permissive provenance for all (the
  // host side turns returned integer addresses into pointers), and strict
  // provenance for every test whose host side does not need that; and the
  // kit's Host model (crates/kit/tests/host.rs), strict.
  {
    name: 'miri',
    cmd: [
      'bash',
      '-c',
      'cargo +nightly miri test -p rust-wasm-memory-raw && cargo +nightly miri test -p rust-wasm-memory-kit --lib && MIRIFLAGS=-Zmiri-strict-provenance cargo +nightly miri test -p rust-wasm-memory-raw --test abi -- --skip process_string --skip echo_suffix --skip make_greeting && MIRIFLAGS=-Zmiri-strict-provenance cargo +nightly miri test -p rust-wasm-memory-kit --test host',
    ],
    format: 'cargo',
  },
  { name: 'wasm-node', cmd: ['wasm-pack', 'test', '--node', '--', '--test', 'api', '--test', 'simd'], format: 'cargo' },
  {
    name: 'wasm-chromium',
    cmd: ['wasm-pack', 'test', '--headless', '--chrome', '--', '--test', 'api', '--test', 'simd', '--test', 'web'],
    env: browser,
    format: 'cargo',
  },
  {
    name: 'wasm-firefox',
    cmd: ['wasm-pack', 'test', '--headless', '--firefox', '--', '--test', 'api', '--test', 'simd', '--test', 'web'],
    env: browser,
    format: 'cargo',
  },
  { name: 'js', cmd: ['node', '--test', '--test-reporter=tap', '--test-concurrency=1', 'tests/js/'], format: 'tap' },
  // cargo fuzz over the raw ABI (libFuzzer + ASan): 60 s, one result.
  { name: 'fuzz', cmd: ['bash', 'scripts/fuzz.sh', '60'], format: 'exit' },
  // The WASI command and the component under wasmtime (PyPI), from Python.
  { name: 'python', cmd: [join(venv, 'bin', 'python'), '-m', 'unittest', 'discover', '-v', '-s', 'tests/python'], format: 'unittest' },
];

/** Counts from a runner's own closing lines (or, for `exit`, its exit code). */
function count(format, output, code) {
  let passed = 0;
  let failed = 0;
  if (format === 'cargo') {
    for (const m of output.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed/gm)) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
  } else if (format === 'exit') {
    // One result: the run as a whole (a fuzzer reports executions, not tests).
    return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  } else if (format === 'unittest') {
    // "Ran N tests" then "OK" or "FAILED (failures=a, errors=b, skipped=c)".
    const ran = Number(/^Ran (\d+) tests?/m.exec(output)?.[1] ?? 0);
    const field = (name) => Number(new RegExp(`${name}=(\\d+)`).exec(/^(?:OK|FAILED).*$/m.exec(output)?.[0] ?? '')?.[1] ?? 0);
    failed = field('failures') + field('errors');
    passed = ran - failed - field('skipped');
  } else {
    passed = Number(/^# pass (\d+)$/m.exec(output)?.[1] ?? 0);
    failed = Number(/^# fail (\d+)$/m.exec(output)?.[1] ?? 0);
  }
  return { passed, failed };
}

function run(suite) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${suite.name}: ${suite.cmd.join(' ')}`);
    const child = spawn(suite.cmd[0], suite.cmd.slice(1), {
      cwd: root,
      env: { ...process.env, PATH, ...suite.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => {
      const counts = count(suite.format, output, code);
      if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed without reporting
      if (code === 0 && counts.passed === 0) counts.failed += 1; // ran nothing: a broken suite
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      resolve({ name: suite.name, code, seconds, ...counts });
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const results = [];
for (const suite of suites.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  results.push(await run(suite));
}

console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.name.padEnd(14)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  (${r.seconds}s, exit ${r.code})`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
