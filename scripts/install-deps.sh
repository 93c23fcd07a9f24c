#!/usr/bin/env bash
# Installs every build and test dependency of entente from Debian 12 packages.
# Safe to run repeatedly; skips apt entirely when everything is already present.
set -euo pipefail
PKGS=(
  build-essential g++ cmake ninja-build pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libfmt-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev
  libutf8proc-dev libexpat1-dev libsqlite3-dev sqlite3
  coinor-libcbc-dev coinor-libclp-dev coinor-libosi-dev zlib1g-dev
  clang libclang-rt-14-dev
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install-deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
