#!/usr/bin/env python3
"""Writes the seed corpora of the libFuzzer targets (tests/fuzz/*_fuzzer.cc) into OUT/<target>/.

    /usr/bin/python3 tests/fuzz/make_seeds.py OUT

Seeds are generated, never committed: small valid inputs of every kind each target reads, built
with scripts/make_export.py's helpers (and its export variants, from which the sidecars and the
metadata zoo are taken). Deterministic: the same files on every run.
"""
import hashlib
import io
import os
import re
import shutil
import sys
import tarfile
import tempfile
import warnings
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import make_export as mx  # noqa: E402

from PIL import Image  # noqa: E402  (make_export has put Debian's PIL on the path)

# The names the first byte of a sidecar seed picks from (index = byte), from sidecar_names.h.
with open(os.path.join(HERE, "sidecar_names.h"), encoding="utf-8") as _f:
    _table = _f.read().split("kSidecarNames[] = {", 1)[1].split("};", 1)[0]
SIDECAR_NAMES = re.findall(r'"([^"]+)"', _table)

MAX_SEED = 64 * 1024  # the run's -max_len for archives; smaller inputs mutate faster


def write(out, name, data):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def entries_of(path):
    """(name, bytes) of every file in an archive or folder make_export wrote."""
    if os.path.isdir(path):
        for root, _, files in sorted(os.walk(path)):
            for f in sorted(files):
                p = os.path.join(root, f)
                with open(p, "rb") as fh:
                    yield os.path.relpath(p, path), fh.read()
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for zi in zf.infolist():
                if not zi.is_dir() and not zi.flag_bits & 1:
                    yield zi.filename, zf.read(zi)
    elif tarfile.is_tarfile(path):
        with tarfile.open(path) as tf:
            for ti in tf.getmembers():
                if ti.isfile():
                    yield ti.name, tf.extractfile(ti).read()


def build_variant(variant, tmp):
    """Builds a make_export variant under tmp; its sources, or [] when a tool it needs is missing."""
    out = os.path.join(tmp, variant)
    os.makedirs(out, exist_ok=True)
    try:
        return mx.build(variant, out)["sources"]
    except (RuntimeError, OSError) as e:
        print("make_seeds: skipped %s: %s" % (variant, e), file=sys.stderr)
        return []


# --------------------------------------------------------------------------- media

def small_media():
    """Tiny photos and videos carrying location and identity metadata."""
    gps = (52.3702, 4.8952)
    taken = mx.T(2019, 5, 12, 23, 48)
    media = {
        "gps.jpg": mx.jpeg_bytes(1, (40, 32), gps=gps, taken=taken, make="Canon", model="EOS"),
        "south_west.jpg": mx.jpeg_bytes(2, (40, 32), gps=(-33.86, -151.2)),
        "plain.jpg": mx.jpeg_bytes(3, (40, 32)),
        "plain.png": mx.png_bytes(4, (40, 32)),
        "gps.mp4": mx.mp4_bytes(5, gps=gps),
        "plain.mp4": mx.mp4_bytes(6),
        "plain.heic": mx.heic_bytes(7),
    }
    exif = Image.open(io.BytesIO(media["gps.jpg"])).getexif().tobytes()
    im = Image.new("RGB", (8, 8), (200, 30, 30))
    for fmt, name, kw in (("PNG", "exif.png", {"exif": exif}), ("WEBP", "exif.webp", {"exif": exif}),
                          ("TIFF", "exif.tif", {"exif": exif}), ("GIF", "plain.gif", {})):
        buf = io.BytesIO()
        try:
            im.save(buf, fmt, **kw)
        except (KeyError, OSError, ValueError):  # a Pillow built without that format
            continue
        media[name] = buf.getvalue()
    return media


TRACK_SEEDS = {
    "track.gpx": b'<gpx><metadata><bounds minlat="48.85" minlon="2.29" maxlat="48.86" maxlon="2.3"/></metadata>'
                 b'<wpt lat="48.8584" lon="2.2945"><name>Home</name><extensions><gpxx:Address><gpxx:City>Paris'
                 b'</gpxx:City></gpxx:Address></extensions></wpt><trk><trkseg><trkpt lon="2.2946" lat="48.8585">'
                 b'<ele>80.5</ele></trkpt></trkseg></trk></gpx>',
    "track.kml": b'<kml><Placemark><name>Cafe</name><address><![CDATA[1 Rue Cler]]></address><!-- c -->'
                 b'<xal:AddressDetails><xal:Locality>Paris</xal:Locality></xal:AddressDetails><LookAt><longitude>2.29'
                 b'</longitude><latitude>48.85</latitude></LookAt><coordinates>2.29,48.85,0 2.3, 48.86</coordinates>'
                 b'<gx:coord>2.29 48.85 80</gx:coord></Placemark></kml>',
    "track.srt": b'1\n00:00:00,000 --> 00:00:00,033\n[latitude: 48.858400] [longitude: 2.294500] [rel_alt: 1.2]\n'
                 b'GPS(2.2945,48.8584,80) HOME(2.2945,48.8584)\n',
    "track.geojson": b'{"type": "Feature", "properties": {"address": "1 Main St"},'
                     b' "geometry": {"type": "LineString", "coordinates": [[2.2945, 48.8584, 80], [-0.12, 51.5]]}}',
}


def metadata_seeds(out, tmp):
    for name, data in small_media().items():
        write(out, name, data)
    for name, data in TRACK_SEEDS.items():  # cleaned as track files (metadata_fuzzer.cc)
        write(out, name, data)
    for source in build_variant("metadata_zoo", tmp):
        for name, data in entries_of(source):
            if len(data) <= MAX_SEED and mx.KIND.get(name.rsplit(".", 1)[-1].lower(), "image") != "other":
                write(out, "zoo_" + name.replace("/", "_"), data)


# --------------------------------------------------------------------------- archives

def archive_seeds(out, tmp):
    E = mx.Entry
    media = small_media()
    sidecar = mx._takeout_sidecar("IMG_0001.jpg", mx.T(2019, 5, 12), geo=(52.37, 4.89), people=["Ann"])
    tweets = b'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1234", "full_text": "cheers"}}]'
    basic = [E("Takeout/", type="dir"), E("Takeout/Google Photos/Trip/IMG_0001.jpg", media["gps.jpg"]),
             E("Takeout/Google Photos/Trip/IMG_0001.jpg.json", sidecar),
             E("data/tweets.js", tweets), E("data/tweets_media/1234-a.mp4", media["gps.mp4"]),
             E("notes.txt", b"hello\n")]
    write(out, "basic.zip", mx.zip_bytes(basic))
    write(out, "stored.zip", mx.zip_bytes(basic, compress=zipfile.ZIP_STORED))
    for suffix, compression in (("tar", ""), ("tgz", "gz"), ("tbz2", "bz2"), ("txz", "xz")):
        write(out, "basic." + suffix, mx.tar_bytes(basic, compression))
    seven = os.path.join(tmp, "basic.7z")
    try:
        mx.write_7z(seven, [e for e in basic if e.type == "file"])
        with open(seven, "rb") as f:
            write(out, "basic.7z", f.read())
    except (RuntimeError, OSError) as e:
        print("make_seeds: skipped 7z: %s" % e, file=sys.stderr)

    inner = mx.zip_bytes([E("deep/c.jpg", media["plain.jpg"])])
    middle = mx.tar_bytes([E("b.zip", inner), E("b.png", media["plain.png"])], "gz")
    write(out, "nested.zip", mx.zip_bytes([E("a.tgz", middle), E("a.jpg", media["south_west.jpg"])]))
    # Entries of 64 KiB and more are deferred (EntryFetcher): one that inflates normally, one
    # that trips the ratio limit, one stored.
    # (1 KiB of noise repeated inflates about 30 times: under the ratio limit.)
    rnd = hashlib.shake_256(b"mediascan").digest(1024) * 66
    big = [E("big/noise.jpg", media["plain.jpg"] + rnd), E("big/zeros.jpg", bytes(100 * 1024)),
           E("big/stored.bin", rnd[:65 * 1024], compress=zipfile.ZIP_STORED)]
    write(out, "deferred.zip", mx.zip_bytes(big))
    hostile = [E("../escape.jpg", media["plain.jpg"]), E("/abs.jpg", media["plain.jpg"]),
               E("link.jpg", type="symlink", link="../../etc/passwd"), E("dup.jpg", media["plain.jpg"]),
               E("dup.jpg", media["gps.jpg"])]
    with warnings.catch_warnings():  # the duplicate name is the point
        warnings.simplefilter("ignore")
        write(out, "hostile.zip", mx.zip_bytes(hostile))
    write(out, "hostile.tar", mx.tar_bytes(hostile + [E("hard.jpg", type="hardlink", link="dup.jpg"),
                                                      E("dev", type="chr", devmajor=1, devminor=3)]))
    truncated = mx.zip_bytes(basic)
    write(out, "truncated.zip", truncated[: len(truncated) * 2 // 3])
    for variant in ("hostile_traversal", "hostile_links", "hostile_links_zip", "hostile_encrypted",
                    "hostile_truncated", "hostile_truncated_tgz", "hostile_lying_size",
                    "hostile_corrupt_entry", "hostile_deep", "hostile_invalid_sidecar", "generic_7z"):
        for source in build_variant(variant, tmp):
            if os.path.isfile(source) and os.path.getsize(source) <= MAX_SEED:
                shutil.copy(source, os.path.join(out, variant + "_" + os.path.basename(source)))


# --------------------------------------------------------------------------- sidecars

def pick(fuzz_name):
    return SIDECAR_NAMES.index(fuzz_name)


def sidecar_selector(name):
    """The index into SIDECAR_NAMES whose parser a sidecar of this name goes to."""
    n = name.lower()
    if n.endswith(".csv"):
        base = n.rsplit("/", 1)[-1]
        return pick({"shares.csv": "Shares.csv", "comments.csv": "Comments.csv"}.get(base, "Connections.csv"))
    if n.endswith(".js"):
        return pick("data/tweets.js")
    if "memories_history" in n:
        return pick("json/memories_history.json")
    if "takeout" in n or "google photos" in n:
        if n.endswith("metadata.json") and not n.endswith("supplemental-metadata.json"):
            return pick("Takeout/Google Photos/Trip 2019/metadata.json")
        if "supplemental" in n:
            return pick("Takeout/Google Photos/Trip 2019/IMG_0001.jpg.supplemental-metadata.json")
        return pick("Takeout/Google Photos/Trip 2019/IMG_0001.jpg.json")
    if "instagram" in n or "/content/" in n or n.startswith("content/"):
        return pick("your_instagram_activity/content/posts_1.json")
    if "group" in n:
        return pick("your_facebook_activity/groups/group_posts_and_comments.json")
    if "album" in n:
        return pick("your_facebook_activity/posts/album/0.json")
    return pick("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json")


def sidecar_seeds(out, tmp):
    seen = set()
    for variant in ("facebook_2024", "facebook_legacy", "instagram", "instagram_2024", "takeout",
                    "twitter", "snapchat", "linkedin", "posts_multilang", "hostile_csv"):
        for source in build_variant(variant, tmp):
            for name, data in entries_of(source):
                if not name.lower().endswith((".json", ".js", ".csv")) or len(data) > 16 * 1024:
                    continue
                seed = bytes([sidecar_selector(name)]) + data
                digest = hashlib.sha1(seed).hexdigest()[:12]
                if digest not in seen:
                    seen.add(digest)
                    write(out, "%s_%s" % (variant, digest), seed)
    # Shapes the exports above may not hold.
    extra = {
        "Takeout/Google Photos/Trip 2019/IMG_0001.jpg.json": b'{"title": "a.jpg", "geoData": {"latitude": 1e308, "longitude": -0.0}, "photoTakenTime": {"timestamp": "-1"}}',
        "Takeout/Google Photos/Trip 2019/metadata.json": b'{"albumData": {"title": "Trip", "date": {"timestamp": "0"}}}',
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": b'[{"attachments": [{"data": [{"place": {"name": "Bar", "coordinate": {"latitude": 52.1, "longitude": 4.2}}}]}], "data": [{"post": "\\u00c3\\u00a9"}]}]',
        "json/memories_history.json": b'{"Saved Media": [{"Date": "2020-01-01 10:00:00 UTC", "Media Type": "Video", "Location": "Latitude, Longitude: 52.37, 4.89", "Download Link": "https://x/?mid=0a1b2c3d-0000-4000-8000-0123456789ab"}]}',
        "data/tweets.js": b'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": "hi", "coordinates": {"coordinates": ["4.8", "52.3"]}}}]',
        "Shares.csv": b'Date,ShareLink,ShareCommentary\n2020-01-01,"https://x","a ""quoted""\nline"\n',
    }
    for i, (name, content) in enumerate(extra.items()):
        write(out, "extra_%d" % i, bytes([pick(name)]) + content)


# --------------------------------------------------------------------------- text

TEXTS = [
    "Totally wasted at the bar last night, so many beers 🍺🍺",
    "Was zo zat gisteren, bier en wodka in de kroeg",
    "Schon wieder betrunken, Prost! Ruf mich an: +49 170 1234567",
    "Soirée arrosée, trop de vin 🍷 — IBAN FR76 3000 6000 0112 3456 7890 189",
    "Call me at +31 6 12345678 or mail jdoe@example.com, I live at 12 Main Street",
    "Card 4111 1111 1111 1111 exp 12/26",
    "not drunk at all, just a bar chart of the barbecue",
    "ÀÉÎÕÜ ß ÿ ﬁ İ ǅ \u200b\u200d👨‍👩‍👧 \U0001F1F3\U0001F1F1",
    "",
]


def text_seeds(out):
    for i, t in enumerate(TEXTS):
        write(out, "text_%d" % i, t.encode("utf-8"))
    write(out, "invalid_utf8", b"caf\xc3 \xff\xfe bar \xe2\x82 \xf0\x9f\x8d")


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = argv[1]
    with tempfile.TemporaryDirectory(prefix="mediascan-seeds-") as tmp:
        for target in ("archive", "sidecar", "metadata", "text"):
            shutil.rmtree(os.path.join(root, target), ignore_errors=True)
        archive_seeds(os.path.join(root, "archive"), tmp)
        sidecar_seeds(os.path.join(root, "sidecar"), tmp)
        metadata_seeds(os.path.join(root, "metadata"), tmp)
        text_seeds(os.path.join(root, "text"))
    for target in ("archive", "sidecar", "metadata", "text"):
        d = os.path.join(root, target)
        print("make_seeds: %s: %d seeds" % (d, len(os.listdir(d))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
