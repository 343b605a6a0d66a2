// The memory lab (www/), driven in headless Chromium through playwright-core:
// on the same Vite dev server `npm run demo` starts, and as the static build
// of `npm run build:www` served by a plain file server. Every value the page
// shows is checked against the package's own result computed here in Node,
// or against the page's wasm memory read through its `window.wasm` handle.
// Screenshots go to target/screenshots/ (UPDATE_SCREENSHOTS=1: to docs/).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { asciiUppercase, echoSuffix, greet, normalize, processString, sumU32 } from 'rust-wasm-memory';
import { build } from 'vite';
import { BASELINES } from '../../bench/baselines.mjs';
import { CSP } from '../../www/csp.js';
import { startDemo } from '../../www/server.mjs';
import { launchChromium } from './support/browser.mjs';
import { freePort } from './support/ports.mjs';
import { serveStatic } from './support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, process.env.UPDATE_SCREENSHOTS ? 'docs' : 'target/screenshots');
mkdirSync(shots, { recursive: true });

async function screenshot(page, name, locator) {
  const file = join(shots, `${name}.png`);
  await (locator ?? page).screenshot({ path: file, ...(locator ? {} : { fullPage: false }) });
  const png = readFileSync(file);
  assert.equal(png.subarray(1, 4).toString(), 'PNG', `${name}.png is a PNG`);
  assert.ok(png.length > 5000, `${name}.png has content (${png.length} bytes)`);
}

/**
 * Whether the page refuses inline script, eval and inline style, and the
 * violations it reports. Eval is tried by the page's own code, the module
 * tests/browser/csp-probe.js at URL `probe`: Chromium does not apply the
 * page's policy to DevTools' evaluate.
 */
async function cspBlocks(page, probe) {
  return page.evaluate(async (probe) => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    await import(probe);
    const evalRan = window.__evalRan;
    const style = document.createElement('div');
    style.setAttribute('style', 'color: rgb(1, 2, 3)');
    document.body.append(style);
    const inlineStyle = getComputedStyle(style).color === 'rgb(1, 2, 3)';
    style.remove();
    await new Promise((r) => setTimeout(r, 50));
    return { inline: window.__inlineRan === true, evalRan, inlineStyle, violations };
  }, probe);
}

const table = (page, id) => page.locator(`#${id} tr`).evaluateAll((rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent)));

describe('the memory lab on the dev server', () => {
  let demo;
  let browser;
  let page;
  let response;

  before(async () => {
    demo = await startDemo({ port: await freePort(), logLevel: 'silent' });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    response = await page.goto(demo.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('CSP: the header and the meta tag carry the strict policy, and the page enforces it', async () => {
    assert.equal(response.headers()['content-security-policy'], CSP);
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), CSP);
    assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(CSP, /'unsafe-eval'|'unsafe-inline'/);
    const r = await cspBlocks(page, `/@fs${join(root, 'tests', 'browser', 'csp-probe.js')}`);
    assert.deepEqual([r.inline, r.evalRan, r.inlineStyle], [false, false, false], 'inline script, eval and inline style are refused');
    assert.ok(r.violations.includes('script-src-elem') && r.violations.includes('script-src'), `violations reported: ${r.violations}`);
  });

  test('strings: every function shows what the package returns, with the UTF-8 byte counts', async () => {
    const text = 'Grüße, Ferris 🦀';
    await page.getByLabel('Text', { exact: true }).fill(text);
    const utf8 = (s) => Buffer.byteLength(s);
    for (const [id, fn] of [
      ['greet', greet],
      ['process', processString],
      ['echo', echoSuffix],
      ['upper', asciiUppercase],
    ]) {
      assert.equal(await page.locator(`#out-${id}`).textContent(), fn(text), id);
      assert.equal(await page.locator(`#bytes-${id}`).textContent(), `${utf8(text)} → ${utf8(fn(text))}`);
    }
    assert.match(await page.locator('#last-call').textContent(), /^strings on 20 UTF-8 bytes: wrote \d/);
    await screenshot(page, 'lab-strings', page.locator('#strings'));
  });

  test('XSS: markup typed into greet is shown literally and never runs', async () => {
    const payload = '<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>';
    await page.getByLabel('Text', { exact: true }).fill(payload);
    assert.equal(await page.locator('#out-greet').textContent(), greet(payload));
    assert.equal(await page.locator('#strings img, #strings script').count(), 0);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
  });

  test('arrays: normalize, sumU32, fillDoubles and F32Buffer show the package results', async () => {
    const input = page.getByLabel('Numbers, separated by commas or spaces');
    await input.fill('2 4, 8, 1');
    await page.getByRole('button', { name: 'normalize (copy)' }).click();
    const expected = new Float32Array([2, 4, 8, 1]);
    assert.equal(normalize(expected), true);
    assert.equal(await page.locator('#arrays-result').textContent(), 'true');
    assert.equal(await page.locator('#arrays-after').textContent(), `[${Array.from(expected).join(', ')}]`);

    await page.getByRole('button', { name: 'sumU32 (copy)' }).click();
    assert.equal(await page.locator('#arrays-result').textContent(), String(sumU32(new Uint32Array([2, 4, 8, 1]))));
    await page.getByRole('button', { name: 'fillDoubles (copy)' }).click();
    assert.equal(await page.locator('#arrays-after').textContent(), '[0, 2, 4, 6]');

    await input.fill('4294967295 1');
    await page.getByRole('button', { name: 'sumU32 (copy)' }).click();
    assert.equal(await page.locator('#arrays-result').textContent(), '0', 'wraps modulo 2^32');

    await input.fill('1, 5, 10');
    await page.getByRole('button', { name: 'F32Buffer.normalize (zero-copy)' }).click();
    assert.equal(await page.locator('#arrays-after').textContent(), `[${Array.from(new Float32Array([0.1, 0.5, 1])).join(', ')}]`);
    const call = await page.locator('#arrays-call').textContent();
    const ptr = Number(/at ptr (0x[0-9a-f]{8})/.exec(call)[1]);
    const inMemory = await page.evaluate((p) => Array.from(new Float32Array(window.wasm.memory.buffer, p, 3)), ptr);
    assert.deepEqual(inMemory, Array.from(new Float32Array([0.1, 0.5, 1])), 'the values live in wasm memory at that pointer');
    assert.ok((await page.evaluate(() => window.wasm.inspector.regions)).some((r) => r.owner === 'F32Buffer' && r.ptr === ptr));

    await input.fill('1, two');
    await page.getByRole('button', { name: 'normalize (copy)' }).click();
    assert.equal(await page.locator('#arrays-error').textContent(), 'TypeError: "two" is not a number');
    // Negative and fractional numbers become what a Uint32Array holds, and the note says so.
    await input.fill('-1 2.5');
    await page.getByRole('button', { name: 'sumU32 (copy)' }).click();
    assert.equal(await page.locator('#arrays-result').textContent(), String(sumU32(Uint32Array.from([-1, 2.5]))));
    assert.match(await page.locator('#arrays-note').textContent(), /-1 became 4294967295, 2\.5 became 2\.$/);
    assert.equal(await page.locator('#arrays-error').textContent(), '');
    // A failed call clears the previous call's results.
    await input.fill('1, two');
    await page.getByRole('button', { name: 'sumU32 (copy)' }).click();
    assert.deepEqual(await page.locator('#arrays-result, #arrays-after, #arrays-call').allTextContents(), ['', '', '']);
    // The screenshot shows a call that teaches: the default array through the copy API.
    await input.fill('4, -2, 10, 2.5');
    await page.getByRole('button', { name: 'normalize (copy)' }).click();
    assert.equal(await page.locator('#arrays-error').textContent(), '');
    await screenshot(page, 'lab-arrays', page.locator('#arrays'));
  });

  test('raw ABI walk-through: eight steps, keyboard only, each pointer and length shown, nothing left behind', async () => {
    const blocksBefore = await page.evaluate(() => window.wasm.heapStats().hostBlocks);
    await page.getByLabel('u32 values to sum').fill('3, 1, 4, 1, 5');
    await page.getByLabel('Text for process_string').fill('héllo');
    await page.locator('#walk-next').focus();
    for (let i = 1; i <= 8; i++) {
      assert.equal(await page.locator('#walk-next').textContent(), `Run step ${i}`);
      await page.keyboard.press(i % 2 ? 'Enter' : 'Space');
      await page.waitForFunction((n) => document.querySelectorAll('#walk-log tr').length === n, i);
      assert.equal(await page.locator('#walk-error').textContent(), '', `step ${i}`);
    }
    const rows = await table(page, 'walk-log');
    assert.equal(rows[0][3], '20 bytes');
    assert.match(rows[0][4], new RegExp(`^ptr ${rows[0][2]} \\(${Number(rows[0][2])} in decimal\\)$`));
    assert.equal(rows[2][1], `sum_u32(${rows[0][2]}, 5)`, 'one base for a pointer');
    assert.equal(rows[2][3], '5 elements');
    assert.equal(rows[2][4], String(sumU32(new Uint32Array([3, 1, 4, 1, 5]))));
    assert.equal(rows[3][3], '6 bytes', 'UTF-8 é is two bytes');
    assert.match(rows[5][3], /^out = \{ptr: 0x[0-9a-f]{8}, len: 16\}$/);
    assert.equal(rows[6][4], JSON.stringify(processString('héllo')));
    assert.equal(rows[7][4], 'statuses 0, 0, 0, 0');
    assert.equal(await page.evaluate(() => window.wasm.heapStats().hostBlocks), blocksBefore, 'every block given back');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'walk-reset', 'focus moves on when done');
    await screenshot(page, 'lab-walkthrough', page.locator('#walk'));
    await page.keyboard.press('Enter'); // start over
    assert.equal(await page.locator('#walk-log tr').count(), 0);
  });

  test('walk-through with the frees skipped leaks: live bytes and host blocks stay up', async () => {
    const before = await page.evaluate(() => window.wasm.heapStats());
    await page.getByLabel('Skip the frees in the last step (leak the blocks)').check();
    for (let i = 1; i <= 8; i++) await page.locator('#walk-next').click();
    const after = await page.evaluate(() => window.wasm.heapStats());
    assert.equal(after.hostBlocks, before.hostBlocks + 4);
    assert.ok(after.liveBytes >= before.liveBytes + 20 + 6 + 8 + 16, `${before.liveBytes} → ${after.liveBytes}`);
    assert.equal(await page.locator('#heap-blocks').textContent(), String(after.hostBlocks), 'the inspector shows it');
    await page.getByLabel('Skip the frees in the last step (leak the blocks)').uncheck();
    await page.locator('#walk-reset').click();
  });

  test('pitfalls: a leak climbs, a double free is refused with -7, a MemoryView survives growth', async () => {
    const before = await page.evaluate(() => window.wasm.heapStats().liveBytes);
    await page.getByRole('button', { name: 'Allocate and forget 4 KiB' }).click();
    await page.getByRole('button', { name: 'Allocate and forget 4 KiB' }).click();
    assert.match(await page.locator('#leaked').textContent(), /^8\.0 KiB in 2 blocks/);
    const after = await page.evaluate(() => window.wasm.heapStats().liveBytes);
    // 8 KiB leaked, plus the registry's record of the two blocks.
    assert.ok(after - before >= 8192 && after - before < 8192 + 256, `live bytes ${before} → ${after}`);
    assert.match(await page.locator('#heap-live').textContent(), new RegExp(`^${(after / 1024).toFixed(1)} KiB in`));

    await page.getByRole('button', { name: 'Allocate, free, free again' }).click();
    assert.match(
      await page.locator('#double-free-result').textContent(),
      /first dealloc → 0 \(OK\); second dealloc → refused with status -7 \(NotOwnedError\)/,
    );

    const pages = await page.evaluate(() => window.wasm.memory.buffer.byteLength / 65536);
    await page.getByRole('button', { name: 'Write, grow, read' }).click();
    const text = await page.locator('#grow-view-result').textContent();
    assert.match(text, /The plain Uint32Array is detached: length 0, every read undefined\./);
    assert.match(text, /The MemoryView rebuilt itself: \[42, 2, 3, 4\]/);
    assert.match(await page.locator('#growth li').first().textContent(), new RegExp(`^memory\\.grow\\(1\\): ${pages} → ${pages + 1} pages`));
    assert.equal(await page.locator('#ownership-error').textContent(), '');
  });

  test('inspector: the hex dump shows the bytes at an address, the map and the last write', async () => {
    await page.getByLabel('Text', { exact: true }).fill('inspect me');
    const written = await page.evaluate(() => window.wasm.inspector.written);
    assert.ok(written.length > 0, 'the last call wrote something');
    const at = written[0].start;
    await page.getByLabel('Address (decimal or 0x…)').fill(`0x${at.toString(16)}`);
    await page.getByLabel('Address (decimal or 0x…)').press('Enter');
    const line = (await page.locator('#hex').textContent()).split('\n').find((l) => l.startsWith(`0x${(at - (at % 16)).toString(16).padStart(8, '0')}`));
    const bytes = await page.evaluate(
      (a) => Array.from(new Uint8Array(window.wasm.memory.buffer, a - (a % 16), 16), (b) => b.toString(16).padStart(2, '0')),
      at,
    );
    assert.equal(
      line
        .slice(12, 12 + 16 * 3 + 1)
        .replace(/\s+/g, ' ')
        .trim(),
      bytes.join(' '),
    );
    assert.ok((await page.locator('#hex mark.written').count()) > 0, 'written bytes are highlighted');
    assert.match(await page.locator('#mem-size').textContent(), /^\d+\.\d+ MiB = \d+ pages of 64 KiB$/);
    const painted = await page.locator('#heap-map').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let orange = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] === 234 && d[i + 1] === 88) orange++;
      return orange;
    });
    assert.ok(painted > 0, 'the map paints the written bytes');
    await page.getByLabel('Address (decimal or 0x…)').fill('0xzz');
    await page.getByLabel('Address (decimal or 0x…)').press('Enter');
    assert.equal(await page.locator('#inspector-error').textContent(), 'TypeError: "0xzz" is not an address: use decimal or 0x… hex');
    await page.getByLabel('Address (decimal or 0x…)').fill('99999999999');
    await page.getByLabel('Address (decimal or 0x…)').press('Enter');
    assert.match(await page.locator('#inspector-error').textContent(), /^RangeError: address 99999999999 is outside memory/);
    assert.equal(typeof (await page.evaluate(() => window.wasm.bytes(0, 4))), 'string', 'window.wasm is the debug handle');
    // Back to a real address (the first written range) for the screenshot.
    await page.getByLabel('Address (decimal or 0x…)').fill(`0x${at.toString(16)}`);
    await page.getByLabel('Address (decimal or 0x…)').press('Enter');
    assert.equal(await page.locator('#inspector-error').textContent(), '');
    await screenshot(page, 'lab-inspector', page.locator('#inspector'));
  });

  test('your module: any .wasm is read, shown and, when its imports allow, instantiated and called; bad files get a message', async () => {
    const h = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
    // Hand-assembled modules: add(i32, i32) with a memory; one that imports a
    // function; one whose start function traps.
    const add = [
      ...h,
      1,
      7,
      1,
      0x60,
      2,
      0x7f,
      0x7f,
      1,
      0x7f,
      3,
      2,
      1,
      0,
      5,
      3,
      1,
      0,
      1,
      7,
      16,
      2,
      3,
      0x61,
      0x64,
      0x64,
      0,
      0,
      6,
      0x6d,
      0x65,
      0x6d,
      0x6f,
      0x72,
      0x79,
      2,
      0,
      10,
      9,
      1,
      7,
      0,
      0x20,
      0,
      0x20,
      1,
      0x6a,
      0x0b,
    ];
    const imports = [...h, 1, 4, 1, 0x60, 0, 0, 2, 9, 1, 3, 0x65, 0x6e, 0x76, 1, 0x66, 0, 0];
    const trap = [...h, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 8, 1, 0, 10, 5, 1, 3, 0, 0, 0x0b];
    const open = async (name, buffer) => {
      const before = Number(await page.evaluate(() => document.body.dataset.yours ?? 0));
      await page.setInputFiles('#wasm-file', typeof buffer === 'string' ? buffer : { name, mimeType: 'application/wasm', buffer: Buffer.from(buffer) });
      await page.waitForFunction((n) => Number(document.body.dataset.yours ?? 0) > n, before);
      return {
        error: await page.locator('#yours-error').textContent(),
        instance: await page.locator('#yours-instance').textContent(),
      };
    };
    const call = async (name, args) => {
      await page.locator('#call-name').selectOption(name);
      await page.locator('#call-args').fill(args);
      await page.getByRole('button', { name: 'Call', exact: true }).click();
      await page.waitForFunction(() => document.getElementById('call-result').textContent || document.getElementById('call-error').textContent);
      return (await page.locator('#call-result').textContent()) || (await page.locator('#call-error').textContent());
    };

    // A module built with the kit: its exports, a call, a block written and freed.
    let r = await open('histogram.wasm', readFileSync(join(root, 'examples', 'histogram', 'dist', 'histogram.wasm')));
    assert.equal(r.error, '');
    assert.match(r.instance, /^instantiated \(kit \d+\.\d+\.\d+, ABI 1\)$/);
    assert.equal(await page.locator('#yours-kit').textContent(), 'yes (it exports rwm_kit_handshake)');
    const exports = await table(page, 'yours-exports');
    assert.ok(
      exports.some((row) => row.join('|') === 'histogram|func|(i32, i32, f32, f32, i32, i32, i32) → (i32)'),
      'the export and its signature',
    );
    assert.deepEqual((await table(page, 'yours-imports')).slice(1), [['none', '', '']]);
    assert.ok((await table(page, 'yours-data')).length > 1, 'data segments listed');
    assert.equal(await call('histogram', '0, 0, 0, 1, 0, 0, 0'), 'histogram(0, 0, 0, 1, 0, 0, 0) = -1', 'a null pointer is refused with -1');
    await page.locator('#block-text').fill('hello, module');
    await page.getByRole('button', { name: 'Allocate and write' }).click();
    await page.waitForSelector('#block-list li');
    assert.match(await page.locator('#block-list li').first().textContent(), /^0x[0-9a-f]{8}, 13 bytes: "hello, module" Free$/);
    assert.equal(await page.locator('#yours-inspector .rwm-inspector-heap-blocks').textContent(), '1');
    // Its map: the module's own stack, static data and heap, and the block just written.
    const map = await page.evaluate(() => {
      const c = window.wasm.yours.current;
      return { layout: c.description.layout, regions: c.inspector.map.regions, blocks: c.inspector.map.blocks, list: c.kit.hostBlockList() };
    });
    assert.deepEqual(
      map.regions.map((r) => [r.name, r.start]),
      [
        ['stack', 0],
        ['static', map.layout.data.start],
        ['heap', map.layout.heapBase],
      ],
    );
    assert.deepEqual(
      map.blocks.map((x) => [x.ptr, x.size, x.kind]),
      map.list.map((x) => [x.ptr, x.size, 'host']),
    );
    assert.match(await page.locator('#yours-inspector .rwm-inspector-last-call').textContent(), /^alloc \+ write "hello, module": wrote/);
    await screenshot(page, 'lab-yours', page.locator('#yours'));
    await page.locator('#block-list button').click();
    await page.waitForFunction(() => !document.querySelector('#block-list li'));
    assert.equal(await page.locator('#yours-inspector .rwm-inspector-heap-blocks').textContent(), '0');

    // A plain module: called with numbers; a wrong argument count is refused.
    r = await open('add.wasm', add);
    assert.deepEqual(r, { error: '', instance: 'instantiated' });
    assert.equal(await page.locator('#yours-kit').textContent(), 'no');
    assert.equal(await call('add', '2, 3'), 'add(2, 3) = 5');
    assert.equal(await call('add', '2'), 'TypeError: add takes 2 arguments (i32, i32), got 1');

    // Bad files: each a message, and the page goes on working.
    r = await open('notes.wasm', [...Buffer.from('just some text')]);
    assert.match(r.error, /^TypeError: not a valid WebAssembly module: not a WebAssembly file: it does not start with the bytes 00 61 73 6d/);
    r = await open('truncated.wasm', readFileSync(join(root, 'pkg', 'raw', 'raw.wasm')).subarray(0, 2000));
    assert.match(r.error, /^TypeError: not a valid WebAssembly module: unexpected end-of-file \(at offset 0x[0-9a-f]+\)$/);
    const big = join(mkdtempSync(join(tmpdir(), 'rwm-big-')), 'big.wasm');
    writeFileSync(big, Buffer.alloc(100 * 1024 * 1024));
    r = await open('big.wasm', big);
    assert.equal(r.error, 'RangeError: big.wasm is 100.00 MiB; the lab opens modules up to 32.00 MiB');
    rmSync(dirname(big), { recursive: true, force: true });
    r = await open('imports.wasm', imports);
    assert.deepEqual(r, { error: '', instance: 'not instantiated: it imports env.f (func), and the lab can provide only memories' });
    r = await open('trap.wasm', trap);
    assert.deepEqual(r, { error: '', instance: 'not instantiated: its start function trapped (unreachable)' });
    r = await open('add.wasm', add);
    assert.equal(await call('add', '20, 22'), 'add(20, 22) = 42', 'still working');
  });

  test('every control has a label or an accessible name', async () => {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, button, select, textarea, progress')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
        .map((el) => el.id || el.outerHTML),
    );
    assert.deepEqual(unnamed, []);
  });

  test('benchmark: runs in the page with progress, a table and one chart per kernel', async () => {
    await page.getByRole('button', { name: 'Run the benchmark' }).click();
    await page.waitForSelector('body[data-bench-done="true"]', { timeout: 240000 });
    assert.equal(await page.locator('#bench-progress').evaluate((p) => p.value), 1);
    const rows = await table(page, 'bench-rows');
    assert.equal(rows.length, 9);
    const baselines = BASELINES.normalize.concat(BASELINES.sum_u32, BASELINES.fill_doubles).map((b) => b.name);
    for (const r of rows) {
      assert.ok(
        r.slice(2, 6).every((c) => /^\d+(\.\d+)? (ns|µs|ms)$/.test(c)),
        `timings in ${r}`,
      );
      assert.ok(baselines.includes(r[6]), `the fastest JS baseline named in ${r}`);
    }
    assert.equal(await page.locator('#bench-charts canvas').count(), 3);
    assert.equal(await page.locator('#bench-error').textContent(), '');
    await screenshot(page, 'lab-bench', page.locator('#bench'));
  });

  test('the page logged no errors', () => {
    // The CSP test provokes three violations on purpose; nothing else may log.
    const other = page.errors.filter((e) => !/Content Security Policy|EvalError/.test(e.message));
    assert.deepEqual(other, []);
  });
});

describe('the static build (npm run build:www) from a plain file server', () => {
  let dir;
  let server;
  let browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rwm-www-'));
    await build({ configFile: join(root, 'www', 'vite.config.js'), logLevel: 'silent', build: { outDir: join(dir, 'some', 'path'), emptyOutDir: true } });
    copyFileSync(join(root, 'tests', 'browser', 'csp-probe.js'), join(dir, 'some', 'path', 'csp-probe.js'));
    server = await serveStatic(dir);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads from a sub-path with the meta CSP enforced, and computes', async () => {
    const page = await browser.newPage();
    // What the page transfers, compressed as a server would send it.
    const transferred = new Map();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname.replace(/^\/some\/path\//, '');
      if (r.status() === 200) transferred.set(path, gzipSync(readFileSync(join(dir, 'some', 'path', path || 'index.html'))).length);
    });
    const response = await page.goto(`${server.url}some/path/`);
    assert.equal(response.headers()['content-security-policy'], undefined, 'no header: the meta tag does the work');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    const total = [...transferred.values()].reduce((a, b) => a + b, 0);
    assert.ok(transferred.size >= 4, `the page, its script, style and wasm: ${[...transferred.keys()]}`);
    assert.ok(total <= 300 * 1000, `the lab transfers ${total} bytes gzip (at most 300 KB): ${JSON.stringify(Object.fromEntries(transferred))}`);
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), CSP);
    await page.getByLabel('Text', { exact: true }).fill('static');
    assert.equal(await page.locator('#out-process').textContent(), processString('static'));
    // The bundled inspect.wasm reads a dropped module from the sub-path too.
    await page.setInputFiles('#wasm-file', {
      name: 'histogram.wasm',
      mimeType: 'application/wasm',
      buffer: readFileSync(join(root, 'examples', 'histogram', 'dist', 'histogram.wasm')),
    });
    await page.waitForSelector('body[data-yours="1"]');
    assert.equal(await page.locator('#yours-error').textContent(), '');
    assert.match(await page.locator('#yours-instance').textContent(), /^instantiated \(kit /);
    const r = await cspBlocks(page, './csp-probe.js');
    assert.deepEqual([r.inline, r.evalRan, r.inlineStyle], [false, false, false], 'inline script, eval and inline style are refused');
    const other = page.errors.filter((e) => !/Content Security Policy|EvalError/.test(e.message));
    assert.deepEqual(other, []);
  });
});
