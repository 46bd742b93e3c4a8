#!/usr/bin/env bash
# Installs what closecoach needs to build and test on Debian 12, from Debian's
# packages only. Safe to run again. Uses sudo when not run as root.
#   --test  also what the tests need (CI's test command)
#   --fuzz  also clang and libFuzzer's runtime, for -DCLOSECOACH_BUILD_FUZZ=ON
#           (scripts/ci-sanitizers.sh)
set -euo pipefail
test=false
fuzz=false
for option in "$@"; do
  case "$option" in
    --test) test=true ;;
    --fuzz) fuzz=true ;;
    *) echo "usage: install-deps.sh [--test] [--fuzz]" >&2; exit 2 ;;
  esac
done
packages=(
  g++ cmake make pkg-config
  libcli11-dev nlohmann-json3-dev libfmt-dev libspdlog-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libre2-dev libutf8proc-dev libsimdjson-dev libsqlite3-dev
)
if $test; then
  # GNU parallel runs the scale-out example; clang-format checks the layout
  # of every C++ file (the format.clang_format test); the schema test validates with
  # ajv from npm (a machine may already have Node.js from elsewhere).
  # python3 makes the hostile-input catalogue's inputs (tests/hostile/).
  packages+=(parallel clang-format python3)
  # zsh and fish syntax-check the shell completions (completions/).
  packages+=(zsh fish)
  # Chromium renders the report's HTML page to PNG (tests/report/report_browser_test.cpp),
  # with the CJK fonts its Chinese page needs.
  packages+=(chromium fonts-noto-cjk)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
  # groff renders the man page (install.man_page_renders) and man-db reads it;
  # dpkg-dev's dpkg-shlibdeps computes the Debian package's Depends (install.deb_package).
  packages+=(groff-base man-db dpkg-dev)
fi
if $fuzz; then
  # Debian's clang recommends, but does not pull in, the runtime with
  # libFuzzer and clang's sanitizers (libclang_rt.fuzzer-x86_64.a).
  packages+=(clang libclang-rt-14-dev)
fi
run_as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  run_as_root apt-get update -qq
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if $test && command -v npm >/dev/null 2>&1; then
  # ajv-cli validates the playbook schema in the tests (tests/schema/).
  prefix="${XDG_CACHE_HOME:-$HOME/.cache}/closecoach/npm"
  if [[ ! -x "$prefix/node_modules/.bin/ajv" ]]; then
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --silent ajv-cli@5 ajv-formats@2 >/dev/null
  fi
fi
