// The demo page's script: reads the inputs, calls the package, and writes
// every result with textContent (never innerHTML), so whatever is typed is
// shown literally.
import init, { greet, normalize } from 'rust-wasm-memory';

const $ = (id) => document.getElementById(id);

function showError(error) {
  $('error').textContent = error ? `${error.name}: ${error.message}` : '';
}

function runGreet() {
  try {
    $('greeting').textContent = greet($('name').value);
    showError(null);
  } catch (e) {
    showError(e);
  }
}

/** Parses "1, 5 10" into numbers; reports the first token that is not one. */
function parseNumbers(text) {
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  const bad = tokens.find((t) => Number.isNaN(Number(t)) && t.toLowerCase() !== 'nan');
  if (bad !== undefined) throw new TypeError(`"${bad}" is not a number`);
  return new Float32Array(tokens.map(Number));
}

function runNormalize() {
  try {
    const values = parseNumbers($('numbers').value);
    const scaled = normalize(values);
    $('normalized').textContent = `[${Array.from(values).join(', ')}]`;
    $('normalize-note').textContent = scaled
      ? 'Scaled: every element was divided by the maximum.'
      : 'Left unchanged: the array is empty, its maximum is 0, or its maximum is not finite.';
    showError(null);
  } catch (e) {
    showError(e);
  }
}

await init();

for (const [form, run, input] of [['greet-form', runGreet, 'name'], ['normalize-form', runNormalize, 'numbers']]) {
  $(form).addEventListener('submit', (event) => { event.preventDefault(); run(); });
  $(input).addEventListener('input', run);
  run();
}
document.body.dataset.ready = 'true';
