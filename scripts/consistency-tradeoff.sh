#!/usr/bin/env bash
# The consistency trade-off of one design: designs/profile-consistency.json run with eventually consistent,
# strongly consistent and quorum reads, with and without its cache (each variant made with --set), and a
# markdown table of the view flow's p99 latency, the monthly cost of the blocks in use and the stale-read
# fraction. The table in designs/README.md is this script's output.
# Usage: bash scripts/consistency-tradeoff.sh [SDSIM_BINARY]   (default: build/release/app/sdsim)
#   e.g. bash scripts/consistency-tradeoff.sh build/fast/app/sdsim
set -euo pipefail
cd "$(dirname "$0")/.."
sdsim="${1:-build/release/app/sdsim}"
if [[ ! -x "$sdsim" ]]; then
  echo "consistency-tradeoff: no sdsim at $sdsim; build it first (cmake --preset release &&" \
    "cmake --build --preset release) or pass its path" >&2
  exit 2
fi
design=designs/profile-consistency.json
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

no_cache=(--set 'flows/view/calls/0/calls=[{"to": "profiles", "op": "read"}]'
  --set 'flows/update/calls/0/calls=[{"to": "profiles", "op": "write"}]')
quorum='blocks/profiles={"kind": "quorum_database", "preset": "aws.keyspaces", "placement": ["us-east-1"]}'
read_one='blocks/profiles={"kind": "quorum_database", "preset": "aws.keyspaces.read_one", "placement": ["us-east-1"]}'

run() {  # NAME ARGS...
  local name="$1"
  shift
  "$sdsim" run "$design" --quiet --json "$out/$name.json" "$@"
}
run eventual-cache --set blocks/profiles/consistency=eventual
run strong-cache --set blocks/profiles/consistency=strong
run quorum-cache --set "$quorum"
run one-cache --set "$read_one"
run eventual --set blocks/profiles/consistency=eventual "${no_cache[@]}"
run strong --set blocks/profiles/consistency=strong "${no_cache[@]}"
run quorum --set "$quorum" "${no_cache[@]}"
run one --set "$read_one" "${no_cache[@]}"

python3 - "$out" <<'PY'
import json, sys

out = sys.argv[1]
rows = [
    ("eventual-cache", "DynamoDB eventually consistent", "yes"),
    ("strong-cache", "DynamoDB strongly consistent", "yes"),
    ("quorum-cache", "Keyspaces LOCAL_QUORUM (R 2, W 2 of 3)", "yes"),
    ("one-cache", "Keyspaces LOCAL_ONE reads (R 1, W 2 of 3)", "yes"),
    ("eventual", "DynamoDB eventually consistent", "no"),
    ("strong", "DynamoDB strongly consistent", "no"),
    ("quorum", "Keyspaces LOCAL_QUORUM (R 2, W 2 of 3)", "no"),
    ("one", "Keyspaces LOCAL_ONE reads (R 1, W 2 of 3)", "no"),
]


def ci(e, digits):
    return f"{e['mean']:.{digits}f} ± {e['ci95']:.{digits}f}"


print("| reads | cache | view p99 ms | $/month (blocks in use) | stale reads % | stale p99 age ms |")
print("|---|---|---|---|---|---|")
for name, reads, cache in rows:
    r = json.load(open(f"{out}/{name}.json"))
    view = next(f for f in r["flows"] if f["name"] == "view")
    # A block no request reached (the bypassed cache) is not part of the variant: its price is left out.
    usd = sum(b["usd_per_month"]["mean"] for b in r["blocks"] if b["arrivals"]["mean"] > 0)
    usd += r["cost"]["transfer_usd_per_month"]["mean"]
    c = next(f for f in r["consistency"]["flows"] if f["name"] == "view")
    stale = {k: v * 100 for k, v in c["stale_fraction"].items()}
    age = c["age"]["p99_ms"]["mean"] if c["stale"]["mean"] > 0 else 0
    print(f"| {reads} | {cache} | {ci(view['latency']['p99_ms'], 2)} | {usd:,.0f} | {ci(stale, 3)} | {age:,.1f} |")
PY
