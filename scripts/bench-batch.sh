#!/usr/bin/env bash
# Issue 16: `entas batch` over a 514-row district table (one row per kabupaten/kota, as many as Indonesia has),
# one scenario per district, whole process, on every core the machine has.
#
#   scripts/bench-batch.sh [HOUSEHOLDS] [RUNS]        (defaults: 20000 households a district, 3 timed runs)
#
# The table is synthetic (target/bench-batch/districts-514.csv, made here): P0 from 2% to 35%, P1/P0 and
# P2/P1 near Indonesia's, GK Rp380,000–780,000, 30,000–3,000,000 people. Its figures are placeholders for
# the timing, not any real district's. Prints each run's wall seconds and the median, and the rows written.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

households="${1:-20000}"
runs="${2:-3}"
[[ "$households" =~ ^[0-9]+$ && "$households" -gt 0 ]] || { echo "HOUSEHOLDS must be a positive whole number" >&2; exit 2; }
[[ "$runs" =~ ^[0-9]+$ && "$runs" -gt 0 ]] || { echo "RUNS must be a positive whole number" >&2; exit 2; }

echo "== cargo build --release -p entas-cli"
cargo build --release -p entas-cli

dir=target/bench-batch
mkdir -p "$dir"
table="$dir/districts-514.csv"
awk 'BEGIN {
  print "code,name,year,p0_pct,p1,p2,poverty_line,population"
  for (i = 0; i < 514; i++) {
    p0 = 2 + (i * 37 % 330) / 10.0
    p1 = p0 * (0.13 + (i % 7) * 0.01)
    p2 = p1 * (0.22 + (i % 5) * 0.01)
    gk = 380000 + (i * 7919 % 400000)
    pop = 30000 + (i * 104729 % 2970000)
    printf "%d,Kabupaten %d,2024,%.2f,%.3f,%.3f,%d,%d\n", 1101 + i, i + 1, p0, p1, p2, gk, pop
  }
}' > "$table"
echo "== $table: $(($(wc -l < "$table") - 1)) districts; $(nproc) cores; $households households a district"

cmd=(./target/release/entas batch --district "$table" --preset muba_2024 --households "$households")
"${cmd[@]}" > "$dir/out.csv"
echo "== rows written: $(($(wc -l < "$dir/out.csv") - 1)) (districts × 3 worlds × years)"
times=()
for ((r = 1; r <= runs; r++)); do
  t0=$EPOCHREALTIME
  "${cmd[@]}" > /dev/null
  t1=$EPOCHREALTIME
  t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  times+=("$t")
  echo "run $r: $t s"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "== entas batch, 514 districts × $households households: median $median s over $runs runs"
