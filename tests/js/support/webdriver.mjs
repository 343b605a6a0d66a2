// A minimal W3C WebDriver client for the system's headless Chromium
// (chromedriver) and Firefox (geckodriver): start the driver on a free port,
// open a session, navigate, run scripts, quit. Enough to run in-page test
// suites in both browsers with the same code path.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { freePort } from './ports.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function capabilities(browser, profile) {
  if (browser === 'firefox') {
    const binary = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));
    return { browserName: 'firefox', 'moz:firefoxOptions': { ...(binary && { binary }), args: ['-headless'] } };
  }
  return {
    browserName: 'chrome',
    'goog:chromeOptions': {
      binary: CHROMIUM,
      // --expose-gc: the finalizer suite forces collections.
      args: ['--headless=new', ...CHROMIUM_ARGS, '--js-flags=--expose-gc', `--user-data-dir=${profile}`],
    },
  };
}

/** Runs `fn(session)` with a fresh browser session; always cleans up. */
export async function withBrowser(browser, fn) {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), `rwm-${browser}-`));
  const [cmd, args] = browser === 'firefox' ? ['geckodriver', ['--host', '127.0.0.1', '--port', String(port)]] : ['chromedriver', [`--port=${port}`]];
  const driver = spawn(cmd, args, { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await call('GET', '/status')).ready) break;
      } catch (e) {
        if (i > 200) throw new Error(`${cmd} did not start: ${e.message}`);
      }
      await sleep(100);
    }
    const { sessionId } = await call('POST', '/session', { capabilities: { alwaysMatch: capabilities(browser, profile) } });
    const s = `/session/${sessionId}`;
    const session = {
      goto: (url) => call('POST', `${s}/url`, { url }),
      execute: (script, args = []) => call('POST', `${s}/execute/sync`, { script, args }),
      /** Resizes the window (headless browsers start small). */
      resize: (width, height) => call('POST', `${s}/window/rect`, { width, height }),
      /** A PNG of the viewport. */
      screenshot: async () => Buffer.from(await call('GET', `${s}/screenshot`), 'base64'),
      /** Polls `script` until it returns non-null. */
      async waitFor(script, { timeoutMs = 300000, intervalMs = 250 } = {}) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const value = await session.execute(script);
          if (value !== null && value !== undefined) return value;
          if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${script}`);
          await sleep(intervalMs);
        }
      },
    };
    try {
      return await fn(session);
    } finally {
      await call('DELETE', s).catch(() => {});
    }
  } finally {
    driver.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}
