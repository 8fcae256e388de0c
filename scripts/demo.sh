#!/usr/bin/env bash
# Sets everything up, builds the release preset and runs the demo: the checkout design under its steady
# scenario, printing the report and writing the JSON result to out/checkout-steady.json and a picture of the
# run to out/checkout-steady.png (drawn off screen under Xvfb when there is no display).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
mkdir -p out
./build/release/app/sdsim run designs/checkout.json \
  --scenario designs/scenarios/checkout-steady.json --json out/checkout-steady.json
viz=(./build/release/app/sdsim viz designs/checkout.json
  --scenario designs/scenarios/checkout-steady.json --png out/checkout-steady.png)
if [ -n "${DISPLAY:-}" ]; then
  "${viz[@]}"
else
  xvfb-run -a -s "-screen 0 1920x1080x24" "${viz[@]}"
fi
