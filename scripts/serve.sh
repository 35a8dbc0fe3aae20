#!/usr/bin/env bash
# The main job: install what is missing, build the release app and serve it at http://127.0.0.1:8080.
# `scripts/serve.sh --lan` serves it on the local network (hotspot) and prints the addresses for phones.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
bash scripts/build.sh
exec node scripts/serve.mjs "$@"
