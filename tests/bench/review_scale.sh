#!/usr/bin/env bash
# Whole-process review throughput and peak memory:
#   tests/bench/review_scale.sh BUILD_DIR [DEALS] [JOBS]
# Generates DEALS synthetic deals (default 200000), then times
# `closecoach review -j JOBS` over them with GNU time (peak RSS).
set -euo pipefail
build=${1:?usage: review_scale.sh BUILD_DIR [DEALS] [JOBS]}
deals=${2:-200000}
jobs=${3:-2}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$build/tests/bench/make_deals" "$deals" > "$data/deals.jsonl"
echo "input: $deals deals, $(stat -c %s "$data/deals.jsonl") bytes ($(( $(stat -c %s "$data/deals.jsonl") / deals )) bytes a line)"
for run in 1 2 3; do
  /usr/bin/time -f "%e s elapsed, %M KB peak RSS" "$build/closecoach" review -j "$jobs" "$data/deals.jsonl" > "$data/out.jsonl" 2> "$data/time.txt" || true
  seconds=$(awk '{print $1}' "$data/time.txt" | tail -1)
  echo "run $run: $(tail -1 "$data/time.txt"), $(awk -v n="$deals" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }') deals/s, $(wc -l < "$data/out.jsonl") results"
done
