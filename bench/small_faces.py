#!/usr/bin/python3
"""How often mediascan finds a face that is 5 to 8 % of the photo's short side.

  small_faces.py [--mediascan BIN] [--keep DIR]

bench/make_corpus.py's labelled photos keep every face above 10 % of the short side, so their
F1 says nothing about the small faces of a group photo or a bar scene. This makes 144 photos
(12 MP and 2 MP): six opencv-doc photos with a known face box, each scaled so the face is 5,
5.5, 6, 6.5, 7 or 8 % of the short side and pasted at a random place into a background without
people (building, home, fruit), two places each. It scans them (`mediascan scan DIR --json`)
and prints, per face size, how many photos got a people finding. Use it before changing the
detector's smallest face or its proposal pyramid (bench/NOTES.md, "Tried and not made").
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARES = (0.05, 0.055, 0.06, 0.065, 0.07, 0.08)
# Photo and its face box (x, y, w, h), as in make_corpus.py.
FACES = (("examples/data/messi5.jpg", (227, 94, 37, 37)), ("examples/data/basketball1.png", (72, 91, 39, 39)),
         ("opencv4/html/227943776_1.jpg", (112, 95, 183, 183)), ("opencv4/html/230501201_1.jpg", (113, 211, 375, 375)),
         ("opencv4/html/face_swapped.jpg", (85, 67, 137, 137)), ("opencv4/html/blurred.png", (208, 202, 189, 189)))
BACKGROUNDS = ("examples/data/building.jpg", "examples/data/home.jpg", "examples/data/fruits.jpg")


def make(out, doc):
    rng = random.Random(7)
    for k, (name, (fx, fy, fw, fh)) in enumerate(FACES):
        src = Image.open(os.path.join(doc, name)).convert("RGB")
        # Head and shoulders around the face: 4 face widths across, 5 down.
        piece0 = src.crop((max(0, int(fx - 1.5 * fw)), max(0, int(fy - fh)), min(src.width, int(fx + 2.5 * fw)),
                           min(src.height, int(fy + 4 * fh))))
        for share in SHARES:
            for w, h in ((4000, 3000), (1600, 1200)):
                for place in range(2):
                    bg = Image.open(os.path.join(doc, BACKGROUNDS[(k + place) % 3])).convert("RGB").resize((w, h), Image.BICUBIC)
                    f = share * h / fw
                    piece = piece0.resize((max(1, int(piece0.width * f)), max(1, int(piece0.height * f))), Image.LANCZOS)
                    bg.paste(piece, (rng.randint(0, max(0, w - piece.width)), rng.randint(0, max(0, h - piece.height))))
                    stem = os.path.splitext(os.path.basename(name))[0]
                    bg.save(os.path.join(out, "p%03d_%s_%d_%s.jpg" % (round(share * 1000), "12mp" if w == 4000 else "2mp",
                                                                       place, stem)), quality=90)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mediascan", default=os.path.join(ROOT, "build", "mediascan"))
    ap.add_argument("--keep", help="write the photos here and keep them")
    args = ap.parse_args()
    data = subprocess.run([os.path.join(ROOT, "scripts", "fetch-test-images.sh")], check=True, capture_output=True,
                          text=True).stdout.strip()
    doc = os.path.dirname(os.path.dirname(data))  # .../opencv-doc
    with tempfile.TemporaryDirectory() as tmp:
        photos = args.keep or os.path.join(tmp, "photos")
        os.makedirs(photos, exist_ok=True)
        make(photos, doc)
        report = os.path.join(tmp, "r.json")
        subprocess.run([args.mediascan, "scan", photos, "--json", report, "--quiet", "--no-progress"], check=True)
        with open(report) as f:
            items = json.load(f)["items"]
    found, total = Counter(), Counter()
    for item in items:
        m = re.match(r"p(\d+)_(\w+?)_", os.path.basename(item["path"]))
        key = (int(m.group(1)), m.group(2))
        total[key] += 1
        found[key] += any(x.get("category") == "people" or x.get("signal", "").startswith("face") for x in item["findings"])
    print("| face, % of short side | " + " | ".join("%g" % (s * 100) for s in SHARES) + " |")
    print("| --- |" + " ---: |" * len(SHARES))
    for size in ("12mp", "2mp"):
        row = ["%d/%d" % (found[(round(s * 1000), size)], total[(round(s * 1000), size)]) for s in SHARES]
        print("| %s | %s |" % (size.replace("mp", " MP"), " | ".join(row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
