// The toolkit's declared-call copies, for scripts/build.mjs.
//
// pkg-template/raw/declare.js holds one `oneSlice`, the declared function
// of an export whose only parameter is a slice, between the markers
// `// lanes: begin` and `// lanes: end`, and lists it in `LANES`. The
// build writes the package's raw/declare.js with that function repeated,
// renamed `oneSlice1`, `oneSlice2`, ..., and all of them in `LANES`, so
// that each of the first declarations gets code (and an engine's type
// feedback) of its own. declare.js says why.

/** Copies in the package: the first this many one-slice declarations get one each. */
export const LANE_COPIES = 8;

const BEGIN = '// lanes: begin\n';
const END = '// lanes: end\n';
const LIST = 'const LANES = [oneSlice];';

/**
 * declare.js's source with its lane written out `copies` times. Throws if
 * the markers, the function or the list are not where this expects them,
 * so a change to declare.js cannot silently ship one copy.
 * @param {string} source
 * @param {number} [copies]
 * @returns {string}
 */
export function expandLanes(source, copies = LANE_COPIES) {
  if (!Number.isInteger(copies) || copies < 1) throw new RangeError(`expandLanes: copies must be a positive integer, got ${copies}`);
  const begin = source.indexOf(BEGIN);
  const end = source.indexOf(END);
  if (begin < 0 || end < begin || source.indexOf(BEGIN, begin + 1) >= 0 || source.indexOf(END, end + 1) >= 0) {
    throw new Error('expandLanes: declare.js must have one "// lanes: begin" line and, after it, one "// lanes: end" line');
  }
  const lane = source.slice(begin + BEGIN.length, end);
  if ((lane.match(/^function oneSlice\(/gm) ?? []).length !== 1 || (lane.match(/\bfunction declared\(/g) ?? []).length !== 1) {
    throw new Error('expandLanes: the lines between the lanes markers must define function oneSlice, which returns function declared');
  }
  if (source.split(LIST).length !== 2) throw new Error(`expandLanes: declare.js must say "${LIST}" once`);
  const names = ['oneSlice'];
  let copiesText = '';
  for (let i = 1; i < copies; i++) {
    names.push(`oneSlice${i}`);
    copiesText += `// Copy ${i} of oneSlice, written by scripts/lanes.mjs.\n${lane.replace(/\boneSlice\b/g, `oneSlice${i}`).replace(/\bfunction declared\(/, `function declared${i}(`)}`;
  }
  const expanded = source.slice(0, end) + copiesText + source.slice(end);
  return expanded.replace(LIST, `const LANES = [${names.join(', ')}];`);
}
