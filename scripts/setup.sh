#!/usr/bin/env bash
# Makes sure what a task needs is installed, installing only what is
# missing, and only from the package registries (crates.io, npm, Debian,
# PyPI). On a machine that has it all, this takes seconds.
#
#   bash scripts/setup.sh build   what `npm run build` / `npm run demo` need:
#     rust targets   wasm32-unknown-unknown, wasm32-wasip1, wasm32-wasip2 (rustup)
#     cargo tools    wasm-bindgen-cli (the exact version pinned in Cargo.toml),
#                    wasm-pack (pinned below)
#     npm            the devDependencies (npm ci, when package-lock.json changed),
#                    jco, binaryen (wasm-opt) and vite among them
#   bash scripts/setup.sh [test]  what `npm test` / `npm run bench` need: all
#                  of the above, and
#     cargo tools    geckodriver, cargo-fuzz (pinned below)
#     browsers       chromium + chromium-driver, firefox-esr, and emoji and CJK
#                    fonts for the lab (apt, as root or
#                    sudo; without either, it names what to install and fails)
#     miri           the nightly toolchain's miri and rust-src components
#     msrv           the toolchain named by rust-version in Cargo.toml (minimal)
#     python         a venv with wasmtime (tests/python/requirements.txt) for
#                    the Python tests of the WASI command and the component
#
# Nothing here downloads from a release page: wasm-pack's own downloads of
# wasm-bindgen and binaryen fail on this network, so both are provided
# beforehand (wasm-opt comes from the npm `binaryen` package).
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PATH"
log() { echo "[setup] $*"; }

level="${1:-test}"
case "$level" in build | test) ;; *) log "usage: setup.sh [build|test]"; exit 64 ;; esac
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
CARGO_FUZZ_VERSION=0.13.2

# ---- apt (in the background: it overlaps the cargo builds below) ---------
apt_pkgs=()
if [ "$level" = test ]; then
  command -v chromium >/dev/null || apt_pkgs+=(chromium)
  command -v chromedriver >/dev/null || apt_pkgs+=(chromium-driver)
  command -v firefox-esr >/dev/null || command -v firefox >/dev/null || apt_pkgs+=(firefox-esr)
  # Fonts for the lab's screenshots and text checks: colour emoji, and CJK
  # (Debian's browsers bring only Latin, Greek and Cyrillic fonts).
  [ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || apt_pkgs+=(fonts-noto-color-emoji)
  [ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || apt_pkgs+=(fonts-droid-fallback)
fi
apt_pid=""
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo_=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo_=(sudo -n); else
    log "the tests need ${apt_pkgs[*]}: install them (Debian: apt-get install ${apt_pkgs[*]}) or run as root; \`npm run demo\` needs none of them"; exit 1; fi
  log "installing ${apt_pkgs[*]} with apt-get (log: target/setup-apt.log)"
  mkdir -p target
  ( "${sudo_[@]}" apt-get update -q && DEBIAN_FRONTEND=noninteractive "${sudo_[@]}" apt-get install -y -q "${apt_pkgs[@]}" ) \
    > target/setup-apt.log 2>&1 &
  apt_pid=$!
fi

# ---- rust targets ---------------------------------------------------------
installed_targets=$(rustup target list --installed)
missing_targets=()
for t in wasm32-unknown-unknown wasm32-wasip1 wasm32-wasip2; do
  grep -qx "$t" <<<"$installed_targets" || missing_targets+=("$t")
done
if [ ${#missing_targets[@]} -gt 0 ]; then
  log "rustup target add ${missing_targets[*]}"
  rustup target add "${missing_targets[@]}"
fi

# ---- miri (nightly component; rustup downloads are allowed) --------------
if [ "$level" = test ] && ! cargo +nightly miri --version >/dev/null 2>&1; then
  log "rustup toolchain install nightly with miri and rust-src"
  rustup toolchain install nightly --profile minimal --component miri,rust-src --allow-downgrade
fi

# ---- the MSRV toolchain (the msrv suite; rustup downloads are allowed) -----
msrv=$(sed -n 's/^rust-version = "\([0-9.]*\)".*/\1/p' Cargo.toml | head -n 1)
if [ "$level" = test ] && ! rustup run "$msrv.0" rustc --version >/dev/null 2>&1; then
  log "rustup toolchain install $msrv.0 --profile minimal (the msrv suite)"
  rustup toolchain install "$msrv.0" --profile minimal
fi

# ---- cargo tools ----------------------------------------------------------
# --locked first (reproducible); if the registry mirror lacks a locked
# version (seen for wasm-bindgen-cli's webpki-roots), resolve afresh.
# One shared target dir lets the three tools reuse common dependencies.
export CARGO_TARGET_DIR="${RWM_TOOLS_TARGET_DIR:-$HOME/.cache/rust-wasm-memory/tool-builds}"
cargo_install() {
  log "cargo install $*"
  cargo install --locked "$@" || { log "--locked failed; retrying unlocked"; cargo install "$@"; }
}
bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$bindgen_version" ] || { log "Cargo.toml must pin wasm-bindgen exactly (\"=X.Y.Z\")"; exit 1; }
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version" \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  cargo_install wasm-bindgen-cli --version "$bindgen_version" --force
fi
# Each tool at its pinned version ("NAME VERSION" is what --version prints).
pinned() { "$1" "${@:3}" --version 2>/dev/null | head -n 1 | grep -q " $2\$"; }
pinned wasm-pack "$WASM_PACK_VERSION" || cargo_install wasm-pack --version "$WASM_PACK_VERSION" --force
if [ "$level" = test ]; then
  pinned geckodriver "$GECKODRIVER_VERSION" || cargo_install geckodriver --version "$GECKODRIVER_VERSION" --force
  pinned cargo "$CARGO_FUZZ_VERSION" fuzz || cargo_install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --force
fi
unset CARGO_TARGET_DIR

# ---- npm ------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  # npm ci refuses a lock file that lists an optional platform package the
  # registry cannot supply (jco 1.35 asks for jco-node-fs-win32-x64-msvc
  # 0.3.2, which was never published). npm install resolves the same locked
  # versions and skips what cannot exist.
  npm ci --no-audit --no-fund || {
    log "npm ci refused the lock file; installing the locked versions with npm install"
    npm install --no-audit --no-fund
  }
fi

# ---- python: wasmtime in a venv (PyPI) -----------------------------------
venv="${RWM_VENV:-$HOME/.cache/rust-wasm-memory/venv}"
stamp="$venv/.requirements"
if [ "$level" = test ] && { [ ! -x "$venv/bin/python" ] || ! cmp -s tests/python/requirements.txt "$stamp"; }; then
  log "python venv with $(grep -v '^#' tests/python/requirements.txt | xargs) at $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/python/requirements.txt
  cp tests/python/requirements.txt "$stamp"
fi

# ---- wait for apt ---------------------------------------------------------
if [ -n "$apt_pid" ]; then
  if ! wait "$apt_pid"; then
    log "apt-get failed:"; tail -n 30 target/setup-apt.log; exit 1
  fi
  log "installed ${apt_pkgs[*]}"
fi

tools=(wasm-pack wasm-bindgen)
[ "$level" = test ] && tools+=(wasm-bindgen-test-runner geckodriver cargo-fuzz chromium chromedriver)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { log "$tool is still missing"; exit 1; }
done
[ -x node_modules/.bin/jco ] || { log "jco is still missing"; exit 1; }
if [ "$level" = test ]; then
  "$venv/bin/python" -c 'import wasmtime' || { log "wasmtime (python) is still missing"; exit 1; }
fi
log "toolchain ready for $level"
