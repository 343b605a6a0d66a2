// docs/guide.md, run as written: every ```sh block in order, and every
// block marked `file=PATH` written to that path first, in a scratch
// directory beside a link to this repository (the guide's
// `../rust-wasm-memory`). Passes when every command succeeds and the
// guide's own test reports its three passes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The guide as one bash script: its commands, with its files written where it says. */
export function guideScript(markdown) {
  const lines = ['set -euo pipefail'];
  for (const [, info, body] of markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const file = /\bfile=(\S+)/.exec(info)?.[1];
    if (file) lines.push(`cat > ${file} <<'RWM_GUIDE_EOF'`, body.replace(/\n$/, ''), 'RWM_GUIDE_EOF');
    else if (info.trim() === 'sh') lines.push(body);
  }
  return lines.join('\n');
}

/** The environment, without anything that would move the guide's crate's target directory. */
function guideEnv() {
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  delete env.CARGO_TARGET_DIR;
  delete env.NODE_TEST_CONTEXT; // the guide's own node --test reports to its stdout
  return env;
}

test('docs/guide.md: every command works, and the test it writes passes', () => {
  const script = guideScript(readFileSync(join(root, 'docs', 'guide.md'), 'utf8'));
  assert.ok(script.includes('cargo new'), 'the guide starts from cargo new');
  const dir = mkdtempSync(join(tmpdir(), 'rwm-guide-'));
  try {
    symlinkSync(root, join(dir, 'rust-wasm-memory'), 'dir');
    writeFileSync(join(dir, 'guide.sh'), script);
    let output;
    try {
      output = execFileSync('bash', ['guide.sh'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: guideEnv(),
      });
    } catch (e) {
      assert.fail(`the guide failed:\n${e.stdout}\n${e.stderr}`);
    }
    assert.match(output, /^# pass 3$/m, output);
    assert.match(output, /^# fail 0$/m, output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
