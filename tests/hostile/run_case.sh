#!/usr/bin/env bash
# Runs one case of the hostile-input catalogue (tests/hostile/*.case).
#
# usage: run_case.sh CLOSECOACH MAKE_DEALS TEST_DATA CASE_FILE
#
# A case is a bash fragment that defines
#   run_case        a function: the command a hostile user runs, with `closecoach`
#                   standing for the built binary; it runs in a fresh temp folder
#   expect_status   the exit status it must end with
#   expect_stderr   an extended regex stderr must match ('' = stderr must be empty)
# and may define
#   setup           a function that makes the inputs (in the temp folder)
#   expect_stdout   an extended regex stdout must match ('' = stdout must be empty)
#   check           a function with more assertions (return non-zero to fail);
#                   it sees stdout and stderr as the files ./stdout and ./stderr
#   hang_guard      seconds after which the run counts as hung (default 60). It
#                   catches hangs only: speed is measured by tests/bench, not here.
#
# Helpers a case may use: $TEST_DATA (tests/data), make_deals (the deal generator),
# python3 (for generating inputs).
set -uo pipefail
if [[ $# -ne 4 ]]; then
  echo "usage: run_case.sh CLOSECOACH MAKE_DEALS TEST_DATA CASE_FILE" >&2
  exit 2
fi
CLOSECOACH=$(readlink -f "$1")
MAKE_DEALS=$(readlink -f "$2")
TEST_DATA=$(readlink -f "$3")
case_file=$(readlink -f "$4")
export CLOSECOACH MAKE_DEALS TEST_DATA
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 2

closecoach() { "$CLOSECOACH" "$@"; }
make_deals() { "$MAKE_DEALS" "$@"; }
export -f closecoach make_deals

hang_guard=60
unset expect_stdout
# shellcheck source=/dev/null
source "$case_file"
declare -F run_case >/dev/null || { echo "FAIL: $case_file defines no run_case" >&2; exit 1; }
if declare -F setup >/dev/null; then
  setup || { echo "FAIL: setup failed" >&2; exit 1; }
fi
export -f run_case
# A new session, so that a hung run and everything it started can be killed.
timeout --kill-after=5 "$hang_guard" setsid bash -c run_case >stdout 2>stderr
status=$?

failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
show() { echo "--- $1 (first 20 lines, control characters escaped):" >&2; head -n 20 "$1" | cat -v >&2; }
if [[ $status -eq 124 || $status -eq 137 ]] && [[ $expect_status -ne $status ]]; then
  fail "hung: no exit within ${hang_guard} s"
elif [[ $status -ne $expect_status ]]; then
  fail "exit status $status, expected $expect_status"
fi
if [[ -z "$expect_stderr" ]]; then
  [[ -s stderr ]] && fail "stderr should be empty"
elif ! grep -Eq -- "$expect_stderr" stderr; then
  fail "stderr does not match /$expect_stderr/"
fi
if [[ -v expect_stdout ]]; then
  if [[ -z "$expect_stdout" ]]; then
    [[ -s stdout ]] && fail "stdout should be empty"
  elif ! grep -Eq -- "$expect_stdout" stdout; then
    fail "stdout does not match /$expect_stdout/"
  fi
fi
if declare -F check >/dev/null; then
  check || fail "check failed"
fi
if [[ $failed -ne 0 ]]; then
  show stderr
  show stdout
  exit 1
fi
echo "ok: $(basename "$case_file") (exit $status)"
