#!/usr/bin/env bash
# Trunk post_build hook: writes sw.js into the staging dir with the list of every built file (hashed names),
# so the first visit is enough to work offline afterwards.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$dir"
files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
assets="['./'"
for f in $files; do assets="$assets, './$f'"; done
assets="$assets]"
hash=$(for f in $files; do printf '%s ' "$f"; sha256sum "$f" | cut -c1-16; done | sha256sum | cut -c1-16)
sed -e "s|__CACHE__|entas-$hash|" -e "s|__ASSETS__|$assets|" "$here/sw.template.js" > sw.js
