#!/usr/bin/python3
"""Benchmark corpus for mediascan: camera-sized JPEGs with full metadata, laid out as real exports.

Two commands:

  make_corpus.py export OUT_DIR [--count 400] [--store] [--jobs N]
      COUNT photos (60 % 4000x3000 or 3000x4000, 40 % 1600x1200 or 1200x1600), half of them
      showing people (a face inside the frame), half not. Writes into OUT_DIR:
        facebook-jdoe.zip                         Facebook "Download Your Information", 2024 layout
        takeout-20240501T101010Z-001.zip, -002.zip  the same photos as a split Google Takeout
        labels.json                               which photo shows a person, by path, per layout

  make_corpus.py big OUT.zip --size-gb 5 [--pool 16] [--photos N] [--px W] [--store]
      A Facebook export of about SIZE_GB for the memory check, written as a stream: a small
      pool of photos is rendered once and every entry is a pool photo whose EXIF unique id,
      GPS position and capture time are patched in place, so all entries differ (no two share
      a SHA-256) while nothing but one entry is ever held in memory. --photos N stops at N
      photos instead, and --px W renders the pool W pixels wide (W x 3/4 W), instead of the
      corpus's 12 and 2 MP: many small photos, to see memory against the number of items.

  make_corpus.py videos OUT.zip [--count 4] [--mb 400] [--store]
      A Google Takeout of COUNT phone videos of MB megabytes each (an MP4 with its location in
      moov/udta/©xyz and a big mdat of incompressible bytes, written as a stream), beside a
      sidecar JSON each: memory against the size of single entries.

Every photo is a crop, scale, mirror, colour balance, brightness and sensor-noise variant of a
real photo from Debian's opencv-doc package (scripts/fetch-test-images.sh fetches it), with EXIF
(make, model, body serial, owner, dates, a GPS IFD), an EXIF thumbnail and XMP location
(GPS, City, State, Country) added by one exiftool run. Photos with people keep the whole face
inside every crop; the photos without people are landscapes, buildings, fruit, animals and
objects (the mandrill and the dog are there on purpose: animal faces are not people).

Zip entries are deflated, as Facebook and Google write them (--store: stored). The sidecar
JSON follows scripts/make_export.py, whose helpers are imported, so the layouts stay the ones
the tests use.

Needs /usr/bin/python3 with Pillow (Debian python3-pil) and exiftool (libimage-exiftool-perl).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from fractions import Fraction
from multiprocessing import Pool

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    sys.exit("make_corpus: " + message)


try:
    from PIL import Image, ImageChops, ImageEnhance, ImageOps, TiffImagePlugin
except ImportError:
    fail("Pillow is missing: apt-get install python3-pil (and run this with /usr/bin/python3)")

sys.path.insert(0, os.path.join(ROOT, "scripts"))
try:  # the export layouts of the tests (sidecar JSON exactly as Facebook and Google write it)
    from make_export import _fb_media, _takeout_sidecar, fb_json, google_json, sidecar_name
except ImportError as e:
    fail("cannot import scripts/make_export.py (%s)" % e)

R = TiffImagePlugin.IFDRational
FB_ROOT = "facebook-jdoe-2024-05-01-AbCdEf/"
FB_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
FB_MEDIA = "your_facebook_activity/posts/media/"
TAKEOUT_PART = "takeout-20240501T101010Z-%03d.zip"
ZIP_TIME = (2024, 5, 1, 10, 10, 10)
EPOCH = 1672531200  # 2023-01-01 00:00 UTC: first capture time of the corpus


# --------------------------------------------------------------------------- source photos

@dataclass(frozen=True)
class Source:
    """A photo of opencv-doc. region: the part of the file used (some doc images are several
    pictures side by side); faces: face boxes (x, y, w, h) inside the region, which every crop
    keeps whole. Boxes were found with the Haar frontal cascade and checked by eye."""
    path: str                      # relative to /usr/share/doc/opencv-doc
    faces: tuple = ()
    region: tuple | None = None    # (left, top, right, bottom)
    label: str = ""                # how results name it; default the file name

    @property
    def name(self):
        return self.label or os.path.basename(self.path)

    @property
    def has_person(self):
        return bool(self.faces)


D, H = "examples/data/", "opencv4/html/"
WITH_PEOPLE = [
    Source(D + "messi5.jpg", ((227, 94, 37, 37),)),                  # footballer, small face
    Source(D + "basketball1.png", ((72, 91, 39, 39),)),              # two men indoors
    Source(D + "basketball2.png", ((72, 91, 38, 38),)),
    Source(H + "227943776_1.jpg", ((112, 95, 183, 183),)),           # portraits
    Source(H + "230501201_1.jpg", ((113, 211, 375, 375),)),
    Source(H + "face_swapped.jpg", ((85, 67, 137, 137),)),
    Source(H + "blurred.png", ((208, 202, 189, 189),)),              # Lena, slightly blurred
    Source(H + "example.jpg", ((29, 162, 320, 320),), (0, 0, 372, 580), "example.jpg#left"),
    Source(H + "example.jpg", ((28, 166, 334, 334),), (772, 0, 1162, 580), "example.jpg#right"),
    Source(H + "inpaint_result.jpg", ((54, 29, 64, 64),), (0, 170, 224, 337), "inpaint_result.jpg#bottom-left"),
]
# No person anywhere in the frame. Not used: left01..14/right01..14 (a person hides behind a
# chessboard), graf*.png (painted cartoon faces), drawings, logos, text.
WITHOUT_PEOPLE = [Source(D + n) for n in (
    "aero1.jpg", "aero3.jpg", "aloeL.jpg", "apple.jpg", "baboon.jpg", "board.jpg", "box_in_scene.png",
    "building.jpg", "butterfly.jpg", "chicky_512.png", "ela_original.jpg", "fruits.jpg", "home.jpg",
    "left.jpg", "leuvenA.jpg", "licenseplate_motion.jpg", "orange.jpg", "rubberwhale1.png",
    "smarties.png", "squirrel_cls.jpg", "starry_night.jpg", "stuff.jpg")]


def doc_root():
    """The unpacked opencv-doc folder (usr/share/doc/opencv-doc), fetched when missing."""
    script = os.path.join(ROOT, "scripts", "fetch-test-images.sh")
    try:
        data = subprocess.run([script], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        fail("scripts/fetch-test-images.sh failed (needs apt-get and dpkg, network to a Debian mirror): %s" % e)
    root = os.path.dirname(os.path.dirname(data))
    missing = [s.path for s in WITH_PEOPLE + WITHOUT_PEOPLE if not os.path.exists(os.path.join(root, s.path))]
    if missing:
        fail("opencv-doc lacks %s (a different opencv-doc version?)" % ", ".join(missing))
    return root


# --------------------------------------------------------------------------- the plan

PLACES = [("Paris", "Ile-de-France", "France", 48.8584, 2.2945, 35),
          ("Berlin", "Berlin", "Germany", 52.5163, 13.3777, 34),
          ("New York", "NY", "USA", 40.7580, -73.9855, 10),
          ("Sydney", "NSW", "Australia", -33.8568, 151.2153, 5),
          ("Rio de Janeiro", "RJ", "Brazil", -22.9519, -43.2105, 700),
          ("Cape Town", "Western Cape", "South Africa", -33.9628, 18.4098, 1085),
          ("Tokyo", "Tokyo", "Japan", 35.6586, 139.7454, 40),
          ("Reykjavik", "Capital Region", "Iceland", 64.1417, -21.9266, 75)]
CAMERAS = [("Apple", "iPhone 13", "iOS 16.5"), ("samsung", "SM-G991B", "G991BXXU5CWA1"),
           ("Google", "Pixel 7", "HDR+ 1.0.525"), ("Canon", "Canon EOS 90D", "Firmware Version 1.1.1"),
           ("NIKON CORPORATION", "NIKON Z 6_2", "Ver.01.40"), ("SONY", "ILCE-7M3", "ILCE-7M3 v4.01")]


def plan(count, seed=20240601):
    """One dict per photo: source, size class, capture time, place. Half the photos show
    people; within each half 60 % are 12 MP. Sources are used in turn, so each appears about
    equally often."""
    rng = random.Random(seed)
    half = count // 2
    photos = []
    for people, sources, n in ((True, WITH_PEOPLE, half), (False, WITHOUT_PEOPLE, count - half)):
        big = [True] * round(n * 0.6) + [False] * (n - round(n * 0.6))
        rng.shuffle(big)
        photos += [{"source": sources[k % len(sources)], "big": big[k], "people": people} for k in range(n)]
    rng.shuffle(photos)  # people and no people interleaved, as in a real camera roll
    for i, p in enumerate(photos):
        p["i"] = i
        p["taken"] = EPOCH + i * 3607 + rng.randrange(600)
        p["place"] = PLACES[rng.randrange(len(PLACES))]
    return photos


# --------------------------------------------------------------------------- rendering

_noise = {}


def noise(size):
    """One colour sensor-noise field per size and worker, shifted differently for each photo:
    real photos carry noise, and it gives JPEGs the size camera files have."""
    if size not in _noise:
        _noise[size] = Image.merge("RGB", [Image.effect_noise(size, 9) for _ in range(3)])
    return _noise[size]


def crop_box(src_size, out_size, faces, rng):
    """A crop of the output's aspect ratio, 60-100 % of the largest that fits, that holds every
    face with a quarter of its size as margin on each side."""
    sw, sh = src_size
    aspect = out_size[0] / out_size[1]
    cw_max = min(sw, sh * aspect)
    keep = None
    if faces:
        xs = [v for x, y, w, h in faces for v in (x - w / 4, x + w * 5 / 4)]
        ys = [v for x, y, w, h in faces for v in (y - h / 4, y + h * 5 / 4)]
        keep = (max(0, min(xs)), max(0, min(ys)), min(sw, max(xs)), min(sh, max(ys)))
    f_min = 0.6
    if keep:
        f_min = max(f_min, (keep[2] - keep[0]) / cw_max, (keep[3] - keep[1]) * aspect / cw_max)
    cw = cw_max * rng.uniform(min(f_min, 1.0), 1.0)
    ch = cw / aspect
    x_lo, x_hi, y_lo, y_hi = 0, sw - cw, 0, sh - ch
    if keep:  # the crop must start left of / above the kept box and end right of / below it
        x_lo, x_hi = max(x_lo, keep[2] - cw), min(x_hi, keep[0])
        y_lo, y_hi = max(y_lo, keep[3] - ch), min(y_hi, keep[1])
    x0 = rng.uniform(x_lo, max(x_lo, x_hi))
    y0 = rng.uniform(y_lo, max(y_lo, y_hi))
    return (x0, y0, x0 + cw, y0 + ch)


def dms(v):
    v = abs(v)
    d = int(v)
    m = int((v - d) * 60)
    s = (v - d - m / 60) * 3600
    return (R(d, 1), R(m, 1), R(int(round(s * 1000)), 1000))


def exif_block(p, size, rng, lat, lon, alt):
    """EXIF as a phone writes it: IFD0, Exif IFD (with a body serial and a unique id), GPS IFD.
    Returns it with the serial, the unique id and the latitude (the big export patches them)."""
    make, model, software = CAMERAS[p["i"] % len(CAMERAS)]
    stamp = time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(p["taken"]))
    serial = "%d" % rng.randrange(10**9, 10**10)
    unique_id = "%032x" % rng.getrandbits(128)
    lat_dms = dms(lat)
    ex = Image.Exif()
    ex[0x010F], ex[0x0110], ex[0x0131], ex[0x0132], ex[0x0112] = make, model, software, stamp, 1
    ex[0x011A], ex[0x011B], ex[0x0128], ex[0x013B] = R(72, 1), R(72, 1), 2, "Jane Doe"
    ex[0x8769] = {0x9000: b"0232", 0x9003: stamp, 0x9004: stamp, 0x9010: "+02:00",
                  0x829A: R(1, rng.choice([60, 125, 250, 500, 1000])), 0x829D: R(rng.choice([18, 28, 40, 56]), 10),
                  0x8827: rng.choice([50, 100, 200, 400, 800]), 0x920A: R(rng.choice([26, 50, 85, 240]), 10),
                  0xA001: 1, 0xA002: size[0], 0xA003: size[1], 0xA420: unique_id,
                  0xA430: "Jane Doe", 0xA431: serial, 0xA433: make, 0xA434: model + " lens 4.2mm f/1.8"}
    t = time.gmtime(p["taken"])
    ex[0x8825] = {0: b"\x02\x03\x00\x00", 1: "N" if lat >= 0 else "S", 2: lat_dms,
                  3: "E" if lon >= 0 else "W", 4: dms(lon), 5: b"\x00", 6: R(int(alt * 100), 100),
                  7: (R(t.tm_hour, 1), R(t.tm_min, 1), R(t.tm_sec, 1)), 16: "T",
                  17: R(rng.randrange(0, 36000), 100), 18: "WGS-84", 29: stamp[:10]}
    return ex, serial, unique_id, lat_dms


def render(job):
    """Writes one photo; returns the exiftool arguments that add its thumbnail and XMP."""
    p, doc, out_dir, thumb_dir = job
    rng = random.Random(1000 + p["i"])
    src = p["source"]
    im = Image.open(os.path.join(doc, src.path)).convert("RGB")
    if src.region:
        im = im.crop(src.region)
    portrait = im.height > im.width
    size = (4000, 3000) if p["big"] else (1600, 1200)
    if p.get("px"):
        size = (p["px"], p["px"] * 3 // 4)
    if portrait:
        size = size[::-1]
    im = im.resize(size, Image.BICUBIC, box=crop_box(im.size, size, src.faces, rng))
    if rng.random() < 0.5:
        im = ImageOps.mirror(im)
    if not src.has_person and rng.random() < 0.15:
        im = ImageOps.flip(im)  # an upside-down person is no test of a face detector
    gains = [rng.uniform(0.85, 1.15) for _ in range(3)]
    im = Image.merge("RGB", [c.point(lambda v, g=g: min(255, int(v * g))) for c, g in zip(im.split(), gains)])
    im = ImageEnhance.Brightness(im).enhance(rng.uniform(0.8, 1.2))
    im = ImageChops.add(im, ImageChops.offset(noise(size), rng.randrange(size[0]), rng.randrange(size[1])), 1.0, -128)

    city, state, country, lat, lon, alt = p["place"]
    lat += rng.uniform(-0.02, 0.02)
    lon += rng.uniform(-0.02, 0.02)
    alt = max(0.0, alt + rng.uniform(-5, 5))
    ex, serial, unique_id, lat_dms = exif_block(p, size, rng, lat, lon, alt)
    path = os.path.join(out_dir, "%05d.jpg" % p["i"])
    im.save(path, "JPEG", quality=rng.choice([88, 90, 92, 95]), subsampling=2, exif=ex.tobytes())
    thumb = os.path.join(thumb_dir, "%05d.jpg" % p["i"])
    thumb_size = (min(160, size[0]), min(120, size[1])) if not portrait else (min(120, size[0]), min(160, size[1]))
    im.resize(thumb_size, Image.BILINEAR).save(thumb, "JPEG", quality=80)
    args = ["-XMP-exif:GPSLatitude=%.6f %s" % (abs(lat), "N" if lat >= 0 else "S"),
            "-XMP-exif:GPSLongitude=%.6f %s" % (abs(lon), "E" if lon >= 0 else "W"),
            "-XMP-exif:GPSAltitude=%.1f" % alt, "-XMP-exif:GPSAltitudeRef=Above Sea Level",
            "-XMP:City=" + city, "-XMP:State=" + state, "-XMP:Country=" + country,
            "-XMP-iptcCore:Location=%s centre" % city, "-XMP-aux:SerialNumber=" + serial,
            "-ThumbnailImage<=" + thumb, path]
    return {"i": p["i"], "args": args, "size": size, "gps": (round(lat, 6), round(lon, 6)),
            "unique_id": unique_id, "lat_sec": (lat_dms[2].numerator, lat_dms[2].denominator)}


def render_all(photos, doc, out_dir, jobs):
    """Renders every photo on JOBS processes, then adds thumbnails and XMP with one exiftool."""
    thumbs = tempfile.mkdtemp(dir=out_dir)
    try:
        with Pool(jobs) as pool:
            done = pool.map(render, [(p, doc, out_dir, thumbs) for p in photos], chunksize=1)
        argfile = os.path.join(thumbs, "xmp.args")
        with open(argfile, "w") as f:
            f.write("\n-execute\n".join("\n".join(d["args"]) for d in done) + "\n")
        run(["exiftool", "-@", argfile, "-common_args", "-q", "-q", "-overwrite_original"])
    finally:
        shutil.rmtree(thumbs)
    for p, d in zip(photos, done):
        p.update(size=d["size"], gps=d["gps"], unique_id=d["unique_id"], lat_sec=d["lat_sec"],
                 file=os.path.join(out_dir, "%05d.jpg" % p["i"]))


def run(cmd):
    try:
        subprocess.run(cmd, check=True)
    except FileNotFoundError:
        fail("%s not found: apt-get install libimage-exiftool-perl" % cmd[0])
    except subprocess.CalledProcessError as e:
        fail("%s failed with status %d" % (" ".join(cmd[:3]), e.returncode))


# --------------------------------------------------------------------------- export layouts

class ZipOut:
    """A zip written entry by entry (one entry in memory at a time), deflated unless store."""

    def __init__(self, path, store):
        self.zf = zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if store else zipfile.ZIP_DEFLATED,
                                  compresslevel=None if store else 6)
        self.bytes = 0

    def add(self, name, data):
        info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        info.compress_type = self.zf.compression
        self.zf.writestr(info, data)
        self.bytes += len(data)

    def close(self):
        self.zf.close()


def fb_id(i):
    return 10158000000000000 + i * 7919


def city_of(p):
    return p["place"][0]


class FacebookWriter:
    """Facebook's 2024 layout: media in album folders of 25, each album's JSON written once its
    photos are in, then the posts JSON (posts of one to three photos; every other photo's
    exif_data carries its coordinates; every fifth post is a check-in with a place)."""

    ALBUM = 25

    def __init__(self, out):
        self.out = out
        self.album = []          # media records of the album being written
        self.albums = 0
        self.posts = []
        self.pending = []        # photos not yet in a post

    def album_folder(self):
        return FB_MEDIA + "Album%03d_%d/" % (self.albums, 1029384756 + self.albums)

    def add(self, p, data):
        """Adds photo p (plan record) with bytes data; returns its path in the export."""
        path = self.album_folder() + "%d.jpg" % fb_id(p["i"])
        self.out.add(FB_ROOT + path, data)
        exif = {"upload_ip": "81.82.%d.%d" % (p["i"] % 250, p["i"] % 199), "taken_timestamp": p["taken"]}
        if p["i"] % 2 == 0:
            exif.update(latitude=p["gps"][0], longitude=p["gps"][1])
        media = _fb_media(path, p["taken"] + 3600, "Album %d" % self.albums, "Photo %d in %s" % (p["i"], city_of(p)), exif)
        self.album.append(media)
        self.pending.append((p, media))
        if len(self.pending) >= 1 + p["i"] % 3:
            self.post()
        if len(self.album) == self.ALBUM:
            self.close_album()
        return FB_ROOT + path

    def post(self):
        p, first = self.pending[0]
        post = {"timestamp": first["creation_timestamp"] + 120,
                "attachments": [{"data": [{"media": m} for _, m in self.pending]}],
                "data": [{"post": "Good times in %s" % city_of(p)}],
                "title": "Jane Doe added %d new photos." % len(self.pending)}
        if len(self.posts) % 5 == 0:
            lat, lon = p["gps"]
            post["attachments"][0]["data"].append({"place": {"name": "Cafe %s" % city_of(p),
                                                             "coordinate": {"latitude": lat, "longitude": lon}}})
        if len(self.posts) % 3 == 0:
            post["tags"] = [{"name": "Anneke de Vries"}]
        self.posts.append(post)
        self.pending = []

    def close_album(self):
        if not self.album:
            return
        self.out.add(FB_ROOT + "your_facebook_activity/posts/album/%d.json" % self.albums, fb_json({
            "name": "Album %d" % self.albums, "photos": self.album, "cover_photo": self.album[0],
            "last_modified_timestamp": self.album[-1]["creation_timestamp"], "description": ""}))
        self.album = []
        self.albums += 1

    def finish(self):
        if self.pending:
            self.post()
        self.close_album()
        self.out.add(FB_ROOT + FB_POSTS, fb_json(self.posts))
        self.out.close()


def write_facebook(photos, path, store):
    fb = FacebookWriter(ZipOut(path, store))
    for p in photos:
        with open(p["file"], "rb") as f:
            p["facebook"] = fb.add(p, f.read())
    fb.finish()


def write_takeout(photos, out_dir, store):
    """Google Takeout split in two parts at half the bytes: photos in "Photos from YYYY" and
    in album folders (with metadata.json), each with a .supplemental-metadata.json sidecar
    (geoData on every other photo); every tenth sidecar sits in the other part than its photo."""
    total = sum(os.path.getsize(p["file"]) for p in photos)
    parts = [ZipOut(os.path.join(out_dir, TAKEOUT_PART % n), store) for n in (1, 2)]
    GP = "Takeout/Google Photos/"
    for k, p in enumerate(photos):
        part = 0 if parts[0].bytes < total / 2 else 1
        year = time.gmtime(p["taken"]).tm_year
        folder = GP + ("Trip to %s/" % p["place"][0] if k % 4 == 3 else "Photos from %d/" % year)
        name = time.strftime("IMG_%Y%m%d_%H%M%S", time.gmtime(p["taken"])) + "_%03d.jpg" % (p["i"] % 1000)
        with open(p["file"], "rb") as f:
            parts[part].add(folder + name, f.read())
        p["takeout"] = folder + name
        geo = (p["gps"][0], p["gps"][1]) if p["i"] % 2 == 0 else None
        sidecar = _takeout_sidecar(name, p["taken"], desc="Photo %d" % p["i"], geo=geo,
                                   people=["Anneke de Vries"] if p["people"] and k % 3 == 0 else None,
                                   url_id="%d" % p["i"])
        parts[part if k % 10 else 1 - part].add(folder + sidecar_name(name), sidecar)
    albums = sorted({p["place"][0] for k, p in enumerate(photos) if k % 4 == 3})
    for city in albums:
        parts[1].add(GP + "Trip to %s/metadata.json" % city,
                     google_json({"title": "Trip to %s" % city, "description": "", "access": "protected"}))
    for z in parts:
        z.close()


def write_labels(photos, path):
    records = [{"facebook": p["facebook"], "takeout": p["takeout"], "source": p["source"].name,
                "has_person": p["people"], "size": "%dx%d" % p["size"]} for p in photos]
    by_path = {r[k]: r["has_person"] for r in records for k in ("facebook", "takeout")}
    with open(path, "w") as f:
        json.dump({"count": len(records), "has_person": by_path, "photos": records}, f, indent=1)


def cmd_export(args):
    os.makedirs(args.out, exist_ok=True)
    doc = doc_root()
    photos = plan(args.count)
    staging = tempfile.mkdtemp(prefix="photos.", dir=args.out)
    try:
        t0 = time.time()
        render_all(photos, doc, staging, args.jobs)
        t1 = time.time()
        write_facebook(photos, os.path.join(args.out, "facebook-jdoe.zip"), args.store)
        write_takeout(photos, args.out, args.store)
        write_labels(photos, os.path.join(args.out, "labels.json"))
        mb = sum(os.path.getsize(p["file"]) for p in photos) / 1e6
    finally:
        shutil.rmtree(staging)
    n_big = sum(p["big"] for p in photos)
    print("make_corpus: %d photos (%d at 12 MP, %d at 2 MP; %d with people), %.0f MB; "
          "rendered in %.0f s, packed in %.0f s" % (len(photos), n_big, len(photos) - n_big,
                                                    sum(p["people"] for p in photos), mb, t1 - t0,
                                                    time.time() - t1), file=sys.stderr)


# --------------------------------------------------------------------------- the big export

def patch_once(data, old, new, what):
    """Replaces the one occurrence of old in the metadata (before the first scan) by new."""
    head_end = data.find(b"\xff\xda")
    at = data.find(old, 0, head_end)
    if at < 0 or data.find(old, at + 1, head_end) >= 0:
        fail("cannot patch the %s of a pool photo (not found exactly once)" % what)
    return data[:at] + new + data[at + len(old):]


def varied(pool_photo, data, k, rng):
    """Pool photo k-th reuse: a new EXIF unique id, latitude seconds and capture times. All
    fields keep their length, so no offset in the file changes."""
    data = patch_once(data, pool_photo["unique_id"].encode(), ("%032x" % rng.getrandbits(128)).encode(), "unique id")
    sec = Fraction(*pool_photo["lat_sec"])  # PIL writes the rational reduced
    num, den = sec.numerator, sec.denominator
    head_end = data.find(b"\xff\xda")
    # The GPS rational is in the byte order PIL wrote (exiftool keeps it): try both.
    order = next((o for o in "<>" if data.find(struct.pack(o + "II", num, den), 0, head_end) >= 0), None)
    if order is None:
        fail("cannot find the GPS latitude of a pool photo")
    data = patch_once(data, struct.pack(order + "II", num, den),
                      struct.pack(order + "II", rng.randrange(60000), 1000), "GPS latitude")
    stamp = time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(pool_photo["taken"])).encode()
    new = time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(EPOCH + k * 1801)).encode()
    return data[:head_end].replace(stamp, new) + data[head_end:]


def cmd_big(args):
    target = int(args.size_gb * 1e9)
    doc = doc_root()
    photos = plan(args.pool, seed=7)
    for p in photos:
        p["px"] = args.px
    staging = tempfile.mkdtemp(prefix="pool.", dir=os.path.dirname(os.path.abspath(args.out)))
    try:
        render_all(photos, doc, staging, args.jobs)
        pool = []
        for p in photos:
            with open(p["file"], "rb") as f:
                pool.append((p, f.read()))
    finally:
        shutil.rmtree(staging)
    rng = random.Random(3)
    out = ZipOut(args.out, args.store)
    fb = FacebookWriter(out)
    k = 0
    while (k < args.photos) if args.photos else (out.bytes < target):
        p, data = pool[k % len(pool)]
        fb.add(dict(p, i=k, taken=EPOCH + k * 1801), varied(p, data, k, rng))
        k += 1
    fb.finish()
    print("make_corpus: %d photos from a pool of %d, %.2f GB" % (k, len(pool), out.bytes / 1e9), file=sys.stderr)


def mp4_box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def cmd_videos(args):
    method = zipfile.ZIP_STORED if args.store else zipfile.ZIP_DEFLATED
    block = os.urandom(1 << 20)  # repeated a MiB apart: deflate's 32 KiB window cannot use it
    ftyp = mp4_box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    with zipfile.ZipFile(args.out, "w", method, compresslevel=1) as z:
        for i in range(args.count):
            taken = EPOCH + i * 86400
            qt = taken + 2082844800  # seconds since 1904
            mvhd = mp4_box(b"mvhd", struct.pack(">B3xIIII", 0, qt, qt, 1000, 60000) +
                           struct.pack(">IH10x", 0x10000, 0x100) +
                           struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000) + bytes(24) +
                           struct.pack(">I", 2))
            where = ("%+08.4f%+09.4f/" % (52.37 + i / 100, 4.89 + i / 100)).encode()
            udta = mp4_box(b"udta", mp4_box(b"\xa9xyz", struct.pack(">HH", len(where), 0x15C7) + where))
            name = "Takeout/Google Photos/Trip/VID_%04d.mp4" % i
            with z.open(zipfile.ZipInfo(name, ZIP_TIME), "w", force_zip64=True) as f:
                f.write(ftyp + mp4_box(b"moov", mvhd + udta))
                f.write(struct.pack(">I4s", 8 + args.mb * len(block), b"mdat"))
                for _ in range(args.mb):
                    f.write(block)
            sidecar = {"title": os.path.basename(name), "description": "",
                       "photoTakenTime": {"timestamp": str(taken)},
                       "geoData": {"latitude": 52.37, "longitude": 4.89, "altitude": 0.0,
                                   "latitudeSpan": 0.0, "longitudeSpan": 0.0}}
            info = zipfile.ZipInfo(name + ".json", ZIP_TIME)
            info.compress_type = method
            z.writestr(info, google_json(sidecar))
    print("make_corpus: %d videos of %d MB" % (args.count, args.mb), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export", help="a labelled corpus as a Facebook zip and a split Takeout")
    e.add_argument("out", help="folder to write into")
    e.add_argument("--count", type=int, default=400, help="photos (default 400)")
    b = sub.add_parser("big", help="a big Facebook export, streamed, for the memory check")
    b.add_argument("out", help="the zip to write")
    b.add_argument("--size-gb", type=float, default=5.0, help="size of the photos in GB (default 5)")
    b.add_argument("--pool", type=int, default=16, help="distinct photos rendered (default 16)")
    b.add_argument("--photos", type=int, default=0, help="stop at this many photos instead of at SIZE_GB")
    b.add_argument("--px", type=int, default=0, help="render the pool this many pixels wide (default: 12 and 2 MP)")
    v = sub.add_parser("videos", help="a Takeout of big phone videos, streamed, for the memory check")
    v.add_argument("out", help="the zip to write")
    v.add_argument("--count", type=int, default=4, help="videos (default 4)")
    v.add_argument("--mb", type=int, default=400, help="megabytes of media data each (default 400)")
    v.add_argument("--store", action="store_true", help="store entries instead of deflating them")
    for p in (e, b):
        p.add_argument("--store", action="store_true", help="store entries instead of deflating them")
        p.add_argument("--jobs", type=int, default=os.cpu_count(), help="rendering processes")
    args = ap.parse_args()
    if shutil.which("exiftool") is None:
        fail("exiftool not found: apt-get install libimage-exiftool-perl")
    if args.cmd == "videos":
        if args.count < 1 or args.mb < 1:
            fail("--count and --mb must be at least 1")
        cmd_videos(args)
    elif args.cmd == "export":
        if args.count < 2:
            fail("--count must be at least 2")
        cmd_export(args)
    else:
        if args.size_gb <= 0 or args.pool < 2 or args.photos < 0 or not (args.px == 0 or args.px >= 64):
            fail("--size-gb must be positive, --pool at least 2, --photos not negative and --px at least 64")
        cmd_big(args)


if __name__ == "__main__":
    main()
