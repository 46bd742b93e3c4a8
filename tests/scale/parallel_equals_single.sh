#!/usr/bin/env bash
# review is a deterministic stdin-to-stdout filter: split across GNU parallel
# jobs, its concatenated output equals a single run's, byte for byte.
#   parallel_equals_single.sh CLOSECOACH MAKE_DEALS
set -euo pipefail
closecoach=${1:?closecoach binary}
make_deals=${2:?make_deals binary}
if ! command -v parallel >/dev/null; then
  echo "SKIP: GNU parallel is not installed (apt-get install parallel)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$make_deals" 5000 7 > "$work/deals.jsonl"
"$closecoach" review -j 1 < "$work/deals.jsonl" > "$work/single.jsonl"
# Each job reviews 1000 lines; --first-line keeps the line numbers global.
parallel --will-cite --pipe -k -N 1000 \
  "$closecoach review -j 1 --first-line \$(( ({#} - 1) * 1000 + 1 ))" < "$work/deals.jsonl" > "$work/parallel.jsonl"
cmp "$work/single.jsonl" "$work/parallel.jsonl"
echo "parallel output equals the single run ($(wc -l < "$work/single.jsonl") results)"
