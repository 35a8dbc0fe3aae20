#!/usr/bin/env bash
# The main job: install what is missing, build the release app and serve it at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
echo "Entas: building and serving at http://127.0.0.1:8080 (Ctrl+C to stop)"
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port 8080
