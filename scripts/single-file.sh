#!/usr/bin/env bash
# One self-contained dist-single/entas.html (wasm, worker and styles inlined) for a USB stick or a chat
# attachment: installs what is missing, makes the release build, then inlines it (scripts/single-file.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
bash scripts/build.sh
node scripts/single-file.mjs
