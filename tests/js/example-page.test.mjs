// The worked example's page (examples/histogram/index.html) in Chromium and
// Firefox: it loads a user's module through the toolkit, runs the export,
// shows the result and the module's memory in the package's inspector, and
// does all of it under a strict Content-Security-Policy (no inline script or
// style; the import map is allowed by its hash), with no violation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { serveStatic } from './support/static-server.mjs';
import { withBrowser } from './support/webdriver.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const html = readFileSync(join(root, 'examples', 'histogram', 'index.html'), 'utf8');

test('the page declares a strict policy whose hash admits exactly its import map', () => {
  const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(policy, /style-src 'self'/);
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const hash = createHash('sha256').update(importMap).digest('base64');
  assert.ok(policy.includes(`'sha256-${hash}'`), 'the policy names the import map by its hash');
});

for (const browser of ['chromium', 'firefox']) {
  test(`${browser}: the example page runs the export and inspects its memory under the policy`, async () => {
    const server = await serveStatic(root);
    try {
      await withBrowser(browser, async (session) => {
        await session.resize(1280, 1000);
        await session.goto(`${server.url}examples/histogram/index.html`);
        await session.waitFor('return document.body.dataset.ready ? true : null', { timeoutMs: 60000 });
        const state = () =>
          session.execute(`return {
            summary: document.getElementById('summary').textContent,
            error: document.getElementById('error').textContent,
            bins: [...document.querySelectorAll('#bins meter')].map((m) => m.value),
            lastCall: document.querySelector('.rwm-inspector-last-call').textContent,
            heap: document.querySelector('.rwm-inspector-heap-live').textContent,
            blocks: document.querySelector('.rwm-inspector-heap-blocks').textContent,
            painted: document.querySelector('.rwm-inspector-heap-map').dataset.bytesPerCell,
            violations: window.example.violations,
            kit: document.getElementById('kit').textContent,
          };`);
        let s = await state();
        assert.deepEqual(s.violations, [], 'no policy violation');
        assert.equal(s.error, '');
        assert.equal(s.bins.length, 12);
        const inside = s.bins.reduce((a, b) => a + b, 0);
        assert.match(s.summary, new RegExp(`^${inside} values in 12 bins, ${10000 - inside} outside \\[0, 1\\)$`));
        assert.match(s.lastCall, /^histogram of 10000 values: wrote /);
        assert.match(s.heap, /^\d+(\.\d)? (B|KiB) in \d+ allocations/, 'the kit counts its heap');
        assert.equal(s.blocks, '0', 'nothing left allocated');
        assert.ok(Number(s.painted) > 0, 'the memory map is drawn');
        assert.match(s.kit, /^kit \d+\.\d+\.\d+, ABI 1; exports: .*histogram/);
        if (browser === 'chromium') {
          mkdirSync(join(root, 'target', 'screenshots'), { recursive: true });
          writeFileSync(join(root, 'target', 'screenshots', 'example-histogram.png'), await session.screenshot());
        }
        // A refused call: no bins. The error is typed and named, and the page goes on.
        await session.execute(`document.getElementById('nbins').value = '0'; document.getElementById('form').requestSubmit();`);
        await session.waitFor(`return document.getElementById('error').textContent || null`);
        s = await state();
        assert.match(s.error, /^InvalidArgumentError: histogram: an argument is outside the domain the export documents/);
        await session.execute(`document.getElementById('nbins').value = '4'; document.getElementById('form').requestSubmit();`);
        await session.waitFor(`return document.querySelectorAll('#bins meter').length === 4 ? true : null`);
        s = await state();
        assert.equal(s.error, '');
        assert.deepEqual(s.violations, []);
      });
    } finally {
      await server.close();
    }
  });
}
