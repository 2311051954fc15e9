#!/usr/bin/env bash
# Sets up everything and opens the LayerLab studio:
# installs missing Debian packages, fetches MNIST (falls back to the bundled subset), builds Release into build/,
# then starts build/app/layerlab. Without a display it runs a one-epoch layerlab-cli training instead.
# Usage: scripts/run-studio.sh [arguments for layerlab]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

say() { echo "run-studio: $*"; }

scripts/install-deps.sh

if ! scripts/fetch-mnist.sh; then
  say "warning: could not fetch full MNIST; continuing with the bundled subset (2,000 training images)"
fi

jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  if [[ -x build/app/layerlab ]]; then
    exec build/app/layerlab "$@"
  fi
  say "build/app/layerlab was not built (LAYERLAB_BUILD_GUI=OFF?); running the command-line trainer instead"
else
  say "no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the studio cannot open a window;"
  say "running a one-epoch command-line training instead (start the studio from a desktop session)"
fi
exec build/app/layerlab-cli train --model resources/presets/seed-cnn.json --epochs 1
