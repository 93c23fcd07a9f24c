#!/usr/bin/env bash
# Installs dependencies, builds entente and runs the main job on the bundled
# example article (examples/nato-asia-pacific.txt): coded events, one JSON per line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec "${ENTENTE_BUILD_DIR:-build}/tools/entente/entente" code examples/nato-asia-pacific.txt
