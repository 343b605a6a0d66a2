#!/usr/bin/env bash
# The `msrv` suite: builds every crate of the workspace (libraries and
# binaries, natively) with the toolchain named by `rust-version` in
# Cargo.toml, so the number there stays true. Installs that toolchain
# (minimal profile, from rustup's own server) if it is missing. A separate
# target dir keeps the main build's cache intact.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
msrv=$(sed -n 's/^rust-version = "\([0-9.]*\)".*/\1/p' Cargo.toml | head -n 1)
[ -n "$msrv" ] || { echo "[msrv] no rust-version in Cargo.toml"; exit 1; }
toolchain="$msrv.0"
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  echo "[msrv] rustup toolchain install $toolchain --profile minimal"
  rustup toolchain install "$toolchain" --profile minimal
fi
echo "[msrv] cargo +$toolchain check --workspace --lib --bins"
CARGO_TARGET_DIR=target/msrv cargo "+$toolchain" check --workspace --lib --bins
echo "[msrv] the workspace builds with Rust $toolchain"
