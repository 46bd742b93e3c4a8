#!/usr/bin/env bash
# closecoach review against its node peer (tests/bench/peer/review_peer.js,
# the playbook's rules run by json-logic-js), side by side in one run:
#   tests/bench/review_vs_peer.sh BUILD_DIR [DEALS]
# Generates DEALS synthetic deals (default 200000) with make_deals, runs
# `closecoach review -j 1`, `-j 2` and the peer, each best of 3 (wall time,
# with user+sys CPU of that run), checks that all give one line per deal, and
# prints the times, the ratios and how often the peer's moves agree with ours.
# The peer's dependency is installed once by tests/bench/peer/install.sh.
# Set KEEP_DIR=DIR to keep the deals and outputs there.
set -euo pipefail
build=$(cd "${1:?usage: review_vs_peer.sh BUILD_DIR [DEALS]}" && pwd)
deals=${2:-200000}
here=$(cd "$(dirname "$0")" && pwd)
cache=$(bash "$here/peer/install.sh")
if [[ -n ${KEEP_DIR:-} ]]; then
  data=$KEEP_DIR
  mkdir -p "$data"
else
  data=$(mktemp -d)
  trap 'rm -rf "$data"' EXIT
fi
"$build/tests/bench/make_deals" "$deals" > "$data/deals.jsonl"
# The peer reads the playbook's conditions as JsonLogic: the built-in playbook
# with every expression string converted by closecoach itself.
"$build/closecoach" playbook fmt --to jsonlogic > "$data/playbook.jsonlogic.json"
echo "input: $deals deals, $(stat -c %s "$data/deals.jsonl") bytes"

# best NAME OUTPUT COMMAND...: prints the best wall time of 3 runs and the CPU
# time (user + sys) of that run; leaves the wall time in $wall_time.
best() {
  local name=$1 out=$2 best_wall="" best_cpu=""
  shift 2
  for _ in 1 2 3; do
    local TIMEFORMAT="%R %U %S"
    local times
    times=$({ time "$@" > "$out" 2> /dev/null; } 2>&1 | tail -1)
    read -r wall user sys <<< "$times"
    if [[ -z $best_wall ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall
      best_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    fi
  done
  printf '%-22s %6.2f s wall  %6.2f s CPU  %s lines\n' "$name" "$best_wall" "$best_cpu" \
    "$(wc -l < "$out")"
  wall_time=$best_wall
}

best "closecoach review -j 1" "$data/j1.jsonl" "$build/closecoach" review -j 1 "$data/deals.jsonl"
j1=$wall_time
best "closecoach review -j 2" "$data/j2.jsonl" "$build/closecoach" review -j 2 "$data/deals.jsonl"
j2=$wall_time
best "node peer" "$data/peer.jsonl" \
  env NODE_PATH="$cache/node_modules" node "$here/peer/review_peer.js" \
  "$data/playbook.jsonlogic.json" "$data/deals.jsonl"
peer=$wall_time

for out in j1 j2 peer; do
  lines=$(wc -l < "$data/$out.jsonl")
  if [[ $lines -ne $deals ]]; then
    echo "error: $out gave $lines lines for $deals deals" >&2
    exit 1
  fi
done
cmp -s "$data/j1.jsonl" "$data/j2.jsonl" || { echo "error: -j 1 and -j 2 differ" >&2; exit 1; }
awk -v j1="$j1" -v j2="$j2" -v peer="$peer" 'BEGIN {
  printf "peer / -j 2: %.1fx   peer / -j 1: %.1fx   -j 1 / -j 2: %.2fx\n", peer / j2, peer / j1, j1 / j2
}'
# The generated deals give every fact, so their notes decide nothing: the
# labelled notes corpus, its facts left out, is where reading notes shows.
corpus="$here/../data/notes/corpus.jsonl"
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    print(json.dumps({"id": r["id"], "notes": r["notes"]}, ensure_ascii=False))
' "$corpus" > "$data/notes.jsonl"
"$build/closecoach" review "$data/notes.jsonl" > "$data/notes_ours.jsonl" || true
NODE_PATH="$cache/node_modules" node "$here/peer/review_peer.js" "$data/playbook.jsonlogic.json" \
  "$data/notes.jsonl" > "$data/notes_peer.jsonl"

# Agreement: the same moves[0], the same ranked techniques, the same class,
# the same facts read from the notes (fact and value of each signal applied).
agreement() {
  python3 - "$@" <<'EOF'
import json, sys
top = moves = klass = signals = n = 0
read = lambda r: {(s["fact"], json.dumps(s["value"])) for s in r["signals"]
                  if not s.get("overridden")}
with open(sys.argv[1], encoding="utf-8") as ours, open(sys.argv[2], encoding="utf-8") as peer:
    for a, b in zip(ours, peer):
        a, b = json.loads(a), json.loads(b)
        n += 1
        ma = [m["technique"] for m in a["moves"]]
        mb = [m["technique"] for m in b["moves"]]
        top += ma[:1] == mb[:1]
        moves += ma == mb
        klass += a["class"] == b["class"]
        signals += read(a) == read(b)
print(f"agreement with the peer over {n} {sys.argv[3]}: moves[0] {100 * top / n:.2f}%, "
      f"all moves {100 * moves / n:.2f}%, class {100 * klass / n:.2f}%, "
      f"signals read {100 * signals / n:.2f}%")
EOF
}
agreement "$data/j1.jsonl" "$data/peer.jsonl" "generated deals"
agreement "$data/notes_ours.jsonl" "$data/notes_peer.jsonl" "notes of tests/data/notes/corpus.jsonl"
