#!/usr/bin/env bash
# Mutation testing with StrykerJS: runs stryker/<target>.config.mjs (e.g. `card`, `reset-policy`).
#   bash scripts/mutation.sh card
# Reports: reports/mutation/<target>.{json,html}; sandboxes in .stryker-tmp/ (both gitignored).
# Concurrency is set in each config (at most 2: the machine is shared). Scores go in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-}"
if [[ -z "$target" ]]; then
  echo "usage: bash scripts/mutation.sh <target>   (targets: $(ls stryker/*.config.mjs 2>/dev/null | sed 's#stryker/##; s#\.config\.mjs##' | tr '\n' ' '))" >&2
  exit 2
fi
config="stryker/${target}.config.mjs"
if [[ ! -f "$config" ]]; then
  echo "no such mutation target: $config" >&2
  exit 2
fi
shift
exec npx stryker run "$config" "$@"
