#!/usr/bin/env bash
# Issue 14: `entas run --preset muba_2024` end to end, whole process, against a plainly vectorised NumPy port
# of the same work (scripts/bench-numpy/entas_numpy.py), in one run, and the ratio NumPy ÷ Rust.
#
#   scripts/bench-numpy.sh [HOUSEHOLDS] [RUNS]        (defaults: 350000 households, 5 timed runs each)
#
# 1. NumPy goes into a venv of its own, target/bench-numpy-venv, made once (the system Python is not touched).
# 2. Builds the CLI (cargo build --release -p entas-cli).
# 3. Runs each once and prints P0 per year side by side: the two are the same model, with different random
#    numbers, so they agree to sampling noise, not digit for digit.
# 4. Times whole processes with bash's EPOCHREALTIME: one warm-up each, then RUNS pairs in turn (Rust, NumPy,
#    Rust, NumPy ...), so the pairwise ratio holds up while the machine's speed drifts. Prints every run's wall
#    seconds, the medians and the median of the pairwise ratios NumPy ÷ Rust (quote the medians).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

households="${1:-350000}"
runs="${2:-5}"
[[ "$households" =~ ^[0-9]+$ && "$households" -gt 0 ]] || { echo "HOUSEHOLDS must be a positive whole number" >&2; exit 2; }
[[ "$runs" =~ ^[0-9]+$ && "$runs" -gt 0 ]] || { echo "RUNS must be a positive whole number" >&2; exit 2; }
venv=target/bench-numpy-venv
python="$venv/bin/python"

# 1. NumPy, idempotently.
if ! "$python" -c 'import numpy' >/dev/null 2>&1; then
  echo "== NumPy: setting up $venv"
  [[ -x "$python" ]] || python3 -m venv "$venv"
  "$python" -m pip install --quiet --disable-pip-version-check numpy
fi
echo "== NumPy $("$python" -c 'import numpy; print(numpy.__version__)') ($("$python" --version 2>&1))"

# 2. The CLI.
echo "== cargo build --release -p entas-cli"
cargo build --release -p entas-cli

rust=(./target/release/entas run --preset muba_2024 --households "$households")
numpy=("$python" scripts/bench-numpy/entas_numpy.py "$households")
with_commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta' <<<"$1"; }
n_label="$(with_commas "$households")"

# 3. The same model: P0 per year of both, side by side.
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"${rust[@]}" >"$out/rust.csv"
"${numpy[@]}" >"$out/numpy.csv" 2>"$out/numpy.err"
echo
echo "== P0 (% of people) at $n_label households: Rust CLI and NumPy port"
awk -F, 'FNR == 1 { next }
         NR == FNR { rust[$1 "," $2] = $3; next }
         $1 != "no_programme" { printf "%-9s %s   Rust %8s   NumPy %8s   diff %+7.4f pp\n", $1, $2, rust[$1 "," $2], $3, $3 - rust[$1 "," $2] }' \
  "$out/rust.csv" "$out/numpy.csv"
sed -n 's/^# calibration: /NumPy calibration: /p' "$out/numpy.err"

# 4. Timing, whole processes in turn.
wall() {  # prints the wall seconds of one whole run of "$@", its output thrown away
  local t0=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  local t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo
echo "== Timing: 1 warm-up each, then $runs runs each in turn (Rust, NumPy, ...), whole process, wall seconds"
wall "${rust[@]}" >/dev/null
wall "${numpy[@]}" >/dev/null
rust_s=()
numpy_s=()
ratios=()
for ((i = 1; i <= runs; i++)); do
  r="$(wall "${rust[@]}")"
  p="$(wall "${numpy[@]}")"
  rust_s+=("$r")
  numpy_s+=("$p")
  ratios+=("$(awk -v p="$p" -v r="$r" 'BEGIN { printf "%.4f", p / r }')")
  printf 'run %d: Rust %s s   NumPy %s s   NumPy ÷ Rust %s\n' "$i" "$r" "$p" "${ratios[-1]}"
done
rust_median="$(printf '%s\n' "${rust_s[@]}" | median)"
numpy_median="$(printf '%s\n' "${numpy_s[@]}" | median)"
ratio_median="$(printf '%s\n' "${ratios[@]}" | median)"
echo
printf 'Rust  (entas run --preset muba_2024 --households %s): median %.3f s (min %s, max %s)\n' "$households" \
  "$rust_median" "$(printf '%s\n' "${rust_s[@]}" | sort -g | head -1)" "$(printf '%s\n' "${rust_s[@]}" | sort -g | tail -1)"
printf 'NumPy (scripts/bench-numpy/entas_numpy.py %s):        median %.3f s (min %s, max %s)\n' "$households" \
  "$numpy_median" "$(printf '%s\n' "${numpy_s[@]}" | sort -g | head -1)" "$(printf '%s\n' "${numpy_s[@]}" | sort -g | tail -1)"
printf 'NumPy ÷ Rust, end to end at %s households: %.1f× (median of %d paired runs)\n' "$n_label" "$ratio_median" "$runs"
