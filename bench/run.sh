#!/usr/bin/env bash
# Runs the engine benchmark and the SimPy M/M/c model in one go, prints the engine/SimPy ratio and a markdown
# block for bench/RESULTS.md. Not part of CI.
#
# Usage: bench/run.sh [--quick]
#   --quick   short smoke run (10^5 customers, one repetition)
# Environment: PYTHON=/path/to/python3 to use that interpreter only (default: the first of python3,
# /usr/bin/python3 that can import simpy or SimPy).
# Builds the release preset's engine_bench target (configuring build/release first if needed); figures go to
# build/release/bench/{engine,simpy}.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# 1. A Python with SimPy (Debian's python3-simpy installs SimPy 2.x for /usr/bin/python3 only).
python=""
candidates=(python3 /usr/bin/python3)
if [[ -n "${PYTHON:-}" ]]; then candidates=("$PYTHON"); fi
for candidate in "${candidates[@]}"; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import importlib.util as u, sys; sys.exit(0 if (u.find_spec("simpy") or u.find_spec("SimPy")) else 1)' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "run.sh: error: SimPy is not installed for ${candidates[*]}." >&2
  echo "run.sh: install it with: apt-get install python3-simpy" >&2
  exit 1
fi

# 2. Release build of engine_bench (only that target, so unrelated work in progress does not block it).
if [[ ! -f build/release/build.ninja ]]; then
  cmake --preset release
fi
cmake --build --preset release --target engine_bench

out="build/release/bench"
engine_json="$out/engine.json"
simpy_json="$out/simpy.json"
engine_args=()
simpy_args=()
if [[ $quick == 1 ]]; then
  engine_args=(--quick --reps 1)
  simpy_args=(--quick)
fi

load="$(cut -d' ' -f1 /proc/loadavg)"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "run.sh: warning: load average is $load; other processes will distort the figures" >&2
fi

# 3. Both benchmarks, one after the other.
echo
"$out/engine_bench" "${engine_args[@]}" --json "$engine_json"
echo
echo "SimPy (same M/M/8 model, $python):"
"$python" bench/simpy_mmc.py "${simpy_args[@]}" --json "$simpy_json"
echo

# 4. Ratio, targets and the markdown block.
command_line="bench/run.sh${1:+ $*}"
"$python" - "$engine_json" "$simpy_json" "$command_line" "$load" <<'PY'
import datetime, json, os, platform, subprocess, sys

engine = json.load(open(sys.argv[1]))
simpy = json.load(open(sys.argv[2]))
command, load = sys.argv[3], sys.argv[4]
by_name = {s["name"]: s for s in engine["scenarios"] if s["ok"]}

def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"

def compiler():
    try:
        return subprocess.run(["c++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "unknown"

mmc = by_name.get("mmc")
ratio = mmc["events_per_s"] / simpy["events_per_s"] if mmc else float("nan")
print("engine / SimPy on M/M/8 rho=0.9: %.1f M events/s / %.3f M events/s = %.0fx"
      % (mmc["events_per_s"] / 1e6 if mmc else float("nan"), simpy["events_per_s"] / 1e6, ratio))

def status(ok):
    return "met" if ok else "**NOT met**"

rows = []
if mmc:
    rows.append(("M/M/8 with latency histograms >= 12 M events/s", "%.2f M events/s" % (mmc["events_per_s"] / 1e6),
                 status(mmc["events_per_s"] >= 12e6)))
rows.append((">= 80x SimPy on the same model, same run", "%.0fx" % ratio, status(ratio >= 80)))
closed = by_name.get("tandem_closed_10k")
if closed:
    rows.append(("10,000 in flight (5-station tandem) >= 6 M events/s",
                 "%.2f M events/s" % (closed["events_per_s"] / 1e6), status(closed["events_per_s"] >= 6e6)))
marginal = engine["bytes_per_in_flight_marginal"]
if marginal >= 0:
    bound = (closed["peak_rss_bytes"] - engine["baseline_peak_rss_bytes"]) / closed["users"]
    rows.append(("<= 256 bytes per in-flight request",
                 "%.0f B marginal (100k vs 10k); %.0f B upper bound at 10k" % (marginal, bound),
                 status(marginal <= 256 and bound <= 256)))
for key, label in (("rss_growth_mmc_x4", "M/M/8"), ("rss_growth_tandem_closed_x4", "tandem, 10k in flight")):
    g = engine[key]
    if g > 0:
        rows.append(("memory flat as run length grows (%s, 4x customers)" % label, "peak RSS x%.3f" % g,
                     status(g <= 1.05)))

print()
print("---- markdown for bench/RESULTS.md ----")
print("- Date: %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M %Z").strip())
print("- Machine: %d CPUs (nproc), %s, load average %s at start" % (os.cpu_count() or 0, cpu_model(), load))
print("- Compiler: %s, release preset (-O3 -DNDEBUG)" % compiler())
print("- SimPy: %s on Python %s" % (simpy["simpy"], simpy["python"]))
print("- Command: `%s` (mode %s, best of %d repetitions)" % (command, engine["mode"], engine["reps"]))
print()
print("| scenario | model | customers | events | wall s | M events/s | M requests/s | in flight | mean resp ms | peak RSS MiB |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in engine["scenarios"]:
    if not s["ok"]:
        print("| %s | %s | FAILED | | | | | | | |" % (s["name"], s["model"]))
        continue
    print("| %s | %s | %d | %d | %.3f | %.2f | %.2f | %.1f | %s | %.1f |"
          % (s["name"], s["model"], s["customers"], s["events"], s["wall_s"], s["events_per_s"] / 1e6,
             s["requests_per_s"] / 1e6, s["in_flight"], "%.3f" % s["mean_response_ms"] if s["mean_response_ms"] else "-",
             s["peak_rss_bytes"] / 2**20))
print("| simpy_mmc | M/M/8 rho=0.9 in %s | %d | %d | %.3f | %.3f | %.3f | | %.3f | |"
      % (simpy["simpy"], simpy["customers"], simpy["events"], simpy["wall_s"], simpy["events_per_s"] / 1e6,
         simpy["requests_per_s"] / 1e6, simpy["mean_response_ms"]))
print()
print("Fork baseline peak RSS (an idle child of engine_bench): %.1f MiB." % (engine["baseline_peak_rss_bytes"] / 2**20))
print()
print("| target | measured | status |")
print("|---|---|---|")
for r in rows:
    print("| %s | %s | %s |" % r)
print("---- end ----")
PY
