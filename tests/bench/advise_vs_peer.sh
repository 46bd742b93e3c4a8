#!/usr/bin/env bash
# One `closecoach advise` as a whole process against its node peer
# (tests/bench/peer/review_peer.js given one deal: the same rules run by
# json-logic-js), side by side in one run:
#   tests/bench/advise_vs_peer.sh BUILD_DIR [ROUNDS]
# Each round times a loop of 20 runs of each command, interleaved so that a
# busy moment hurts all alike; the best round counts. /bin/true shows what
# starting any process costs here. With valgrind installed it also counts the
# instructions of one run of each closecoach command (callgrind), and of a
# C++ main that does nothing: what loading libstdc++ costs any such program.
# The peer's dependency is installed once by tests/bench/peer/install.sh.
set -euo pipefail
build=$(cd "${1:?usage: advise_vs_peer.sh BUILD_DIR [ROUNDS]}" && pwd)
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
cache=$(bash "$here/peer/install.sh")
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$build/closecoach" playbook fmt --to jsonlogic > "$data/playbook.jsonlogic.json"
echo '{"id":"D-1","facts":{"has_need":false}}' > "$data/deal.jsonl"
export NODE_PATH="$cache/node_modules"

names=("node peer, one deal" "closecoach advise" "closecoach advise --format json"
       "closecoach --version" "/bin/true")
commands=("node $here/peer/review_peer.js $data/playbook.jsonlogic.json $data/deal.jsonl"
          "$build/closecoach advise -a has_need=no --no-interactive"
          "$build/closecoach advise -a has_need=no --no-interactive --format json"
          "$build/closecoach --version"
          "/bin/true")
declare -a best
for ((round = 0; round < rounds; ++round)); do
  for i in "${!commands[@]}"; do
    read -r -a words <<< "${commands[$i]}"
    start=$(date +%s%N)
    for _ in {1..20}; do "${words[@]}" > /dev/null; done
    per_run=$((($(date +%s%N) - start) / 20000))  # microseconds
    if [[ -z ${best[$i]:-} || $per_run -lt ${best[$i]} ]]; then best[$i]=$per_run; fi
  done
done
peer=${best[0]}
for i in "${!commands[@]}"; do
  printf '%-34s %8.2f ms  %6.3f of the peer\n' "${names[$i]}" \
    "$(awk -v us="${best[$i]}" 'BEGIN { print us / 1000 }')" \
    "$(awk -v a="${best[$i]}" -v b="$peer" 'BEGIN { print a / b }')"
done
# Prints LABEL and the instructions one run of COMMAND takes (callgrind).
print_instructions() {
  local label=$1 count
  shift
  count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,)
  printf '%-34s %8.2f M instructions\n' "$label" "$(awk -v n="$count" 'BEGIN { print n / 1e6 }')"
}
if command -v valgrind > /dev/null; then
  for i in 1 2 3; do
    read -r -a words <<< "${commands[$i]}"
    print_instructions "${names[$i]}" "${words[@]}"
  done
  # The floor: any program linked to libstdc++.so, as libsimdjson.so needs,
  # pays the loader for libstdc++'s symbols before main.
  printf '#include <string>\nint main(int, char** argv) { return std::string(argv[0]).empty(); }\n' \
    > "$data/floor.cpp"
  if c++ -O2 "$data/floor.cpp" -o "$data/floor" 2> /dev/null; then
    print_instructions "a C++ main linked to libstdc++" "$data/floor"
  fi
fi
