#!/usr/bin/env bash
# Debian packages the sandbox and its tests need on a fresh machine (Node 20, npm, python3, make and
# g++ are already there). Idempotent: apt runs only when something is missing.
#   openssl                      certificate, CRL and OCSP checks in tests
#   postgresql                   the PostgreSQL store tests (a private cluster per run)
#   pcscd vsmartcard-vpcd opensc pcsc-tools libpcsclite-dev
#                                the PC/SC bridge tests (private pcscd; spec: pcsc.md)
#   chromium fonts-ipafont-gothic
#                                browser tests of the web console (driven by playwright-core;
#                                never a downloaded browser), with Japanese glyphs
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=(openssl postgresql pcscd vsmartcard-vpcd opensc pcsc-tools libpcsclite-dev chromium fonts-ipafont-gothic)
need=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install: ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  echo "apt-get install ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The LD_PRELOAD fix for vpcd's 44 ms stall (packages/adapters/bridge/native/nodelay.c).
bash scripts/pcsc.sh build
