#!/usr/bin/env bash
# Configures and builds entente (Release) into ./build.  Used by example.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${ENTENTE_BUILD_DIR:-build}"
JOBS="${ENTENTE_JOBS:-$(nproc)}"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
fi
ninja -C "$BUILD_DIR" -j "$JOBS" >"$BUILD_DIR/build.log" 2>&1 || { tail -50 "$BUILD_DIR/build.log"; exit 1; }
