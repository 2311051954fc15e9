#!/usr/bin/env bash
# Builds LayerLab into build/ and runs the whole test suite. Works on a fresh clone on Debian 12:
# installs missing packages; tests use the bundled MNIST subset, so no download is needed.
# Usage: scripts/test.sh [extra ctest arguments, e.g. -R tst_dataset]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

scripts/install-deps.sh
scripts/check-format.sh

jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"

ctest_jobs=$(( jobs < 2 ? jobs : 2 ))
status=0
ctest --test-dir build --output-on-failure -j"$ctest_jobs" "$@" || status=$?
exit "$status"
