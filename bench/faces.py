"""Per-call cost of the WASI command and the component under wasmtime, from
Python: the same calls as bench/faces.mjs. Prints JSON (a list of
{call, face, medianNs}) for bench/run.mjs; alone: python bench/faces.py"""

import json
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
from faces import Component, run_rwm  # noqa: E402


def median_ns(fn, seconds=0.5, batch=1):
    samples = []
    deadline = time.perf_counter() + seconds
    fn()  # warm-up
    while time.perf_counter() < deadline or len(samples) < 5:
        start = time.perf_counter_ns()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter_ns() - start) / batch)
    return statistics.median(samples)


def main():
    c = Component()
    u32 = [i * 3 for i in range(16)]
    f32 = [float(i % 97 + 1) for i in range(1024)]
    f32_text = " ".join(map(str, f32)).encode()
    calls = [
        ("sum-u32 (16)", "component (wasmtime-py)", lambda: c.call("sum-u32", u32), 100),
        ("sum-u32 (16)", "WASI command (wasmtime-py)", lambda: run_rwm(["sum-u32"], stdin=" ".join(map(str, u32)).encode()), 1),
        ("process-text (5 chars)", "component (wasmtime-py)", lambda: c.call("process-text", "hello"), 100),
        ("process-text (5 chars)", "WASI command (wasmtime-py)", lambda: run_rwm(["process-text"], stdin=b"hello"), 1),
        ("normalize (1024)", "component (wasmtime-py)", lambda: c.call("normalize-array", f32), 10),
        ("normalize (1024)", "WASI command (wasmtime-py)", lambda: run_rwm(["normalize"], stdin=f32_text), 1),
    ]
    out = []
    for call, face, fn, batch in calls:
        ns = median_ns(fn, batch=batch)
        out.append({"call": call, "face": face, "medianNs": ns})
        print(f"{call:24} {face:28} {ns / 1000:10.2f} µs", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
