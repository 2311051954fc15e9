#!/usr/bin/env bash
# Installs the Debian 12 packages LayerLab needs to build, test and run. Does nothing when all are present.
# Also installs onnxruntime-node (npm) for the ONNX tests into a cache folder outside git (see below).
# Usage: scripts/install-deps.sh
set -euo pipefail

required=(
  cmake g++ make clang-format ccache
  qt6-base-dev qt6-l10n-tools qt6-tools-dev qt6-translations-l10n   # Qt; lupdate/lrelease and LinguistTools
                                                                    # (translations), Qt's own zh_CN texts
  libqcustomplot-dev libeigen3-dev libtbb-dev zlib1g-dev nlohmann-json3-dev libgl1-mesa-dev
  libstb-dev pkg-config    # image files: stb_image decodes PNG/JPEG/BMP (predict, image folders), stb_image_resize
                           # scales them to the model's input, stb_image_write writes PNGs
  xvfb xauth imagemagick   # headless runs and the screenshot script
  fonts-noto-cjk           # Chinese text (the zh_CN studio, lesson cards in zh_CN) renders
  libonnx-dev libprotobuf-dev protobuf-compiler   # ONNX export/import: the ONNX protobuf messages
  python3-onnx python3-torch   # tests: onnx.checker on exported files, PyTorch models to import and compare
  python3-pil                  # the PyTorch export's train.py reads image folders (PNG, JPEG, BMP) with Pillow
  # tests (install_prefix): check the installed AppStream metainfo, .desktop file and MIME types;
  # cpack -G DEB: dpkg-shlibdeps finds the packages of the linked libraries
  appstream desktop-file-utils shared-mime-info dpkg-dev
)
# The ONNX tests run exported files in ONNX Runtime through node: nodejs and npm when node is missing.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  required+=(nodejs npm)
fi
optional=(
  dataset-fashion-mnist    # Fashion-MNIST, installed to /usr/share/datasets/fashion-mnist
)

say() { echo "install-deps: $*"; }
die() { echo "install-deps: error: $*" >&2; exit 1; }

installed() { [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null || true)" == ii* ]]; }

missing_required=()
missing_optional=()
for p in "${required[@]}"; do installed "$p" || missing_required+=("$p"); done
for p in "${optional[@]}"; do installed "$p" || missing_optional+=("$p"); done

# onnxruntime-node for the ONNX tests (tests/core/tst_onnx_export.cpp), in a cache folder outside git; its
# Linux x64 binary is inside the package, so no install script runs (--ignore-scripts).
ort_version=1.30.0
npm_dir="${LAYERLAB_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/layerlab/npm}"
install_ort() {
  local have
  have="$(sed -n 's/^ *"version": *"\(.*\)".*/\1/p' "$npm_dir/node_modules/onnxruntime-node/package.json" 2>/dev/null | head -1 || true)"
  [[ "$have" == "$ort_version" ]] && return 0
  say "installing onnxruntime-node@$ort_version into $npm_dir"
  mkdir -p "$npm_dir"
  (cd "$npm_dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "onnxruntime-node@$ort_version") ||
    die "npm install onnxruntime-node@$ort_version failed (needed by the ONNX tests); check the npm registry"
}

if [[ ${#missing_required[@]} -eq 0 && ${#missing_optional[@]} -eq 0 ]]; then
  install_ort
  say "all $(( ${#required[@]} + ${#optional[@]} )) packages already installed"
  exit 0
fi

all_missing=("${missing_required[@]}" "${missing_optional[@]}")
command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install these by hand: ${all_missing[*]}"
sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || die "not root and sudo is missing; as root run: apt-get install ${all_missing[*]}"
  sudo="sudo"
fi
apt_install() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; }

say "installing: ${all_missing[*]}"
$sudo apt-get update -q || die "apt-get update failed; check the network and /etc/apt/sources.list"
if [[ ${#missing_required[@]} -gt 0 ]]; then
  apt_install "${missing_required[@]}" || die "apt-get install failed for: ${missing_required[*]}"
fi
if [[ ${#missing_optional[@]} -gt 0 ]]; then
  apt_install "${missing_optional[@]}" ||
    say "warning: could not install ${missing_optional[*]} (optional: Fashion-MNIST will be unavailable)"
fi
install_ort
say "done"
