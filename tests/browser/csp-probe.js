// Imported by tests/js/demo.test.mjs into the lab page: tries eval from the
// page's own code, which the lab's Content-Security-Policy must refuse
// (DevTools' evaluate is not subject to it, so the test cannot try it there).
try {
  // biome-ignore lint/security/noGlobalEval: the CSP test must try eval and see it refused
  // biome-ignore lint/complexity/noCommaOperator: an indirect eval, as a page script would run it
  window.__evalRan = (0, eval)('true');
} catch {
  window.__evalRan = false;
}
