// The demo page, served by the same Vite dev server `npm run demo` starts,
// driven in headless Chromium. Every value shown is checked against the
// package's own result computed here in Node.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { greet, normalize } from 'rust-wasm-memory';
import { startDemo } from '../../www/server.mjs';
import { launchChromium } from './support/browser.mjs';
import { freePort } from './support/ports.mjs';

let demo;
let browser;
let page;

before(async () => {
  demo = await startDemo({ port: await freePort(), logLevel: 'silent' });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(demo.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test('the page greets the initial name on load', async () => {
  assert.equal(await page.locator('#greeting').textContent(), greet('WebAssembly'));
});

test('typing a name updates the greeting', async () => {
  await page.getByLabel('Name', { exact: true }).fill('Ferris 🦀');
  assert.equal(await page.locator('#greeting').textContent(), greet('Ferris 🦀'));
});

test('markup typed as a name is shown literally, never parsed', async () => {
  const payload = '<img src=x onerror="document.body.dataset.pwned=1">';
  await page.getByLabel('Name', { exact: true }).fill(payload);
  assert.equal(await page.locator('#greeting').textContent(), greet(payload));
  assert.equal(await page.locator('#greeting img').count(), 0);
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
});

test('normalize shows the scaled numbers the package computes', async () => {
  await page.getByLabel('Numbers, separated by commas or spaces').fill('2 4, 8');
  const expected = new Float32Array([2, 4, 8]);
  assert.equal(normalize(expected), true);
  assert.equal(await page.locator('#normalized').textContent(), `[${Array.from(expected).join(', ')}]`);
  assert.match(await page.locator('#normalize-note').textContent(), /^Scaled/);
});

test('an all-zero array is reported as left unchanged', async () => {
  await page.getByLabel('Numbers, separated by commas or spaces').fill('0, 0');
  assert.equal(await page.locator('#normalized').textContent(), '[0, 0]');
  assert.match(await page.locator('#normalize-note').textContent(), /^Left unchanged/);
});

test('a token that is not a number gives a readable error', async () => {
  await page.getByLabel('Numbers, separated by commas or spaces').fill('1, two');
  assert.equal(await page.getByRole('alert').textContent(), 'TypeError: "two" is not a number');
  await page.getByLabel('Numbers, separated by commas or spaces').fill('1');
  assert.equal(await page.getByRole('alert').textContent(), '');
});

test('the page logged no errors', () => {
  assert.deepEqual(page.errors, []);
});
