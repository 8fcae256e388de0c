#!/usr/bin/env bash
# Runs a command on a private Xvfb server. The server picks a free display itself (-displayfd), so test runs in
# parallel never race for one the way 'xvfb-run -a' can. Usage: with_xvfb.sh COMMAND [ARGS...]
set -euo pipefail
dir=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$dir/display" 2>"$dir/log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 200); do
  [ -s "$dir/display" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$dir/display" ]; then
  echo "with_xvfb.sh: Xvfb did not start (install the xvfb package):" >&2
  cat "$dir/log" >&2
  exit 1
fi
DISPLAY=":$(head -n 1 "$dir/display")"
export DISPLAY
"$@"
