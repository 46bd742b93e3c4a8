#!/usr/bin/env bash
# Writes what a build prints for a fixed set of commands into OUT_DIR, one
# file each (stdout, stderr and exit status), so that a refactoring can show
# its output did not change:
#   scripts/snapshot-outputs.sh build-before /tmp/before
#   scripts/snapshot-outputs.sh build-after /tmp/after && diff -r /tmp/before /tmp/after
# Covers review over 20,000 generated deals (two seeds; jsonl, --explain in
# zh and ru, csv, table, -j 2, --summary), every review and playbook fixture,
# playbook show/fmt/test and advise in three languages. Needs the build's
# make_deals (built with the tests).
set -uo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: scripts/snapshot-outputs.sh BUILD_DIR OUT_DIR" >&2
  exit 2
fi
build=$(realpath "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")/.."
closecoach=$build/closecoach
mkdir -p "$out"
deals=$out/deals.jsonl
"$build/tests/bench/make_deals" 20000 42 > "$deals"
"$build/tests/bench/make_deals" 20000 7 > "$out/deals7.jsonl"
# Messages name the playbook copy by this path in every snapshot alike.
playbook=/tmp/closecoach-snapshot-playbook.json
run() { local name=$1; shift; "$@" > "$out/$name" 2>&1; echo "exit $?" >> "$out/$name"; }
run review.jsonl "$closecoach" review "$deals"
run review.explain-zh "$closecoach" review "$out/deals7.jsonl" --explain --lang zh --summary -j 2
run review.csv-ru "$closecoach" review "$deals" --output csv --explain --lang ru
run review.table "$closecoach" review "$deals" --output table
for file in tests/data/review/*; do run "fixture.$(basename "$file")" "$closecoach" review "$file" --explain; done
for file in tests/data/playbook/*.json; do run "validate.$(basename "$file")" "$closecoach" playbook validate "$file"; done
for lang in en zh ru; do
  run "show.$lang" "$closecoach" playbook show --lang "$lang"
  run "advise.$lang" "$closecoach" advise --answers examples/answers.json --lang "$lang"
  run "advise-json.$lang" "$closecoach" advise --answers examples/answers.json --lang "$lang" --format json --why-not hard_close
done
cp data/playbook.json "$playbook"
run fmt.jsonlogic "$closecoach" playbook fmt "$playbook" --to jsonlogic
cat "$playbook" >> "$out/fmt.jsonlogic"
run fmt.expr "$closecoach" playbook fmt "$playbook" --to expr
cat "$playbook" >> "$out/fmt.expr"
rm -f "$playbook"
run fmt.builtin "$closecoach" playbook fmt
run playbook-test "$closecoach" playbook test data/playbook.json --tests data/playbook.tests.json --coverage
run advise.no-answers "$closecoach" advise --format json < /dev/null
rm -f "$deals" "$out/deals7.jsonl"
