#!/usr/bin/env bash
# Fails when a module includes a public header of a module that is not below
# it (docs/architecture.md): util < json < condition < playbook < engine <
# lint, review, report, store < cli. Module-private headers are already out of reach: each
# module's folder is a PRIVATE include directory of its own library.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A level=([util]=0 [json]=1 [condition]=2 [playbook]=3 [engine]=4 [lint]=5 [review]=5 [report]=5 [store]=5 [cli]=6)
declare -A owner=(
  [diagnostic]=util [utf8]=util [text]=util [csv]=util [line_reader]=util
  [ordered_pipeline]=util [json_writer]=util [version]=util [words]=util
  [json_text]=json [json_logic]=json [js_number]=json
  [facts]=condition [condition]=condition [expression]=condition
  [playbook]=playbook [signals]=playbook
  [engine]=engine [scenarios]=engine [note_reader]=engine
  [playbook_lint]=lint [review]=review [crm_profile]=review [crm_dates]=review
  [report]=report [deal_store]=store [outcome_stats]=store)
status=0
for header in include/closecoach/*.hpp; do
  name=$(basename "$header" .hpp)
  if [[ -z "${owner[$name]:-}" ]]; then
    echo "check-layers: $header belongs to no module (add it to scripts/check-layers.sh)" >&2
    status=1
  fi
done
for file in include/closecoach/*.hpp src/*/*.cpp src/*/*.hpp; do
  if [[ $file == include/* ]]; then module=${owner[$(basename "$file" .hpp)]:-}; else module=$(basename "$(dirname "$file")"); fi
  [[ -n "$module" && -n "${level[$module]:-}" ]] || continue
  while IFS=: read -r line name; do
    used=${owner[$name]:-}
    [[ -z "$used" || "$used" == "$module" ]] && continue
    if (( ${level[$used]} >= ${level[$module]} )); then
      echo "$file:$line: error: module '$module' includes <closecoach/$name.hpp> of module '$used', which is not below it" >&2
      status=1
    fi
  done < <(grep -n '^#include <closecoach/' "$file" | sed 's|^\([0-9]*\):#include <closecoach/\([a-z_0-9]*\)\.hpp>.*|\1:\2|')
done
[[ $status -eq 0 ]] && echo "check-layers: every module uses only those below it"
exit $status
