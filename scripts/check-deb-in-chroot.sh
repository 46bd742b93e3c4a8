#!/usr/bin/env bash
# Installs the Debian package into a fresh, minimal Debian 12 (debootstrap) and
# uses it there as a user would: apt resolves its Depends, then the program,
# its man page and its completions are checked. Needs root and the network
# (deb.debian.org); not part of CI. Run after `cpack -G DEB` in the build folder.
#   scripts/check-deb-in-chroot.sh PACKAGE.deb [ROOT]   (ROOT default: /tmp/closecoach-deb12)
set -euo pipefail
deb=$(readlink -f "$1")
root=${2:-/tmp/closecoach-deb12}
[[ $(id -u) -eq 0 ]] || { echo "check-deb-in-chroot: run as root (chroot, debootstrap)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
[[ -x "$root/usr/bin/apt-get" ]] || debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
cp "$deb" "$root/tmp/closecoach.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
chroot "$root" /bin/bash -euo pipefail -c '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq /tmp/closecoach.deb >/dev/null
  dpkg -s closecoach | grep -q "^Status: install ok installed"
  cd / && env -u CLOSECOACH_PLAYBOOK closecoach --version
  closecoach advise -a has_need=no --no-interactive | head -1
  echo "{\"id\": \"x\", \"facts\": {\"has_need\": true}}" | closecoach review - -o /tmp/out.jsonl
  test "$(wc -l < /tmp/out.jsonl)" = 1
  zcat /usr/share/man/man1/closecoach.1.gz | grep -q "^\.TH CLOSECOACH 1"
  test -f /usr/share/bash-completion/completions/closecoach
  apt-get remove -y -qq closecoach >/dev/null
  ! command -v closecoach
  echo "check-deb-in-chroot: installed, ran and removed on a fresh Debian 12"
'
