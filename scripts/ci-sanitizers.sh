#!/usr/bin/env bash
# What CI runs beside the README's test command (.ci/run):
#   asan  the whole test suite built by g++ with AddressSanitizer and
#         UndefinedBehaviorSanitizer (-DCLOSECOACH_SANITIZE=ON) in build-asan/,
#         and ctest there; any sanitizer report fails its test;
#   fuzz  the libFuzzer targets built by clang (-DCLOSECOACH_BUILD_FUZZ=ON) in
#         build-fuzz/, build only, and each run once over its seed corpus and
#         kept regressions (tests/fuzz/corpus/NAME, tests/fuzz/regressions/NAME).
# usage: scripts/ci-sanitizers.sh [asan] [fuzz]     (no argument: both)
# The build folders can be moved with CLOSECOACH_ASAN_BUILD and
# CLOSECOACH_FUZZ_BUILD; CMAKE_CXX_COMPILER_LAUNCHER (e.g. ccache) is passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
((${#stages[@]})) || stages=(asan fuzz)
asan_build=${CLOSECOACH_ASAN_BUILD:-build-asan}
fuzz_build=${CLOSECOACH_FUZZ_BUILD:-build-fuzz}
launcher=()
[[ -n "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ]] &&
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$CMAKE_CXX_COMPILER_LAUNCHER")

# halt_on_error: the first report ends the process with a non-zero status (UBSan
# is also compiled with -fno-sanitize-recover=all), so the test that saw it fails.
# abort_on_error: a report ends in SIGABRT, never in exit status 1, which
# some tests expect for records that fail. No core files.
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
ulimit -c 0

run_asan() {
  cmake -S . -B "$asan_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLOSECOACH_WERROR=ON \
    -DCLOSECOACH_SANITIZE=ON "${launcher[@]}"
  cmake --build "$asan_build" -j2
  ctest --test-dir "$asan_build" --output-on-failure -j2
}

# The inputs a fuzzer replays: its corpus and regressions folders; the
# expression and JsonLogic fuzzers also the files at the top of regressions/.
kept_inputs() {
  local name=$1
  find "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name" -type f 2>/dev/null || true
  if [[ $name == expression || $name == json_logic ]]; then
    find tests/fuzz/regressions -maxdepth 1 -type f
  fi
}

run_fuzz() {
  cmake -S . -B "$fuzz_build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCLOSECOACH_WERROR=ON -DCLOSECOACH_BUILD_FUZZ=ON -DCLOSECOACH_BUILD_TESTS=OFF "${launcher[@]}"
  cmake --build "$fuzz_build" -j2 --target fuzzers
  local fuzzer name inputs status=0
  for fuzzer in "$fuzz_build"/tests/fuzz/*_fuzzer; do
    name=$(basename "$fuzzer" _fuzzer)
    mapfile -t inputs < <(kept_inputs "$name" | sort)
    if ((${#inputs[@]} == 0)); then
      echo "ci-sanitizers: $name: no kept inputs (add some to tests/fuzz/corpus/$name)" >&2
      status=1
      continue
    fi
    # Given files, libFuzzer runs each once and stops at the first failure.
    if "$fuzzer" -timeout=60 -rss_limit_mb=2048 "${inputs[@]}" >"$fuzz_build/$name.log" 2>&1; then
      echo "ci-sanitizers: $name: ${#inputs[@]} kept inputs pass"
    else
      echo "ci-sanitizers: $name fails on a kept input:" >&2
      tail -n 60 "$fuzz_build/$name.log" >&2
      status=1
    fi
  done
  return $status
}

for stage in "${stages[@]}"; do
  start=$SECONDS
  case "$stage" in
    asan) run_asan ;;
    fuzz) run_fuzz ;;
    *) echo "usage: ci-sanitizers.sh [asan] [fuzz]" >&2; exit 2 ;;
  esac
  echo "ci-sanitizers: $stage took $((SECONDS - start)) s"
done
