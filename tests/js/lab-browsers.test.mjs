// The memory lab's pictures and experiments, in headless Chromium
// (playwright-core) and the system's Firefox ESR (puppeteer-core over
// WebDriver BiDi; nothing is downloaded), on the dev server `npm run demo`
// starts. The checks use only goto, evaluate and screenshot, so the same
// code runs in both browsers: the labelled memory map against what
// inspect.wasm reads from the module and what the registry lists, clicking
// a block, the four diagrams against the bytes in wasm memory, every
// pitfall card, the concepts box and its path, the defaults on the first
// click, the CSP, the XSS case and axe-core's accessibility rules.
// Screenshots go to target/screenshots/ (UPDATE_SCREENSHOTS=1: to docs/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { greet, normalize, sumU32 } from 'rust-wasm-memory';
import { CSP } from '../../www/csp.js';
import { startDemo } from '../../www/server.mjs';
import { launchChromium } from './support/browser.mjs';
import { freePort } from './support/ports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, process.env.UPDATE_SCREENSHOTS ? 'docs' : 'target/screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));

/**
 * The driver the checks use: playwright's and puppeteer's pages agree on
 * goto, evaluate and screenshot.
 * @param {any} page
 * @param {() => Error[]} errors
 * @param {() => Promise<void>} close
 */
const driver = (page, errors, close) => ({
  page,
  errors,
  async goto(url) {
    const r = await page.goto(url);
    return r.headers();
  },
  evaluate: (fn, arg) => page.evaluate(fn, arg),
  screenshot: (path) => page.screenshot({ path }),
  close,
});

/** Chromium through playwright-core, as the other lab tests drive it. */
async function chromium() {
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  return driver(
    page,
    () => page.errors,
    () => browser.close(),
  );
}

/** Firefox ESR through puppeteer-core over WebDriver BiDi. */
async function firefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(new Error(m.text()));
  });
  return driver(
    page,
    () => errors,
    () => browser.close(),
  );
}

/** Polls `fn(arg)` in the page until it returns a truthy value. */
async function until(b, fn, arg, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await b.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${fn}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Clicks the element with `id` in the page and waits for its handlers' async work. */
async function click(b, id) {
  await b.evaluate((id) => document.getElementById(id).click(), id);
  await new Promise((r) => setTimeout(r, 150));
}

/** Types `text` into the strings panel's input, as a person would (an input event). */
async function typeText(b, text) {
  await b.evaluate((t) => {
    const input = document.getElementById('text');
    input.value = t;
    input.dispatchEvent(new Event('input'));
  }, text);
  await new Promise((r) => setTimeout(r, 200));
}

for (const [name, launch] of [
  ['chromium', chromium],
  ['firefox', firefox],
]) {
  describe(`the memory lab in ${name}`, { skip: name === 'firefox' && !FIREFOX ? 'no Firefox: run scripts/setup.sh test' : false }, () => {
    let demo;
    let b;
    let headers;

    before(async () => {
      demo = await startDemo({ port: await freePort(), logLevel: 'silent' });
      b = await launch();
      headers = await b.goto(demo.url);
      await until(b, () => document.body.dataset.ready === 'true');
    });

    after(async () => {
      await b?.close();
      await demo?.close();
    });

    test('the defaults work on the first click, a negative number included', async () => {
      const numbers = await b.evaluate(() => document.getElementById('numbers').value);
      assert.match(numbers, /-\d/, 'the default array has a negative number');
      const values = numbers.split(/[\s,]+/).map(Number);
      const f = new Float32Array(values);
      normalize(f);
      // The page ran normalize on load; now each button once.
      assert.equal(await b.evaluate(() => document.getElementById('arrays-after').textContent), `[${Array.from(f).join(', ')}]`);
      await click(b, 'do-sum');
      assert.equal(await b.evaluate(() => document.getElementById('arrays-result').textContent), String(sumU32(Uint32Array.from(values))));
      await click(b, 'do-fill');
      await click(b, 'do-buffer');
      assert.equal(await b.evaluate(() => document.getElementById('arrays-error').textContent), '');
      const text = await b.evaluate(() => document.getElementById('text').value);
      assert.equal(await b.evaluate(() => document.getElementById('out-greet').textContent), greet(text));
    });

    test('the map labels the stack, static data and heap where inspect.wasm reads them, with addresses', async () => {
      const { layout, map, size, regionsText } = await b.evaluate(() => ({
        layout: window.wasm.description.layout,
        map: window.wasm.inspector.map,
        size: window.wasm.memory.buffer.byteLength,
        regionsText: document.getElementById('mem-regions').textContent,
      }));
      assert.deepEqual(
        map.regions.map((r) => r.name),
        ['stack', 'static', 'heap'],
      );
      const [stack, data, heap] = map.regions;
      assert.deepEqual([stack.start, stack.end], [layout.stack.start, layout.stack.end]);
      assert.equal(data.start, layout.data.start);
      assert.equal(heap.start, layout.heapBase);
      assert.equal(heap.end, size);
      assert.ok(heap.width > stack.width + data.width, 'the heap gets the space');
      assert.equal(map.stackPointer, layout.stack.end, 'the stack pointer between calls: at the top of the stack');
      assert.equal(map.stackPointerLive, false, 'the package module does not export its stack pointer');
      assert.match(regionsText, /stack pointer 0x00100000 \(its initial value, where it rests between calls; the module does not export it\)/);
      assert.equal(map.detail.start, layout.heapBase, 'the rows show the heap');
      assert.ok(regionsText.includes(`heap 0x${layout.heapBase.toString(16).padStart(8, '0')}`), regionsText);
    });

    test('every host block the registry lists is on the map with its owner, and clicking it shows its bytes', async () => {
      await click(b, 'leak');
      const r = await b.evaluate(() => {
        const listed = window.wasm.raw.hostBlockList();
        const map = window.wasm.inspector.map;
        return { listed, blocks: map.blocks.map((x) => ({ ptr: x.ptr, size: x.size, owner: x.owner, kind: x.kind, cells: x.cells })), detail: map.detail };
      });
      for (const l of r.listed)
        assert.ok(
          r.blocks.some((x) => x.ptr === l.ptr && x.size === l.size && x.kind === 'host'),
          `block ${l.ptr} drawn`,
        );
      const leak = r.blocks.find((x) => x.owner.startsWith('leak '));
      assert.ok(leak, 'the leaked block carries the page owner name');
      assert.equal(leak.size, 4096);
      // Click the middle of its first cell, in page coordinates.
      const shown = await b.evaluate(
        ({ cell, detail }) => {
          const canvas = document.getElementById('heap-map');
          const box = canvas.getBoundingClientRect();
          const sx = box.width / canvas.width;
          const sy = box.height / canvas.height;
          const x = box.left + (cell.x + cell.width / 2) * sx;
          const y = box.top + (detail.y + cell.row * detail.rowHeight + detail.rowHeight / 2) * sy;
          canvas.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
          return document.getElementById('hex-addr').value;
        },
        { cell: leak.cells[0], detail: r.detail },
      );
      assert.equal(shown, `0x${leak.ptr.toString(16).padStart(8, '0')}`, 'the dump jumped to the block');
      const items = await b.evaluate(() => Array.from(document.querySelectorAll('#blocks button'), (x) => x.textContent));
      assert.ok(
        items.some((t) => t.startsWith(`0x${leak.ptr.toString(16).padStart(8, '0')} · 4.0 KiB · leak`)),
        items.join('\n'),
      );
    });

    test('growth: the growth event is listed and the added memory is marked on the map', async () => {
      const pages = await b.evaluate(() => window.wasm.memory.buffer.byteLength / 65536);
      await click(b, 'grow-view');
      const r = await b.evaluate(() => ({ growth: document.querySelector('#growth li').textContent, end: window.wasm.inspector.map.detail.end }));
      assert.match(r.growth, new RegExp(`^memory\\.grow\\(1\\): ${pages} → ${pages + 1} pages`));
      assert.equal(r.end, (pages + 1) * 65536);
      // The added page flashes, then fades back to the heap's colour.
      const pixel = () =>
        b.evaluate((from) => {
          const d = window.wasm.inspector.map.detail;
          const at = from - d.start + 4 * d.bytesPerPixel;
          const x = d.gutter + Math.floor((at % d.rowBytes) / d.bytesPerPixel);
          const y = d.y + Math.floor(at / d.rowBytes) * d.rowHeight + 1;
          return Array.from(document.getElementById('heap-map').getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3));
        }, pages * 65536);
      const during = await pixel();
      assert.ok(during[2] < 200, `the new page is drawn in the flash colour: rgb(${during})`);
      await new Promise((r) => setTimeout(r, 1800));
      assert.deepEqual(await pixel(), [220, 252, 231], 'and fades back to the heap colour');
    });

    test('the hex dump never clips: every line fits its box', async () => {
      const over = await b.evaluate(() => {
        const pre = document.getElementById('hex');
        return pre.scrollWidth - pre.clientWidth;
      });
      assert.ok(over <= 0, `the dump is ${over} px wider than its box`);
    });

    test('diagrams: UTF-16 units over the UTF-8 bytes read from wasm memory', async () => {
      const text = 'héllo 🦀 世界';
      await typeText(b, text);
      const d = await b.evaluate(() => ({ ...document.getElementById('diagram-utf').dataset, svg: document.querySelector('#diagram-utf svg') !== null }));
      const utf8 = Buffer.from(text);
      assert.equal(d.svg, true);
      assert.equal(Number(d.units), text.length);
      assert.equal(Number(d.bytes), utf8.length);
      assert.equal(d.hex, Array.from(utf8, (x) => x.toString(16).padStart(2, '0')).join(' '));
    });

    test('diagrams: the copy path and the bytes-vs-elements picture point at the array in wasm memory', async () => {
      await b.evaluate(() => {
        document.getElementById('numbers').value = '3, -1.5, 8, 0.25';
      });
      await click(b, 'do-normalize');
      const d = await b.evaluate(() => {
        const copy = document.getElementById('diagram-copy').dataset;
        const el = document.getElementById('diagram-elements').dataset;
        const ptr = Number(copy.ptr);
        return { copy: { ...copy }, el: { ...el }, inMemory: Array.from(new Float32Array(window.wasm.memory.buffer, ptr, 4)) };
      });
      const f = new Float32Array([3, -1.5, 8, 0.25]);
      normalize(f);
      assert.equal(d.copy.mode, 'copy');
      assert.equal(d.copy.copied, '32', 'copied in and out: 2 × 16 bytes');
      assert.deepEqual(d.inMemory, Array.from(f), 'the pictured address holds the array');
      assert.deepEqual([d.el.ptr, d.el.len, d.el.size], [d.copy.ptr, '4', '4']);
      await click(b, 'do-sum');
      assert.equal(await b.evaluate(() => document.getElementById('diagram-copy').dataset.copied), '16', 'sumU32 reads a & slice: copied in only');
      await click(b, 'do-buffer');
      const z = await b.evaluate(() => ({ ...document.getElementById('diagram-copy').dataset }));
      assert.equal(z.mode, 'zero-copy');
      assert.equal(z.copied, '0');
    });

    test('diagrams: the out-param record points at the result buffer', async () => {
      await b.evaluate(() => document.getElementById('walk-reset').click());
      for (let i = 0; i < 6; i++) await click(b, 'walk-next');
      const d = await b.evaluate(() => {
        const ds = document.getElementById('diagram-out').dataset;
        const [ptr, len] = new Uint32Array(window.wasm.memory.buffer, Number(ds.meta), 2);
        return { ds: { ...ds }, ptr, len };
      });
      assert.equal(Number(d.ds.ptr), d.ptr, 'the record at meta holds ptr');
      assert.equal(Number(d.ds.len), d.len, 'and len');
      for (let i = 0; i < 2; i++) await click(b, 'walk-next');
      assert.equal(await b.evaluate(() => document.getElementById('walk-error').textContent), '');
    });

    test('pitfalls: each card shows the wrong way caught and the right way working', async () => {
      const expect = {
        'pit-elements': [/Refused with status -7 \(NotOwnedError\)/, /Sum 14, status 0 \(OK\)/],
        'double-free': [/second dealloc → refused with status -7 \(NotOwnedError\)/, /throws UseAfterFreeError/],
        'wrong-length': [/refused with status -8 \(WrongLengthError\)/, /→ 0 \(OK\)/],
        'use-after-free': [/view\(\): UseAfterFreeError/, /view\(\) = \[1, 2, 3\]/],
        'never-shrinks': [/wasm memory never shrinks/, /./],
        'grow-view': [/detached: length 0/, /\[42, 2, 3, 4\]/],
      };
      for (const [id, [wrong, right]] of Object.entries(expect)) {
        await click(b, id);
        const [w, r] = await until(
          b,
          (id) => {
            const ps = document.querySelectorAll(`#${id}-result p`);
            return ps.length === 2 && [ps[0].textContent, ps[1].textContent];
          },
          id,
        );
        assert.match(w, /^✗ /);
        assert.match(w, wrong, id);
        assert.match(r, /^✓ /);
        assert.match(r, right, id);
      }
      const pics = await b.evaluate(() => ({
        memory: { ...document.getElementById('diagram-memory').dataset },
        view: { ...document.getElementById('diagram-view').dataset },
        stats: window.wasm.heapStats(),
      }));
      const [m0, m1, m2] = pics.memory.memory.split(' ').map(Number);
      const [l0, l1, l2] = pics.memory.live.split(' ').map(Number);
      assert.ok(m1 > m0 && m2 === m1 && pics.stats.memoryBytes >= m2, `memory bars ${pics.memory.memory}`);
      assert.ok(l1 >= l0 + 8_000_000 && l2 < l1, `live bars ${pics.memory.live}`);
      assert.equal(pics.view.plainAfter, '0');
      const shrink = await b.evaluate(() => document.getElementById('never-shrinks-result').textContent);
      const [, before, during, afterFree] = /Memory ([\d.]+ [KM]iB) → ([\d.]+ [KM]iB) → ([\d.]+ [KM]iB)/.exec(shrink);
      assert.notEqual(before, during, 'memory grew');
      assert.equal(during, afterFree, 'and stayed');
      assert.equal(await b.evaluate(() => document.getElementById('ownership-error').textContent), '');
      if (name === 'chromium') await b.page.locator('#ownership').screenshot({ path: join(shots, 'lab-pitfalls.png') });
    });

    test('your module: a kit module is read, instantiated, called, and its map is labelled from its own layout', async () => {
      const bytes = [...readFileSync(join(root, 'examples', 'histogram', 'dist', 'histogram.wasm'))];
      const r = await b.evaluate(async (bytes) => {
        await window.wasm.yours.open(new File([new Uint8Array(bytes)], 'histogram.wasm', { type: 'application/wasm' }));
        const c = window.wasm.yours.current;
        return {
          error: document.getElementById('yours-error').textContent,
          instance: document.getElementById('yours-instance').textContent,
          exports: Array.from(document.querySelectorAll('#yours-exports tbody tr'), (tr) => tr.cells[0].textContent),
          layout: c.description.layout,
          regions: c.inspector.map.regions.map((x) => [x.name, x.start]),
        };
      }, bytes);
      assert.equal(r.error, '');
      assert.match(r.instance, /^instantiated \(kit \d+\.\d+\.\d+, ABI 1\)$/);
      assert.ok(r.exports.includes('histogram'), r.exports.join(', '));
      assert.deepEqual(r.regions, [
        ['stack', 0],
        ['static', r.layout.data.start],
        ['heap', r.layout.heapBase],
      ]);
      await b.evaluate(() => {
        document.getElementById('block-text').value = 'hello, module';
        document.querySelector('#block-form button').click();
      });
      const block = await until(b, () => document.querySelector('#block-list li')?.textContent);
      assert.match(block, /^0x[0-9a-f]{8}, 13 bytes: "hello, module" Free$/);
      const drawn = await b.evaluate(() => window.wasm.yours.current.inspector.map.blocks.map((x) => [x.size, x.kind]));
      assert.deepEqual(drawn, [[13, 'host']]);
    });

    // In Chromium, demo.test.mjs runs the benchmark panel already.
    if (name === 'firefox')
      test('benchmark: the quick run fills the table and the charts', async () => {
        await click(b, 'bench-run');
        await until(b, () => document.body.dataset.benchDone === 'true', undefined, 240000);
        const r = await b.evaluate(() => ({
          rows: Array.from(document.querySelectorAll('#bench-rows tr'), (tr) => Array.from(tr.cells, (c) => c.textContent)),
          charts: document.querySelectorAll('#bench-charts canvas').length,
          error: document.getElementById('bench-error').textContent,
        }));
        assert.equal(r.rows.length, 9);
        for (const row of r.rows)
          assert.ok(
            row.slice(2, 6).every((c) => /^\d+(\.\d+)? (ns|µs|ms)$/.test(c)),
            `timings in ${row}`,
          );
        assert.equal(r.charts, 3);
        assert.equal(r.error, '');
      });

    test('the concepts box has five ideas and a start-here path through the panels in order', async () => {
      const r = await b.evaluate(() => ({
        ideas: document.querySelectorAll('#concepts .concepts li').length,
        path: Array.from(document.querySelectorAll('#concepts p a'), (a) => a.getAttribute('href')),
        exist: Array.from(document.querySelectorAll('#concepts p a'), (a) => document.querySelector(a.getAttribute('href')) !== null),
      }));
      assert.equal(r.ideas, 5);
      assert.deepEqual(r.path, ['#strings', '#arrays', '#walk', '#ownership', '#yours']);
      assert.ok(r.exist.every(Boolean));
    });

    test('CSP: the header is sent and markup typed into greet stays text', async () => {
      assert.equal(headers['content-security-policy'], CSP);
      const payload = '<img src=x onerror="document.body.dataset.pwned=1">';
      await typeText(b, payload);
      const r = await b.evaluate(() => ({
        out: document.getElementById('out-greet').textContent,
        imgs: document.querySelectorAll('#strings img').length,
        pwned: document.body.dataset.pwned ?? null,
      }));
      assert.deepEqual(r, { out: greet(payload), imgs: 0, pwned: null });
    });

    test('axe-core finds no WCAG 2 A/AA violations', async () => {
      // Injected through the driver, which the page's CSP does not govern.
      await b.evaluate(axeSource);
      const violations = await b.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, []);
    });

    test('the heap at start is explained with its numbers', async () => {
      // The same module, started fresh in Node, makes the same allocations.
      const fresh = JSON.parse(
        execFileSync(
          process.execPath,
          ['--input-type=module', '-e', "import { heapStats } from 'rust-wasm-memory'; console.log(JSON.stringify(heapStats()))"],
          { cwd: root, encoding: 'utf8' },
        ),
      );
      assert.deepEqual([fresh.liveBytes, fresh.liveAllocations], [516, 2]);
      const text = await b.evaluate(() => document.getElementById('heap-at-start').textContent);
      assert.match(
        text,
        /^516 B in 2 allocations before this page made any call: wasm-bindgen's table of slots for JS values the module holds \(128 slots × 4 B = 512 B\) and the boxed panic hook the start function installs \(4 B\)\.$/,
      );
    });

    test('screenshots in states that teach, and the page logged no errors', async () => {
      // The hero, on a fresh page (memory at its starting size, so blocks
      // are wide on the map): emoji and CJK text over its UTF-8 bytes, a
      // leaked block selected on the map with its bytes in the dump.
      await b.goto(demo.url);
      await until(b, () => document.body.dataset.ready === 'true');
      await typeText(b, 'Ferris 🦀 世界');
      await click(b, 'leak');
      await click(b, 'do-buffer');
      await b.evaluate(() => {
        const leak = [...document.querySelectorAll('#blocks button')].find((x) => x.textContent.includes('leak'));
        leak.click();
        window.scrollTo(0, 0);
      });
      await new Promise((r) => setTimeout(r, 300));
      const file = name === 'chromium' ? 'lab.png' : `lab-${name}.png`;
      await b.screenshot(join(shots, file));
      if (name === 'chromium') await b.page.locator('#inspector').screenshot({ path: join(shots, 'lab-map.png') });
      const png = readFileSync(join(shots, file));
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.deepEqual(
        b.errors().map((e) => e.message),
        [],
      );
    });
  });
}
