#!/usr/bin/env bash
# Decode and face-detection time per image: builds bench/vision_bench, makes 12 MP and 2 MP
# JPEGs from Debian's opencv-doc sample photos (scaled, varied), prints a Markdown table.
#   bench/vision_bench.sh [COUNT_PER_SIZE]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-12}
scripts/setup.sh >/dev/null
cmake --build build --target vision_bench >/dev/null
data=$(scripts/fetch-test-images.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$data" "$work" "$count" <<'PY'
import os, random, sys
from PIL import Image, ImageOps
data, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
photos = [f for f in ("messi5.jpg", "lena.jpg", "fruits.jpg", "building.jpg", "baboon.jpg", "home.jpg", "aero1.jpg")
          if os.path.exists(os.path.join(data, f))]
rng = random.Random(1)
for size, (w, h) in (("12mp", (4000, 3000)), ("2mp", (1600, 1200))):
    for i in range(count):
        im = Image.open(os.path.join(data, photos[i % len(photos)])).convert("RGB")
        im = ImageOps.fit(im, (w, h)).rotate(rng.uniform(-3, 3))
        if i % 2:
            im = ImageOps.mirror(im)
        im.save(os.path.join(out, "%s_%03d.jpg" % (size, i)), quality=90)
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), one thread measured"
build/bench/vision_bench "$work"
