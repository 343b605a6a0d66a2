// The two commands of the README's quick start, as a user runs them a
// second time: `npm run demo` with nothing changed installs nothing,
// rebuilds nothing and serves the lab; its set-up asks for the build
// toolchain only (no browsers, Miri or Python), and set-up for the tests
// without root says what to install instead of failing obscurely.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { freePort } from './support/ports.mjs';
import { serveCommand } from './support/serve-command.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scripts = JSON.parse(execFileSync('npm', ['pkg', 'get', 'scripts'], { cwd: root, encoding: 'utf8' }));

test('demo, build and build:www set up the build toolchain only; test and bench the test tools too', () => {
  for (const name of ['demo', 'build', 'build:www', 'inspect']) assert.match(scripts[name], /^bash scripts\/setup\.sh build && /, name);
  for (const name of ['test', 'bench']) assert.match(scripts[name], /^bash scripts\/setup\.sh test && /, name);
  const out = execFileSync('bash', ['scripts/setup.sh', 'build'], { cwd: root, encoding: 'utf8' });
  assert.match(out, /toolchain ready for build/);
  assert.doesNotMatch(out, /chromium|firefox|miri|venv|geckodriver|cargo-fuzz/i, out);
  assert.throws(
    () => execFileSync('bash', ['scripts/setup.sh', 'everything'], { cwd: root, stdio: 'pipe', encoding: 'utf8' }),
    (e) => e.status === 64 && /usage: setup.sh \[build\|test\]/.test(e.stdout),
  );
});

test('a second npm run demo rebuilds nothing and serves the lab', async () => {
  const port = await freePort();
  const demo = await serveCommand('npm', ['run', 'demo'], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    pattern: /rust-wasm-memory demo: (http:\/\/\S+)/,
    seconds: 120,
  });
  try {
    assert.match(demo.output(), /pkg\/ is up to date/, 'nothing rebuilt');
    assert.doesNotMatch(demo.output(), /wasm-pack build|cargo build|npm ci/, 'nothing built or installed');
    const page = await fetch(demo.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /memory lab/i);
  } finally {
    demo.stop();
  }
});

test('without root or sudo, a missing test tool stops set-up with one line naming what to install', (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to run set-up as another user (setpriv)');
    return;
  }
  // As `nobody`, with a PATH that has a shell and nothing else: no
  // browsers, no sudo.
  const bin = mkdtempSync(join(tmpdir(), 'rwm-nobody-'));
  try {
    for (const tool of ['bash', 'id', 'dirname', 'mkdir'])
      symlinkSync(execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    chmodSync(bin, 0o755);
    const run = spawnSync(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'env', '-i', `PATH=${bin}`, `HOME=${bin}`, join(bin, 'bash'), 'scripts/setup.sh', 'test'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1, run.stdout);
    assert.match(
      lines[0],
      /^\[setup\] the tests need chromium chromium-driver firefox-esr: install them \(Debian: apt-get install chromium chromium-driver firefox-esr\) or run as root; `npm run demo` needs none of them$/,
    );
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
