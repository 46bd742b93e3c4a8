#!/usr/bin/env bash
# The bash completion (completions/closecoach.bash), through its completion
# function as bash calls it: COMP_WORDS and COMP_CWORD set, COMPREPLY read.
# Usage: bash_completion_test.sh CLOSECOACH_BINARY SOURCE_DIR
set -uo pipefail
binary=$1
source_dir=$2
PATH="$(dirname "$binary"):$PATH"
unset CLOSECOACH_PLAYBOOK
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
# shellcheck source=/dev/null
source "$source_dir/completions/closecoach.bash"
failures=0

# complete WORD... : COMPREPLY for the last word, sorted, on one line.
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _closecoach
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

expect() {
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  if [[ $got != "$want" ]]; then
    echo "FAIL: $*|: want '$want', got '$got'"
    failures=$((failures + 1))
  else
    echo "ok: $*|"
  fi
}

# contains WANT WORD...: the completions include WANT.
expect_contains() {
  local want=$1
  shift
  local got
  got=" $(complete_words "$@") "
  if [[ $got != *" $want "* ]]; then
    echo "FAIL: $*|: want '$want' among '$got'"
    failures=$((failures + 1))
  else
    echo "ok: $*| has $want"
  fi
}

expect "advise deal eval playbook profile report review stats" closecoach ""
expect "report review" closecoach "re"
expect "fmt show test validate" closecoach playbook ""
expect "export import list log new rm set show unset" closecoach deal ""
expect "advanced lost stalled won" closecoach deal log acme --outcome ""
expect "json text" closecoach stats --format ""
expect_contains "--deal" closecoach advise --d
expect_contains "--move" closecoach deal log acme --m
expect "list show validate" closecoach profile ""
expect "en ru zh" closecoach advise --lang ""
expect "zh" closecoach review --lang z
expect "json text" closecoach advise --format ""
expect "csv jsonl" closecoach review --format ""
expect "csv jsonl table" closecoach review --output ""
expect "html json markdown text" closecoach report --format ""
expect "expr jsonlogic" closecoach playbook fmt --to ""
expect_contains "hubspot" closecoach review --profile ""
expect_contains "--playbook" closecoach advise --p
expect_contains "--coverage" closecoach playbook test --
expect "--why-not" closecoach advise --wh

# -a: fact names from the playbook in use, then the values of one.
expect_contains "stage=" closecoach advise -a ""
expect_contains "has_need=" closecoach advise -a ""
expect_contains "last_response=" closecoach eval -a ""
expect "stage=discovery stage=final_20_min stage=follow_up stage=negotiation stage=presentation" \
  closecoach advise -a stage=
expect "has_need=false has_need=true" closecoach advise -a has_need=
# bash splits "stage=" at '=' (COMP_WORDBREAKS): the words are -a stage = VALUE.
expect "discovery final_20_min follow_up negotiation presentation" closecoach advise -a stage =
expect "negotiation" closecoach advise -a stage = n

# The playbook in use: --playbook on the line, else $CLOSECOACH_PLAYBOOK.
clean="$source_dir/tests/data/playbook/clean.json"
expect "has_need= soft_closes_tried= stage=" closecoach advise --playbook "$clean" -a ""
expect "stage=discovery stage=negotiation" closecoach advise --playbook "$clean" -a stage=
CLOSECOACH_PLAYBOOK=$clean expect "has_need= soft_closes_tried= stage=" closecoach advise -a ""

# File names where a file is expected.
cd "$source_dir/tests/data/playbook" || exit 2
expect "clean.expected clean.json clean.show.en.expected clean.tests.json" closecoach advise --playbook clean
expect "clean.expected clean.json clean.show.en.expected clean.tests.json" closecoach playbook validate clean

# One source of truth: every option each command's --help lists is offered
# after "-" (the options of closecoach itself too, which go after the command).
help_options() {
  "$binary" "$@" --help | awk '/^Options:/ {on = 1; next} /^[A-Z]/ {on = 0}
    on && /^  -/ {split($1, names, ","); for (i in names) print names[i]}' | sort -u
}
commands=("")
for command in $("$binary" --help | awk '/^Subcommands:/ {on = 1; next} /^$/ {on = 0} on && /^  [a-z]/ {print $1}'); do
  commands+=("$command")
  for sub in $("$binary" "$command" --help | awk '/^Subcommands:/ {on = 1; next} /^$/ {on = 0} on && /^  [a-z]/ {print $1}'); do
    commands+=("$command $sub")
  done
done
((${#commands[@]} >= 20)) || { echo "FAIL: only ${#commands[@]} commands found in --help"; failures=$((failures + 1)); }
globals=$(help_options | tr '\n' ' ')
for path in "${commands[@]}"; do
  # shellcheck disable=SC2086
  offered=" $(complete_words closecoach $path -) "
  for option in $(help_options $path) ${path:+$globals}; do
    [[ $option == --version && -n $path ]] && continue
    if [[ $offered != *" $option "* ]]; then
      echo "FAIL: closecoach $path -|: $option (from --help) is not offered"
      failures=$((failures + 1))
    fi
  done
done
echo "checked the options of ${#commands[@]} commands against their --help"

if ((failures)); then
  echo "$failures failed"
  exit 1
fi
echo "all passed"
