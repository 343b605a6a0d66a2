#!/usr/bin/env bash
# Fuzzes natively with cargo fuzz (libFuzzer + AddressSanitizer, nightly),
# three targets, each for a third of the time:
# - raw_abi: the raw ABI's validation and ownership logic;
# - histogram: a user's export built with the kit (examples/histogram);
# - inspect: the lab's reader of dropped modules (crates/inspect).
#   bash scripts/fuzz.sh            ~60 s in all, the corpus kept in crates/raw/fuzz/corpus
#   bash scripts/fuzz.sh 600        a longer run (seconds)
#   RUNS=10000000 bash scripts/fuzz.sh 3600   stop each after 1e7 executions
# Installs cargo-fuzz (crates.io) if it is missing. The targets and their
# oracles are described in crates/raw/fuzz/fuzz_targets/.
set -euo pipefail
cd "$(dirname "$0")/../crates/raw"
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-60}"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] cargo install cargo-fuzz"
  CARGO_TARGET_DIR="$HOME/.cache/rust-wasm-memory/tool-builds" cargo install cargo-fuzz --locked
fi
args=(-max_total_time="$((seconds / 3))" -print_final_stats=1)
[ -n "${RUNS:-}" ] && args+=(-runs="$RUNS")
for target in raw_abi histogram inspect; do
  echo "[fuzz] $target"
  cargo +nightly fuzz run "$target" -- "${args[@]}"
done
