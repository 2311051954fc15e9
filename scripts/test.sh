#!/usr/bin/env bash
# Builds LayerLab and runs the test suite. Works on a fresh clone on Debian 12: installs missing packages;
# tests use the bundled MNIST subset, so no download is needed.
#
# Usage: scripts/test.sh [--sanitize | --tsan] [extra ctest arguments, e.g. -R tst_dataset]
#   (none)       Release build in build/, the whole suite.
#   --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/, the whole suite.
#                Any report (memory error, leak, undefined behaviour) ends the test with a failure.
#   --tsan       ThreadSanitizer build in build-tsan/, the tests that cross threads: the parallel loops and
#                the step's ParallelTeam (tst_parallel), the trainer paused,
#                stopped and snapshotted from another thread (tst_trainer, with a 2-thread TBB arena), and the
#                studio's bridge from the worker to the GUI (tst_training_controller, tst_training_buffer).
#                core/parallel.cpp annotates TBB's fork and join for TSan; tests/tsan.supp suppresses only
#                reports inside TBB or Qt themselves. The whole window (tst_training) is not run here: Qt's
#                own raster thread pool and QtCore bookkeeping then report races behind futexes TSan
#                cannot see, and the frames that would match them are on most of our stacks too.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

mode=release
case "${1:-}" in
  --sanitize) mode=asan; shift ;;
  --tsan) mode=tsan; shift ;;
  -h | --help)
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

scripts/install-deps.sh
jobs="$(nproc 2>/dev/null || echo 2)"
ctest_jobs=$(( jobs < 2 ? jobs : 2 ))

# The threaded tests under ThreadSanitizer (see --tsan above).
tsan_tests=(tst_parallel tst_trainer tst_training_buffer tst_training_controller)

case "$mode" in
  release)
    scripts/check-format.sh
    build=build
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release
    cmake --build "$build" -j"$jobs"
    ;;
  asan)
    # -O1: a third less build time than -O3 and fast enough to run (the Qt side at -O0, CMakeLists.txt); -g1:
    # line tables for the stack traces. The same instruction sets as the release build (x86-64-v3, and the
    # AVX-512 GEMM kernel chosen at run time).
    build=build-asan
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DLAYERLAB_SANITIZE=address,undefined
    cmake --build "$build" -j"$jobs"
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
    ;;
  tsan)
    build=build-tsan
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DLAYERLAB_SANITIZE=thread
    cmake --build "$build" -j"$jobs" --target "${tsan_tests[@]}"
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$repo/tests/tsan.supp${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
    # Only the threaded tests (unless a -R was given).
    if [[ " $* " != *" -R "* ]]; then
      regex="^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
      set -- -R "$regex" "$@"
    fi
    ;;
esac

status=0
ctest --test-dir "$build" --output-on-failure -j"$ctest_jobs" "$@" || status=$?
exit "$status"
