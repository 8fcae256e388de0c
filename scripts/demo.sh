#!/usr/bin/env bash
# Sets everything up, builds the release preset and runs the demo: the checkout design under its steady
# scenario, printing the report and writing the JSON result to out/checkout-steady.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
mkdir -p out
./build/release/app/sdsim run designs/checkout.json \
  --scenario designs/scenarios/checkout-steady.json --json out/checkout-steady.json
