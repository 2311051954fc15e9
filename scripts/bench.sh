#!/usr/bin/env bash
# Measures the engine's throughput on full MNIST, and PyTorch's on the same models in the same run when
# Debian's python3-torch and the reference script are present (LayerLab does not depend on PyTorch).
# PyTorch is measured with OpenBLAS as the system BLAS (with Debian's reference BLAS its Linear layers run at
# ~6 GFLOP/s and every ratio flatters LayerLab): the script installs libopenblas0-pthread when it is missing.
# Ends with each model's 1 -> 2 thread training ratio, measured in turn (bench --scaling: 1 and 2 threads
# alternating every half second, so that the machine's drift favours neither), beside this machine's own
# (its GEMM peak, 2 threads over 1, measured the same way), and the ratio of the separate 1- and 2-thread
# runs above.
# Usage: scripts/bench.sh [PYTORCH_REFERENCE_SCRIPT]   (default: ../shared/bench/pytorch_reference.py)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
cli=build/app/layerlab-cli
data="${LAYERLAB_MNIST_DIR:-data/mnist}"
ref="${1:-$repo/../shared/bench/pytorch_reference.py}"
[ -x "$cli" ] || { echo "error: $cli not built: run scripts/test.sh or cmake --build build" >&2; exit 2; }
[ -f "$data/train-images-idx3-ubyte" ] || { echo "error: full MNIST not in $data: run scripts/fetch-mnist.sh" >&2; exit 2; }

torch=0
if [ -f "$ref" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    torch=1
    if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' libopenblas0-pthread 2>/dev/null || true)" != ii* ]]; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo=sudo
        echo "bench: installing libopenblas0-pthread (PyTorch's BLAS for a fair comparison)" >&2
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            libopenblas0-pthread >&2 ||
            { echo "bench: could not install libopenblas0-pthread: PyTorch is not measured" >&2; torch=0; }
    fi
fi

row() { printf '%-28s %10s %10s %8s %10s %8s\n' "$1" "$2" "$3" "${4:-}" "${5:-}" "${6:-}"; }
field() { sed -n "s/.*\"$1\": *\"\{0,1\}\([0-9.a-z]*\).*/\1/p"; }
row "setting" "train/s" "infer/s" "isa" "train GF/s" "of peak"
declare -A train peak scaling
for model in seed-cnn mlp; do
    for threads in 1 2; do
        extra=()
        [ "$threads" = 2 ] && [ "$(nproc)" -ge 2 ] && extra=(--scaling)
        out=$("$cli" bench --model "resources/presets/$model.json" --data "$data" --batch 128 --threads "$threads" --json "${extra[@]}")
        train[$model$threads]=$(echo "$out" | field train_samples_per_second)
        peak[$model$threads]=$(echo "$out" | field gemm_peak_gflops)
        if [ "${#extra[@]}" -gt 0 ]; then
            scaling[$model]="$(echo "$out" | field scaling_ratio)x (quartiles $(echo "$out" | field scaling_ratio_low)-$(echo "$out" | field scaling_ratio_high)x), this machine's GEMM peak $(echo "$out" | field scaling_gemm_peak_ratio)x"
        fi
        row "LayerLab $model ${threads}t" "${train[$model$threads]}" \
            "$(echo "$out" | field infer_samples_per_second)" "$(echo "$out" | field isa)" \
            "$(echo "$out" | field train_gflops)" "$(echo "$out" | field peak_fraction)"
    done
    if [ "$torch" = 1 ]; then
        name=$([ "$model" = seed-cnn ] && echo seed_cnn || echo mlp)
        out=$(OPENBLAS_NUM_THREADS=1 \
              GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824 \
              /usr/bin/python3 "$ref" "$data" --model "$name" --threads 2 --batch 128)
        row "PyTorch $model 2t" "$(echo "$out" | field train_samples_per_second)" \
            "$(echo "$out" | field infer_samples_per_second)"
    fi
done
# 1 -> 2 threads, beside the machine's own: its GEMM peak on 2 threads over 1 (a shared machine whose second
# core is slower, or busy, caps what any 2-thread step can gain). In turn first, then from the separate runs.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", b / a; else printf "n/a" }'; }
for model in seed-cnn mlp; do
    echo "1 -> 2 threads, $model: training ${scaling[$model]:-n/a (one core)} in turn; from the separate runs $(ratio "${train[${model}1]}" "${train[${model}2]}"), GEMM peak $(ratio "${peak[${model}1]}" "${peak[${model}2]}")"
done
