#!/usr/bin/env bash
# Installs dependencies, builds entente and runs every test (ctest).
# Tests that need ../shared (UD treebank, validation suites) skip when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd "${ENTENTE_BUILD_DIR:-build}"
ctest --output-on-failure -j "${ENTENTE_JOBS:-$(nproc)}"
