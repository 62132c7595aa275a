#!/usr/bin/env bash
# Runs Biome (formatter and linter). The npm registry reachable here serves only the linux-x64
# build of Biome, so the project depends on @biomejs/cli-linux-x64 directly instead of the
# @biomejs/biome wrapper (whose other-platform optional packages cannot be locked).
exec "$(dirname "$0")/../node_modules/@biomejs/cli-linux-x64/biome" "$@"
