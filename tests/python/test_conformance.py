"""conformance/vectors.json through the WASI command and the WIT component,
both under wasmtime. One test per vector per face."""

import unittest

from faces import VECTORS, Component, f32, f32_text, parse_lines, run_rwm, same_f32
from wasmtime.component import Variant

# The exit code each WIT error case must come with (sysexits).
EXIT = {"empty-input": 65, "zero-maximum": 65, "non-finite-maximum": 65, "out-of-memory": 71}


# The functions whose argument and result are lists of f32.
F32_LISTS = ("normalize-array", "normalize-peak")


def decode_args(case):
    if case["fn"] in F32_LISTS:
        return [[f32(v) for v in case["args"][0]]]
    return list(case["args"])


def lone_surrogate_refused(test, case, call):
    """Python strings hold Unicode scalar values; one with a lone surrogate
    cannot be encoded as UTF-8, so the host refuses before the guest runs."""
    with test.assertRaises(UnicodeEncodeError):
        call()


class Outcome:
    def __init__(self, value=None, error=None):
        self.value, self.error = value, error


def check(test, case, outcome):
    if "err" in case:
        test.assertIsNone(outcome.value, f"expected the error {case['err']}")
        test.assertEqual(outcome.error, case["err"])
        return
    test.assertIsNone(outcome.error, "unexpected error")
    if case["fn"] in F32_LISTS:
        expected = [f32(v) for v in case["ok"]]
        got = list(outcome.value)
        test.assertEqual(len(got), len(expected), got)
        for i, (g, e) in enumerate(zip(got, expected)):
            test.assertTrue(same_f32(g, e), f"element {i}: expected {e!r}, got {g!r}")
    elif isinstance(case["ok"], list):
        test.assertEqual(list(outcome.value), case["ok"])
    else:
        test.assertEqual(outcome.value, case["ok"])


def via_wasi(case):
    fn, args = case["fn"], decode_args(case)
    if fn == "greet":
        run = run_rwm(["greet"], env={"USER": args[0]})
    elif fn in ("process-text", "echo-suffix", "ascii-uppercase"):
        run = run_rwm([fn], stdin=args[0].encode("utf-8"))
    elif fn in F32_LISTS:
        command = "normalize" if fn == "normalize-array" else fn
        run = run_rwm([command], stdin=" ".join(map(f32_text, args[0])).encode())
    elif fn == "sum-u32":
        run = run_rwm(["sum-u32"], stdin="\n".join(map(str, args[0])).encode())
    else:
        run = run_rwm([fn, *map(str, args)])
    if run.code != 0:
        if EXIT.get(run.kind) != run.code:
            raise AssertionError(f"exit {run.code} with stderr {run.stderr!r}")
        return Outcome(error=run.kind)
    if run.stderr:
        raise AssertionError(f"succeeded but wrote to stderr: {run.stderr!r}")
    if fn == "greet":
        assert run.text.endswith(" from WASI!\n"), run.text
        return Outcome(run.text[: -len(" from WASI!\n")])
    if fn in ("process-text", "echo-suffix", "ascii-uppercase"):
        return Outcome(run.text)
    values = parse_lines(run.text)
    if fn in (*F32_LISTS, "make-number-array", "fill-buffer"):
        return Outcome(values)
    assert len(values) == 1, run.text
    return Outcome(values[0])


COMPONENT = None


def via_component(case):
    global COMPONENT
    COMPONENT = COMPONENT or Component()
    result = COMPONENT.call(case["fn"], *decode_args(case))
    if isinstance(result, Variant):
        return Outcome(error=result.tag)
    if isinstance(result, bytes):
        result = list(result)
    return Outcome(result)


class WasiConformance(unittest.TestCase):
    """The WASI command (rwm.wasm) under wasmtime's WASI preview 1."""


class ComponentConformance(unittest.TestCase):
    """The component through wasmtime.component."""


def make_test(case, via):
    def test(self):
        if case.get("lone_surrogate"):
            lone_surrogate_refused(self, case, lambda: via(case))
        else:
            check(self, case, via(case))
    return test


for i, case in enumerate(VECTORS["cases"]):
    name = f"test_{i:02d}_{case['fn'].replace('-', '_')}"
    setattr(WasiConformance, name, make_test(case, via_wasi))
    setattr(ComponentConformance, name, make_test(case, via_component))


if __name__ == "__main__":
    unittest.main()
