#!/usr/bin/env bash
# `cpack -G DEB` builds a package with the program and its man page, a
# computed Depends line, and a program that runs once extracted.
#   deb_package.sh BUILD_DIR
# cpack runs in a scratch copy of the CPack configuration so the test leaves
# no package or _CPack_Packages folder in the build folder.
set -euo pipefail
build=$1
command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb is not installed"; exit 0; }
command -v dpkg-shlibdeps >/dev/null || { echo "SKIP: dpkg-shlibdeps is not installed (dpkg-dev)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 \
  || { cat "$tmp/cpack.log" >&2; echo "FAIL: cpack -G DEB" >&2; exit 1; }
deb=$(find "$tmp/out" -maxdepth 1 -name 'closecoach_*.deb' | head -1)
[[ -n "$deb" ]] || { echo "FAIL: no closecoach_*.deb in $tmp/out" >&2; ls "$tmp/out" >&2; exit 1; }
status=0
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
contents=$(dpkg-deb -c "$deb")
# Debian policy: man pages gzip -9n'd (12.1), the licence as doc/PACKAGE/copyright (12.5).
for path in ./usr/bin/closecoach ./usr/share/man/man1/closecoach.1.gz \
  ./usr/share/doc/closecoach/copyright ./usr/share/bash-completion/completions/closecoach \
  ./usr/share/zsh/site-functions/_closecoach ./usr/share/fish/vendor_completions.d/closecoach.fish; do
  grep -q " ${path}\$" <<<"$contents" || { echo "FAIL: $path is not in the package" >&2; status=1; }
done
grep -q " ./usr/share/man/man1/closecoach.1\$" <<<"$contents" \
  && { echo "FAIL: the man page is not compressed" >&2; status=1; }
awk '{print $6}' <<<"$contents"
for field in Package Version Section Maintainer Depends; do
  value=$(dpkg-deb -f "$deb" "$field")
  echo "$field: $value"
  [[ -n "$value" ]] || { echo "FAIL: $field is empty" >&2; status=1; }
done
[[ $(dpkg-deb -f "$deb" Package) == closecoach ]] || { echo "FAIL: Package is not closecoach" >&2; status=1; }
[[ $(dpkg-deb -f "$deb" Section) == utils ]] || { echo "FAIL: Section is not utils" >&2; status=1; }
dpkg-deb -f "$deb" Depends | grep -q 'libc6' || { echo "FAIL: Depends does not name libc6" >&2; status=1; }
dpkg-deb -x "$deb" "$tmp/root"
gzip -t "$tmp/root/usr/share/man/man1/closecoach.1.gz" || { echo "FAIL: closecoach.1.gz is not gzip" >&2; status=1; }
zcat "$tmp/root/usr/share/man/man1/closecoach.1.gz" | grep -q '^\.TH CLOSECOACH 1' \
  || { echo "FAIL: closecoach.1.gz is not the man page" >&2; status=1; }
dpkg-deb -f "$deb" Homepage | grep -q example && { echo "FAIL: a placeholder Homepage" >&2; status=1; }
cd "$tmp"
env -u CLOSECOACH_PLAYBOOK -u CLOSECOACH_DB "$tmp/root/usr/bin/closecoach" --version \
  | grep -Eq '^closecoach [0-9]+\.[0-9]+\.[0-9]+' || { echo "FAIL: extracted --version" >&2; status=1; }
env -u CLOSECOACH_PLAYBOOK -u CLOSECOACH_DB "$tmp/root/usr/bin/closecoach" advise -a has_need=no >/dev/null \
  || { echo "FAIL: extracted advise -a has_need=no exited $?" >&2; status=1; }
[[ $status -eq 0 ]] && echo "deb package: ok"
exit $status
