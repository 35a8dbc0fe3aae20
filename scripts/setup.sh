#!/usr/bin/env bash
# Installs whatever is missing, from the package registries only (crates.io, npm, Debian). Idempotent: with
# everything present a run takes seconds. Usage: scripts/setup.sh [serve|test]  (default: test, which also
# installs Chromium and chromedriver for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-test}"

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
say() { printf '\033[1;34msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Rust toolchain and the wasm target named by rust-toolchain.toml.
if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found; install Rust with rustup first" >&2
  exit 1
fi
rustup toolchain install >/dev/null 2>&1 || true
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Crates, fetched once so that Trunk's offline build finds them.
cargo fetch --quiet

# 3. Trunk, pinned (0.22 needs a newer rustc than this toolchain).
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 4. wasm-bindgen-cli at exactly the version in Cargo.lock (it also provides wasm-bindgen-test-runner).
wb_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (matches Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# 5. npm packages: binaryen 132 (wasm-opt for release builds; Debian's 108 miscompiles) and playwright-core.
lock_hash=$(sha256sum e2e/package-lock.json | cut -c1-64)
if [ "$(cat e2e/node_modules/.entas-lock 2>/dev/null)" != "$lock_hash" ]; then
  say "installing npm packages in e2e/"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > e2e/node_modules/.entas-lock
fi

# 6. For the browser tests only: Chromium and chromedriver, and poppler-utils (pdftotext, pdftoppm) to read
#    the printed brief, all from Debian.
if [ "$purpose" = "test" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null; then
    say "installing Debian's chromium, chromium-driver and poppler-utils"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
  fi
fi
say "ready ($purpose)"
