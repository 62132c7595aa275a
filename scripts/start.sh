#!/usr/bin/env bash
# The README's first command: installs, builds and starts the sandbox on the embedded SQLite
# database (./.myna-sandbox/sandbox.db), with demo cards, and prints where to reach it.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir=/usr
if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
# Seeds the demo cards into an empty sandbox, then prints the console URL (with the sandbox's API key).
exec node packages/adapters/cli/bin/myna-sandbox.js serve --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
