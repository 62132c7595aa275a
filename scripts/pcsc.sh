#!/usr/bin/env bash
# PC/SC helper for @myna/bridge (spec: shared/spec/pcsc.md).
#
#   bash scripts/pcsc.sh setup     install the Debian packages if missing (root), build nodelay.so
#   bash scripts/pcsc.sh build     build packages/adapters/bridge/native/build/nodelay.so only
#   bash scripts/pcsc.sh check     list what is missing (exit 1 if anything is)
#   bash scripts/pcsc.sh serve [--cards N] [--stock] [--system] [--dir DIR] [-v]
#                                  private pcscd + bridged test cards until Ctrl-C
#
# Nothing here starts or talks to a system pcscd: the bridge tests and `serve` run their own pcscd
# in a private mount namespace (see packages/adapters/bridge/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(pcscd vsmartcard-vpcd opensc pcsc-tools libpcsclite-dev)
SRC=packages/adapters/bridge/native/nodelay.c
OUT=packages/adapters/bridge/native/build/nodelay.so

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

build() {
  command -v "${CC:-cc}" >/dev/null || { echo "no C compiler: apt-get install -y gcc" >&2; exit 1; }
  if [ -f "$OUT" ] && [ "$OUT" -nt "$SRC" ]; then echo "$OUT is up to date"; return; fi
  mkdir -p "$(dirname "$OUT")"
  "${CC:-cc}" -shared -fPIC -O2 -Wall -o "$OUT.$$.tmp" "$SRC" -ldl
  mv "$OUT.$$.tmp" "$OUT"
  echo "built $OUT"
}

case "${1:-}" in
  setup)
    mapfile -t need < <(missing_packages)
    if [ ${#need[@]} -gt 0 ]; then
      if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install: ${need[*]}" >&2; exit 1; fi
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${need[@]}"
    fi
    build
    ;;
  build) build ;;
  check)
    mapfile -t need < <(missing_packages)
    if [ ${#need[@]} -gt 0 ]; then echo "missing: ${need[*]} (bash scripts/pcsc.sh setup)"; exit 1; fi
    echo "PC/SC stack installed: ${PACKAGES[*]}"
    ;;
  serve)
    shift
    exec node --import tsx packages/adapters/bridge/test/serve.ts "$@"
    ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
