#!/usr/bin/env bash
# Fuzzes the design and scenario loaders with libFuzzer (Clang, AddressSanitizer, UBSan) for a set time,
# starting from a corpus made of the example designs, scenarios and the bad-input test corpus.
# Usage: bash scripts/fuzz.sh [SECONDS=600] [JOBS=1]. Crashing inputs are written to build/fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
jobs="${2:-1}"
command -v clang++ >/dev/null || { echo "fuzz: needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DSDSIM_SANITIZE=ON -DSDSIM_FUZZ=ON -DSDSIM_BUILD_TESTS=OFF -DSDSIM_BUILD_BENCH=OFF >/dev/null
cmake --build build/fuzz --target fuzz_loaders
mkdir -p build/fuzz/corpus build/fuzz/findings
cp designs/*.json designs/scenarios/*.json tests/design/bad/*.json build/fuzz/corpus/
cd build/fuzz  # parallel jobs write their logs (fuzz-N.log) here
parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
./fuzz/fuzz_loaders corpus -max_total_time="$seconds" "${parallel[@]}" -max_len=65536 -rss_limit_mb=2048 \
  -artifact_prefix=findings/ -print_final_stats=1
