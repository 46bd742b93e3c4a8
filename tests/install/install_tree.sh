#!/usr/bin/env bash
# `cmake --install BUILD --prefix TMP` puts the program and its man page at the
# contract's paths ("Installing"), the completions when they are in the source
# tree, and the installed program runs from another folder.
#   install_tree.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
status=0
expect() { [[ -f "$tmp/prefix/$1" ]] || { echo "FAIL: missing $1" >&2; status=1; }; }
expect bin/closecoach
expect share/man/man1/closecoach.1
[[ ! -f "$source/completions/closecoach.bash" ]] || expect share/bash-completion/completions/closecoach
[[ ! -f "$source/completions/_closecoach" ]] || expect share/zsh/site-functions/_closecoach
[[ ! -f "$source/completions/closecoach.fish" ]] || expect share/fish/vendor_completions.d/closecoach.fish
[[ -x "$tmp/prefix/bin/closecoach" ]] || { echo "FAIL: bin/closecoach is not executable" >&2; status=1; }
(cd "$tmp/prefix/share" && find . -type f | sort)
# From a folder far from the build and the source: nothing else is needed.
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere"
env -u CLOSECOACH_PLAYBOOK -u CLOSECOACH_DB "$tmp/prefix/bin/closecoach" --version | grep -Eq '^closecoach [0-9]+\.[0-9]+\.[0-9]+' \
  || { echo "FAIL: installed --version" >&2; status=1; }
out=$(env -u CLOSECOACH_PLAYBOOK -u CLOSECOACH_DB "$tmp/prefix/bin/closecoach" advise -a has_need=no) \
  || { echo "FAIL: installed advise exited $?" >&2; status=1; }
[[ -n "$out" ]] || { echo "FAIL: installed advise printed nothing" >&2; status=1; }
# The installed man page is the one man reads.
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$tmp/prefix/share/man/man1/closecoach.1" 2>/dev/null | grep -q 'closecoach' \
    || { echo "FAIL: man -l cannot read the installed page" >&2; status=1; }
fi
[[ $status -eq 0 ]] && echo "install tree: ok"
exit $status
