#!/usr/bin/python3
"""The straightforward Python script mediascan has to beat (issue 6).

  python_baseline.py EXPORT_DIR --json OUT.json [--clean CLEAN_DIR] [--reduced] [--side 1280] [--jobs N]

On an unpacked export folder, what someone would write in an afternoon with exiftool and
OpenCV:
  1. one batched exiftool call reads GPS and XMP of every photo
     (`exiftool -j -n -r -gps:all -xmp:all`);
  2. a multiprocessing pool (one worker per core) decodes every photo with cv2.imread, scales
     it to SIDE px on the long side and runs OpenCV's Haar frontal face cascade;
  3. with --clean, the export is copied to CLEAN_DIR and one exiftool call strips the copy
     (`exiftool -r -overwrite_original -gps:all= -xmp:geotag=`).
Writes OUT.json: per photo (path relative to EXPORT_DIR) the faces found, whether it shows a
person (at least one face), and whether it had GPS; plus the time each step took.

--reduced decodes at half size inside libjpeg (cv2.IMREAD_REDUCED_COLOR_2), the one-line
speed-up such a script could have. Workers call cv2.setNumThreads(1): with one process per
core, OpenCV's own threads would only fight them.

Needs /usr/bin/python3 with python3-opencv, the cascades of opencv-data, and exiftool
(libimage-exiftool-perl).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from multiprocessing import Pool

CASCADE = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"
EXTENSIONS = (".jpg", ".jpeg", ".png")


def fail(message):
    sys.exit("python_baseline: " + message)


try:
    import cv2
except ImportError:
    fail("OpenCV for Python is missing: apt-get install python3-opencv (and run this with /usr/bin/python3)")


def photos_in(folder):
    """Every photo under folder, by extension (what a simple script does)."""
    found = []
    for top, _, files in os.walk(folder):
        found += [os.path.join(top, f) for f in files if f.lower().endswith(EXTENSIONS)]
    return sorted(found)


def read_metadata(folder):
    """One exiftool process for the whole export: path -> its GPS and XMP tags."""
    cmd = ["exiftool", "-j", "-n", "-q", "-q", "-r", "-gps:all", "-xmp:all"]
    cmd += [a for ext in EXTENSIONS for a in ("-ext", ext[1:])] + [folder]
    out = subprocess.run(cmd, capture_output=True, check=False).stdout
    return {os.path.normpath(r["SourceFile"]): r for r in json.loads(out or b"[]")}


_worker = {}


def init_worker(side, reduced):
    cv2.setNumThreads(1)
    cascade = cv2.CascadeClassifier(CASCADE)
    if cascade.empty():
        raise RuntimeError("cannot load " + CASCADE)
    _worker.update(cascade=cascade, side=side,
                   flag=cv2.IMREAD_REDUCED_COLOR_2 if reduced else cv2.IMREAD_COLOR)


def detect(path):
    """Number of frontal faces in the photo at path, or None when it cannot be decoded."""
    image = cv2.imread(path, _worker["flag"])
    if image is None:
        return path, None
    scale = _worker["side"] / max(image.shape[:2])
    if scale < 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gray = cv2.equalizeHist(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    faces = _worker["cascade"].detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(30, 30))
    return path, len(faces)


def clean_copy(folder, clean_dir):
    """Copies the export and strips location from the copy's photos with one exiftool call."""
    if os.path.exists(clean_dir):
        shutil.rmtree(clean_dir)
    shutil.copytree(folder, clean_dir)
    cmd = ["exiftool", "-q", "-q", "-r", "-overwrite_original", "-gps:all=", "-xmp:geotag="]
    cmd += [a for ext in EXTENSIONS for a in ("-ext", ext[1:])] + [clean_dir]
    if subprocess.run(cmd, check=False).returncode not in (0, 1):  # 1: some file had nothing to do
        fail("exiftool failed to clean " + clean_dir)


def main():
    ap = argparse.ArgumentParser(description="Python + exiftool + OpenCV baseline for mediascan's benchmark.")
    ap.add_argument("export", help="the unpacked export folder")
    ap.add_argument("--json", required=True, help="where to write the per-photo results")
    ap.add_argument("--clean", help="copy the export here and strip location from the copy")
    ap.add_argument("--reduced", action="store_true", help="decode JPEGs at half size (IMREAD_REDUCED_COLOR_2)")
    ap.add_argument("--side", type=int, default=1280, help="long side for face detection (default 1280)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count(), help="worker processes (default: all cores)")
    args = ap.parse_args()
    if shutil.which("exiftool") is None:
        fail("exiftool not found: apt-get install libimage-exiftool-perl")
    if not os.path.exists(CASCADE):
        fail(CASCADE + " not found: apt-get install opencv-data")
    if not os.path.isdir(args.export):
        fail(args.export + " is not a folder")

    folder = os.path.normpath(args.export)
    steps = {}
    t = time.time()
    paths = photos_in(folder)
    meta = read_metadata(folder)
    steps["exiftool_read_s"] = time.time() - t

    t = time.time()
    with Pool(args.jobs, initializer=init_worker, initargs=(args.side, args.reduced)) as pool:
        faces = dict(pool.imap_unordered(detect, paths, chunksize=2))
    steps["faces_s"] = time.time() - t

    if args.clean:
        t = time.time()
        clean_copy(folder, args.clean)
        steps["clean_s"] = time.time() - t

    results = {}
    for p in paths:
        m = meta.get(os.path.normpath(p), {})
        results[os.path.relpath(p, folder)] = {
            "faces": faces[p], "has_person": bool(faces[p]),
            "has_gps": "GPSLatitude" in m or "GPSPosition" in m,
            "xmp_place": any(k in m for k in ("City", "State", "Country", "Location"))}
    with open(args.json, "w") as f:
        json.dump({"tool": "python_baseline", "cascade": os.path.basename(CASCADE), "side": args.side,
                   "reduced": args.reduced, "jobs": args.jobs, "steps": steps, "photos": results}, f, indent=1)
    undecoded = sum(1 for r in results.values() if r["faces"] is None)
    print("python_baseline: %d photos, %d with faces, %d with GPS, %d not decoded; %s" % (
        len(results), sum(r["has_person"] for r in results.values()),
        sum(r["has_gps"] for r in results.values()), undecoded,
        ", ".join("%s %.1f" % (k, v) for k, v in steps.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
