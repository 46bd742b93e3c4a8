#!/usr/bin/env bash
# groff renders the man page with every warning on (-ww) and none on stderr;
# mandoc's lint too where mandoc is installed.
#   man_page_renders.sh PAGE
set -euo pipefail
page=$1
command -v groff >/dev/null || { echo "SKIP: groff is not installed (groff-base)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
LC_ALL=C.UTF-8 groff -ww -man -Tutf8 -P-bcou "$page" >"$tmp/page.txt" 2>"$tmp/warnings.txt" || status=1
if [[ -s "$tmp/warnings.txt" ]]; then
  echo "FAIL: groff -ww warns:" >&2
  cat "$tmp/warnings.txt" >&2
  status=1
fi
grep -q 'EXIT STATUS' "$tmp/page.txt" || { echo "FAIL: the rendered page has no EXIT STATUS" >&2; status=1; }
if command -v mandoc >/dev/null; then
  mandoc -T lint -W warning "$page" >&2 || { echo "FAIL: mandoc -T lint" >&2; status=1; }
fi
[[ $status -eq 0 ]] && echo "man page renders: ok ($(wc -l <"$tmp/page.txt") lines)"
exit $status
