#!/usr/bin/env bash
# Installs the Debian 12 packages LayerLab needs to build, test and run. Does nothing when all are present.
# Usage: scripts/install-deps.sh
set -euo pipefail

required=(
  cmake g++ make clang-format
  qt6-base-dev libqcustomplot-dev libeigen3-dev libtbb-dev zlib1g-dev nlohmann-json3-dev libgl1-mesa-dev
  libstb-dev pkg-config    # image files: stb_image decodes PNG/JPEG/BMP for predict, stb_image_write PNGs
  xvfb xauth imagemagick   # headless runs and the screenshot script
)
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

if [[ ${#missing_required[@]} -eq 0 && ${#missing_optional[@]} -eq 0 ]]; then
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
say "done"
