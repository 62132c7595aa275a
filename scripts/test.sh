#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian machine with Node 20,
# then runs typecheck, lint and every test, and prints a closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir=/usr
export CI="${CI:-}"

step() { printf '\n== %s\n' "$*"; }

step "system packages"
bash scripts/setup-system.sh || { echo "system package install failed"; echo "0 passed, 1 failed"; exit 1; }

step "npm ci"
if ! npm ci --no-audit --no-fund; then echo "0 passed, 1 failed"; exit 1; fi

mkdir -p .test-results
checks_passed=0
checks_failed=0

step "typecheck (tsc -b) and build"
if npx tsc -b && npx tsc -p tsconfig.test.json && npx tsc -p apps/web/tsconfig.json && npm run build -w @myna/web; then checks_passed=$((checks_passed + 1)); else checks_failed=$((checks_failed + 1)); echo "TYPECHECK FAILED"; fi

step "lint (biome)"
if bash scripts/biome.sh check .; then checks_passed=$((checks_passed + 1)); else checks_failed=$((checks_failed + 1)); echo "LINT FAILED"; fi

step "PostgreSQL for the store tests (private cluster on 127.0.0.1)"
pg_env=$(bash scripts/postgres-test.sh start) || { echo "PostgreSQL did not start"; pg_env=""; }
eval "$pg_env"
trap '[ -n "${MYNA_TEST_POSTGRES_DIR:-}" ] && bash scripts/postgres-test.sh stop "$MYNA_TEST_POSTGRES_DIR" >/dev/null 2>&1' EXIT

step "tests (vitest) on Node $(node --version)"
# An overall limit: a test that hangs in native code (where vitest's own timeouts cannot fire)
# fails the run here instead of running into CI's time limit.
timeout --kill-after=30 "${MYNA_TEST_TIMEOUT:-2400}" npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json
vitest_rc=$?
[ $vitest_rc -eq 124 ] && echo "TESTS TIMED OUT after ${MYNA_TEST_TIMEOUT:-2400} s"
reports=(.test-results/vitest.json)

# The same suite again on the newest supported Node.js line (users run 22 and 24; 20 is past its
# end of life). Native modules are rebuilt against that Node's headers, and the Node 20 builds are
# put back afterwards so `npm start` keeps working. MYNA_TEST_NODE_LINES="" skips this pass.
for major in ${MYNA_TEST_NODE_LINES-24}; do
  step "tests (vitest) on Node $major"
  reports+=(.test-results/vitest-node$major.json)
  node_dir=$(bash scripts/node-version.sh "$major") || { echo "Node $major could not be installed"; vitest_rc=1; continue; }
  saved=$(mktemp -d)
  for m in better-sqlite3 smartcard; do [ -d "node_modules/$m/build" ] && mkdir -p "$saved/$m" && cp -a "node_modules/$m/build" "$saved/$m/"; done
  if PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" npm rebuild better-sqlite3 smartcard >/dev/null 2>&1; then
    PATH="$node_dir/bin:$PATH" timeout --kill-after=30 "${MYNA_TEST_TIMEOUT:-2400}" "$node_dir/bin/node" node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json=".test-results/vitest-node$major.json" || vitest_rc=1
  else
    echo "native modules did not build for Node $major"; vitest_rc=1
  fi
  for m in better-sqlite3 smartcard; do [ -d "$saved/$m/build" ] && rm -rf "node_modules/$m/build" && cp -a "$saved/$m/build" "node_modules/$m/"; done
  rm -rf "$saved"
done

node scripts/summarize-tests.mjs "$checks_passed" "$checks_failed" "${reports[@]}"
summary_rc=$?
if [ $vitest_rc -ne 0 ] || [ $summary_rc -ne 0 ]; then exit 1; fi
