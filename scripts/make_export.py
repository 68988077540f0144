#!/usr/bin/env python3
"""Build realistic social-network data exports for mediascan's tests.

Module and command-line tool.  Each variant is one function ``variant(out)``
that writes an export at ``out`` (an archive file, or a folder for the
folder variants and for ``takeout_split``) and returns a dict describing what
it wrote, so that tests can assert against it:

    {
      "variant": "facebook_2024",
      "layout":  "facebook",             # expected export.layout
      "sources": ["/abs/path.zip"],      # what to pass to `mediascan scan`
      "options": [],                     # extra scan options the case needs
      "root":    "facebook-.../",        # top folder inside the archive, or ""
      "items":   {path: expectation},    # every media item, by path inside the export
      "sidecars": [json paths],
      "errors":  [{"code"|"codes", "path"}],  # expected top-level error records
    }

An item expectation has "kind", "type", "sha256" (None when the bytes cannot
be read), "source" (file name of the part holding it) and, when the case
defines them, context expectations: "caption", "album", "taken", "people"
(None = must be absent or empty; key missing = not checked), "geo"
({"lat","lon","sidecars"}: a sidecar_geo finding must come from one of those
sidecars), "no_geo" (no sidecar_geo finding allowed), "place", "place_geo"
(a location finding with those coordinates), "exif_gps", "error" (a code
that must be in the item's own errors).

Command line:
    python3 scripts/make_export.py --list
    python3 scripts/make_export.py VARIANT OUT      (OUT: file, or existing folder)

Only the Python standard library and Pillow (Debian python3-pil) are used.
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
import zlib

try:  # Pillow: Debian's python3-pil; fall back to its path for a non-Debian python3
    from PIL import Image, ImageDraw, ImageFilter
    from PIL.TiffImagePlugin import IFDRational
except ImportError:  # pragma: no cover - depends on the machine
    for _d in ("/usr/lib/python3/dist-packages",):
        if os.path.isdir(os.path.join(_d, "PIL")) and _d not in sys.path:
            sys.path.append(_d)
    from PIL import Image, ImageDraw, ImageFilter
    from PIL.TiffImagePlugin import IFDRational

FIXED_DATE_TIME = (2024, 5, 1, 10, 10, 10)        # zip entry time (deterministic output)
FIXED_MTIME = calendar.timegm((2024, 5, 1, 10, 10, 10, 0, 0, 0))

KIND = {"jpeg": "image", "png": "image", "heic": "image", "gif": "image",
        "mp4": "video", "text": "other", "bin": "other"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# --------------------------------------------------------------------------- time helpers

def T(y, mo, d, h=0, mi=0, s=0):
    """Unix time of a UTC date."""
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0))


def iso(ts):
    """ISO-8601 UTC as mediascan writes it: 2019-05-12T14:03:22Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def google_formatted(ts):
    t = time.gmtime(ts)
    return "%d %s %d, %02d:%02d:%02d UTC" % (t.tm_mday, MONTHS[t.tm_mon - 1], t.tm_year,
                                            t.tm_hour, t.tm_min, t.tm_sec)


def twitter_date(ts):
    t = time.gmtime(ts)
    return "%s %s %02d %02d:%02d:%02d +0000 %d" % (DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday,
                                                  t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


def exif_date(ts):
    return time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(ts))


def sha256(data):
    return hashlib.sha256(data).hexdigest() if data is not None else None


# --------------------------------------------------------------------------- media bytes

def _picture(seed, size):
    """A smooth, varied RGB picture: gradients per channel plus a few shapes."""
    rng = random.Random(seed)
    w, h = size
    lin = Image.linear_gradient("L")
    rad = Image.radial_gradient("L")
    chans = []
    for _ in range(3):
        g = rng.choice([lin, lin, rad])
        g = g.rotate(rng.choice([0, 90, 180, 270]))
        lo = rng.randint(0, 120)
        hi = rng.randint(140, 255)
        chans.append(g.point(lambda v, lo=lo, hi=hi: lo + v * (hi - lo) // 255))
    im = Image.merge("RGB", chans).resize((w, h), Image.BILINEAR)
    draw = ImageDraw.Draw(im)
    for _ in range(rng.randint(3, 7)):
        x0, y0 = rng.randint(0, w - 20), rng.randint(0, h - 20)
        x1, y1 = rng.randint(x0 + 10, min(w, x0 + w // 2)), rng.randint(y0 + 10, min(h, y0 + h // 2))
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        shape = rng.choice(["ellipse", "rectangle", "polygon"])
        if shape == "ellipse":
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        elif shape == "rectangle":
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        else:
            draw.polygon([(x0, y1), ((x0 + x1) // 2, y0), (x1, y1)], fill=colour)
    return im.filter(ImageFilter.GaussianBlur(1))


def _dms(value):
    value = abs(value)
    deg = int(value)
    minutes_f = (value - deg) * 60
    minutes = int(minutes_f)
    seconds = round((minutes_f - minutes) * 60 * 10000)
    return (IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(seconds, 10000))


def jpeg_bytes(seed, size=(320, 240), gps=None, taken=None, make=None, model=None, quality=85):
    """A real JPEG; gps=(lat, lon) adds an EXIF GPS IFD (0x8825), taken a DateTimeOriginal."""
    im = _picture(seed, size)
    kw = {}
    if gps or taken or make or model:
        ex = Image.Exif()
        if make:
            ex[0x010F] = make
        if model:
            ex[0x0110] = model
        if taken:
            ex[0x0132] = exif_date(taken)
            ex[0x8769] = {0x9003: exif_date(taken), 0x9004: exif_date(taken)}
        if gps:
            lat, lon = gps
            ex[0x8825] = {
                0: b"\x02\x03\x00\x00",
                1: "N" if lat >= 0 else "S", 2: _dms(lat),
                3: "E" if lon >= 0 else "W", 4: _dms(lon),
                5: b"\x00", 6: IFDRational(12, 1),
            }
        kw["exif"] = ex.tobytes()
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, **kw)
    return buf.getvalue()


def png_bytes(seed, size=(200, 150)):
    im = _picture(seed, size).quantize(64)      # palette keeps the PNG small
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _box(typ, payload):
    return struct.pack(">I4s", 8 + len(payload), typ) + payload


def mp4_bytes(seed=0, duration_ms=2000, created=None, gps=None):
    """A tiny well-formed MP4: ftyp(isom) + moov(mvhd[, udta/©xyz]) + mdat."""
    qt_time = (created or FIXED_MTIME) + 2082844800      # seconds since 1904
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = _box(b"mvhd", struct.pack(">B3xIIII", 0, qt_time, qt_time, 1000, duration_ms)
                + struct.pack(">IH10x", 0x00010000, 0x0100) + matrix + bytes(24)
                + struct.pack(">I", 2))
    moov_payload = mvhd
    if gps:
        s = ("%+08.4f%+09.4f/" % gps).encode()
        moov_payload += _box(b"udta", _box(b"\xa9xyz", struct.pack(">HH", len(s), 0x15C7) + s))
    moov = _box(b"moov", moov_payload)
    rng = random.Random(seed)
    mdat = _box(b"mdat", bytes(rng.getrandbits(8) for _ in range(256)))
    return ftyp + moov + mdat


def heic_bytes(seed=0):
    """A HEIC-branded file: ftyp(heic, mif1) + a minimal meta/hdlr(pict) + mdat."""
    ftyp = _box(b"ftyp", b"heic" + struct.pack(">I", 0) + b"mif1heicmiaf")
    hdlr = _box(b"hdlr", bytes(4) + bytes(4) + b"pict" + bytes(12) + b"\x00")
    meta = _box(b"meta", bytes(4) + hdlr)
    rng = random.Random(seed)
    mdat = _box(b"mdat", bytes(rng.getrandbits(8) for _ in range(512)))
    return ftyp + meta + mdat


# --------------------------------------------------------------------------- text helpers

def fb_mojibake(s):
    """What Facebook/Instagram do: every UTF-8 byte becomes one U+00XX code point."""
    return s.encode("utf-8").decode("latin-1")


def _map_strings(obj, fn):
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [_map_strings(v, fn) for v in obj]
    if isinstance(obj, dict):
        return {k: _map_strings(v, fn) for k, v in obj.items()}
    return obj


def fb_json(obj):
    """JSON as Facebook writes it: mojibake strings, \\u00XX escapes, 2-space indent."""
    return json.dumps(_map_strings(obj, fb_mojibake), indent=2, ensure_ascii=True).encode("ascii")


def google_json(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------- archive writing

class Entry:
    """One archive member. type: file, dir, symlink, hardlink, fifo, chr, blk."""

    def __init__(self, name, data=b"", type="file", link=None, compress=None, mode=None,
                 devmajor=0, devminor=0, zip_attr=None):
        self.name, self.data, self.type, self.link = name, data, type, link
        self.compress, self.mode = compress, mode
        self.devmajor, self.devminor, self.zip_attr = devmajor, devminor, zip_attr


def write_zip(path, entries, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w") as zf:
        for e in entries:
            zi = zipfile.ZipInfo(e.name, date_time=FIXED_DATE_TIME)
            zi.create_system = 3
            if e.type == "dir":
                zi.external_attr = (0o40755 << 16) | 0x10
                zi.compress_type = zipfile.ZIP_STORED
            elif e.type == "symlink":
                zi.external_attr = 0o120777 << 16
                zi.compress_type = zipfile.ZIP_STORED
            else:
                zi.external_attr = (e.mode or 0o100644) << 16
                zi.compress_type = e.compress if e.compress is not None else compress
            if e.zip_attr is not None:
                zi.external_attr = e.zip_attr
            data = e.link.encode() if e.type == "symlink" else e.data
            zf.writestr(zi, data)
    return path


def zip_bytes(entries, compress=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    write_zip(buf, entries, compress)
    return buf.getvalue()


def _tarinfo(e):
    ti = tarfile.TarInfo(e.name)
    ti.mtime = FIXED_MTIME
    ti.uid = ti.gid = 1000
    ti.uname = ti.gname = "jdoe"
    ti.mode = e.mode or (0o755 if e.type == "dir" else 0o644)
    ti.type = {"file": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE,
               "hardlink": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE, "chr": tarfile.CHRTYPE,
               "blk": tarfile.BLKTYPE}[e.type]
    if e.link:
        ti.linkname = e.link
    ti.devmajor, ti.devminor = e.devmajor, e.devminor
    ti.size = len(e.data) if e.type == "file" else 0
    return ti


def write_tar(path, entries, compression=""):
    """compression: '', 'gz', 'bz2', 'xz'. Deterministic (gzip mtime 0)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tf:
        for e in entries:
            ti = _tarinfo(e)
            tf.addfile(ti, io.BytesIO(e.data) if e.type == "file" else None)
    data = raw.getvalue()
    if compression == "gz":
        out = io.BytesIO()
        with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as gz:
            gz.write(data)
        data = out.getvalue()
    elif compression == "bz2":
        import bz2
        data = bz2.compress(data)
    elif compression == "xz":
        import lzma
        data = lzma.compress(data)
    if hasattr(path, "write"):
        path.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)
    return path


def tar_bytes(entries, compression=""):
    buf = io.BytesIO()
    write_tar(buf, entries, compression)
    return buf.getvalue()


def write_folder(path, entries):
    for e in entries:
        if e.type == "dir":
            os.makedirs(os.path.join(path, e.name), exist_ok=True)
            continue
        target = os.path.join(path, e.name)
        if e.type == "symlink":
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(e.link, target)
            continue
        if e.type != "file":
            raise ValueError("folder exports hold plain files and symlinks only: %s" % e.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(e.data)
        os.utime(target, (FIXED_MTIME, FIXED_MTIME))
    return path


def write_7z(path, entries):
    if not shutil.which("7z"):
        raise RuntimeError("7z not found (Debian package p7zip-full)")
    with tempfile.TemporaryDirectory() as tmp:
        write_folder(tmp, entries)
        if os.path.exists(path):
            os.remove(path)
        subprocess.run(["7z", "a", "-t7z", "-bd", "-y", os.path.abspath(path), "."], cwd=tmp,
                       check=True, stdout=subprocess.DEVNULL)
    return path


# --------------------------------------------------------------------------- export builder

class Export:
    """Collects entries and the expectations that go with them."""

    def __init__(self, variant, layout, root=""):
        self.variant, self.layout, self.root = variant, layout, root
        self.entries = []
        self.items = {}
        self.sidecars = []
        self.errors = []
        self.options = []

    def p(self, rel):
        return self.root + rel

    def file(self, rel, data=b"", **kw):
        e = Entry(self.root + rel, data, **kw)
        self.entries.append(e)
        return e

    def dir(self, rel):
        e = Entry((self.root + rel).rstrip("/") + "/", type="dir")
        self.entries.append(e)
        return e

    def media(self, rel, data, mtype, **expect):
        self.file(rel, data)
        item = {"kind": KIND[mtype], "type": mtype, "sha256": sha256(data)}
        item.update(expect)
        self.items[self.root + rel] = item
        return item

    def sidecar(self, rel, data):
        self.file(rel, data)
        self.sidecars.append(self.root + rel)
        return self.root + rel

    def expect_error(self, code, path=None, codes=None):
        self.errors.append({"code": code, "codes": codes or [code], "path": path})

    def describe(self, sources, source_name=None):
        sources = [os.path.abspath(s) for s in sources]
        name = source_name or os.path.basename(sources[0].rstrip("/"))
        for item in self.items.values():
            item.setdefault("source", name)
        return {"variant": self.variant, "layout": self.layout, "sources": sources,
                "options": list(self.options), "root": self.root,
                "items": self.items, "sidecars": self.sidecars, "errors": self.errors}


def _geo(lat, lon, *sidecars):
    return {"lat": lat, "lon": lon, "sidecars": list(sidecars)}


# --------------------------------------------------------------------------- Facebook

def _fb_media(uri, ctime, title, desc=None, exif=None, video=False, flat=None):
    m = {"uri": uri, "creation_timestamp": ctime}
    if exif is not None:
        m["media_metadata"] = {("video_metadata" if video else "photo_metadata"): {"exif_data": [exif]}}
    if flat is not None:           # pre-2020 exports: photo_metadata fields without exif_data
        m["media_metadata"] = {("video_metadata" if video else "photo_metadata"): flat}
    m["title"] = title
    if desc is not None:
        m["description"] = desc
    return m


def facebook_2024(out):
    """Facebook 'Download Your Information' JSON export, 2024 layout, with a top folder."""
    ex = Export("facebook_2024", "facebook", root="facebook-jdoe-2024-05-01-AbCdEf/")
    posts_json = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    album0 = "your_facebook_activity/posts/album/0.json"
    album1 = "your_facebook_activity/posts/album/1.json"
    media = "your_facebook_activity/posts/media/"
    gent = media + "ZomerinGent_1029384756/"
    mobile = media + "Mobileuploads_5647382910/"
    profile = media + "ProfilePictures_1122334455/"
    videos = media + "Videos_4455667788/"
    album_name = "Zomer in Gent 🌞"
    P_POSTS, P_ALBUM0 = ex.p(posts_json), ex.p(album0)

    ex.dir("")
    ex.dir("your_facebook_activity/")

    # photo A: posted and in the album; description with accents + emoji; exif GPS in the JSON
    tA, cA = T(2019, 5, 12, 14, 3, 22), T(2019, 5, 12, 18, 40, 5)
    descA = "Graslei bij zonsondergang, café met Anneke 🍺"
    exA = {"upload_ip": "2a02:1810:4d3a:8b00::1", "taken_timestamp": tA,
           "latitude": 51.0543, "longitude": 3.7174, "camera_make": "Apple", "camera_model": "iPhone X"}
    mA = _fb_media(gent + "10158123456789012.jpg", cA, album_name, descA, exA)
    # photo E: only in the album, exif GPS
    tE, cE = T(2019, 5, 12, 16, 20, 0), T(2019, 5, 12, 18, 41, 0)
    descE = "Met Anneke aan de Leie 🚲 — één van de mooiste plekjes van België"
    mE = _fb_media(gent + "10158567890123456.jpg", cE, album_name, descE,
                   {"upload_ip": "2a02:1810:4d3a:8b00::1", "taken_timestamp": tE,
                    "latitude": 51.0571, "longitude": 3.7219})
    # photo F: in the album, nothing else
    cF = T(2019, 5, 13, 9, 0, 0)
    mF = _fb_media(gent + "10158678901234567.jpg", cF, album_name)
    # photo B: check-in at a bar, place with coordinates, no exif GPS
    tB, cB = T(2021, 9, 24, 21, 47, 10), T(2021, 9, 24, 21, 50, 0)
    textB = "Vrijdagavond op café in Brussel 🍻 santé!"
    mB = _fb_media(mobile + "10158234567890123.jpg", cB, "Mobile uploads", None,
                   {"upload_ip": "81.82.197.4", "taken_timestamp": tB})
    placeB = {"name": "Café Belga", "coordinate": {"latitude": 50.8277, "longitude": 4.3724},
              "address": "Place Eugène Flagey 18, 1050 Ixelles", "url": "https://www.facebook.com/cafebelga"}
    # photos C, D: party post with two photos, people tagged
    tC, cC = T(2022, 3, 5, 23, 12, 40), T(2022, 3, 6, 1, 2, 3)
    cD = T(2022, 3, 6, 1, 2, 4)
    textCD = "Soirée d'anniversaire chez Élodie 🎉🥂 beaucoup trop de champagne… à refaire!"
    mC = _fb_media(mobile + "10158345678901234.jpg", cC, "Mobile uploads", None,
                   {"upload_ip": "90.12.34.56", "taken_timestamp": tC})
    mD = _fb_media(mobile + "10158345678901235.jpg", cD, "Mobile uploads")
    # video V
    cV, uV = T(2022, 3, 6, 1, 30, 0), T(2022, 3, 6, 1, 31, 0)
    descV = "Kijk eens wat een feest 😂 één groot dansfeest"
    mV = _fb_media(videos + "10158456789012345.mp4", cV, "", descV,
                   {"upload_ip": "90.12.34.56", "upload_timestamp": uV}, video=True)
    # profile picture
    cP = T(2020, 1, 2, 10, 0, 0)
    mP = _fb_media(profile + "10158789012345678.jpg", cP, "Profile pictures")

    # media files first (the JSON comes later in the archive), album JSON before its media
    ex.sidecar(album0, fb_json({
        "name": album_name, "photos": [mA, mE, mF], "cover_photo": mA,
        "last_modified_timestamp": cF, "description": "Een weekendje Gent met vrienden"}))
    ex.media(gent + "10158123456789012.jpg", jpeg_bytes(101, (400, 300)), "jpeg",
             caption=descA, album=album_name, taken=iso(tA), people=["Anneke de Vries"],
             geo=_geo(51.0543, 3.7174, P_POSTS, P_ALBUM0), upload_ip="2a02:1810:4d3a:8b00::1",
             exif_gps=None)
    ex.media(gent + "10158567890123456.jpg", jpeg_bytes(102, (300, 400)), "jpeg",
             caption=descE, album=album_name, taken=iso(tE), people=None,
             geo=_geo(51.0571, 3.7219, P_ALBUM0), exif_gps=None)
    ex.media(gent + "10158678901234567.jpg", jpeg_bytes(103, (360, 270)), "jpeg",
             caption=None, album=album_name, taken=iso(cF), people=None, no_geo=True, exif_gps=None)
    ex.media(mobile + "10158234567890123.jpg", jpeg_bytes(104, (320, 240)), "jpeg",
             caption=textB, album="Mobile uploads", taken=iso(tB), people=None,
             place="Café Belga", place_geo={"lat": 50.8277, "lon": 4.3724}, exif_gps=None)
    ex.media(mobile + "10158345678901234.jpg", jpeg_bytes(105, (320, 240)), "jpeg",
             caption=textCD, album="Mobile uploads", taken=iso(tC),
             people=["Anneke de Vries", "Élodie Martin"], no_geo=True, exif_gps=None)
    ex.media(mobile + "10158345678901235.jpg", jpeg_bytes(106, (240, 320)), "jpeg",
             caption=textCD, album="Mobile uploads", taken=iso(cD),
             people=["Anneke de Vries", "Élodie Martin"], no_geo=True, exif_gps=None)
    ex.media(videos + "10158456789012345.mp4", mp4_bytes(107, created=cV), "mp4",
             caption=descV, album=None, taken=iso(cV), no_geo=True)
    ex.media(profile + "10158789012345678.jpg", jpeg_bytes(108, (200, 200)), "jpeg",
             caption=None, album="Profile pictures", taken=iso(cP), no_geo=True)
    ex.sidecar(album1, fb_json({"name": "Profile pictures", "photos": [mP], "cover_photo": mP,
                                "last_modified_timestamp": cP, "description": ""}))

    # a photo sent in Messenger: an item with no post context
    thread = "your_facebook_activity/messages/inbox/annekedevries_1234567890/"
    msg_photo = thread + "photos/345678901234567.jpg"
    ex.media(msg_photo, jpeg_bytes(109, (300, 225)), "jpeg")
    ex.sidecar(thread + "message_1.json", fb_json({
        "participants": [{"name": "Anneke de Vries"}, {"name": "Jan de Vries"}],
        "messages": [
            {"sender_name": "Anneke de Vries", "timestamp_ms": T(2022, 3, 7, 9, 0, 0) * 1000,
             "photos": [{"uri": msg_photo, "creation_timestamp": T(2022, 3, 7, 9, 0, 0)}],
             "is_geoblocked_for_viewer": False},
            {"sender_name": "Jan de Vries", "timestamp_ms": T(2022, 3, 7, 8, 59, 0) * 1000,
             "content": "Wat een avond gisteren 😅", "is_geoblocked_for_viewer": False}],
        "title": "Anneke de Vries", "is_still_participant": True, "thread_path": "inbox/annekedevries_1234567890",
        "magic_words": []}))

    ex.file("personal_information/profile_information/profile_information.json", fb_json({
        "profile_v2": {"name": {"full_name": "Jan de Vries", "first_name": "Jan", "middle_name": "",
                                "last_name": "de Vries"},
                       "emails": {"emails": ["jan.devries@example.org"]},
                       "current_city": {"name": "Gent, België", "timestamp": T(2018, 1, 1)},
                       "hometown": {"name": "Brugge, België", "timestamp": T(2018, 1, 1)}}}))

    posts = [
        {"timestamp": cA + 120, "attachments": [{"data": [{"media": mA}]}],
         "data": [{"post": "Eindelijk terug in België! Wat een mooie dag in Gent ☀️"}],
         "title": "Jan de Vries added a new photo to the album %s." % album_name,
         "tags": [{"name": "Anneke de Vries"}]},
        {"timestamp": cB + 30, "attachments": [{"data": [{"media": mB}, {"place": placeB}]}],
         "data": [{"post": textB}], "title": "Jan de Vries is at Café Belga."},
        {"timestamp": cD + 60, "attachments": [{"data": [{"media": mC}, {"media": mD}]}],
         "data": [{"post": textCD}],
         "tags": [{"name": "Anneke de Vries"}, {"name": "Élodie Martin"}],
         "title": "Jan de Vries added 2 new photos."},
        {"timestamp": cV + 120, "attachments": [{"data": [{"media": mV}]}],
         "data": [{"post": "Wat een nacht!"}], "title": "Jan de Vries added a new video."},
        {"timestamp": T(2023, 1, 1, 0, 5, 0),
         "data": [{"post": "Gelukkig nieuwjaar iedereen! Bonne année 🎆"}, {"update_timestamp": T(2023, 1, 1, 0, 6)}],
         "title": "Jan de Vries updated his status."},
        {"timestamp": T(2023, 2, 1, 12, 0, 0),
         "attachments": [{"data": [{"external_context": {"url": "https://www.vrt.be/vrtnws/nl/"}}]}],
         "data": [{"post": "Interessant artikel"}], "title": "Jan de Vries shared a link."},
    ]
    ex.sidecar(posts_json, fb_json(posts))
    write_zip(out, ex.entries)
    return ex.describe([out])


def _html_page(title, body):
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"/><title>%s</title></head>'
            '<body><div role="main">%s</div></body></html>' % (title, body)).encode()


def facebook_html(out):
    """Facebook export downloaded in HTML format (the default): the same folders as the JSON
    format, with an HTML page where each JSON file would be. Its photos are items, the pages are
    not read: one html_export error says so."""
    ex = Export("facebook_html", "facebook", root="facebook-jdoe-2024-05-01-HtMl/")
    media = "your_facebook_activity/posts/media/Mobileuploads_5647382910/"
    ex.file("start_here.html", _html_page("Your information", '<a href="your_facebook_activity/posts/'
                                          'your_posts__check_ins__photos_and_videos_1.html">Posts</a>'))
    posts = ex.p("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html")
    ex.file("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html", _html_page(
        "Your posts", '<div>Vrijdagavond op caf&eacute; in Brussel</div><img src="posts/media/'
        'Mobileuploads_5647382910/10158234567890123.jpg"/><table><tr><td>Latitude</td><td>50.8277</td></tr>'
        '<tr><td>Longitude</td><td>4.3724</td></tr></table>'))
    ex.file("your_facebook_activity/posts/album/0.html", _html_page("Mobile uploads", "<div>Mobile uploads</div>"))
    ex.media(media + "10158234567890123.jpg", jpeg_bytes(131, (320, 240), gps=(50.8277, 4.3724)), "jpeg")
    ex.media(media + "10158345678901234.jpg", jpeg_bytes(132, (320, 240)), "jpeg")
    ex.expect_error("html_export", ".html")
    write_zip(out, ex.entries)
    return ex.describe([out])


def instagram_html(out):
    """Instagram export downloaded in HTML format: pages where the JSON files would be."""
    ex = Export("instagram_html", "instagram", root="")
    ex.file("start_here.html", _html_page("Your information", "<a href=\"your_instagram_activity/content/"
                                          "posts_1.html\">Posts</a>"))
    ex.file("your_instagram_activity/content/posts_1.html", _html_page(
        "Posts", '<div>Dam op een zonnige dag</div><img src="media/posts/202301/17912345678901234.jpg"/>'))
    ex.media("media/posts/202301/17912345678901234.jpg", jpeg_bytes(331, (320, 320), gps=(52.3731, 4.8922)), "jpeg")
    ex.expect_error("html_export", ".html")
    write_zip(out, ex.entries)
    return ex.describe([out])


def snapchat_html(out):
    """Snapchat 'My Data' downloaded without "Export JSON Files": html/ pages beside memories/.
    The memories are items, their dates and places (in the pages) are not read: one html_export
    error says so. A photo from a chat of the same day is no memory."""
    ex = Export("snapchat_html", "snapchat", root="")
    mid = "3F2A1B4C-5D6E-4F70-8192-A3B4C5D6E7F8"
    ex.file("index.html", _html_page("My Data", '<a href="html/memories_history.html">Memories</a>'))
    ex.file("html/memories_history.html", _html_page(
        "Memories", "<table><tr><td>2023-03-14 21:30:00 UTC</td><td>Image</td>"
        "<td>Latitude, Longitude: 52.370216, 4.895168</td></tr></table>"))
    ex.file("html/account.html", _html_page("Account", "<div>jandevries</div>"))
    ex.media("memories/2023-03-14_%s-main.jpg" % mid, jpeg_bytes(641, (270, 480), gps=(52.3702, 4.8952)), "jpeg")
    ex.media("chat_media/2023-03-14_b~EiQSFWZxY2RhbXBsZVNuYXBJZDEyMzQ1Njc4OTA.jpeg", jpeg_bytes(642, (270, 480)),
             "jpeg")
    ex.expect_error("html_export", ".html")
    write_zip(out, ex.entries)
    return ex.describe([out])


def facebook_legacy(out):
    """Older Facebook export (2018-2021): posts/ and photos_and_videos/ at the archive root."""
    ex = Export("facebook_legacy", "facebook", root="")
    posts_json = "posts/your_posts_1.json"
    album0 = "photos_and_videos/album/0.json"
    videos_json = "photos_and_videos/your_videos.json"
    vac = "photos_and_videos/VakantieinFrankrijketi2018_2233445566/"
    album_name = "Vakantie in Frankrijk – été 2018"

    tA, cA = T(2018, 7, 14, 22, 45, 10), T(2018, 7, 15, 8, 0, 0)
    descA = "Feu d'artifice à Nice, 14 juillet 🎆 crème brûlée en rosé"
    mA = _fb_media(vac + "10155512345678901.jpg", cA, album_name, descA,
                   {"upload_ip": "82.64.1.2", "taken_timestamp": tA, "latitude": 43.6950, "longitude": 7.2650})
    cB = T(2018, 7, 16, 10, 0, 0)
    mB = _fb_media(vac + "10155512345678902.jpg", cB, album_name)
    # a posted photo with the older flat photo_metadata (no exif_data list)
    tC, cC = T(2019, 6, 1, 17, 30, 0), T(2019, 6, 1, 18, 0, 0)
    textC = "Borrel op het terras in Utrecht 🍷 gezellig!"
    mC = _fb_media("posts/media/Timelinephotos_3344556677/10156612345678903.jpg", cC, "Timeline photos",
                   None, flat={"upload_ip": "145.12.1.1", "taken_timestamp": tC,
                               "latitude": 52.0907, "longitude": 5.1214,
                               "camera_make": "samsung", "camera_model": "SM-G960F"})
    cV = T(2019, 6, 21, 21, 0, 0)
    descV = "Fête de la musique à Paris 🎶"
    vV = {"uri": "photos_and_videos/videos/10156698765432109.mp4", "creation_timestamp": cV,
          "media_metadata": {"video_metadata": {"upload_timestamp": cV + 60, "upload_ip": "82.64.1.2"}},
          "title": "", "description": descV}

    ex.media(vac + "10155512345678901.jpg", jpeg_bytes(201, (400, 300)), "jpeg",
             caption=descA, album=album_name, taken=iso(tA), people=["Camille Dubois"],
             geo=_geo(43.6950, 7.2650, ex.p(posts_json), ex.p(album0)))
    ex.media(vac + "10155512345678902.jpg", jpeg_bytes(202, (320, 240)), "jpeg",
             caption=None, album=album_name, taken=iso(cB), people=None, no_geo=True)
    ex.sidecar(album0, fb_json({"name": album_name, "photos": [mA, mB], "cover_photo": mA,
                                "last_modified_timestamp": cB, "description": ""}))
    ex.sidecar(posts_json, fb_json([
        {"timestamp": cA + 10, "attachments": [{"data": [{"media": mA}]}],
         "data": [{"post": "Vive les vacances !"}], "tags": [{"name": "Camille Dubois"}],
         "title": "Jan de Vries added a new photo to the album %s." % album_name},
        {"timestamp": cC + 5, "attachments": [{"data": [{"media": mC}]}],
         "data": [{"post": textC}], "title": "Jan de Vries updated his status."},
    ]))
    ex.media("posts/media/Timelinephotos_3344556677/10156612345678903.jpg", jpeg_bytes(203, (320, 240)), "jpeg",
             caption=textC, album="Timeline photos", taken=iso(tC), people=None,
             geo=_geo(52.0907, 5.1214, ex.p(posts_json)))
    ex.media("photos_and_videos/videos/10156698765432109.mp4", mp4_bytes(204, created=cV), "mp4",
             caption=descV, taken=iso(cV), no_geo=True)
    ex.sidecar(videos_json, fb_json({"videos": [vV]}))
    ex.file("profile_information/profile_information.json", fb_json(
        {"profile": {"name": {"full_name": "Jan de Vries"}, "current_city": {"name": "Utrecht"}}}))
    write_zip(out, ex.entries)
    return ex.describe([out])


# --------------------------------------------------------------------------- Instagram

def _ig_media(uri, ctime, title="", gps=None, video=False):
    m = {"uri": uri, "creation_timestamp": ctime}
    if gps:
        m["media_metadata"] = {("video_metadata" if video else "photo_metadata"):
                               {"exif_data": [{"latitude": gps[0], "longitude": gps[1]}]}}
    m["title"] = title
    m["cross_post_source"] = {"source_app": "FB"}
    return m


def _instagram(ex, content, posts_name):
    posts_json = ex.p(content + posts_name)
    stories_json = ex.p(content + "stories.json")
    t1 = T(2023, 1, 15, 13, 5, 0)
    cap1 = "Dam op een zonnige dag ☀️ #amsterdam café 🍺"
    m1 = _ig_media("media/posts/202301/17912345678901234.jpg", t1, cap1, gps=(52.3731, 4.8922))
    t2a, t2b = T(2023, 2, 4, 20, 0, 0), T(2023, 2, 4, 20, 1, 0)
    cap2 = "Week-end à Bruxelles avec Élodie 🍫🇧🇪"
    m2a = _ig_media("media/posts/202302/17923456789012345.jpg", t2a)
    m2b = _ig_media("media/posts/202302/17923456789012346.jpg", t2b)
    t3 = T(2023, 3, 18, 2, 15, 0)
    cap3 = "Dansen tot het ochtendgloren 🎶🍸"
    m3 = _ig_media("media/posts/202303/17934567890123456.mp4", t3, cap3)
    ts1, ts2 = T(2023, 2, 5, 23, 30, 0), T(2023, 2, 5, 23, 45, 0)
    s1 = _ig_media("media/stories/202302/17845678901234567.jpg", ts1, "", gps=(50.8503, 4.3517))
    s2 = _ig_media("media/stories/202302/17856789012345678.mp4", ts2, "Nachtje uit 🍸")

    ex.media("media/posts/202301/17912345678901234.jpg", jpeg_bytes(301, (320, 320)), "jpeg",
             caption=cap1, taken=iso(t1), geo=_geo(52.3731, 4.8922, posts_json))
    ex.sidecar(content + posts_name, fb_json([
        {"media": [m1]},
        {"media": [m2a, m2b], "title": cap2, "creation_timestamp": t2b},
        {"media": [m3]},
    ]))
    ex.media("media/posts/202302/17923456789012345.jpg", jpeg_bytes(302, (320, 400)), "jpeg",
             caption=cap2, taken=iso(t2a), no_geo=True)
    ex.media("media/posts/202302/17923456789012346.jpg", jpeg_bytes(303, (320, 400)), "jpeg",
             caption=cap2, taken=iso(t2b), no_geo=True)
    ex.media("media/posts/202303/17934567890123456.mp4", mp4_bytes(304, created=t3), "mp4",
             caption=cap3, taken=iso(t3), no_geo=True)
    ex.sidecar(content + "stories.json", fb_json({"ig_stories": [s1, s2]}))
    ex.media("media/stories/202302/17845678901234567.jpg", jpeg_bytes(305, (270, 480)), "jpeg",
             caption=None, taken=iso(ts1), geo=_geo(50.8503, 4.3517, stories_json))
    ex.media("media/stories/202302/17856789012345678.mp4", mp4_bytes(306, created=ts2), "mp4",
             caption="Nachtje uit 🍸", taken=iso(ts2), no_geo=True)
    tp = T(2020, 1, 10, 12, 0, 0)
    ex.media("media/profile/202001/12345678_1234567890123456_1234567890123456789_n.jpg",
             jpeg_bytes(307, (150, 150)), "jpeg", no_geo=True)
    return tp


def instagram(out):
    """Instagram JSON export (2020-2023): content/posts_1.json, content/stories.json, media/."""
    ex = Export("instagram", "instagram", root="")
    tp = _instagram(ex, "content/", "posts_1.json")
    ex.file("content/profile_photos.json", fb_json({"ig_profile_picture": [
        {"uri": "media/profile/202001/12345678_1234567890123456_1234567890123456789_n.jpg",
         "creation_timestamp": tp, "title": "", "is_active_profile": True}]}))
    ex.file("account_information/personal_information.json", fb_json({"profile_user": [
        {"title": "", "media_map_data": {}, "string_map_data": {
            "Name": {"href": "", "value": "Jan de Vries", "timestamp": 0},
            "Username": {"href": "", "value": "jandevries_gent", "timestamp": 0}}}]}))
    write_zip(out, ex.entries)
    return ex.describe([out])


def instagram_2024(out, folder="content"):
    """Instagram export, 2024 layout: your_instagram_activity/<folder>/posts_1.json."""
    ex = Export("instagram_2024" if folder == "content" else "instagram_2024_media", "instagram", root="")
    base = "your_instagram_activity/%s/" % folder
    tp = _instagram(ex, base, "posts_1.json")
    tr = T(2023, 6, 1, 19, 0, 0)
    capr = "Festivalzomer 🎪 geïnspireerd door de zon"
    ex.sidecar(base + "reels.json", fb_json({"ig_reels_media": [
        {"media": [_ig_media("media/reels/202306/17967890123456789.mp4", tr, capr)]}]}))
    ex.media("media/reels/202306/17967890123456789.mp4", mp4_bytes(308, created=tr), "mp4", no_geo=True)
    ex.file(base + "profile_photos.json", fb_json({"ig_profile_picture": [
        {"uri": "media/profile/202001/12345678_1234567890123456_1234567890123456789_n.jpg",
         "creation_timestamp": tp, "title": "", "is_active_profile": True}]}))
    ex.file("personal_information/personal_information/personal_information.json", fb_json({"profile_user": [
        {"title": "", "media_map_data": {}, "string_map_data": {
            "Name": {"href": "", "value": "Jan de Vries", "timestamp": 0}}}]}))
    write_zip(out, ex.entries)
    return ex.describe([out])


def instagram_2024_media(out):
    """Instagram export, late-2024 layout: your_instagram_activity/media/posts_1.json."""
    return instagram_2024(out, folder="media")


# --------------------------------------------------------------------------- Google Takeout

def _takeout_sidecar(title, taken, created=None, desc="", geo=None, people=None, views=0, url_id="x"):
    lat, lon = geo or (0.0, 0.0)
    g = {"latitude": lat, "longitude": lon, "altitude": 12.0 if geo else 0.0,
         "latitudeSpan": 0.0, "longitudeSpan": 0.0}
    created = created or taken + 3600
    d = {"title": title, "description": desc, "imageViews": str(views),
         "creationTime": {"timestamp": str(created), "formatted": google_formatted(created)},
         "photoTakenTime": {"timestamp": str(taken), "formatted": google_formatted(taken)},
         "geoData": g, "geoDataExif": dict(g)}
    if people:
        d["people"] = [{"name": n} for n in people]
    d["url"] = "https://photos.google.com/photo/AF1QipN" + url_id
    d["googlePhotosOrigin"] = {"mobileUpload": {"deviceFolder": {"localFolderName": ""},
                                                "deviceType": "ANDROID_PHONE"}}
    return google_json(d)


def sidecar_name(media_name, supplemental=True, counter=None):
    """Google's sidecar name: (name + '.supplemental-metadata')[:46] + '.json' (51 chars max);
    with a counter '(N)' the counter goes after the truncated name."""
    base = media_name + (".supplemental-metadata" if supplemental else "")
    base = base[:46]
    return base + ("(%d)" % counter if counter else "") + ".json"


def _takeout_export(variant):
    """Returns (Export, placement): placement maps entry name -> part number (1..3)."""
    ex = Export(variant, "google_takeout", root="")
    GP = "Takeout/Google Photos/"
    trip, year, misc = GP + "Trip to Gent/", GP + "Photos from 2019/", GP + "Photos from 2023/"
    loc = "Takeout/Google Fotos/Urlaub in Brügge/"
    place = {}

    def put(part, entry_name):
        place[entry_name] = part

    ex.file("Takeout/archive_browser.html", b"<!DOCTYPE html><html><body>Takeout</body></html>")
    put(1, "Takeout/archive_browser.html")

    # --- album "Trip to Gent": metadata.json title differs from the folder name
    album_meta = google_json({"title": "Trip to Gent 2019", "description": "Weekend met Anneke",
                              "access": "protected",
                              "date": {"timestamp": str(T(2019, 5, 20)), "formatted": google_formatted(T(2019, 5, 20))}})
    # 1. old-style sidecar AFTER its media; geoData set, EXIF GPS in the file too
    n1, t1 = "IMG_20190512_140322.jpg", T(2019, 5, 12, 14, 3, 22)
    ex.media(trip + n1, jpeg_bytes(401, (400, 300), gps=(51.0543, 3.7174), taken=t1, make="Google", model="Pixel 3"),
             "jpeg", caption="Graslei bij nacht 🍺 café", album="Trip to Gent 2019", taken=iso(t1),
             people=["Anneke de Vries"], geo=_geo(51.0543, 3.7174, trip + n1 + ".json"),
             exif_gps={"lat": 51.0543, "lon": 3.7174})
    put(1, trip + n1)
    ex.sidecar(trip + n1 + ".json", _takeout_sidecar(n1, t1, desc="Graslei bij nacht 🍺 café",
                                                     geo=(51.0543, 3.7174), people=["Anneke de Vries"], url_id="a1"))
    put(2, trip + n1 + ".json")
    # 2. 2024-style sidecar BEFORE its media; geoData zero = no location
    n2, t2 = "IMG_20190512_150000.jpg", T(2019, 5, 12, 15, 0, 0)
    s2 = trip + sidecar_name(n2)
    ex.sidecar(s2, _takeout_sidecar(n2, t2, desc="Koffie ☕ bij Vooruit", url_id="a2"))
    put(2, s2)
    ex.media(trip + n2, jpeg_bytes(402, (320, 240)), "jpeg", caption="Koffie ☕ bij Vooruit",
             album="Trip to Gent 2019", taken=iso(t2), people=None, no_geo=True, exif_gps=None)
    put(2, trip + n2)
    ex.sidecar(trip + "metadata.json", album_meta)
    put(3, trip + "metadata.json")
    # 3. -edited copy: takes the original's sidecar; sidecar in between the two
    n3, t3 = "IMG_0001.jpg", T(2019, 5, 13, 11, 11, 11)
    ex.media(trip + "IMG_0001-edited.jpg", jpeg_bytes(403, (300, 300)), "jpeg", caption="Gravensteen 🏰",
             album="Trip to Gent 2019", taken=iso(t3), people=["Anneke de Vries", "Pieter Janssens"],
             geo=_geo(51.0573, 3.7207, trip + sidecar_name(n3)))
    put(1, trip + "IMG_0001-edited.jpg")
    ex.sidecar(trip + sidecar_name(n3), _takeout_sidecar(n3, t3, desc="Gravensteen 🏰", geo=(51.0573, 3.7207),
                                                         people=["Anneke de Vries", "Pieter Janssens"], url_id="a3"))
    put(1, trip + sidecar_name(n3))
    ex.media(trip + n3, jpeg_bytes(404, (300, 300)), "jpeg", caption="Gravensteen 🏰",
             album="Trip to Gent 2019", taken=iso(t3), people=["Anneke de Vries", "Pieter Janssens"],
             geo=_geo(51.0573, 3.7207, trip + sidecar_name(n3)))
    put(3, trip + n3)

    # --- "Photos from 2019": no metadata.json, the folder name is the album
    Y = "Photos from 2019"
    # 4. 51-character truncation of the supplemental suffix, several lengths
    cases = [
        ("IMG_20190601_101530_123.jpg", T(2019, 6, 1, 10, 15, 30), "Markt in Leuven", (50.8798, 4.7005)),
        ("Screenshot_20190602-181512_Google Fit.jpg", T(2019, 6, 2, 18, 15, 12), "10.000 stappen 💪", None),
        ("Screenshot_20190602-181512_Instagram.jpg", T(2019, 6, 2, 18, 15, 13), "Story van Élodie", None),
        ("Screenshot_20190602-181512_Google Maps.jpg", T(2019, 6, 2, 18, 15, 14), "Route naar huis",
         (50.8466, 4.3528)),
    ]
    for i, (name, ts, desc, geo) in enumerate(cases):
        sc = year + sidecar_name(name)
        exp = dict(caption=desc, album=Y, taken=iso(ts), people=None)
        if geo:
            exp["geo"] = _geo(geo[0], geo[1], sc)
        else:
            exp["no_geo"] = True
        if i % 2 == 0:
            ex.sidecar(sc, _takeout_sidecar(name, ts, desc=desc, geo=geo, url_id="b%d" % i))
            ex.media(year + name, jpeg_bytes(410 + i, (240, 320)), "jpeg", **exp)
        else:
            ex.media(year + name, jpeg_bytes(410 + i, (240, 320)), "jpeg", **exp)
            ex.sidecar(sc, _takeout_sidecar(name, ts, desc=desc, geo=geo, url_id="b%d" % i))
        put(1 + i % 3, sc)
        put(1 + (i + 1) % 3, year + name)
    # 5. media names that are themselves cut (older style and 2024 style)
    n5, t5 = "Screenshot_20190512-123456_Some Application.jpg", T(2019, 5, 12, 12, 34, 56)
    s5 = year + sidecar_name(n5, supplemental=False)          # ...Some Application.jp.json
    ex.media(year + n5, jpeg_bytes(420, (240, 320)), "jpeg", caption="Bevestiging van de boeking",
             album=Y, taken=iso(t5), no_geo=True)
    ex.sidecar(s5, _takeout_sidecar(n5, t5, desc="Bevestiging van de boeking", url_id="c1"))
    put(2, year + n5)
    put(2, s5)
    n6, t6 = "Screenshot_20191224-200000_A Really Long Application Name.png", T(2019, 12, 24, 20, 0, 0)
    s6 = year + sidecar_name(n6)                               # ...A Really Long Appli.json
    ex.sidecar(s6, _takeout_sidecar(n6, t6, desc="Kerstavond 🎄", url_id="c2"))
    ex.media(year + n6, png_bytes(421, (240, 320)), "png", caption="Kerstavond 🎄", album=Y,
             taken=iso(t6), no_geo=True)
    put(3, s6)
    put(3, year + n6)
    # 6. (N) counter swap, old style: image.jpg / image(1).jpg
    ti0, ti1 = T(2019, 7, 1, 9, 0, 0), T(2019, 7, 1, 9, 0, 5)
    ex.media(year + "image(1).jpg", jpeg_bytes(430, (320, 240)), "jpeg", caption="tweede foto",
             album=Y, taken=iso(ti1), no_geo=True)
    ex.sidecar(year + "image.jpg.json", _takeout_sidecar("image.jpg", ti0, desc="eerste foto",
                                                        geo=(52.0907, 5.1214), url_id="d0"))
    ex.sidecar(year + "image.jpg(1).json", _takeout_sidecar("image(1).jpg", ti1, desc="tweede foto", url_id="d1"))
    ex.media(year + "image.jpg", jpeg_bytes(431, (320, 240)), "jpeg", caption="eerste foto", album=Y,
             taken=iso(ti0), geo=_geo(52.0907, 5.1214, year + "image.jpg.json"))
    for n in ("image(1).jpg", "image.jpg.json", "image.jpg(1).json", "image.jpg"):
        put(1, year + n)
    # 7. video and HEIC
    nv, tv = "VID_20190601_120000.mp4", T(2019, 6, 1, 12, 0, 0)
    ex.media(year + nv, mp4_bytes(440, created=tv), "mp4", caption="Fietsen langs de Schelde 🚲",
             album=Y, taken=iso(tv), geo=_geo(51.2194, 4.4025, year + sidecar_name(nv)))
    ex.sidecar(year + sidecar_name(nv), _takeout_sidecar(nv, tv, desc="Fietsen langs de Schelde 🚲",
                                                         geo=(51.2194, 4.4025), url_id="e1"))
    nh, th = "IMG_1234.HEIC", T(2019, 8, 15, 16, 45, 0)
    ex.sidecar(year + nh + ".json", _takeout_sidecar(nh, th, desc="", url_id="e2"))
    ex.media(year + nh, heic_bytes(441), "heic", caption=None, album=Y, taken=iso(th), no_geo=True)
    put(2, year + nv)
    put(3, year + sidecar_name(nv))
    put(3, year + nh + ".json")
    put(3, year + nh)

    # 8. a photo without any sidecar, and a sidecar whose photo is not in the export
    ex.media(year + "IMG_20190903_080000.jpg", jpeg_bytes(442, (320, 240)), "jpeg", caption=None, no_geo=True)
    ex.sidecar(year + "IMG_20190904_090000.jpg.json",
               _takeout_sidecar("IMG_20190904_090000.jpg", T(2019, 9, 4, 9, 0, 0), desc="verwijderd", url_id="e3"))
    put(1, year + "IMG_20190903_080000.jpg")
    put(2, year + "IMG_20190904_090000.jpg.json")

    # --- (N) counter swap, 2024 style
    M = "Photos from 2023"
    tp0, tp1 = T(2023, 4, 2, 10, 0, 0), T(2023, 4, 2, 10, 0, 9)
    ex.sidecar(misc + "photo.jpg.supplemental-metadata(1).json",
               _takeout_sidecar("photo(1).jpg", tp1, desc="zonder locatie", url_id="f1"))
    ex.media(misc + "photo.jpg", jpeg_bytes(450, (320, 240)), "jpeg", caption="met locatie", album=M,
             taken=iso(tp0), geo=_geo(51.4416, 5.4697, misc + "photo.jpg.supplemental-metadata.json"))
    ex.media(misc + "photo(1).jpg", jpeg_bytes(451, (320, 240)), "jpeg", caption="zonder locatie", album=M,
             taken=iso(tp1), no_geo=True)
    ex.sidecar(misc + "photo.jpg.supplemental-metadata.json",
               _takeout_sidecar("photo.jpg", tp0, desc="met locatie", geo=(51.4416, 5.4697), url_id="f0"))
    for n in ("photo.jpg.supplemental-metadata(1).json", "photo.jpg", "photo(1).jpg",
              "photo.jpg.supplemental-metadata.json"):
        put(2, misc + n)

    # --- localized folder name, album title from metadata.json
    nl, tl = "IMG_20200704_101010.jpg", T(2020, 7, 4, 10, 10, 10)
    ex.sidecar(loc + "metadata.json", google_json({"title": "Urlaub in Brügge", "description": "",
                                                   "access": "private",
                                                   "date": {"timestamp": str(tl), "formatted": google_formatted(tl)}}))
    ex.media(loc + nl, jpeg_bytes(460, (320, 240)), "jpeg", caption="Grachten 🚤", album="Urlaub in Brügge",
             taken=iso(tl), people=None, geo=_geo(51.2093, 3.2247, loc + sidecar_name(nl)))
    ex.sidecar(loc + sidecar_name(nl), _takeout_sidecar(nl, tl, desc="Grachten 🚤", geo=(51.2093, 3.2247),
                                                        url_id="g1"))
    for n in ("metadata.json", nl, sidecar_name(nl)):
        put(3, loc + n)

    # --- non-sidecar JSON at the Google Photos level
    ex.file(GP + "print-subscriptions.json", google_json({"printSubscriptions": []}))
    ex.file(GP + "user-generated-memory-titles.json", google_json({"title": []}))
    put(1, GP + "print-subscriptions.json")
    put(2, GP + "user-generated-memory-titles.json")
    missing = [e.name for e in ex.entries if e.name not in place]
    assert not missing, missing
    return ex, place


def takeout(out):
    """Google Takeout (Google Photos) in one zip, with all the sidecar naming cases."""
    ex, _ = _takeout_export("takeout")
    write_zip(out, ex.entries)
    return ex.describe([out])


def takeout_folder(out):
    """The same Takeout, extracted to a folder (OUT is the folder holding Takeout/)."""
    ex, _ = _takeout_export("takeout_folder")
    os.makedirs(out, exist_ok=True)
    write_folder(out, ex.entries)
    return ex.describe([out])


def takeout_split(out):
    """The same Takeout split in takeout-...-001.zip, -002.zip, -003.zip inside folder OUT.
    Photos and their sidecars (and an album's metadata.json) sit in different parts."""
    ex, place = _takeout_export("takeout_split")
    os.makedirs(out, exist_ok=True)
    parts = []
    for n in (1, 2, 3):
        path = os.path.join(out, "takeout-20240501T101010Z-%03d.zip" % n)
        write_zip(path, [e for e in ex.entries if place[e.name] == n])
        parts.append(path)
    desc = ex.describe(parts)
    for p, item in desc["items"].items():
        item["source"] = os.path.basename(parts[place[p] - 1])
    desc["placement"] = {k: os.path.basename(parts[v - 1]) for k, v in place.items()}
    return desc


# --------------------------------------------------------------------------- X / Twitter

def twitter(out):
    """X/Twitter archive: data/tweets.js (window.YTD.tweets.part0), data/tweets_media/."""
    ex = Export("twitter", "twitter", root="")
    tweets_js = ex.p("data/tweets.js")

    def media_entity(tweet_id, media_id, name, kind="photo", video_name=None):
        m = {"expanded_url": "https://twitter.com/jandevries/status/%s/photo/1" % tweet_id,
             "indices": ["60", "83"], "url": "https://t.co/AbCdEf1234",
             "media_url": "http://pbs.twimg.com/media/%s.jpg" % name, "id_str": media_id, "id": media_id,
             "media_url_https": "https://pbs.twimg.com/media/%s.jpg" % name,
             "sizes": {"large": {"w": "2048", "h": "1536", "resize": "fit"}},
             "type": kind, "display_url": "pic.twitter.com/AbCdEf1234"}
        if kind == "video":
            thumb = "https://pbs.twimg.com/ext_tw_video_thumb/%s/pu/img/%s.jpg" % (media_id, name)
            m["media_url"] = thumb.replace("https:", "http:")
            m["media_url_https"] = thumb
            m["video_info"] = {"aspect_ratio": ["16", "9"], "duration_millis": "2000", "variants": [
                {"bitrate": "832000", "content_type": "video/mp4",
                 "url": "https://video.twimg.com/ext_tw_video/%s/pu/vid/640x360/%s.mp4?tag=12" % (media_id, video_name)},
                {"content_type": "application/x-mpegURL",
                 "url": "https://video.twimg.com/ext_tw_video/%s/pu/pl/abc.m3u8?tag=12" % media_id}]}
        return m

    def tweet(tid, ts, text, medias=(), coords=None):
        t = {"edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": "2018-10-10T21:19:24.000Z",
                                       "editsRemaining": "5", "isEditEligible": False}},
             "retweeted": False, "source": "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
             "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
             "display_text_range": ["0", str(len(text))], "favorite_count": "3", "id_str": tid,
             "truncated": False, "retweet_count": "0", "id": tid, "possibly_sensitive": False,
             "created_at": twitter_date(ts), "favorited": False, "full_text": text, "lang": "nl"}
        if medias:
            t["entities"]["media"] = [medias[0]]
            t["extended_entities"] = {"media": list(medias)}
        if coords:
            lat, lon = coords
            t["coordinates"] = {"type": "Point", "coordinates": [str(lon), str(lat)]}
            t["geo"] = {"type": "Point", "coordinates": [str(lat), str(lon)]}
        return {"tweet": t}

    id1, ts1 = "1050118621198921728", T(2018, 10, 10, 20, 19, 24)
    text1 = "Zonsondergang in Scheveningen 🌅 https://t.co/AbCdEf1234"
    id2, ts2 = "1150118621198921729", T(2019, 7, 12, 21, 5, 0)
    text2 = "Biertjes met @pieterj 🍺 &amp; vrienden in De Pijp https://t.co/XyZ987"
    id3, ts3 = "1250118621198921730", T(2020, 4, 27, 16, 0, 0)
    text3 = "Koningsdag 🧡 https://t.co/Vid123"
    id4, ts4 = "1350118621198921731", T(2021, 1, 8, 9, 0, 0)

    tweets = [
        tweet(id1, ts1, text1, [media_entity(id1, "1050118617495633920", "DpMvBa5XcAAa1b2")], coords=(52.1120, 4.2755)),
        tweet(id2, ts2, text2, [media_entity(id2, "1150118617495633921", "EAbCdE1XkAAx9y8"),
                                media_entity(id2, "1150118617495633922", "EAbCdE2XoAAz7w6")]),
        tweet(id3, ts3, text3, [media_entity(id3, "1250118617495633923", "Th6mB", "video", "Xy12Ab34Cd56Ef78")]),
        tweet(id4, ts4, "Goedemorgen! Geen foto vandaag."),
    ]
    ex.file("data/manifest.js", ("window.__THAR_CONFIG = " + json.dumps({
        "userInfo": {"accountId": "123456789", "userName": "jandevries", "displayName": "Jan de Vries"},
        "archiveInfo": {"sizeBytes": "123456", "generationDate": "2024-05-01T10:10:10.000Z", "isPartialArchive": False,
                        "maxPartSizeBytes": "53687091200"},
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
        "dataTypes": {"tweets": {"mediaDirectory": "data/tweets_media",
                                 "files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": "4"}]}}},
        indent=2)).encode())
    ex.file("data/account.js", ("window.YTD.account.part0 = " + json.dumps([{"account": {
        "email": "jan.devries@example.org", "createdVia": "web", "username": "jandevries",
        "accountId": "123456789", "createdAt": "2010-03-01T12:00:00.000Z", "accountDisplayName": "Jan de Vries"}}],
        indent=2)).encode())
    ex.media("data/tweets_media/%s-DpMvBa5XcAAa1b2.jpg" % id1, jpeg_bytes(501, (400, 300)), "jpeg",
             caption=text1, taken=iso(ts1), geo=_geo(52.1120, 4.2755, tweets_js))
    ex.sidecar("data/tweets.js", ("window.YTD.tweets.part0 = " +
                                  json.dumps(tweets, indent=2, ensure_ascii=False, separators=(",", " : "))).encode())
    ex.media("data/tweets_media/%s-EAbCdE1XkAAx9y8.jpg" % id2, jpeg_bytes(502, (320, 240)), "jpeg",
             taken=iso(ts2), no_geo=True)
    ex.media("data/tweets_media/%s-EAbCdE2XoAAz7w6.jpg" % id2, jpeg_bytes(503, (320, 240)), "jpeg",
             taken=iso(ts2), no_geo=True)
    ex.media("data/tweets_media/%s-Xy12Ab34Cd56Ef78.mp4" % id3, mp4_bytes(504, created=ts3), "mp4",
             caption=text3, taken=iso(ts3), no_geo=True)
    ex.file("Your archive.html", b"<!DOCTYPE html><html><head><title>Your archive</title></head><body></body></html>")
    write_zip(out, ex.entries)
    d = ex.describe([out])
    d["caption_contains"] = {"data/tweets_media/%s-EAbCdE1XkAAx9y8.jpg" % id2: "Biertjes met @pieterj"}
    return d


# --------------------------------------------------------------------------- Snapchat

def snapchat(out):
    """Snapchat 'My Data': json/memories_history.json + memories/<date>_<mid>-main.jpg."""
    ex = Export("snapchat", "snapchat", root="")
    mh = ex.p("json/memories_history.json")
    rows, rng = [], random.Random(600)

    def uuid():
        h = "%032X" % rng.getrandbits(128)
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    uid = uuid().lower()
    memories = [
        (T(2022, 6, 30, 20, 11, 12), "Image", (52.37, 4.89)),
        (T(2022, 7, 1, 23, 59, 1), "Video", (51.92, 4.48)),
        (T(2022, 8, 14, 13, 0, 0), "Image", None),
    ]
    for i, (ts, mtype, loc) in enumerate(memories):
        mid, sid = uuid(), uuid()
        date = time.strftime("%Y-%m-%d", time.gmtime(ts))
        link = ("https://app.snapchat.com/dmd/memories?uid=%s&sid=%s&mid=%s&ts=%d&sig=%032x"
                % (uid, sid, mid, ts * 1000, rng.getrandbits(128)))
        rows.append({"Date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(ts)), "Media Type": mtype,
                     "Location": "Latitude, Longitude: %s, %s" % ((loc[0], loc[1]) if loc else ("0.0", "0.0")),
                     "Download Link": link, "Media Download Url": link.replace("/dmd/memories?", "/dmd/mm?")})
        exp = dict(taken=iso(ts), caption=None)
        if loc:
            exp["geo"] = _geo(loc[0], loc[1], mh)
        else:
            exp["no_geo"] = True
        if mtype == "Image":
            ex.media("memories/%s_%s-main.jpg" % (date, mid), jpeg_bytes(601 + i, (270, 480)), "jpeg", **exp)
        else:
            ex.media("memories/%s_%s-main.mp4" % (date, mid), mp4_bytes(601 + i, created=ts), "mp4", **exp)
            ex.media("memories/%s_%s-overlay.png" % (date, mid), png_bytes(611 + i, (135, 240)), "png")
    ex.sidecar("json/memories_history.json", json.dumps({"Saved Media": rows}, indent=2).encode())
    ex.file("json/account.json", json.dumps({"Basic Information": {"Username": "jandevries", "Name": "Jan",
                                                                   "Creation Date": "2015-03-01 10:00:00 UTC"}},
                                            indent=2).encode())
    ex.file("index.html", b"<!DOCTYPE html><html><body>My Data</body></html>")
    write_zip(out, ex.entries)
    return ex.describe([out])


# --------------------------------------------------------------------------- LinkedIn

def linkedin(out):
    """LinkedIn data export: CSV files only (no media)."""
    ex = Export("linkedin", "linkedin", root="")
    ex.file("Profile.csv", (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
        "Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
        "Jan,de Vries,,,\"Mar 3, 1990\",Data Engineer bij Acme,\"Ik bouw datapijplijnen.\nGraag koffie ☕\","
        "Software Development,9000,\"Gent, Flemish Region, Belgium\",[jandevries],[https://example.org],\r\n").encode())
    ex.file("Connections.csv", (
        "Notes:\r\n"
        "\"When exporting your connection data, you may notice that some of the email addresses are missing. "
        "You will only see email addresses for connections who have allowed their connections to see or download "
        "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
        "more here https://www.linkedin.com/help/linkedin/answer/261\"\r\n"
        "\r\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Anneke,de Vries,https://www.linkedin.com/in/annekedevries,,Acme,Product Owner,12 Mar 2021\r\n"
        "Élodie,Martin,https://www.linkedin.com/in/elodiemartin,elodie@example.org,\"Société Générale\",Analyste,01 Feb 2020\r\n"
    ).encode())
    ex.file("Shares.csv", (
        "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n"
        "2023-05-02 08:15:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7059123456789012345,"
        "\"Trots op ons team! 🎉\n\nNa maanden werk is onze nieuwe pijplijn live.\n\"\"Samen sterk\"\"\",,,"
        "MEMBER_NETWORK\r\n"
        "2023-06-10 19:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7073123456789012345,"
        "\"Afterwork drinks with the team 🍻\",,https://media.licdn.com/dms/image/C4E22AQH/feedshare-shrink_800/0/"
        "1686423600000?e=1700000000&v=beta&t=abc,PUBLIC\r\n").encode())
    ex.file("Rich_Media.csv", (
        "Date/Time,Media Description,Media Link\r\n"
        "\"You uploaded a feed photo on June 10, 2023 at 7:00 PM (GMT)\",Afterwork drinks with the team 🍻,"
        "https://www.linkedin.com/dms/prv/image/C4E22AQH/feedshare/0?e=1700000000&v=beta&t=abc\r\n").encode())
    ex.file("Positions.csv", ("Company Name,Title,Description,Location,Started On,Finished On\r\n"
                              "Acme,Data Engineer,,\"Gent, Belgium\",Jan 2020,\r\n").encode())
    write_zip(out, ex.entries)
    return ex.describe([out])


# --------------------------------------------------------------------------- generic and archive formats

def _generic_export(variant):
    ex = Export(variant, "generic", root="")
    t1 = T(2021, 8, 15, 18, 30, 0)
    ex.media("DCIM/Camera/IMG_20210815_183000.jpg",
             jpeg_bytes(701, (400, 300), gps=(52.0907, 5.1214), taken=t1, make="samsung", model="SM-G991B"),
             "jpeg", exif_gps={"lat": 52.0907, "lon": 5.1214}, no_geo=True)
    ex.media("DCIM/Camera/IMG_20210815_183512.jpg", jpeg_bytes(702, (300, 400), taken=t1 + 312), "jpeg",
             exif_gps=None, no_geo=True)
    ex.media("DCIM/Camera/VID_20210815_190000.mp4", mp4_bytes(703, created=t1 + 1800), "mp4", no_geo=True)
    ex.media("Pictures/drawing.png", png_bytes(704), "png", exif_gps=None, no_geo=True)
    ex.media("Pictures/not_really.png", jpeg_bytes(705, (240, 180)), "jpeg", exif_gps=None, no_geo=True)
    ex.media("Pictures/blob.dat", png_bytes(706, (160, 120)), "png", exif_gps=None, no_geo=True)
    ex.media("Pictures/IMG_5678.HEIC", heic_bytes(707), "heic", no_geo=True)
    ex.media("Pictures/notes.jpg", b"Boodschappen: melk, brood, kaas\nNot an image at all.\n", "text",
             error="unknown_format")
    ex.file("README.txt", b"Backup of my phone, summer 2021.\n")
    return ex


def generic(out):
    """A plain folder of photos and a video, no sidecars; wrong extensions; a text .jpg."""
    ex = _generic_export("generic")
    os.makedirs(out, exist_ok=True)
    write_folder(out, ex.entries)
    return ex.describe([out])


def _generic_archive(variant, writer):
    def make(out):
        ex = _generic_export(variant)
        writer(out, ex.entries)
        return ex.describe([out])
    make.__doc__ = "The generic export as %s." % variant.split("_", 1)[1]
    make.__name__ = variant
    return make


generic_zip = _generic_archive("generic_zip", write_zip)
generic_tar = _generic_archive("generic_tar", lambda o, e: write_tar(o, e, ""))
generic_tgz = _generic_archive("generic_tgz", lambda o, e: write_tar(o, e, "gz"))
generic_tbz2 = _generic_archive("generic_tbz2", lambda o, e: write_tar(o, e, "bz2"))
generic_txz = _generic_archive("generic_txz", lambda o, e: write_tar(o, e, "xz"))
generic_7z = _generic_archive("generic_7z", write_7z)


def _exiftool(data, suffix, args):
    """Run exiftool ARGS on a copy of DATA and return the new bytes (Debian libimage-exiftool-perl)."""
    if not shutil.which("exiftool"):
        raise RuntimeError("exiftool not found (Debian package libimage-exiftool-perl)")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "f" + suffix)
        with open(path, "wb") as f:
            f.write(data)
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original"] + args + [path], check=True)
        with open(path, "rb") as f:
            return f.read()


def png_with_exif_gps(seed, gps, size=(200, 150)):
    im = _picture(seed, size).quantize(64)
    ex = Image.Exif()
    ex[0x8825] = {0: b"\x02\x03\x00\x00", 1: "N" if gps[0] >= 0 else "S", 2: _dms(gps[0]),
                  3: "E" if gps[1] >= 0 else "W", 4: _dms(gps[1])}
    buf = io.BytesIO()
    im.save(buf, "PNG", exif=ex.tobytes())
    return buf.getvalue()


def metadata_zoo(out):
    """Location and identity metadata in every place a camera or an editor puts it: EXIF GPS (JPEG,
    PNG eXIf), XMP GPS (JPEG, PNG iTXt), IPTC place names, QuickTime ©xyz, camera serial and owner.
    Needs exiftool for the XMP/IPTC/owner cases."""
    ex = Export("metadata_zoo", "generic")
    lat, lon = 48.8584, 2.2945
    xmp = ["-XMP-exif:GPSLatitude=%s N" % lat, "-XMP-exif:GPSLongitude=%s E" % lon]
    ex.media("exif_gps.jpg", jpeg_bytes(1101, gps=(lat, lon), make="Canon", model="EOS 80D"), "jpeg",
             signals=[["exif_gps", "exif"]], gps={"lat": lat, "lon": lon})
    ex.media("xmp_gps.jpg", _exiftool(jpeg_bytes(1102), ".jpg", xmp), "jpeg",
             signals=[["xmp_gps", "xmp"]], gps={"lat": lat, "lon": lon})
    ex.media("both_gps.jpg", _exiftool(jpeg_bytes(1103, gps=(lat, lon)), ".jpg", xmp), "jpeg",
             signals=[["exif_gps", "exif"], ["xmp_gps", "xmp"]], gps={"lat": lat, "lon": lon})
    ex.media("iptc_place.jpg", _exiftool(jpeg_bytes(1104), ".jpg",
                                         ["-IPTC:City=Gent", "-IPTC:Sub-location=Graslei 10",
                                          "-IPTC:Country-PrimaryLocationName=Belgium"]), "jpeg",
             signals=[["iptc_location", "iptc"]], place_words=["Gent", "Graslei"])
    ex.media("exif_gps.png", png_with_exif_gps(1105, (lat, lon)), "png",
             signals=[["exif_gps", "exif"]], gps={"lat": lat, "lon": lon})
    ex.media("xmp_gps.png", _exiftool(png_bytes(1106), ".png", xmp), "png",
             signals=[["xmp_gps", "xmp"]], gps={"lat": lat, "lon": lon})
    ex.media("gps.mp4", mp4_bytes(1107, gps=(lat, lon)), "mp4",
             signals=[["video_gps", "quicktime"]], gps={"lat": lat, "lon": lon})
    ex.media("owner.jpg", _exiftool(jpeg_bytes(1108, make="Canon", model="EOS 80D"), ".jpg",
                                    ["-EXIF:SerialNumber=SN123456789", "-EXIF:OwnerName=Jan de Vries",
                                     "-EXIF:Artist=Jan de Vries"]), "jpeg",
             identity=["SN123456789", "Jan de Vries"])
    ex.media("plain.jpg", jpeg_bytes(1109), "jpeg", signals=[])
    write_zip(out, ex.entries)
    return ex.describe([out])


def nested(out):
    """An outer zip holding inner.zip, which holds photos and deeper.tar.gz."""
    ex = Export("nested", "generic", root="")
    deeper = [Entry("c.jpg", jpeg_bytes(803, (320, 240))), Entry("clips/d.mp4", mp4_bytes(804))]
    inner = [Entry("a.jpg", jpeg_bytes(801, (320, 240), gps=(48.8584, 2.2945))),
             Entry("sub/b.png", png_bytes(802)),
             Entry("deeper.tar.gz", tar_bytes(deeper, "gz"))]
    ex.media("top.jpg", jpeg_bytes(800, (320, 240)), "jpeg")
    ex.file("inner.zip", zip_bytes(inner))
    ex.items["inner.zip/a.jpg"] = {"kind": "image", "type": "jpeg", "sha256": sha256(inner[0].data),
                                   "exif_gps": {"lat": 48.8584, "lon": 2.2945}}
    ex.items["inner.zip/sub/b.png"] = {"kind": "image", "type": "png", "sha256": sha256(inner[1].data)}
    ex.items["inner.zip/deeper.tar.gz/c.jpg"] = {"kind": "image", "type": "jpeg", "sha256": sha256(deeper[0].data)}
    ex.items["inner.zip/deeper.tar.gz/clips/d.mp4"] = {"kind": "video", "type": "mp4",
                                                       "sha256": sha256(deeper[1].data)}
    write_zip(out, ex.entries)
    return ex.describe([out])


# --------------------------------------------------------------------------- hostile archives

def _healthy(ex, seed=900, prefix="ok/"):
    for i in (1, 2):
        ex.media(prefix + "healthy_%d.jpg" % i, jpeg_bytes(seed + i, (240, 180)), "jpeg")


def hostile_traversal(out):
    """Zip entries escaping the extraction folder: ../../evil.jpg, /etc/abs.jpg, a/../../b.jpg."""
    ex = Export("hostile_traversal", "generic")
    _healthy(ex)
    for name in ("../../evil.jpg", "/etc/abs.jpg", "a/../../b.jpg"):
        ex.file(name, jpeg_bytes(910, (64, 64)))
    ex.expect_error("unsafe_path", "evil.jpg")
    ex.expect_error("unsafe_path", "abs.jpg")
    ex.expect_error("unsafe_path", "b.jpg")
    write_zip(out, ex.entries)
    d = ex.describe([out])
    d["escape_names"] = ["evil.jpg", "abs.jpg", "b.jpg"]
    return d


def hostile_links(out):
    """Tar with symlink, hardlink, fifo, character- and block-device entries."""
    ex = Export("hostile_links", "generic")
    _healthy(ex)
    ex.file("links/passwd.jpg", type="symlink", link="/etc/passwd")
    ex.file("links/up.jpg", type="symlink", link="../../../../../../etc/shadow")
    ex.file("links/hard.jpg", type="hardlink", link="ok/healthy_1.jpg")
    ex.file("links/fifo.jpg", type="fifo")
    ex.file("links/null.jpg", type="chr", devmajor=1, devminor=3)
    ex.file("links/sda.jpg", type="blk", devmajor=8, devminor=0)
    ex.expect_error("symlink", "links/passwd.jpg")
    ex.expect_error("symlink", "links/up.jpg")
    ex.expect_error("hardlink", "links/hard.jpg")
    ex.expect_error("special_file", "links/fifo.jpg")
    ex.expect_error("special_file", "links/null.jpg")
    ex.expect_error("special_file", "links/sda.jpg")
    write_tar(out, ex.entries)
    return ex.describe([out])


def hostile_links_zip(out):
    """Zip with a Unix symlink entry (external attributes 0120777)."""
    ex = Export("hostile_links_zip", "generic")
    _healthy(ex)
    ex.file("links/passwd.jpg", type="symlink", link="/etc/passwd")
    ex.expect_error("symlink", "links/passwd.jpg")
    write_zip(out, ex.entries)
    return ex.describe([out])


def hostile_folder_links(out):
    """A folder export with symbolic links: to /etc/passwd, to a folder outside, and a loop."""
    ex = Export("hostile_folder_links", "generic")
    _healthy(ex)
    ex.file("pics/passwd.jpg", type="symlink", link="/etc/passwd")
    ex.file("pics/loop", type="symlink", link="..")
    ex.file("etc", type="symlink", link="/etc")
    ex.expect_error("symlink", "pics/passwd.jpg")
    ex.expect_error("symlink", "pics/loop")
    ex.expect_error("symlink", "etc")
    os.makedirs(out, exist_ok=True)
    write_folder(out, ex.entries)
    return ex.describe([out])


def hostile_encrypted(out):
    """Zip with a ZipCrypto-encrypted photo (zip -P) next to unencrypted ones."""
    if not shutil.which("zip"):
        raise RuntimeError("zip not found (Debian package zip)")
    ex = Export("hostile_encrypted", "generic")
    _healthy(ex)
    secret = jpeg_bytes(920, (240, 180))
    ex.items["private/secret.jpg"] = {"kind": None, "sha256": None, "error": "encrypted"}  # kind: not checked
    ex.expect_error("encrypted", "private/secret.jpg")
    out = os.path.abspath(out)
    if os.path.exists(out):
        os.remove(out)
    with tempfile.TemporaryDirectory() as tmp:
        write_folder(tmp, ex.entries + [Entry("private/secret.jpg", secret)])
        subprocess.run(["zip", "-q", "-X", "-P", "hunter2", out, "private/secret.jpg"], cwd=tmp, check=True)
        subprocess.run(["zip", "-q", "-X", out, "ok/healthy_1.jpg", "ok/healthy_2.jpg"], cwd=tmp, check=True)
    return ex.describe([out])


def hostile_big_entry(out, limit=1000000):
    """An entry (2 MB, stored) bigger than --max-entry-size 1000000."""
    ex = Export("hostile_big_entry", "generic")
    _healthy(ex)
    rng = random.Random(930)
    big = b"\xff\xd8\xff\xe0" + rng.randbytes(2 * limit)
    ex.file("big/huge.jpg", big, compress=zipfile.ZIP_STORED)
    ex.expect_error("too_large", "big/huge.jpg")
    ex.options = ["--max-entry-size", str(limit)]
    write_zip(out, ex.entries)
    d = ex.describe([out])
    d["maybe_items"] = {"big/huge.jpg": "too_large"}
    return d


def hostile_total(out, limit=1000000):
    """Entries that together exceed --max-total-size 1000000 (healthy photos come first)."""
    ex = Export("hostile_total", "generic")
    _healthy(ex)
    rng = random.Random(935)
    for i in range(4):
        ex.file("big/part_%d.jpg" % i, b"\xff\xd8\xff\xe0" + rng.randbytes(400000), compress=zipfile.ZIP_STORED)
    ex.expect_error("total_too_large")
    ex.options = ["--max-total-size", str(limit), "--max-entry-size", str(10 * limit)]
    write_zip(out, ex.entries)
    return ex.describe([out])


def hostile_ratio(out, size_mb=200):
    """A 200 MB entry of zeros deflated to ~200 kB (ratio ~1000) and a 6 MB posts file of empty
    objects deflated to ~6 kB, with --max-ratio 100."""
    ex = Export("hostile_ratio", "generic")
    _healthy(ex)
    with zipfile.ZipFile(out, "w") as zf:
        for e in ex.entries:
            zi = zipfile.ZipInfo(e.name, date_time=FIXED_DATE_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, e.data)
        zi = zipfile.ZipInfo("backup/zeros.jpg", date_time=FIXED_DATE_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(1 << 20)
        with zf.open(zi, "w", force_zip64=True) as f:
            for _ in range(size_mb):
                f.write(chunk)
        # A sidecar bomb: the first pass refuses it, and only the first pass reads it whole.
        zi = zipfile.ZipInfo("backup/your_posts_1.json", date_time=FIXED_DATE_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(zi, b"[" + b",".join([b"{}"] * (2 << 20)) + b"]")
    ex.expect_error("ratio_exceeded", "backup/zeros.jpg")
    ex.expect_error("ratio_exceeded", "backup/your_posts_1.json")
    ex.options = ["--max-ratio", "100", "--max-entry-size", str(4 << 30), "--max-total-size", str(8 << 30)]
    d = ex.describe([out])
    d["maybe_items"] = {"backup/zeros.jpg": "ratio_exceeded"}
    return d


def hostile_many(out, count=60, limit=20):
    """Zip with 62 entries against --max-entries 20 (the healthy photos come first)."""
    ex = Export("hostile_many", "generic")
    _healthy(ex)
    for i in range(count):
        ex.file("many/note_%03d.txt" % i, b"note %d\n" % i)
    ex.expect_error("too_many_entries")
    ex.options = ["--max-entries", str(limit)]
    write_zip(out, ex.entries)
    return ex.describe([out])


def hostile_deep(out, levels=8, limit=2):
    """zip in zip in zip ... 8 levels against --max-depth 2; level1.zip holds a healthy photo."""
    ex = Export("hostile_deep", "generic")
    _healthy(ex)
    data = zip_bytes([Entry("bottom.jpg", jpeg_bytes(940, (64, 64)))])   # content of level<levels>.zip
    for lvl in range(levels, 2, -1):
        data = zip_bytes([Entry("level%d.zip" % lvl, data)])              # content of level<lvl-1>.zip
    photo = jpeg_bytes(941, (240, 180))
    ex.file("level1.zip", zip_bytes([Entry("ok_level1.jpg", photo), Entry("level2.zip", data)]))
    ex.items["level1.zip/ok_level1.jpg"] = {"kind": "image", "type": "jpeg", "sha256": sha256(photo)}
    ex.expect_error("too_deep")
    ex.options = ["--max-depth", str(limit)]
    write_zip(out, ex.entries)
    d = ex.describe([out])
    # the too_deep record names one archive of the chain level1.zip/level2.zip/...
    d["error_paths"] = {"too_deep": ["/".join("level%d.zip" % i for i in range(1, n + 1))
                                     for n in range(1, levels + 1)]}
    return d


def hostile_truncated(out):
    """A zip cut in half: the entries stored before the cut must still be reported."""
    ex = Export("hostile_truncated", "generic")
    for i in range(8):
        ex.file("photos/IMG_%04d.jpg" % i, jpeg_bytes(950 + i, (320, 240)), compress=zipfile.ZIP_STORED)
    data = zip_bytes(ex.entries)
    cut = len(data) // 2
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for zi in zf.infolist():
            end = zi.header_offset + 30 + len(zi.filename.encode()) + len(zi.extra) + zi.compress_size
            if end <= cut:
                e = next(e for e in ex.entries if e.name == zi.filename)
                ex.items[zi.filename] = {"kind": "image", "type": "jpeg", "sha256": sha256(e.data)}
    with open(out, "wb") as f:
        f.write(data[:cut])
    ex.expect_error("corrupt_archive", codes=["corrupt_archive", "corrupt_entry"])
    return ex.describe([out])


def hostile_truncated_tgz(out):
    """A tar.gz cut in half: the members decompressible before the cut must still be reported."""
    ex = Export("hostile_truncated_tgz", "generic")
    for i in range(12):      # big enough that libarchive's format bidding stays before the cut
        ex.file("photos/IMG_%04d.jpg" % i, jpeg_bytes(960 + i, (640, 480), quality=95))
    data = tar_bytes(ex.entries, "gz")
    cut = len(data) // 2
    avail = len(zlib.decompressobj(31).decompress(data[:cut]))
    # libarchive (like most readers) loses the last partly-filled output block of a truncated
    # gzip stream (64 KiB) and reads tar in 10 KiB records: only members well before the cut count.
    margin = 65536 + 10240
    with tarfile.open(fileobj=io.BytesIO(tar_bytes(ex.entries))) as tf:
        for m in tf.getmembers():
            if m.offset_data + m.size + margin <= avail:
                e = next(e for e in ex.entries if e.name == m.name)
                ex.items[m.name] = {"kind": "image", "type": "jpeg", "sha256": sha256(e.data)}
    with open(out, "wb") as f:
        f.write(data[:cut])
    ex.expect_error("corrupt_archive", codes=["corrupt_archive", "corrupt_entry"])
    return ex.describe([out])


def hostile_lying_size(out, limit=1000000):
    """A deflated 3 MB entry whose headers claim 1000 bytes, against --max-entry-size 1000000."""
    ex = Export("hostile_lying_size", "generic")
    _healthy(ex)
    rng = random.Random(970)
    payload = b"\xff\xd8\xff\xe0" + rng.randbytes(3 * limit)
    ex.file("lying.jpg", payload, compress=zipfile.ZIP_DEFLATED)
    data = bytearray(zip_bytes(ex.entries))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        zi = zf.getinfo("lying.jpg")
        lh = zi.header_offset
    assert data[lh:lh + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, lh + 22, 1000)                     # local header uncompressed size
    pos = 0
    while True:                                                   # central directory record
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            raise AssertionError("central directory not found")
        nlen = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + nlen]) == b"lying.jpg":
            struct.pack_into("<I", data, pos + 24, 1000)
            break
        pos += 4
    with open(out, "wb") as f:
        f.write(bytes(data))
    ex.expect_error("too_large", "lying.jpg", codes=["too_large", "corrupt_entry", "ratio_exceeded"])
    ex.options = ["--max-entry-size", str(limit)]
    d = ex.describe([out])
    d["maybe_items"] = {"lying.jpg": None}
    return d


def hostile_corrupt_entry(out):
    """A zip entry whose deflate data is damaged, plus a JPEG cut short inside a sound entry."""
    ex = Export("hostile_corrupt_entry", "generic")
    _healthy(ex)
    bad = jpeg_bytes(980, (320, 240))
    ex.file("broken/damaged.jpg", bad, compress=zipfile.ZIP_DEFLATED)
    short = jpeg_bytes(981, (320, 240))
    short = short[:len(short) // 2]
    ex.media("broken/truncated.jpg", short, "jpeg", error="truncated_image")
    data = bytearray(zip_bytes(ex.entries))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        zi = zf.getinfo("broken/damaged.jpg")
        start = zi.header_offset + 30 + len(zi.filename) + len(zi.extra)
    for k in range(start + 40, start + zi.compress_size - 40, 97):   # flip bytes in the deflate stream
        data[k] ^= 0x5A
    with open(out, "wb") as f:
        f.write(bytes(data))
    ex.expect_error("corrupt_entry", "broken/damaged.jpg")
    d = ex.describe([out])
    d["maybe_items"] = {"broken/damaged.jpg": "corrupt_entry"}
    return d


def hostile_invalid_sidecar(out):
    """Takeout with a sidecar that is not valid JSON; the photo itself is still scanned."""
    ex = Export("hostile_invalid_sidecar", "google_takeout")
    album = "Takeout/Google Photos/Photos from 2020/"
    ex.media(album + "IMG_20200101_000001.jpg", jpeg_bytes(990, (240, 180)), "jpeg")
    ex.sidecar(album + "IMG_20200101_000001.jpg.supplemental-metadata.json",
               b'{\n  "title": "IMG_20200101_000001.jpg",\n  "description": "Nieuwjaar\\u')
    t = T(2020, 1, 1, 0, 0, 2)
    ex.media(album + "IMG_20200101_000002.jpg", jpeg_bytes(991, (240, 180)), "jpeg", caption="Gelukkig nieuwjaar",
             taken=iso(t), album="Photos from 2020")
    ex.sidecar(album + "IMG_20200101_000002.jpg.supplemental-metadata.json",
               _takeout_sidecar("IMG_20200101_000002.jpg", t, desc="Gelukkig nieuwjaar"))
    ex.expect_error("invalid_sidecar", "IMG_20200101_000001.jpg.supplemental-metadata.json")
    write_zip(out, ex.entries)
    return ex.describe([out])


def _exif_app1(jpeg, tiff):
    """JPEG with TIFF structure TIFF as its Exif APP1 segment, right after SOI."""
    body = b"Exif\x00\x00" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


def _ifd(entries, next_offset):
    out = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        out += struct.pack("<HHII", tag, typ, count, value)
    return out + struct.pack("<I", next_offset)


def hostile_exif(out):
    """JPEGs whose EXIF is crafted: IFD chains that loop, pointers back to IFD0, a 65535-entry IFD,
    counts of 4 G, offsets past the end; a healthy photo with GPS beside them."""
    ex = Export("hostile_exif", "generic")
    _healthy(ex)
    tiff = b"II*\x00" + struct.pack("<I", 8)
    crafted = {
        "loop_next_ifd.jpg": tiff + _ifd([(0x010F, 2, 4, 0x6E6F6143)], 8),
        "exif_and_gps_point_to_ifd0.jpg": tiff + _ifd([(0x8769, 4, 1, 8), (0x8825, 4, 1, 8)], 0),
        "ifd_with_65535_entries.jpg": tiff + struct.pack("<H", 0xFFFF) + b"\x00" * 64,
        "count_4g.jpg": tiff + _ifd([(0x010F, 2, 0xFFFFFFFF, 100), (0x8825, 4, 1, 26)], 0)
                        + _ifd([(2, 5, 0x40000000, 4000)], 0),
        "gps_offset_past_end.jpg": tiff + _ifd([(0x8825, 4, 1, 0x7FFFFFF0)], 0),
        "subifd_is_itself.jpg": tiff + _ifd([(0x014A, 4, 1, 8)], 0),
    }
    for i, (name, t) in enumerate(crafted.items()):
        ex.media("crafted/" + name, _exif_app1(jpeg_bytes(1300 + i, (160, 120)), t), "jpeg", error="metadata_damaged")
    ex.media("crafted/healthy_gps.jpg", jpeg_bytes(1310, (160, 120), gps=(52.3676, 4.9041)), "jpeg",
             exif_gps={"lat": 52.3676, "lon": 4.9041})
    write_zip(out, ex.entries)
    return ex.describe([out])


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png_declaring(width, height, idat):
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b""))


def _png_zeros(width, height):
    """A real decompression bomb: WIDTHxHEIGHT grey zeros, a few hundred kB deflated."""
    co = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    return _png_declaring(width, height, b"".join(co.compress(row) for _ in range(height)) + co.flush())


def _jpeg_declaring(width, height, seed):
    data = bytearray(jpeg_bytes(seed, (64, 48)))
    i = 2
    while i + 4 < len(data):
        marker, length = data[i + 1], struct.unpack_from(">H", data, i + 2)[0]
        if marker in (0xC0, 0xC1, 0xC2):
            struct.pack_into(">HH", data, i + 5, height, width)
            return bytes(data)
        i += 2 + length
    raise AssertionError("no SOF in the JPEG")


def hostile_pixels(out):
    """Pixel bombs: a PNG of 20000x20000 zeros (400 MP, 300 kB), a PNG header claiming
    100000x100000, a JPEG frame of 65000x65000, a GIF screen of 65535x65535."""
    ex = Export("hostile_pixels", "generic")
    _healthy(ex)
    bombs = {"bombs/zeros_20000.png": (_png_zeros(20000, 20000), "png"),
             "bombs/header_100000.png": (_png_declaring(100000, 100000, zlib.compress(b"\x00" * 1000)), "png"),
             "bombs/frame_65000.jpg": (_jpeg_declaring(65000, 65000, 1320), "jpeg"),
             "bombs/screen_65535.gif": (b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00,"
                                        + struct.pack("<HHHH", 0, 0, 65535, 65535) + b"\x00\x02\x02\x44\x01\x00;", "gif")}
    for name, (data, mtype) in bombs.items():
        ex.media(name, data, mtype, error="pixel_limit")
    write_zip(out, ex.entries)
    return ex.describe([out])


def hostile_confusion(out):
    """Format confusion and hostile names: a zip named .jpg, a JPEG named .zip, HTML named .png,
    a JPEG with a zip appended, an empty .jpg; entries named '-', 'http://…', with a newline,
    with a right-to-left override, and 300 characters long."""
    ex = Export("hostile_confusion", "generic")
    photo = jpeg_bytes(1330, (160, 120))
    inner = jpeg_bytes(1331, (160, 120))
    ex.file("zip_named.jpg", zip_bytes([Entry("inside.jpg", inner)]))
    ex.items["zip_named.jpg/inside.jpg"] = {"kind": "image", "type": "jpeg", "sha256": sha256(inner)}
    ex.media("jpeg_named.zip", photo, "jpeg")
    ex.file("html_named.png", b"<html><script>alert(1)</script></html>")
    ex.items["html_named.png"] = {"kind": "other", "error": "unknown_format"}
    ex.file("empty.jpg", b"")
    ex.items["empty.jpg"] = {"kind": "other", "error": "unknown_format"}
    polyglot = photo + zip_bytes([Entry("hidden.jpg", inner)])
    ex.file("polyglot.jpg", polyglot)
    ex.items["polyglot.jpg"] = {"kind": "image", "type": "jpeg", "sha256": sha256(polyglot), "error": "trailing_data"}
    for name in ("-", "--help", "http://evil.example/x.jpg", "new\nline.jpg", "\u202egpj.exe", "d/" + "n" * 300 + ".jpg"):
        ex.media(name, photo, "jpeg")
    write_zip(out, ex.entries)
    return ex.describe([out])


def hostile_name_mismatch(out):
    """A zip entry whose local header names another file than the central directory does."""
    ex = Export("hostile_name_mismatch", "generic")
    _healthy(ex)
    ex.file("photos/real.jpg", jpeg_bytes(1340, (160, 120)), compress=zipfile.ZIP_STORED)
    data = bytearray(zip_bytes(ex.entries))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        lh = zf.getinfo("photos/real.jpg").header_offset
    assert data[lh + 30:lh + 30 + 15] == b"photos/real.jpg"
    data[lh + 30:lh + 30 + 15] = b"photos/evil.jpg"
    with open(out, "wb") as f:
        f.write(bytes(data))
    ex.expect_error("name_mismatch")
    d = ex.describe([out])
    d["error_paths"] = {"name_mismatch": ["photos/real.jpg", "photos/evil.jpg"]}
    d["maybe_items"] = {"photos/real.jpg": "name_mismatch", "photos/evil.jpg": "name_mismatch"}
    return d


def hostile_method_mismatch(out):
    """Zip entries whose local header gives another compression method than the central
    directory (stored by one, deflated by the other): a big photo and a small one."""
    ex = Export("hostile_method_mismatch", "generic")
    _healthy(ex)
    big, small = jpeg_bytes(1350, (2400, 1800), quality=97), jpeg_bytes(1351, (160, 120))
    assert len(big) > 64 * 1024  # read by the workers, not by the serial reader
    ex.file("photos/big.jpg", big, compress=zipfile.ZIP_DEFLATED)
    ex.file("photos/small.jpg", small, compress=zipfile.ZIP_DEFLATED)
    data = bytearray(zip_bytes(ex.entries))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        for name in ("photos/big.jpg", "photos/small.jpg"):
            lh = zf.getinfo(name).header_offset
            assert data[lh + 8:lh + 10] == b"\x08\x00"
            data[lh + 8:lh + 10] = b"\x00\x00"  # the local header says stored
    with open(out, "wb") as f:
        f.write(bytes(data))
    for name in ("photos/big.jpg", "photos/small.jpg"):
        ex.items[name] = {"kind": None, "sha256": None, "error": "header_mismatch"}  # kind: not checked
    ex.expect_error("header_mismatch")
    return ex.describe([out])


def _overlapped_group(names, kernel, quote):
    """Local headers and data of a zip bomb whose entries share one deflated kernel (Fifield,
    "A better zip bomb"), each entry's header quoting the next one's: in an extra field (every
    entry inflates to the kernel) or in a stored deflate block (entry i inflates to the headers
    after it, then the kernel). Returns (local part, [(name, crc, csize, usize, offset)]),
    offsets relative to the start of the local part."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = c.compress(kernel) + c.flush()
    n = len(names)

    def header(name, crc, csize, usize, extra=b""):
        name = name.encode()
        return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, csize, usize, len(name),
                           len(extra)) + name + extra

    records = [None] * n
    if quote == "extra":
        crc, inner = zlib.crc32(kernel), b""
        for i in range(n - 1, -1, -1):
            extra = struct.pack("<HH", 0x9999, len(inner)) + inner if inner else b""
            inner = header(names[i], crc, len(packed), len(kernel), extra)
        offset = 0
        for i in range(n):
            records[i] = (names[i], crc, len(packed), len(kernel), offset)
            offset += 30 + len(names[i].encode()) + 4
        return inner + packed, records
    plain, quoted, headers = b"", b"", [None] * n
    for i in range(n - 1, -1, -1):
        crc = zlib.crc32(kernel, zlib.crc32(plain))
        headers[i] = header(names[i], crc, len(quoted) + len(packed), len(plain) + len(kernel))
        records[i] = (names[i], crc, len(quoted) + len(packed), len(plain) + len(kernel))
        if i:
            plain = headers[i] + plain
            quoted = struct.pack("<BHH", 0, len(headers[i]), len(headers[i]) ^ 0xFFFF) + headers[i] + quoted
    local, out = b"", []
    for i in range(n):
        out.append(records[i] + (len(local),))
        local += headers[i]
        if i + 1 < n:
            local += struct.pack("<BHH", 0, len(headers[i + 1]), len(headers[i + 1]) ^ 0xFFFF)
    return local + packed, out


def hostile_overlap(out, count=12, kernel_mb=3):
    """Overlapped zip bombs beside healthy photos: COUNT photos whose local headers nest in each
    other's extra fields and share one deflated kernel of KERNEL_MB (a JPEG head, then runs:
    120-fold, under --max-ratio), COUNT entries quoting each other's headers in stored blocks,
    and COUNT / 2 photos of the first kind in a zip inside the export.
    Each entry is within every limit; together they inflate to COUNT times the kernel, from a zip
    of a few hundred KB (Fifield's construction reaches terabytes from megabytes)."""
    ex = Export("hostile_overlap", "generic")
    _healthy(ex)
    rng = random.Random(1360)
    kernel = bytearray(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    while len(kernel) < kernel_mb << 20:
        kernel += bytes([rng.randrange(256)]) * 300
    kernel = bytes(kernel)
    photos = ["bomb/photo_%02d.jpg" % i for i in range(count)]
    blobs = ["bomb/blob_%02d.bin" % i for i in range(count)]
    inner = ["bomb/inner_%02d.jpg" % i for i in range(count // 2)]   # the same inside a zip in the export
    part, recs = _overlapped_group(inner, kernel, "extra")
    directory = b"".join(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, csize, usize,
                                     len(name.encode()), 0, 0, 0, 0, 0, offset) + name.encode()
                         for name, crc, csize, usize, offset in recs)
    ex.file("nested/inner.zip", part + directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(recs), len(recs),
                                                                 len(directory), len(part), 0))
    inner = ["nested/inner.zip/" + name for name in inner]
    healthy = zip_bytes(ex.entries)
    start = struct.unpack_from("<I", healthy, len(healthy) - 22 + 16)[0]   # the healthy directory
    directory = healthy[start:len(healthy) - 22]
    local, records = healthy[:start], []
    for names, quote in ((photos, "extra"), (blobs, "stored")):
        part, recs = _overlapped_group(names, kernel, quote)
        records += [r[:4] + (r[4] + len(local),) for r in recs]
        local += part
    for name, crc, csize, usize, offset in records:
        raw = name.encode()
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, csize, usize,
                                 len(raw), 0, 0, 0, 0, 0, offset) + raw
    total = len(ex.entries) + len(records)
    with open(out, "wb") as f:
        f.write(local + directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, total, total, len(directory),
                                                len(local), 0))
    for name in photos + inner:
        ex.items[name] = {"kind": None, "sha256": None, "error": "overlapping_entry"}
    ex.expect_error("overlapping_entry")
    d = ex.describe([out])
    d["overlapped"] = photos + blobs + inner
    d["inflates_to"] = sum(r[3] for r in records + recs)
    return d


def write_many_empty_zip(path, count):
    """COUNT empty stored entries written by hand (zipfile takes minutes for a million), with
    ZIP64 end records past 65535 entries."""
    local, central, offset = [], [], 0
    for i in range(count):
        name = b"empty/%07d" % i
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, 0, 0, 0, len(name), 0) + name
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0x21, 0, 0, 0,
                                   len(name), 0, 0, 0, 0, 0, offset) + name)
        local.append(header)
        offset += len(header)
    directory = b"".join(central)
    with open(path, "wb") as f:
        f.write(b"".join(local))
        f.write(directory)
        end = offset + len(directory)
        f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(directory), offset))
        f.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))


def hostile_million(out, count=1000000, limit=100000):
    """A zip of a million empty entries (94 MB) against --max-entries 100000."""
    ex = Export("hostile_million", "generic")
    write_many_empty_zip(out, count)
    ex.expect_error("too_many_entries")
    ex.options = ["--max-entries", str(limit)]
    return ex.describe([out])


def hostile_long_names(out):
    """Zip entries with names of 3,000 and 60,000 bytes (each kept in memory by a reader that
    trusts them; no file system can hold them) next to healthy photos."""
    ex = Export("hostile_long_names", "generic")
    _healthy(ex)
    for size in (3000, 60000):
        ex.file("long/" + "n" * size + ".jpg", jpeg_bytes(960, (64, 64)))
    ex.expect_error("name_too_long", "long/nnnn")
    write_zip(out, ex.entries)
    return ex.describe([out])


def hostile_vague_uri(out, folders=5000):
    """Facebook export whose posts name "a.jpg" 5000 times, with an a.jpg in each of 5000
    folders (25 million pairs if every URI named every file it ends), plus a photo named in full."""
    ex = Export("hostile_vague_uri", "facebook", root="facebook-jdoe-2024-05-01-Vague/")
    posts_json = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    P_POSTS = ex.p(posts_json)
    tiny = jpeg_bytes(950, (32, 24))
    posts = []
    for i in range(folders):
        ex.media("your_facebook_activity/posts/media/Album_%d/a.jpg" % i, tiny, "jpeg", caption=None, no_geo=True)
        posts.append({"timestamp": 1557686525 + i, "attachments": [{"data": [{"media": _fb_media(
            "a.jpg", 1557686405 + i, "Album %d" % i, "vague caption %d" % i,
            {"latitude": 51.05, "longitude": 3.71})}]}], "data": [{"post": "vague post %d" % i}]})
    real = "your_facebook_activity/posts/media/Real_1/101.jpg"
    ex.media(real, jpeg_bytes(951, (240, 180)), "jpeg", caption="Named in full",
             geo=_geo(52.37, 4.89, P_POSTS))
    posts.append({"timestamp": 1700000000, "attachments": [{"data": [{"media": _fb_media(
        real, 1700000100, "Mobile uploads", "Named in full", {"latitude": 52.37, "longitude": 4.89})}]}]})
    ex.sidecar(posts_json, json.dumps(posts).encode())
    ex.expect_error("vague_media_uri", P_POSTS)
    write_zip(out, ex.entries)
    return ex.describe([out])


def hostile_wide_sidecar(out, members=3000000, data_mib=17):
    """Facebook export whose comments file holds an object of 3 million members and whose posts
    file has a post with a "data" array of 17 MiB (each cost ten times its size as a document);
    a photo in another post, one in the attachments beside the big "data", a comment of its own."""
    ex = Export("hostile_wide_sidecar", "facebook", root="facebook-jdoe-2024-05-01-Wide/")
    posts_json = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    comments_json = "your_facebook_activity/comments_and_reactions/comments.json"
    P_POSTS, P_COMMENTS = ex.p(posts_json), ex.p(comments_json)
    real = "your_facebook_activity/posts/media/Real_1/101.jpg"
    ex.media(real, jpeg_bytes(952, (240, 180)), "jpeg", caption="Still read",
             geo=_geo(52.37, 4.89, P_POSTS))
    beside = "your_facebook_activity/posts/media/Real_1/102.jpg"  # in the post with the big "data"
    ex.media(beside, jpeg_bytes(953, (240, 180)), "jpeg", caption="Beside the big data",
             geo=_geo(48.85, 2.35, P_POSTS))
    big_data = []
    while len(big_data) * 20 < data_mib << 20:
        big_data.append({"post": "padding post %07d" % len(big_data)})
    posts = [{"timestamp": 1700000000, "attachments": [{"data": [{"media": _fb_media(
                real, 1700000100, "Mobile uploads", "Still read", {"latitude": 52.37, "longitude": 4.89})}]}]},
             {"timestamp": 1700000200, "data": big_data, "attachments": [{"data": [{"media": _fb_media(
                beside, 1700000300, "Mobile uploads", "Beside the big data",
                {"latitude": 48.85, "longitude": 2.35})}]}]}]
    ex.sidecar(posts_json, json.dumps(posts).encode())
    comment = {"timestamp": 1700000300, "data": [{"comment": {"timestamp": 1700000300,
                                                               "comment": "a comment still read", "author": "Jan"}}],
               "title": "Jan commented on a post."}
    wide = '{"comments_v2": [%s], "wide": {%s}}' % (
        json.dumps(comment), ",".join('"k%d": {}' % i for i in range(members)))
    ex.sidecar(comments_json, wide.encode())
    ex.expect_error("invalid_sidecar", P_POSTS)
    ex.expect_error("invalid_sidecar", P_COMMENTS)
    write_zip(out, ex.entries)
    return ex.describe([out])


XSS = {
    "caption": '<script>alert("caption")</script><img src=x onerror=alert(1)>',
    "person": "</script><svg onload=alert(2)>",
    "album": '"><iframe src=javascript:alert(3)></iframe>',
    "folder": "<b onmouseover=alert(4)>bold",
}


def hostile_html(out):
    """Takeout whose captions, people, album title and folder names carry HTML/script payloads
    (the HTML report must escape them)."""
    ex = Export("hostile_html", "google_takeout")
    album = "Takeout/Google Photos/%s/" % XSS["folder"]
    t = T(2021, 2, 3, 4, 5, 6)
    ex.sidecar(album + "metadata.json", google_json({"title": XSS["album"], "description": XSS["caption"],
                                                     "access": "protected"}))
    ex.media(album + "IMG_20210203_040506.jpg", jpeg_bytes(995, (240, 180)), "jpeg", caption=XSS["caption"],
             album=XSS["album"], people=[XSS["person"]], taken=iso(t))
    ex.sidecar(album + "IMG_20210203_040506.jpg.supplemental-metadata.json",
               _takeout_sidecar("IMG_20210203_040506.jpg", t, desc=XSS["caption"], people=[XSS["person"]],
                                geo=(51.5, -0.12)))
    write_zip(out, ex.entries)
    d = ex.describe([out])
    d["payloads"] = dict(XSS)
    return d


CSV_FORMULA_NAMES = ["=1+2.jpg", "@SUM(1+1).jpg", "+cmd.jpg", "-2+3.jpg"]


def hostile_csv(out):
    """Entry names starting with = + - @ (spreadsheet formula injection through the CSV report);
    every photo carries EXIF GPS so that each gets a CSV row."""
    ex = Export("hostile_csv", "generic")
    for i, name in enumerate(CSV_FORMULA_NAMES):
        ex.media(name, jpeg_bytes(997 + i, (160, 120), gps=(52.0 + i / 100, 5.0)), "jpeg")
    write_zip(out, ex.entries)
    d = ex.describe([out])
    d["formula_names"] = list(CSV_FORMULA_NAMES)
    return d


TERMINAL_CAPTION = "Zomer\x1b[2J\x1b]0;owned\x07\x1b[31m rood\x1b[0m\r\x08 foto\u202e"


def hostile_terminal(out):
    """Takeout whose caption, album title and a file name carry terminal control sequences
    (ESC, BEL, CR, BS, RTL override): `list` and the console output must not pass them through."""
    ex = Export("hostile_terminal", "google_takeout")
    album = "Takeout/Google Photos/Photos from 2022/"
    t = T(2022, 8, 1, 12, 0, 0)
    name = "IMG_\x1b[8m20220801.jpg"
    ex.sidecar(album + "metadata.json", google_json({"title": "Album\x1b]2;pwned\x07", "description": "",
                                                     "access": "protected"}))
    ex.media(album + name, jpeg_bytes(996, (240, 180)), "jpeg", caption=TERMINAL_CAPTION, taken=iso(t))
    ex.sidecar(album + name + ".json", _takeout_sidecar(name, t, desc=TERMINAL_CAPTION, geo=(52.0, 5.0)))
    write_zip(out, ex.entries)
    return ex.describe([out])


# --------------------------------------------------------------------------- risky text

# (text, topics that must be found). An empty list means: nothing may be flagged (false friends,
# negations, neutral posts).
POSTS_TEXT = [
    # English
    ("Got absolutely hammered at Jake's last night, still hungover 🍺🍻", ["alcohol"]),
    ("The new bar chart for the quarterly review is ready, have a look", []),
    ("What a shot! Scored from 30 yards in the last minute ⚽", []),
    ("Passed the bar exam today, so proud", []),
    ("Wasted my whole afternoon in traffic again", []),
    ("I never drink before a match, water only", []),
    ("My boss is a complete idiot and I hate this job", ["employer"]),
    ("Called in sick today but actually went to the beach lol", ["employer"]),
    # Dutch
    ("Gisteren zo zat als een aap 🍻 nooit meer tequila", ["alcohol"]),
    ("Ik zat de hele dag in de trein naar Groningen", []),
    ("Ik ben het zat met die regen, wanneer wordt het zomer", []),
    ("Straalbezopen thuisgekomen, wat een feest", ["alcohol"]),
    ("Onze kater heeft vandaag een muis gevangen", []),
    ("Bel me op 06-12345678 of mail jan.devries@example.nl voor de sleutel", ["personal_data"]),
    ("Wie betaalt mee voor het cadeau? NL91 ABNA 0417 1643 00 t.n.v. J. de Vries", ["personal_data"]),
    ("Lekker blowen met de jongens vanavond", ["drugs"]),
    # German
    ("Total besoffen nach der Party gestern, nie wieder Wodka", ["alcohol"]),
    ("Wir waren heute im Zoo, die Kinder hatten viel Spaß", []),
    ("Ich war gar nicht betrunken, nur müde", []),
    # French
    ("Complètement bourré hier soir avec les potes 🍷🍷", ["alcohol"]),
    ("Un livre bourré de bonnes idées, je le recommande", []),
    ("Mon chef est un vrai connard, je démissionne", ["employer"]),
]
POSTS_COMMENTS = [
    ("Haha you were so wasted at the party 😂", ["alcohol"]),
    ("Great shot of the sunset!", []),
    ("Gefeliciteerd met je nieuwe baan!", []),
]
POSTS_PHOTO_CAPTION = "Zo dronken op het verjaardagsfeest van Piet 🍻🍻"


def posts_multilang(out):
    """Facebook export with text-only posts, comments and a captioned photo in English, Dutch,
    German and French, with false friends that must not be flagged ("bar chart", "zat" = sat)."""
    ex = Export("posts_multilang", "facebook", root="facebook-jdoe-2024-05-01-Txt/")
    posts_json = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    comments_json = "your_facebook_activity/comments_and_reactions/comments.json"
    photo = "your_facebook_activity/posts/media/Mobileuploads_1/20230101.jpg"
    ex.dir("")
    ex.texts = {}
    t0 = T(2023, 1, 1, 12, 0, 0)
    posts = []
    for i, (text, topics) in enumerate(POSTS_TEXT):
        posts.append({"timestamp": t0 + 3600 * i, "data": [{"post": text}], "title": "Jan de Vries updated his status."})
        ex.texts[ex.p(posts_json) + "#/%d" % i] = {"text": text, "topics": topics, "kind": "post"}
    media = _fb_media(photo, t0 - 60, "Mobile uploads", None, {"taken_timestamp": t0 - 3600})
    posts.append({"timestamp": t0 - 30, "attachments": [{"data": [{"media": media}]}],
                  "data": [{"post": POSTS_PHOTO_CAPTION}], "title": "Jan de Vries added a new photo."})
    ex.media(photo, jpeg_bytes(301, (320, 240)), "jpeg", caption=POSTS_PHOTO_CAPTION, text_topics=["alcohol"])
    ex.sidecar(posts_json, fb_json(posts))
    comments = []
    for i, (text, topics) in enumerate(POSTS_COMMENTS):
        comments.append({"timestamp": t0 + 60 * i, "data": [{"comment": {"timestamp": t0 + 60 * i, "comment": text,
                                                                         "author": "Jan de Vries"}}],
                         "title": "Jan de Vries commented on Piet's post."})
        ex.texts[ex.p(comments_json) + "#/comments_v2/%d" % i] = {"text": text, "topics": topics, "kind": "comment"}
    ex.sidecar(comments_json, fb_json({"comments_v2": comments}))
    write_zip(out, ex.entries)
    desc = ex.describe([out])
    desc["texts"] = ex.texts
    return desc


# --------------------------------------------------------------------------- registry and CLI

VARIANTS = {
    "facebook_2024": (facebook_2024, "facebook-jdoe-2024-05-01-AbCdEf.zip"),
    "facebook_legacy": (facebook_legacy, "facebook-jdoe.zip"),
    "facebook_html": (facebook_html, "facebook-jdoe-2024-05-01-HtMl.zip"),
    "instagram": (instagram, "instagram-jandevries-20230501.zip"),
    "instagram_html": (instagram_html, "instagram-jandevries-2024-05-01-HtMl.zip"),
    "snapchat_html": (snapchat_html, "mydata~1678829400000.zip"),
    "instagram_2024": (instagram_2024, "instagram-jandevries-2024-05-01-XyZ.zip"),
    "instagram_2024_media": (instagram_2024_media, "instagram-jandevries-2024-11-01-XyZ.zip"),
    "takeout": (takeout, "takeout-20240501T101010Z-001.zip"),
    "takeout_split": (takeout_split, "takeout-split"),
    "takeout_folder": (takeout_folder, "takeout-extracted"),
    "twitter": (twitter, "twitter-2024-05-01-abc123.zip"),
    "snapchat": (snapchat, "mydata~1719830000000.zip"),
    "linkedin": (linkedin, "Basic_LinkedInDataExport_05-01-2024.zip"),
    "generic": (generic, "generic"),
    "generic_zip": (generic_zip, "generic.zip"),
    "generic_tar": (generic_tar, "generic.tar"),
    "generic_tgz": (generic_tgz, "generic.tgz"),
    "generic_tbz2": (generic_tbz2, "generic.tar.bz2"),
    "generic_txz": (generic_txz, "generic.tar.xz"),
    "generic_7z": (generic_7z, "generic.7z"),
    "nested": (nested, "nested.zip"),
    "metadata_zoo": (metadata_zoo, "metadata_zoo.zip"),
    "posts_multilang": (posts_multilang, "facebook-jdoe-2024-05-01-Txt.zip"),
    "hostile_traversal": (hostile_traversal, "hostile_traversal.zip"),
    "hostile_links": (hostile_links, "hostile_links.tar"),
    "hostile_links_zip": (hostile_links_zip, "hostile_links_zip.zip"),
    "hostile_folder_links": (hostile_folder_links, "hostile_folder_links"),
    "hostile_encrypted": (hostile_encrypted, "hostile_encrypted.zip"),
    "hostile_big_entry": (hostile_big_entry, "hostile_big_entry.zip"),
    "hostile_total": (hostile_total, "hostile_total.zip"),
    "hostile_ratio": (hostile_ratio, "hostile_ratio.zip"),
    "hostile_many": (hostile_many, "hostile_many.zip"),
    "hostile_deep": (hostile_deep, "hostile_deep.zip"),
    "hostile_truncated": (hostile_truncated, "hostile_truncated.zip"),
    "hostile_truncated_tgz": (hostile_truncated_tgz, "hostile_truncated.tar.gz"),
    "hostile_lying_size": (hostile_lying_size, "hostile_lying_size.zip"),
    "hostile_corrupt_entry": (hostile_corrupt_entry, "hostile_corrupt_entry.zip"),
    "hostile_invalid_sidecar": (hostile_invalid_sidecar, "hostile_invalid_sidecar.zip"),
    "hostile_html": (hostile_html, "hostile_html.zip"),
    "hostile_terminal": (hostile_terminal, "hostile_terminal.zip"),
    "hostile_csv": (hostile_csv, "hostile_csv.zip"),
    "hostile_exif": (hostile_exif, "hostile_exif.zip"),
    "hostile_pixels": (hostile_pixels, "hostile_pixels.zip"),
    "hostile_confusion": (hostile_confusion, "hostile_confusion.zip"),
    "hostile_name_mismatch": (hostile_name_mismatch, "hostile_name_mismatch.zip"),
    "hostile_method_mismatch": (hostile_method_mismatch, "hostile_method_mismatch.zip"),
    "hostile_overlap": (hostile_overlap, "hostile_overlap.zip"),
    "hostile_million": (hostile_million, "hostile_million.zip"),
    "hostile_long_names": (hostile_long_names, "hostile_long_names.zip"),
    "hostile_vague_uri": (hostile_vague_uri, "hostile_vague_uri.zip"),
    "hostile_wide_sidecar": (hostile_wide_sidecar, "hostile_wide_sidecar.zip"),
}

FOLDER_VARIANTS = {"takeout_split", "takeout_folder", "generic", "hostile_folder_links"}


def build(variant, out):
    """Build VARIANT at OUT; when OUT is an existing folder (and the variant writes a single
    archive), the archive gets its usual name inside that folder."""
    fn, default = VARIANTS[variant]
    if variant not in FOLDER_VARIANTS and os.path.isdir(out):
        out = os.path.join(out, default)
    return fn(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Build realistic social-network data exports for tests.")
    ap.add_argument("variant", nargs="?", help="variant name (see --list)")
    ap.add_argument("out", nargs="?", help="output archive path, or folder")
    ap.add_argument("--list", action="store_true", help="list the variants")
    ap.add_argument("--describe", action="store_true", help="print the description (JSON) of what was written")
    args = ap.parse_args(argv)
    if args.list:
        for name, (fn, default) in VARIANTS.items():
            doc = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""
            print("%-24s %-42s %s" % (name, default, doc))
        return 0
    if not args.variant or not args.out:
        ap.error("VARIANT and OUT are required (or --list)")
    if args.variant not in VARIANTS:
        ap.error("unknown variant %r (see --list)" % args.variant)
    desc = build(args.variant, args.out)
    if args.describe:
        json.dump(desc, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print("wrote %s: %d media item(s)" % (", ".join(desc["sources"]), len(desc["items"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
