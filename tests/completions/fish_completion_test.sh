#!/usr/bin/env bash
# The fish completion (completions/closecoach.fish), through fish itself:
# `complete -C LINE` prints what fish would offer. Every option each command's
# --help lists is offered, and options stay with their commands.
# Usage: fish_completion_test.sh CLOSECOACH_BINARY SOURCE_DIR
set -uo pipefail
binary=$1
source_dir=$2
command -v fish >/dev/null || { echo "SKIP: fish is not installed"; exit 0; }
PATH="$(dirname "$binary"):$PATH"
unset CLOSECOACH_PLAYBOOK
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
failures=0

# offered LINE: what fish offers for LINE, the candidates only, one a line.
offered() {
  fish --no-config -c "source '$source_dir/completions/closecoach.fish'; complete -C '$1'" | cut -f1
}

subcommands() {
  "$binary" "$@" --help | awk '/^Subcommands:/ {on = 1; next} /^$/ {on = 0} on && /^  [a-z]/ {print $1}'
}
help_options() {
  "$binary" "$@" --help | awk '/^Options:/ {on = 1; next} /^[A-Z]/ {on = 0}
    on && /^  --/ {split($1, names, ","); for (i in names) print names[i]}
    on && /^  -[a-z],/ {split($1, names, ","); for (i in names) if (names[i] ~ /^--/) print names[i]}'
}

paths=()
for command in $(subcommands); do
  paths+=("$command")
  for sub in $(subcommands "$command"); do paths+=("$command $sub"); done
done
for path in "${paths[@]}"; do
  got=" $(offered "closecoach $path --" | tr '\n' ' ') "
  for option in $(help_options $path) --quiet --color --verbose --log-level; do
    if [[ $got != *" $option "* ]]; then
      echo "FAIL: closecoach $path --|: $option is not offered"
      failures=$((failures + 1))
    fi
  done
done
echo "checked the long options of ${#paths[@]} commands against their --help"

expect_absent() {
  local unwanted=$1 line=$2
  if offered "$line" | grep -qx -- "$unwanted"; then
    echo "FAIL: $line|: $unwanted is offered"
    failures=$((failures + 1))
  fi
}
expect_absent --lang "closecoach profile show --"
expect_absent --tests "closecoach playbook show --"
[[ $(offered "closecoach advise --lang " | sort | tr '\n' ' ') == "en ru zh " ]] \
  || { echo "FAIL: --lang values"; failures=$((failures + 1)); }
[[ $(offered "closecoach --color " | sort | tr '\n' ' ') == "always auto never " ]] \
  || { echo "FAIL: --color values"; failures=$((failures + 1)); }
offered "closecoach advise -a stage=" | grep -qx "stage=negotiation" \
  || { echo "FAIL: -a stage= values"; failures=$((failures + 1)); }

if ((failures)); then
  echo "$failures failed"
  exit 1
fi
echo "all passed"
