#!/usr/bin/env bash
# Release build of the app into dist/ (after scripts/setup.sh). dist/ is removed first, so nothing can ever
# test or serve a stale build. Trunk 0.21 builds the page and the worker in parallel and now and then loses
# one of their intermediate files (a race: "error copying (optimized) wasm file to dist dir"); one retry.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
rm -rf dist
for attempt in 1 2; do
  if trunk build --release; then
    exit 0
  fi
  echo "build: trunk failed (attempt $attempt); retrying once" >&2
  rm -rf dist
done
exit 1
