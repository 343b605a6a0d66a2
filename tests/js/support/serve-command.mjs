// Starts a command that serves something and prints its URL (`npm run
// demo`, `npx rust-wasm-memory-lab`), waits for the URL that `pattern`
// captures, and stops the whole process group on `stop()`.
import { spawn } from 'node:child_process';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, pattern: RegExp, seconds: number }} options
 * @returns {Promise<{ url: string, output: () => string, stop: () => void }>}
 */
export async function serveCommand(command, args, { cwd, env = process.env, pattern, seconds }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const stop = () => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
    } catch {}
  };
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command}: no URL within ${seconds} s:\n${output}`)), seconds * 1000);
      const read = (/** @type {Buffer} */ data) => {
        output += data;
        const m = pattern.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${command} exited ${code}:\n${output}`));
      });
    });
    return { url, output: () => output, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
