#!/usr/bin/env bash
# Takes docs/screenshot.png: the studio training the seed CNN, grabbed (QWidget::grab) mid-training under
# Xvfb at 1366x768, plus docs/screenshot-1920x1080.png. Builds build/app/layerlab first if it is missing.
# Uses full MNIST when present (data/mnist, see scripts/fetch-mnist.sh), else the bundled subset.
# Usage: scripts/screenshot.sh [SECONDS_OF_TRAINING_BEFORE_THE_GRAB (default 10)]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
after="${1:-10}"
build="${LAYERLAB_BUILD_DIR:-build}"

say() { echo "screenshot: $*"; }

command -v xvfb-run >/dev/null || { say "xvfb-run is missing: apt-get install xvfb"; exit 2; }

if [[ ! -x "$build/app/layerlab" ]]; then
  say "building $build/app/layerlab"
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build" --target layerlab -j"$(nproc 2>/dev/null || echo 2)"
fi

mkdir -p docs
shoot() {  # WIDTH HEIGHT OUT
  say "$1x$2: training for ${after}s, then grabbing the window into $3"
  xvfb-run -a -s "-screen 0 ${1}x${2}x24" "$build/app/layerlab" --screenshot "$3" --after "$after" --size "${1}x${2}"
}
shoot 1366 768 docs/screenshot.png
shoot 1920 1080 docs/screenshot-1920x1080.png
say "done: docs/screenshot.png docs/screenshot-1920x1080.png"
