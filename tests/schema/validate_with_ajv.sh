#!/usr/bin/env bash
# Validates the default playbook against data/playbook.schema.json and the
# built-in CRM profiles against data/profile.schema.json with a real JSON Schema
# validator (ajv-cli, installed by scripts/install-deps.sh --test), and checks
# that each schema rejects a broken file.
#   validate_with_ajv.sh SOURCE_DIR
set -euo pipefail
source_dir=${1:?source dir}
prefix="${XDG_CACHE_HOME:-$HOME/.cache}/closecoach/npm"
ajv="$prefix/node_modules/.bin/ajv"
if [[ ! -x "$ajv" ]]; then
  echo "SKIP: ajv-cli is not installed in $prefix (run scripts/install-deps.sh --test, which needs npm)"
  exit 0
fi
cd "$prefix"  # so that -c ajv-formats resolves
schema="$source_dir/data/playbook.schema.json"
"$ajv" validate --spec=draft2020 -c ajv-formats -s "$schema" -d "$source_dir/data/playbook.json"
if "$ajv" validate --spec=draft2020 -c ajv-formats -s "$schema" -d "$source_dir/tests/schema/broken_playbook.json" 2>&1; then
  echo "FAIL: the schema accepted tests/schema/broken_playbook.json (fact type 'boolean')"
  exit 1
fi
profile_schema="$source_dir/data/profile.schema.json"
for profile in "$source_dir"/data/profiles/*.json; do
  "$ajv" validate --spec=draft2020 -c ajv-formats -s "$profile_schema" -d "$profile"
done
if "$ajv" validate --spec=draft2020 -c ajv-formats -s "$profile_schema" -d "$source_dir/tests/schema/broken_profile.json" 2>&1; then
  echo "FAIL: the profile schema accepted tests/schema/broken_profile.json (an empty column, no closed values)"
  exit 1
fi
echo "the schemas accept the default playbook and the built-in profiles and reject the broken ones"
