#!/usr/bin/env bash
# Real photos for the tests: the JPEG/PNG samples of Debian's opencv-doc package (messi5.jpg has
# a face), extracted with apt-get download + dpkg -x into a cache folder; the package is not
# installed. Prints the folder holding the images.
set -euo pipefail
cache=${MEDIASCAN_TEST_IMAGES:-${XDG_CACHE_HOME:-$HOME/.cache}/mediascan/opencv-doc}
data="$cache/usr/share/doc/opencv-doc/examples/data"
if [ ! -f "$data/messi5.jpg" ]; then
  mkdir -p "$cache"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod a+rwx "$tmp"  # apt-get download works as the _apt user
  (cd "$tmp" && apt-get download opencv-doc >/dev/null)
  dpkg -x "$tmp"/opencv-doc_*.deb "$cache"
fi
echo "$data"
