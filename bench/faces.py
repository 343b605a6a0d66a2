"""Per-call cost of the WASI command and the component under wasmtime, from
Python: the same calls as bench/faces.mjs. Prints JSON (a list of
{call, face, medianNs}) for bench/run.mjs; alone: python bench/faces.py"""

import array
import json
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
from faces import ENGINE, ROOT, Component, run_rwm  # noqa: E402

import wasmtime  # noqa: E402


class RawCore:
    """raw.wasm (a core module with no imports) through wasmtime-py's core
    API: each call allocates a block, writes the elements in one bulk copy,
    calls the export, reads the result back in one copy and frees the
    block. The component's lists instead cross element by element (see
    BENCHMARKS.md, "The component from Python")."""

    def __init__(self):
        self.store = wasmtime.Store(ENGINE)
        module = wasmtime.Module.from_file(ENGINE, str(ROOT / "pkg" / "raw" / "raw.wasm"))
        exports = wasmtime.Instance(self.store, module, []).exports(self.store)
        self.memory = exports["memory"]
        self.alloc, self.dealloc = exports["alloc"], exports["dealloc"]
        self.sum_u32, self.normalize_numbers = exports["sum_u32"], exports["normalize_numbers"]

    def _with_block(self, data, work):
        ptr = self.alloc(self.store, len(data), 4)
        if ptr == 0:
            raise MemoryError("raw.wasm alloc failed")
        try:
            self.memory.write(self.store, data, ptr)
            return work(ptr)
        finally:
            self.dealloc(self.store, ptr, len(data), 4)

    def sum(self, values):
        data = array.array("I", values).tobytes()
        return self._with_block(data, lambda ptr: self.sum_u32(self.store, ptr, len(values)))

    def normalize(self, values):
        data = array.array("f", values).tobytes()

        def work(ptr):
            status = self.normalize_numbers(self.store, ptr, len(values))
            if status != 0:
                raise ValueError(f"normalize_numbers returned {status}")
            return array.array("f", self.memory.read(self.store, ptr, ptr + len(data)))

        return self._with_block(data, work)


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
    raw = RawCore()
    u32 = [i * 3 for i in range(16)]
    f32 = [float(i % 97 + 1) for i in range(1024)]
    f32_text = " ".join(map(str, f32)).encode()
    calls = [
        ("sum-u32 (16)", "component (wasmtime-py)", lambda: c.call("sum-u32", u32), 100),
        ("sum-u32 (16)", "raw.wasm core (wasmtime-py)", lambda: raw.sum(u32), 100),
        ("sum-u32 (16)", "WASI command (wasmtime-py)", lambda: run_rwm(["sum-u32"], stdin=" ".join(map(str, u32)).encode()), 1),
        ("process-text (5 chars)", "component (wasmtime-py)", lambda: c.call("process-text", "hello"), 100),
        ("process-text (5 chars)", "WASI command (wasmtime-py)", lambda: run_rwm(["process-text"], stdin=b"hello"), 1),
        ("normalize (1024)", "component (wasmtime-py)", lambda: c.call("normalize-array", f32), 10),
        ("normalize (1024)", "raw.wasm core (wasmtime-py)", lambda: raw.normalize(f32), 10),
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
