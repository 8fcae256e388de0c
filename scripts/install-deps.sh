#!/usr/bin/env bash
# Installs every Debian 12 package sdsim needs to build, test and run its demo. Idempotent and
# non-interactive; uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build     # compiler and build
  nlohmann-json3-dev                    # design, scenario and result files
  libboost-dev                          # Boost.Asio (live mode and thread pools)
  libsfml-dev libx11-dev                # the visualizer (X11: the display check before drawing)
  catch2                                # tests
  xvfb xauth fonts-dejavu-core          # headless rendering and its font
  libgl1-mesa-dri                       # Mesa's software OpenGL, which draws under Xvfb
  python3 python3-simpy                 # the SimPy peer in bench/
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "sdsim: all build dependencies are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "sdsim: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
echo "sdsim: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
