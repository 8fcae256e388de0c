#!/usr/bin/env bash
# Builds sdsim with profile-guided optimisation in build/pgo: an instrumented build, training runs (the
# benchmark's 10-block design and every example design under its default scenario), then the optimised
# build. Checks that it writes the same JSON as the release build, byte for byte, for every example design
# and the benchmark design. About 8 minutes on 2 cores.
# Usage: bash bench/pgo.sh                          then time it: SDSIM=build/pgo/app/sdsim bash bench/designs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build/pgo
profiles=$PWD/$dir/profile
release=build/release/app/sdsim
sdsim=$dir/app/sdsim

configure() {
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON \
    -DSDSIM_BUILD_TESTS=OFF -DSDSIM_BUILD_BENCH=OFF -DSDSIM_PGO="$1" -DSDSIM_PGO_DIR="$profiles" >/dev/null
}

echo "0/4 the release build, to compare with"
[ -d build/release ] || cmake --preset release >/dev/null
cmake --build --preset release --target sdsim >/dev/null

rm -rf "$profiles"
echo "1/4 instrumented build ($dir)"
configure generate
cmake --build "$dir" --target sdsim >/dev/null
echo "2/4 training runs"
"$sdsim" run bench/designs/ten-blocks.json --scenario bench/designs/ten-blocks-1m.json \
  --set scenario:duration_s=40 --quiet >/dev/null
for design in designs/*.json; do
  "$sdsim" run "$design" --replications 1 --jobs 1 --quiet >/dev/null
done
echo "3/4 optimised build"
configure use
cmake --build "$dir" --target sdsim >/dev/null
echo "4/4 the same outputs as the release build"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
check() {  # check NAME ARGS...: both builds' JSON for `sdsim run ARGS`
  local name=$1
  shift
  "$release" run "$@" --quiet --json "$out/release.json"
  "$sdsim" run "$@" --quiet --json "$out/pgo.json"
  cmp -s "$out/release.json" "$out/pgo.json" || { echo "bench/pgo.sh: $name: the PGO build's JSON differs from the release build's" >&2; exit 1; }
}
for design in designs/*.json; do
  check "$design" "$design"
done
check ten-blocks bench/designs/ten-blocks.json --scenario bench/designs/ten-blocks-1m.json --set scenario:duration_s=20
echo "built $sdsim (same outputs as $release for $(ls designs/*.json | wc -l) example designs and the benchmark design)"
