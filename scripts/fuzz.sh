#!/usr/bin/env bash
# Fuzzes one of LayerLab's file readers with libFuzzer (clang 14, AddressSanitizer + UndefinedBehaviorSanitizer).
#
# Usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]   fuzz TARGET for SECONDS seconds
#        scripts/fuzz.sh --list                                  the targets, one per line
#        scripts/fuzz.sh TARGET --repro FILE                     run TARGET once on FILE (a saved crash)
#
# Targets: idx (IDX files as they are on disk, plain or gzip), idx_gz (IDX content through gzip: whole, cut,
# in two members, with bytes after the stream), model_spec (model files: parse, check shapes, save, reopen),
# checkpoint (checkpoints: load, with and without a fixed-up CRC, then build the network and run it), onnx
# (ONNX files: import; an accepted model must check out and export and read back as the same model).
# Installs clang-14 and libFuzzer with apt when missing. Builds in build-fuzz/ (core without Qt). The seed
# corpus is made from real files on every run: the bundled MNIST subset, the presets, tests/fuzz/seeds/*.json
# and checkpoints that layerlab-cli trains from them (and their int8 versions). New inputs collect in build-fuzz/corpus/TARGET/;
# a crash is saved to build-fuzz/crashes/TARGET/ and the script exits non-zero.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

targets=(idx idx_gz model_spec checkpoint onnx)
usage() { sed -n '4,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "fuzz: error: $*" >&2; exit 2; }
say() { echo "fuzz: $*"; }

[[ $# -ge 1 ]] || usage
if [[ "$1" == "--list" ]]; then
  printf '%s\n' "${targets[@]}"
  exit 0
fi
[[ "$1" == "-h" || "$1" == "--help" ]] && usage
target="$1"
shift
[[ " ${targets[*]} " == *" $target "* ]] || die "unknown target '$target'; scripts/fuzz.sh --list names them"
[[ $# -ge 1 ]] || usage
repro=""
if [[ "$1" == "--repro" ]]; then
  [[ $# -ge 2 && -f "$2" ]] || die "--repro needs a file (a crash saved under build-fuzz/crashes/$target/)"
  repro="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
  shift 2
else
  seconds="$1"
  shift
  [[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || die "SECONDS must be a whole number of seconds (got '$seconds')"
fi

# --- toolchain: clang 14 and libFuzzer (Debian: clang-14, libfuzzer-14-dev / libclang-rt-14-dev) ---------
scripts/install-deps.sh >/dev/null
if ! command -v clang++-14 >/dev/null 2>&1 || ! compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  say "installing clang-14 and libFuzzer"
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is missing; as root run: apt-get install clang-14 libfuzzer-14-dev"
    sudo="sudo"
  fi
  $sudo apt-get update -q || die "apt-get update failed; check the network and /etc/apt/sources.list"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    clang-14 libfuzzer-14-dev libclang-rt-14-dev || die "apt-get install clang-14 libfuzzer-14-dev failed"
fi

# --- build ---------------------------------------------------------------------------------------------------
build="$repo/build-fuzz"
jobs="$(nproc 2>/dev/null || echo 2)"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DLAYERLAB_FUZZ=ON -DLAYERLAB_BUILD_GUI=OFF \
    -DLAYERLAB_BUILD_TESTS=OFF >/dev/null
fi
build_targets=("fuzz_$target")
[[ "$target" == checkpoint || "$target" == onnx ]] && build_targets+=(layerlab-cli)
cmake --build "$build" -j"$jobs" --target "${build_targets[@]}" >/dev/null
exe="$build/tests/fuzz/fuzz_$target"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

if [[ -n "$repro" ]]; then
  exec "$exe" "$@" "$repro"
fi

# --- seed corpus from real files ----------------------------------------------------------------------------
seeds="$build/seeds/$target"
rm -rf "$seeds"
mkdir -p "$seeds"
subset="$repo/resources/mnist-subset"

# The first n images of a real IDX image file, with its count rewritten to n (a valid, small IDX file).
first_images() {
  local src="$1" n="$2" rows cols
  rows=$(( $(od -An -tu1 -j11 -N1 "$src") ))
  cols=$(( $(od -An -tu1 -j15 -N1 "$src") ))
  printf '\x00\x00\x08\x03\x00\x00\x00'"$(printf '\\x%02x' "$n")"'\x00\x00\x00'"$(printf '\\x%02x' "$rows")"'\x00\x00\x00'"$(printf '\\x%02x' "$cols")"
  head -c $(( 16 + n * rows * cols )) "$src" | tail -c $(( n * rows * cols ))
}
make_idx_seeds() {
  local out="$1"
  cp "$subset/t10k-labels-idx1-ubyte" "$out/t10k-labels"
  head -c 108 "$subset/train-labels-idx1-ubyte" | { printf '\x00\x00\x08\x01\x00\x00\x00\x64'; tail -c +9; } >"$out/train-labels-100"
  first_images "$subset/train-images-idx3-ubyte" 2 >"$out/train-images-2"
  first_images "$subset/t10k-images-idx3-ubyte" 1 >"$out/t10k-images-1"
}

case "$target" in
  idx)
    make_idx_seeds "$seeds"
    for f in "$seeds"/*; do gzip -9 -n -c "$f" >"$f.gz"; done
    head -c 300 "$seeds/train-images-2.gz" >"$seeds/train-images-2.cut.gz"  # a download cut short
    max_len=4096
    ;;
  idx_gz)
    plain="$build/seeds/idx_gz.plain"
    rm -rf "$plain"
    mkdir -p "$plain"
    make_idx_seeds "$plain"
    # One mode byte and two bytes of a cut position in front of the content (see tests/fuzz/fuzz_idx_gz.cpp).
    for f in "$plain"/*; do
      { printf '\x00\x00\x00'; cat "$f"; } >"$seeds/$(basename "$f").whole"
      { printf '\x02\x00\x00'; cat "$f"; } >"$seeds/$(basename "$f").members"
    done
    { printf '\x01\x01\x00'; cat "$plain/train-images-2"; } >"$seeds/train-images-2.cut"
    { printf '\x03\x1f\x8b'; cat "$plain/t10k-labels"; } >"$seeds/t10k-labels.trailing"
    rm -rf "$plain"
    max_len=4096
    ;;
  model_spec)
    cp resources/presets/*.json tests/fuzz/seeds/*.json "$seeds/"
    max_len=4096
    ;;
  checkpoint)
    # Real checkpoints: layerlab-cli trains each seed model for one epoch on the bundled subset.
    for m in tests/fuzz/seeds/*.json; do
      name="$(basename "$m" .json)"
      "$build/app/layerlab-cli" train --model "$m" --data "$subset" --epochs 1 --threads 1 --no-record \
        --save "$seeds/$name.llckpt" >/dev/null || die "layerlab-cli could not train $m for a seed checkpoint"
      # and its int8 version (checkpoint version 3, with a quantization section)
      "$build/app/layerlab-cli" compress --model "$seeds/$name.llckpt" --data "$subset" --quantize int8 \
        --calibration 100 --threads 1 --out "$seeds/$name-int8.llckpt" >/dev/null ||
        die "layerlab-cli could not quantize $name.llckpt for a seed checkpoint"
    done
    max_len=8192
    ;;
  onnx)
    # Real ONNX files: layerlab-cli exports each seed model and preset (the weights training starts from).
    for m in tests/fuzz/seeds/*.json resources/presets/mlp.json resources/presets/logistic.json; do
      name="$(basename "$m" .json)"
      "$build/app/layerlab-cli" export --model "$m" --format onnx --out "$seeds/$name.onnx" >/dev/null 2>&1 ||
        die "layerlab-cli could not export $m for a seed ONNX file"
    done
    "$build/app/layerlab-cli" export --model tests/fuzz/seeds/tiny-cnn.json --format onnx --logits \
      --out "$seeds/tiny-cnn-logits.onnx" >/dev/null 2>&1 || die "layerlab-cli could not export a logits seed"
    # and the hand-built graphs of the import test (refused ones, and a Shape-computed Reshape + LogSoftmax)
    /usr/bin/python3 tests/support/onnx_bad_models.py "$seeds" >/dev/null ||
      die "tests/support/onnx_bad_models.py could not write its files (python3-onnx: scripts/install-deps.sh)"
    # and an int8 model in QDQ form (trained one epoch, quantized, exported)
    "$build/app/layerlab-cli" train --model tests/fuzz/seeds/tiny-cnn.json --data "$subset" --epochs 1 --threads 1 \
      --no-record --save "$build/seeds/tiny-cnn.llckpt" >/dev/null || die "layerlab-cli could not train tiny-cnn"
    "$build/app/layerlab-cli" compress --model "$build/seeds/tiny-cnn.llckpt" --data "$subset" --quantize int8 \
      --calibration 100 --threads 1 --out "$build/seeds/tiny-cnn-int8.llckpt" >/dev/null ||
      die "layerlab-cli could not quantize tiny-cnn"
    "$build/app/layerlab-cli" export --model "$build/seeds/tiny-cnn-int8.llckpt" --format onnx \
      --out "$seeds/tiny-cnn-int8.onnx" >/dev/null 2>&1 || die "layerlab-cli could not export an int8 seed"
    max_len=65536
    ;;
esac

corpus="$build/corpus/$target"
crashes="$build/crashes/$target"
mkdir -p "$corpus" "$crashes"
say "$target for ${seconds}s: $(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) inputs from earlier runs"
status=0
"$exe" -max_total_time="$seconds" -max_len="$max_len" -dict="$repo/tests/fuzz/$target.dict" \
  -artifact_prefix="$crashes/" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 "$@" \
  "$corpus" "$seeds" || status=$?
if [[ $status -ne 0 ]]; then
  echo "fuzz: $target found a problem (exit $status); the input is in $crashes/." >&2
  echo "fuzz: reproduce it with: scripts/fuzz.sh $target --repro $crashes/<file>" >&2
fi
exit "$status"
