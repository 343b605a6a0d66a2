// Issue #15, class (e), at full scale: 1e6 refused calls of every kind of
// wrong argument (16 kinds: 16 million in all), from
// tests/shared/hardening-cases.mjs, in a file of its own so that it runs
// beside the other hardening cases.
process.env.RWM_HARDENING_ONLY = 'refusals';
await import('./hardening.test.mjs');
