#!/usr/bin/env bash
# Fails, naming each file, when a C++ file of the tree is not as .clang-format
# (clang-format 14, Debian 12's) writes it. `--fix` rewrites them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z "$format" ]]; then
  echo "check-format: clang-format 14 is not installed (bash scripts/install-deps.sh --test)" >&2
  exit 1
fi
version=$("$format" --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
if [[ "$version" != 14 ]]; then
  echo "check-format: $format is version $version; the tree is formatted by clang-format 14" >&2
  exit 1
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp')
else
  mapfile -t files < <(find include src tests -name '*.cpp' -o -name '*.hpp' | sort)
fi
if ((${#files[@]} == 0)); then
  echo "check-format: found no C++ files" >&2
  exit 1
fi
if [[ "${1:-}" == "--fix" ]]; then
  "$format" -i "${files[@]}"
  exit 0
fi
"$format" --dry-run -Werror "${files[@]}"
echo "check-format: ${#files[@]} files formatted"
