#!/usr/bin/env bash
# Installs what mediascan needs on Debian 12, then configures and builds it into build/.
# Idempotent: packages already present are not reinstalled, an existing build is updated.
#
#   scripts/setup.sh              build dependencies + build/
#   scripts/setup.sh --tests      also what the tests need (python3-pil, zip, 7z, exiftool, and
#                                 clang with its libFuzzer/sanitizer runtimes for scripts/fuzz.sh)
#   BUILD_DIR=build-asan scripts/setup.sh --sanitize   ASan+UBSan build in another folder
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
cmake_args=()
for arg in "$@"; do
  case "$arg" in
    --tests) with_tests=1 ;;
    --sanitize) cmake_args+=(-DMEDIASCAN_SANITIZE=ON) ;;
    --werror) cmake_args+=(-DMEDIASCAN_WERROR=ON) ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(build-essential cmake ninja-build pkg-config libdeflate-dev zlib1g-dev libarchive-dev libtbb-dev
          nlohmann-json3-dev libcli11-dev libfmt-dev libssl-dev libsqlite3-dev libexiv2-dev libopencv-dev opencv-data
          libheif-dev)
test_packages=(libgtest-dev libgmock-dev python3 python3-pil python3-yaml zip p7zip-full libarchive-tools
               libimage-exiftool-perl libheif-examples chromium python3-onnx
               clang libclang-rt-14-dev llvm-14)
[ "$with_tests" = 1 ] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

build_dir=${BUILD_DIR:-build}
tests=OFF
[ "$with_tests" = 1 ] && tests=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMEDIASCAN_TESTS=$tests \
  "${cmake_args[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
echo "setup.sh: built $build_dir/mediascan"
