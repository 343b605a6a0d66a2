#!/usr/bin/env bash
# Fuzzes the raw ABI's validation and ownership logic natively with
# cargo fuzz (libFuzzer + AddressSanitizer, nightly):
#   bash scripts/fuzz.sh            ~60 s run, the corpus kept in crates/raw/fuzz/corpus
#   bash scripts/fuzz.sh 600        a longer run (seconds)
#   RUNS=10000000 bash scripts/fuzz.sh 3600   stop after 1e7 executions
# Installs cargo-fuzz (crates.io) if it is missing. The target and its
# oracle are described in crates/raw/fuzz/fuzz_targets/raw_abi.rs.
set -euo pipefail
cd "$(dirname "$0")/../crates/raw"
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-60}"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] cargo install cargo-fuzz"
  CARGO_TARGET_DIR="$HOME/.cache/rust-wasm-memory/tool-builds" cargo install cargo-fuzz --locked
fi
args=(-max_total_time="$seconds" -print_final_stats=1)
[ -n "${RUNS:-}" ] && args+=(-runs="$RUNS")
cargo +nightly fuzz run raw_abi -- "${args[@]}"
