"""The WASI command and the WIT component under wasmtime (the PyPI package),
as a Python user would run them. Shared by the test modules here."""

import json
import math
import os
import pathlib
import re
import struct
import tempfile

import wasmtime
import wasmtime.component as wc

ROOT = pathlib.Path(__file__).resolve().parents[2]
RWM_WASM = ROOT / "pkg" / "wasi" / "rwm.wasm"
COMPONENT_WASM = ROOT / "pkg" / "component" / "text-processor.wasm"
VECTORS = json.loads((ROOT / "conformance" / "vectors.json").read_text(encoding="utf-8"))

ENGINE = wasmtime.Engine()
_rwm_module = None


class Run:
    """What one run of `rwm` produced."""

    def __init__(self, code, stdout, stderr, memory_bytes):
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.memory_bytes = memory_bytes
        m = re.search(r"\(([a-z-]+)\)$", stderr, re.M)
        self.kind = m.group(1) if m else None

    @property
    def text(self):
        return self.stdout.decode("utf-8")


def run_rwm(args, env=None, stdin=b"", sandbox=None, memory_limit=None):
    """Runs `rwm *args` with `sandbox` preopened as the guest's `.`."""
    global _rwm_module
    if _rwm_module is None:
        _rwm_module = wasmtime.Module.from_file(ENGINE, str(RWM_WASM))
    with tempfile.TemporaryDirectory(prefix="rwm-py-io-") as io, tempfile.TemporaryDirectory(prefix="rwm-py-sandbox-") as fresh:
        paths = {name: os.path.join(io, name) for name in ("stdin", "stdout", "stderr")}
        with open(paths["stdin"], "wb") as f:
            f.write(stdin)
        config = wasmtime.WasiConfig()
        config.argv = ["rwm", *args]
        config.env = list((env or {}).items())
        config.stdin_file = paths["stdin"]
        config.stdout_file = paths["stdout"]
        config.stderr_file = paths["stderr"]
        config.preopen_dir(str(sandbox or fresh), ".")
        store = wasmtime.Store(ENGINE)
        if memory_limit is not None:
            store.set_limits(memory_size=memory_limit)
        store.set_wasi(config)
        linker = wasmtime.Linker(ENGINE)
        linker.define_wasi()
        instance = linker.instantiate(store, _rwm_module)
        code = 0
        try:
            instance.exports(store)["_start"](store)
        except wasmtime.ExitTrap as e:
            code = e.code
        memory = instance.exports(store)["memory"]
        with open(paths["stdout"], "rb") as f:
            stdout = f.read()
        with open(paths["stderr"], encoding="utf-8") as f:
            stderr = f.read()
        return Run(code, stdout, stderr, memory.data_len(store))


class Component:
    """One instance of the text-processor component."""

    def __init__(self):
        component = wc.Component.from_file(ENGINE, str(COMPONENT_WASM))
        linker = wc.Linker(ENGINE)
        linker.add_wasip2()
        self.store = wasmtime.Store(ENGINE)
        self.store.set_wasi(wasmtime.WasiConfig())
        self.instance = linker.instantiate(self.store, component)

    def call(self, name, *args):
        func = self.instance.get_func(self.store, name)
        if func is None:
            raise LookupError(f"the component exports no {name}")
        return func(self.store, *args)


F32_WORDS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}


def f32(value):
    """A vector's f32 (number or word) as the Python float of that f32."""
    if isinstance(value, str):
        value = F32_WORDS[value]
    return struct.unpack("<f", struct.pack("<f", value))[0]


def same_f32(a, b):
    """Bitwise f32 equality, except that every NaN equals every NaN."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return struct.pack("<f", a) == struct.pack("<f", b)


def f32_text(x):
    """An f32 in a form Rust's f32 parser reads back exactly."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return "-0" if x == 0 and math.copysign(1, x) < 0 else repr(x)


def parse_lines(text):
    words = {"NaN": math.nan, "inf": math.inf, "-inf": -math.inf}
    return [words[l] if l in words else (int(l) if re.fullmatch(r"-?\d+", l) and l != "-0" else float(l)) for l in text.splitlines() if l]
