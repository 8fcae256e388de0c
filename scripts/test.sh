#!/usr/bin/env bash
# Sets everything up, builds a preset (default: release) and runs the whole test suite through CTest.
# Usage: bash scripts/test.sh [release|dev|asan]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
bash scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"
