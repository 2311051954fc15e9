#!/usr/bin/env bash
# Measures the engine's throughput on full MNIST, and PyTorch's on the same models in the same run when
# Debian's python3-torch and the reference script are present (LayerLab does not depend on PyTorch).
# PyTorch is measured with OpenBLAS as the system BLAS (with Debian's reference BLAS its Linear layers run at
# ~6 GFLOP/s and every ratio flatters LayerLab): the script installs libopenblas0-pthread when it is missing.
# The 2-thread comparison runs in rounds (LAYERLAB_BENCH_ROUNDS, default 3): in each, LayerLab and then
# PyTorch, one after the other, so that both meet the machine in the same minute. Each round's ratio is
# printed, and their median is the figure to read: on a shared machine whose speed drifts from minute to
# minute, a single pair of runs can land on either side of a slow minute.
# Ends with each model's 1 -> 2 thread training ratio, measured in turn (bench --scaling: 1 and 2 threads
# alternating every half second, so that the machine's drift favours neither), beside this machine's own
# (its GEMM peak, 2 threads over 1, measured the same way), and the ratio of the separate 1- and 2-thread
# runs (the 2-thread median).
# Usage: scripts/bench.sh [PYTORCH_REFERENCE_SCRIPT]   (default: ../shared/bench/pytorch_reference.py)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
cli=build/app/layerlab-cli
data="${LAYERLAB_MNIST_DIR:-data/mnist}"
ref="${1:-$repo/../shared/bench/pytorch_reference.py}"
rounds="${LAYERLAB_BENCH_ROUNDS:-3}"
[ -x "$cli" ] || { echo "error: $cli not built: run scripts/test.sh or cmake --build build" >&2; exit 2; }
[ -f "$data/train-images-idx3-ubyte" ] || { echo "error: full MNIST not in $data: run scripts/fetch-mnist.sh" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]?$ ]] || { echo "error: LAYERLAB_BENCH_ROUNDS must be a whole number from 1 to 99, not '$rounds'" >&2; exit 2; }

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

row() { printf '%-36s %10s %10s %8s %10s %8s\n' "$1" "$2" "$3" "${4:-}" "${5:-}" "${6:-}"; }
field() { sed -n "s/.*\"$1\": *\"\{0,1\}\([0-9.a-z]*\).*/\1/p"; }
# b / a to two decimals, or n/a.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", b / a; else printf "n/a" }'; }
# The numbers given, joined by /.
list() { local IFS=/; echo "$*"; }
# The median of the numbers given (the mean of the middle two for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row "setting" "train/s" "infer/s" "isa" "train GF/s" "of peak"
declare -A train peak scaling versus
for model in seed-cnn mlp; do
    llTrain=() llInfer=() ptTrain=() ptInfer=() trainRatios=() inferRatios=()
    for threads in 1 2; do
        n=1
        [ "$threads" = 2 ] && n=$rounds
        for ((round = 1; round <= n; ++round)); do
            extra=()
            [ "$threads" = 2 ] && [ "$round" = 1 ] && [ "$(nproc)" -ge 2 ] && extra=(--scaling)
            out=$("$cli" bench --model "resources/presets/$model.json" --data "$data" --batch 128 --threads "$threads" --json "${extra[@]}")
            t=$(echo "$out" | field train_samples_per_second)
            i=$(echo "$out" | field infer_samples_per_second)
            peak[$model$threads]=$(echo "$out" | field gemm_peak_gflops)
            if [ "${#extra[@]}" -gt 0 ]; then
                scaling[$model]="$(echo "$out" | field scaling_ratio)x (quartiles $(echo "$out" | field scaling_ratio_low)-$(echo "$out" | field scaling_ratio_high)x), this machine's GEMM peak $(echo "$out" | field scaling_gemm_peak_ratio)x"
            fi
            label="LayerLab $model ${threads}t"
            [ "$n" -gt 1 ] && label+=" round $round"
            row "$label" "$t" "$i" "$(echo "$out" | field isa)" "$(echo "$out" | field train_gflops)" "$(echo "$out" | field peak_fraction)"
            if [ "$threads" = 1 ]; then
                train[${model}1]=$t
                continue
            fi
            llTrain+=("$t") llInfer+=("$i")
            if [ "$torch" = 1 ]; then
                name=$([ "$model" = seed-cnn ] && echo seed_cnn || echo mlp)
                out=$(OPENBLAS_NUM_THREADS=1 \
                      GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824 \
                      /usr/bin/python3 "$ref" "$data" --model "$name" --threads 2 --batch 128)
                pt=$(echo "$out" | field train_samples_per_second)
                pi=$(echo "$out" | field infer_samples_per_second)
                label="PyTorch $model 2t"
                [ "$n" -gt 1 ] && label+=" round $round"
                row "$label" "$pt" "$pi"
                ptTrain+=("$pt") ptInfer+=("$pi")
                trainRatios+=("$(ratio "$pt" "$t" | tr -d x)") inferRatios+=("$(ratio "$pi" "$i" | tr -d x)")
            fi
        done
    done
    train[${model}2]=$(median "${llTrain[@]}")
    if [ "$n" -gt 1 ]; then
        row "LayerLab $model 2t median" "${train[${model}2]}" "$(median "${llInfer[@]}")"
        [ "$torch" = 1 ] && row "PyTorch $model 2t median" "$(median "${ptTrain[@]}")" "$(median "${ptInfer[@]}")"
    fi
    if [ "$torch" = 1 ]; then
        versus[$model]="training $(median "${trainRatios[@]}")x (rounds $(list "${trainRatios[@]}")), inference $(median "${inferRatios[@]}")x (rounds $(list "${inferRatios[@]}"))"
    fi
done
if [ "$torch" = 1 ]; then
    for model in seed-cnn mlp; do
        echo "LayerLab / PyTorch, $model, 2 threads, median of $rounds round(s): ${versus[$model]}"
    done
fi
# 1 -> 2 threads, beside the machine's own: its GEMM peak on 2 threads over 1 (a shared machine whose second
# core is slower, or busy, caps what any 2-thread step can gain). In turn first, then from the separate runs.
for model in seed-cnn mlp; do
    echo "1 -> 2 threads, $model: training ${scaling[$model]:-n/a (one core)} in turn; from the separate runs $(ratio "${train[${model}1]}" "${train[${model}2]}"), GEMM peak $(ratio "${peak[${model}1]}" "${peak[${model}2]}")"
done
