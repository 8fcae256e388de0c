#!/usr/bin/env bash
# Checks formatting (clang-format) and lint (clang-tidy, rules in .clang-tidy) over the project's C++ sources.
# Usage: bash scripts/lint.sh [--fix]   (needs a configured build: cmake --preset dev)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null && command -v clang-tidy >/dev/null ||
  { echo "lint: install clang-format and clang-tidy (apt-get install clang-format clang-tidy)" >&2; exit 1; }
[ -f build/dev/compile_commands.json ] || cmake --preset dev >/dev/null
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run --Werror "${files[@]}"
fi
mapfile -t sources < <(git ls-files 'sim/*.cpp' 'app/*.cpp' 'live/*.cpp' 'viz/*.cpp' 'bench/*.cpp' 'tests/*.cpp')
clang-tidy -p build/dev --quiet --warnings-as-errors='*' "${sources[@]}" 2>/dev/null
echo "lint: clean"
