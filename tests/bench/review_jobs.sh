#!/usr/bin/env bash
# How much a second core buys `review`:
#   tests/bench/review_jobs.sh BUILD_DIR [DEALS] [ROUNDS]
# Generates DEALS synthetic deals (default 200000), then runs ROUNDS rounds
# (default 15) of `closecoach review -j 1` and `-j 2` in turn, output to
# /dev/null, and prints the best and median wall times, their ratios, and
# the median of each round's ratio. Before and after, it times `-j 1` pinned
# to each core (taskset): on a shared machine one core can be much slower
# for a while, and -j 2 waits for the slower one.
set -euo pipefail
build=$(cd "${1:?usage: review_jobs.sh BUILD_DIR [DEALS] [ROUNDS]}" && pwd)
deals=${2:-200000}
rounds=${3:-15}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$build/tests/bench/make_deals" "$deals" > "$data/deals.jsonl"

cores() {
  local line="-j 1 pinned:"
  for core in $(seq 0 $(($(nproc) - 1))); do
    local TIMEFORMAT="%R"
    line+=" core $core $({ time taskset -c "$core" "$build/closecoach" review -j 1 \
      "$data/deals.jsonl" > /dev/null; } 2>&1) s"
  done
  echo "$line"
}

cores
python3 - "$build/closecoach" "$data/deals.jsonl" "$rounds" <<'PY'
import statistics, subprocess, sys, time
closecoach, deals, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def wall(jobs):
    start = time.perf_counter()
    subprocess.run([closecoach, "review", "-j", str(jobs), deals], stdout=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start
one, two = [], []
for _ in range(rounds):
    one.append(wall(1))
    two.append(wall(2))
best, median = min(one) / min(two), statistics.median(one) / statistics.median(two)
per_round = statistics.median(a / b for a, b in zip(one, two))
print(f"-j 1: best {min(one):.3f} s, median {statistics.median(one):.3f} s")
print(f"-j 2: best {min(two):.3f} s, median {statistics.median(two):.3f} s")
print(f"-j 1 / -j 2: best {best:.2f}x, medians {median:.2f}x, per round (median) {per_round:.2f}x")
PY
cores
