#!/usr/bin/env bash
# The kit crate is ready to publish: `cargo package` passes (it builds the
# crate from its packaged files alone), and every public item has rustdoc
# with an example (rustdoc's coverage report, nightly, must say 100% for
# both columns). The examples themselves run as doc tests in the native
# suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo package -p rust-wasm-memory-kit --allow-dirty --quiet
cargo +nightly rustdoc -p rust-wasm-memory-kit --all-features --quiet -- -Z unstable-options --show-coverage
report=target/doc/rust_wasm_memory_kit.txt
cat "$report"
if ! grep -Eq '^\| Total +\| +[0-9]+ \| +100\.0% \| +[0-9]+ \| +100\.0% \|$' "$report"; then
  echo "[kit-check] every public item of rust-wasm-memory-kit needs rustdoc with an example" >&2
  exit 1
fi
