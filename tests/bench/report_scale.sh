#!/usr/bin/env bash
# Whole-process report time and peak memory over review output:
#   tests/bench/report_scale.sh BUILD_DIR [DEALS]
# Reviews DEALS synthetic deals once (default 1000000), then times
# `closecoach report --format json` over the results with GNU time (peak RSS),
# and over the first tenth, so that flat memory shows as the same peak.
set -euo pipefail
build=${1:?usage: report_scale.sh BUILD_DIR [DEALS]}
deals=${2:-1000000}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$build/tests/bench/make_deals" "$deals" | "$build/closecoach" review -q -j 2 > "$data/reviewed.jsonl" || true
head -n $((deals / 10)) "$data/reviewed.jsonl" > "$data/tenth.jsonl"
echo "input: $(wc -l < "$data/reviewed.jsonl") review lines, $(stat -c %s "$data/reviewed.jsonl") bytes"
for input in tenth reviewed; do
  /usr/bin/time -f "%e s %M KB" "$build/closecoach" report --format json "$data/$input.jsonl" > "$data/out.json" 2> "$data/time.txt" || true
  echo "$input ($(wc -l < "$data/$input.jsonl") lines): $(tail -1 "$data/time.txt")"
done
