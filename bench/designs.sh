#!/usr/bin/env bash
# Whole-program figures for designs (targets of the block catalog): a 10-block design with 1 M requests, the
# same design through one simulated diurnal hour (7.2 M requests), and loading and validating every example
# design. Best of 3 runs each; builds the release preset if needed.
# Usage: bash bench/designs.sh            (SDSIM=path/to/sdsim to time another build)
set -euo pipefail
cd "$(dirname "$0")/.."
sdsim=${SDSIM:-build/release/app/sdsim}
[ -n "${SDSIM:-}" ] || [ -x "$sdsim" ] || { cmake --preset release >/dev/null && cmake --build --preset release >/dev/null; }

best() {  # best wall time in seconds of a command, over 3 runs
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    best=$(python3 -c "b='$best'; t=$end-$start; print('%.3f' % (t if not b or t < float(b) else float(b)))")
  done
  echo "$best"
}

echo "| what | wall s (best of 3) | target |"
echo "|---|---:|---|"
events=$($sdsim run bench/designs/ten-blocks.json --scenario bench/designs/ten-blocks-1m.json | sed -n 's/^Simulated \([0-9]*\) events.*/\1/p')
t=$(best $sdsim run bench/designs/ten-blocks.json --scenario bench/designs/ten-blocks-1m.json --quiet)
echo "| 10-block design, 1 M requests ($events events, $(python3 -c "print('%.1f' % ($events / $t / 1e6))") M events/s) | $t | <= 2 s |"
hour=(run bench/designs/ten-blocks.json --scenario bench/designs/ten-blocks-diurnal-hour.json)
events=$($sdsim "${hour[@]}" | sed -n 's/^Simulated \([0-9]*\) events.*/\1/p')
t=$(best $sdsim "${hour[@]}" --quiet)
echo "| 10-block design, one simulated diurnal hour at 2,000 requests/s on average ($events events, $(python3 -c "print('%.1f' % ($events / $t / 1e6))") M events/s) | $t | < 10 s |"
for design in designs/*.json; do
  echo "| validate $design | $(best $sdsim validate "$design") | < 0.05 s |"
done
