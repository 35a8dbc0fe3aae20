#!/usr/bin/env bash
# Installs what is missing, then runs every test layer and ends with one summary line.
# Layers: rustfmt, clippy (native and wasm, warnings denied), native tests, wasm-bindgen-test in headless
# Chromium, release build, Playwright end-to-end against the release build served on 127.0.0.1.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test || { echo "setup failed"; echo "layers: 0 passed, 1 failed"; exit 1; }
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

passed=0
failed=0
failures=()
layer() {
  local name="$1"
  shift
  printf '\n\033[1;34m== %s ==\033[0m\n' "$name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '\033[32m== %s: ok (%ss) ==\033[0m\n' "$name" $((SECONDS - t0))
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '\033[31m== %s: FAILED (%ss) ==\033[0m\n' "$name" $((SECONDS - t0))
  fi
}

layer "rustfmt" cargo fmt --all -- --check
layer "clippy (native)" cargo clippy --workspace --all-targets -- -D warnings
layer "clippy (wasm32)" cargo clippy -p entas-app --target wasm32-unknown-unknown --all-targets -- -D warnings
layer "native tests" cargo test --workspace
layer "browser tests (wasm-bindgen-test, Chromium)" cargo test -p entas-app --target wasm32-unknown-unknown --test web
layer "release build (trunk)" bash scripts/build.sh
if [ -f dist/index.html ]; then
  layer "end-to-end (Playwright, Chromium)" bash -c 'cd e2e && npm test --silent'
else
  failed=$((failed + 1))
  failures+=("end-to-end (no release build)")
fi

echo
[ "${#failures[@]}" -gt 0 ] && printf 'failed layers: %s\n' "${failures[*]}"
echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
