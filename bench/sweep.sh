#!/usr/bin/env bash
# Times one sdsim sweep with --jobs 1 and with --jobs 2 (alternating, best of N each), checks that both wrote
# the same JSON byte for byte, and prints the speed-up with a markdown block for bench/RESULTS.md. Not part
# of CI; the target is a speed-up of at least 1.8 on 2 cores.
#
# Usage: bench/sweep.sh [BUILD_DIR] [REPEATS]
#   BUILD_DIR   a configured build directory (default: build/release, configured from the preset if needed)
#   REPEATS     timed runs per --jobs value (default 5); the best of them is reported
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build="${1:-build/release}"
repeats="${2:-5}"
if [[ "$build" == build/release && ! -f build/release/build.ninja ]]; then
  cmake --preset release
fi
cmake --build "$build" --target sdsim
sdsim="$build/app/sdsim"

# 16 points of similar cost (every fleet is large enough not to build a backlog), about 0.3 s each.
sweep=(sweep designs/url-shortener.json --set blocks/api/instances=12:26:2
       --set load/redirect/rate_per_s=2000,3000 --set duration_s=30 --set warmup_s=2 --replications 2)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Prints "WALL CPU": wall seconds, and CPU seconds (user + system) of the whole process.
timed() {
  /usr/bin/time -f "%e %U %S" -o "$out/time" "$sdsim" "${sweep[@]}" --jobs "$1" --json "$out/jobs$1.json" \
    >/dev/null
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$out/time"
}

load="$(cut -d' ' -f1 /proc/loadavg)"
best1="" best2="" cpu1="" cpu2=""
all1="" all2=""
for ((i = 0; i < repeats; ++i)); do
  read -r t1 c1 < <(timed 1)
  read -r t2 c2 < <(timed 2)
  all1+="$t1 "
  all2+="$t2 "
  if [[ -z "$best1" ]] || awk -v a="$t1" -v b="$best1" 'BEGIN { exit !(a < b) }'; then best1=$t1 cpu1=$c1; fi
  if [[ -z "$best2" ]] || awk -v a="$t2" -v b="$best2" 'BEGIN { exit !(a < b) }'; then best2=$t2 cpu2=$c2; fi
done
cmp -s "$out/jobs1.json" "$out/jobs2.json" || { echo "sweep.sh: --jobs 1 and --jobs 2 wrote different JSON" >&2; exit 1; }
speedup=$(awk -v a="$best1" -v b="$best2" 'BEGIN { printf "%.2f", a / b }')

echo "- Date: $(date -u '+%Y-%m-%d %H:%M') UTC"
echo "- Machine: $(nproc) CPUs (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $load at start"
echo "- Build: $build; command: \`sdsim ${sweep[*]} --jobs N\`"
echo "- Runs, alternating --jobs 1 and --jobs 2 ($repeats each, wall seconds): jobs 1: $all1; jobs 2: $all2"
echo
echo "| jobs | best wall s | CPU s of that run | speed-up |"
echo "|---:|---:|---:|---:|"
echo "| 1 | $best1 | $cpu1 | 1.00 |"
echo "| 2 | $best2 | $cpu2 | $speedup |"
echo
echo "JSON identical for --jobs 1 and --jobs 2: yes"
