// The shared case suites in headless Chromium and Firefox. The repo root is
// served over HTTP, tests/browser/harness.html runs a suite in the page, and
// each case becomes one subtest here, per browser.
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { serveStatic } from './support/static-server.mjs';
import { withBrowser } from './support/webdriver.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// RWM_BROWSER_SUITES=panic,raw narrows the run while working on one suite.
const SUITES = process.env.RWM_BROWSER_SUITES?.split(',') ?? [
  'raw',
  'buffers',
  'conformance',
  'hardening',
  'panic',
  'reentrancy',
  'adversary',
  'finalizer',
  'kit',
];

for (const browser of ['chromium', 'firefox']) {
  test(browser, async (t) => {
    const server = await serveStatic(root);
    try {
      await withBrowser(browser, async (session) => {
        for (const suite of SUITES) {
          await session.goto(`${server.url}tests/browser/harness.html?suite=${suite}`);
          const results = JSON.parse(await session.waitFor('return document.body.dataset.done ? window.__results : null'));
          for (const r of results) {
            await t.test(`${suite}: ${r.name}`, () => {
              if (!r.ok) throw new Error(r.error);
            });
          }
        }
      });
    } finally {
      await server.close();
    }
  });
}
