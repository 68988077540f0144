#!/usr/bin/env python3
"""End-to-end: --clean writes a cleaned copy of the export with location gone and everything else
kept (DESIGN.md): same entries, same pixels, untouched files byte-identical, sidecar coordinates
removed, findings marked fixed, the input never modified and never overwritten.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_clean.py
"""

import base64
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, describe, has_coords, is_metadata_location, main, run, tree_digest  # noqa: E402
from PIL import Image  # noqa: E402  (e2e_common makes Debian's Pillow importable)

GPS_IFD = 0x8825


def read_zip(path):
    with zipfile.ZipFile(path) as zf:
        return {zi.filename: zf.read(zi) for zi in zf.infolist() if not zi.is_dir()}


def read_folder(path):
    out = {}
    for dirpath, _, filenames in os.walk(path):
        for f in filenames:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, path).replace(os.sep, "/")] = fh.read()
    return out


def exif_of(data):
    im = Image.open(io.BytesIO(data))
    return im.getexif()


def has_gps(data):
    gps = exif_of(data).get_ifd(GPS_IFD)
    return bool(gps and (gps.get(2) or gps.get(4)))


def pixels(data):
    return Image.open(io.BytesIO(data)).convert("RGB").tobytes()


def coords_in(obj, found=None):
    """Every non-zero latitude/longitude pair left in a JSON document."""
    found = [] if found is None else found
    if isinstance(obj, dict):
        lat, lon = obj.get("latitude"), obj.get("longitude")
        try:
            if lat is not None and lon is not None and (float(lat) != 0.0 or float(lon) != 0.0):
                found.append((lat, lon))
        except (TypeError, ValueError):
            found.append((lat, lon))
        for v in obj.values():
            coords_in(v, found)
    elif isinstance(obj, list):
        for v in obj:
            coords_in(v, found)
    return found


def repair(s):
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


class CleanGenericTest(E2ECase):
    """Generic zip: the JPEG with EXIF GPS loses it; pixels and other EXIF stay; others byte-identical."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("generic_zip")
        cls.src = cls.desc["sources"][0]
        cls.before = tree_digest(cls.src)
        cls.outdir = os.path.join(cls.tmp, "out")
        os.makedirs(cls.outdir)
        cls.out_zip = os.path.join(cls.outdir, "clean.zip")
        cls.out_dir = os.path.join(cls.tmp, "clean-folder")
        cls.proc, cls.report = cls.scan([cls.src], ["--clean", cls.out_zip], tag="clean-zip")
        cls.proc_dir, cls.report_dir = cls.scan([cls.src], ["--clean", cls.out_dir], tag="clean-dir")

    def setUp(self):
        self.require_report(self.proc, self.report)
        self.assertTrue(os.path.isfile(self.out_zip), describe(self.proc))
        self.orig = read_zip(self.src)
        self.clean = read_zip(self.out_zip)

    def test_same_entries_in_the_same_order(self):
        self.assertEqual(list(self.clean), list(self.orig))

    def test_gps_removed_pixels_kept(self):
        p = "DCIM/Camera/IMG_20210815_183000.jpg"
        self.assertTrue(has_gps(self.orig[p]))
        self.assertFalse(has_gps(self.clean[p]), "GPS still in the cleaned JPEG")
        self.assertEqual(pixels(self.clean[p]), pixels(self.orig[p]), "pixels changed")

    def test_other_metadata_kept_with_strip_location(self):
        p = "DCIM/Camera/IMG_20210815_183000.jpg"
        exif = exif_of(self.clean[p])
        self.assertEqual(exif.get(0x010F), "samsung", "Make removed by --strip location")
        self.assertEqual(exif.get(0x0110), "SM-G991B", "Model removed by --strip location")

    def test_files_without_location_untouched(self):
        for p, data in self.orig.items():
            if p == "DCIM/Camera/IMG_20210815_183000.jpg":
                continue
            with self.subTest(entry=p):
                self.assertEqual(hashlib.sha256(self.clean[p]).hexdigest(), hashlib.sha256(data).hexdigest())

    def test_findings_marked_fixed(self):
        item = self.get_item(self.report, "DCIM/Camera/IMG_20210815_183000.jpg")
        gps = [f for f in item.get("findings", []) if f.get("signal") == "exif_gps"]
        self.assertTrue(gps, item)
        self.assertTrue(all(f.get("fixed") is True for f in gps), gps)
        self.assertGreaterEqual(self.report.get("summary", {}).get("location_fixed", 0), 1)

    def test_input_not_modified(self):
        self.assertEqual(tree_digest(self.src), self.before)

    def test_no_temporary_files_left(self):
        self.assertEqual(sorted(os.listdir(self.outdir)), ["clean.zip"])

    def test_clean_to_folder(self):
        self.assertEqual(self.proc_dir.returncode, 0, describe(self.proc_dir))
        files = read_folder(self.out_dir)
        self.assertEqual(sorted(files), sorted(self.orig))
        p = "DCIM/Camera/IMG_20210815_183000.jpg"
        self.assertFalse(has_gps(files[p]))
        self.assertEqual(pixels(files[p]), pixels(self.orig[p]))

    def test_strip_all(self):
        out = os.path.join(self.tmp, "clean-all.zip")
        proc, report = self.scan([self.src], ["--clean", out, "--strip", "all"], tag="clean-all")
        self.require_report(proc, report)
        p = "DCIM/Camera/IMG_20210815_183000.jpg"
        data = read_zip(out)[p]
        exif = exif_of(data)
        self.assertFalse(has_gps(data))
        self.assertIsNone(exif.get(0x010F), "Make kept by --strip all")
        self.assertEqual(pixels(data), pixels(self.orig[p]))

    def test_refuses_to_overwrite_input(self):
        before = tree_digest(self.src)
        p = run(["scan", self.src, "--clean", self.src], cwd=self.tmp)
        self.assertNotEqual(p.returncode, 0, "--clean onto the input itself must be refused")
        self.assertEqual(tree_digest(self.src), before)


class CleanZipMixin:
    """Scans the variant's zip with --clean OUT.zip once; the cleaned zip has the same entries in
    the same order."""
    variant = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build(cls.variant)
        cls.src = cls.desc["sources"][0]
        cls.out = os.path.join(cls.tmp, "clean.zip")
        cls.proc, cls.report = cls.scan([cls.src], ["--clean", cls.out], tag="clean")

    def setUp(self):
        self.require_report(self.proc, self.report)
        self.orig = read_zip(self.src)
        self.clean = read_zip(self.out)

    def test_same_entries_in_the_same_order(self):
        self.assertEqual(list(self.clean), list(self.orig))


class CleanTakeoutTest(CleanZipMixin, E2ECase):
    """Takeout: sidecar coordinates removed, the rest of each sidecar kept; EXIF GPS removed."""
    variant = "takeout"

    def test_sidecar_coordinates_removed_rest_kept(self):
        for name in self.desc["sidecars"]:
            with self.subTest(sidecar=name):
                before = json.loads(self.orig[name])
                after = json.loads(self.clean[name])
                self.assertEqual(coords_in(after), [], "coordinates left in %s" % name)
                for key in ("title", "description", "photoTakenTime", "creationTime", "people", "url"):
                    if key in before:
                        self.assertEqual(after.get(key), before[key], "%s changed in %s" % (key, name))

    def test_exif_gps_removed(self):
        p = "Takeout/Google Photos/Trip to Gent/IMG_20190512_140322.jpg"
        self.assertFalse(has_gps(self.clean[p]))
        self.assertEqual(pixels(self.clean[p]), pixels(self.orig[p]))

    def test_sidecar_findings_fixed(self):
        for path, exp in self.desc["items"].items():
            if exp.get("geo"):
                item = self.get_item(self.report, path)
                for f in item.get("findings", []):
                    if is_metadata_location(f):
                        self.assertIs(f.get("fixed"), True, "%s: %s" % (path, f))


class CleanTakeoutSplitTest(E2ECase):
    """Three Takeout parts cleaned into one zip: every entry of every part, coordinates removed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("takeout_split")
        cls.out = os.path.join(cls.tmp, "clean.zip")
        cls.proc, cls.report = cls.scan(cls.desc["sources"], ["--clean", cls.out], tag="clean")

    def setUp(self):
        self.require_report(self.proc, self.report)

    def test_union_of_parts(self):
        orig = {}
        for part in self.desc["sources"]:
            orig.update(read_zip(part))
        clean = read_zip(self.out)
        self.assertEqual(sorted(clean), sorted(orig))
        for name in self.desc["sidecars"]:
            with self.subTest(sidecar=name):
                self.assertEqual(coords_in(json.loads(clean[name])), [])


class CleanFacebookTest(CleanZipMixin, E2ECase):
    """Facebook: exif_data latitude/longitude and place coordinates removed; captions kept."""
    variant = "facebook_2024"

    def test_coordinates_removed(self):
        for name in self.desc["sidecars"]:
            with self.subTest(sidecar=name):
                self.assertEqual(coords_in(json.loads(self.clean[name])), [])

    def test_captions_kept(self):
        posts = [n for n in self.desc["sidecars"] if n.endswith("your_posts__check_ins__photos_and_videos_1.json")][0]
        before, after = json.loads(self.orig[posts]), json.loads(self.clean[posts])
        texts_before = [repair(p["data"][0]["post"]) for p in before if p.get("data")]
        texts_after = [repair(p["data"][0]["post"]) for p in after if p.get("data")]
        self.assertEqual(texts_after, texts_before)

    def test_media_untouched(self):
        for p in self.desc["items"]:
            with self.subTest(item=p):
                self.assertEqual(self.clean[p], self.orig[p])


LOCATION_TAGS = {"GPSLatitude", "GPSLongitude", "GPSCoordinates", "GPSPosition", "City", "Sub-location",
                 "Country-PrimaryLocationName", "Province-State", "LocationCreated"}


def exiftool_tags(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "f" + suffix)
        with open(path, "wb") as f:
            f.write(data)
        out = subprocess.run(["exiftool", "-j", "-G1", "-a", "-n", path], check=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return json.loads(out)[0]


@unittest.skipUnless(shutil.which("exiftool"), "exiftool (libimage-exiftool-perl) not installed")
class MetadataZooTest(E2ECase):
    """EXIF/XMP/IPTC/QuickTime location and camera identity: found, then removed by --clean."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("metadata_zoo")
        cls.src = cls.desc["sources"][0]
        cls.out = os.path.join(cls.tmp, "clean.zip")
        cls.out_all = os.path.join(cls.tmp, "clean-all.zip")
        cls.proc, cls.report = cls.scan([cls.src], ["--clean", cls.out], tag="clean")
        cls.proc_all, cls.report_all = cls.scan([cls.src], ["--clean", cls.out_all, "--strip", "all"],
                                                tag="clean-all")

    def setUp(self):
        self.require_report(self.proc, self.report)
        self.orig = read_zip(self.src)
        self.clean = read_zip(self.out)

    def test_location_signals(self):
        for path, exp in self.desc["items"].items():
            if "signals" not in exp:
                continue
            with self.subTest(item=path):
                item = self.get_item(self.report, path)
                loc = [f for f in item.get("findings", []) if is_metadata_location(f)]
                got = sorted([f.get("signal"), f.get("where")] for f in loc)
                self.assertEqual(got, sorted(exp["signals"]), item.get("findings"))
                for f in loc:
                    if exp.get("gps"):
                        self.assertTrue(has_coords(f.get("evidence"), exp["gps"]["lat"], exp["gps"]["lon"]), f)
                    for w in exp.get("place_words", []):
                        self.assertIn(w, f.get("evidence", ""))

    def test_identity_metadata(self):
        item = self.get_item(self.report, "owner.jpg")
        ident = [f for f in item.get("findings", []) if f.get("category") == "identity"]
        evidence = " ".join(f.get("evidence", "") for f in ident)
        for word in self.desc["items"]["owner.jpg"]["identity"]:
            self.assertIn(word, evidence)
        self.assertTrue(all(f.get("where") == "exif" for f in ident), ident)
        self.assertTrue(all(f.get("fixed") is False for f in ident), "--strip location keeps identity: %s" % ident)

    def test_location_removed_everywhere(self):
        for path, exp in self.desc["items"].items():
            with self.subTest(item=path):
                tags = exiftool_tags(self.clean[path], os.path.splitext(path)[1])
                left = sorted(k for k in tags if k.split(":")[-1] in LOCATION_TAGS)
                self.assertEqual(left, [], "location metadata left in the cleaned %s" % path)

    def test_findings_fixed(self):
        for it in self.report.get("items", []):
            for f in it.get("findings", []):
                if is_metadata_location(f):
                    self.assertIs(f.get("fixed"), True, "%s: %s" % (it.get("path"), f))

    def test_pixels_unchanged(self):
        for path, exp in self.desc["items"].items():
            if exp["type"] in ("jpeg", "png"):
                with self.subTest(item=path):
                    self.assertEqual(pixels(self.clean[path]), pixels(self.orig[path]))

    def test_strip_location_keeps_the_rest(self):
        tags = exiftool_tags(self.clean["owner.jpg"], ".jpg")
        self.assertEqual(tags.get("ExifIFD:SerialNumber"), "SN123456789")
        self.assertEqual(tags.get("IFD0:Make"), "Canon")
        tags = exiftool_tags(self.clean["exif_gps.jpg"], ".jpg")
        self.assertEqual(tags.get("IFD0:Model"), "EOS 80D")

    def test_strip_all(self):
        report = self.require_report(self.proc_all, self.report_all)
        clean = read_zip(self.out_all)
        tags = exiftool_tags(clean["owner.jpg"], ".jpg")
        for key in ("ExifIFD:SerialNumber", "ExifIFD:OwnerName", "IFD0:Artist", "IFD0:Make"):
            self.assertNotIn(key, tags)
        self.assertEqual(pixels(clean["owner.jpg"]), pixels(self.orig["owner.jpg"]))
        item = self.get_item(report, "owner.jpg")
        ident = [f for f in item.get("findings", []) if f.get("category") == "identity"]
        self.assertTrue(ident and all(f.get("fixed") is True for f in ident), ident)


class CleanDenseEntriesTest(E2ECase):
    """Entries that deflate densely, stored in the input: a sidecar padded with megabytes of
    spaces, a 17 MiB page of blanks, a page whose first 3 MiB are blanks and the rest noise
    (dense only in its first part), a page that deflates 30-fold. The cleaned export stores
    whatever would deflate more than half the --max-ratio of the run (and of the default), so
    that it can be read again: by the verification (the sidecar's coordinates count as removed,
    with no not_cleaned error) and by a later scan with the same limit (no compression bomb).
    Before, all were deflated and refused on reading back. At the top of the zip and inside a
    zip in the export."""
    SIDECAR = "Takeout/Google Photos/Trip to Gent/IMG_20190512_140322.jpg.json"
    PHOTO = "Takeout/Google Photos/Trip to Gent/IMG_20190512_140322.jpg"
    DENSE = ("Takeout/blank.html", "Takeout/blank_then_noise.html")  # stored whatever the limit
    THIRTYFOLD = "Takeout/activity.html"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        src = cls.build("takeout")["sources"][0]
        rng = random.Random(1)
        cls.padded = os.path.join(cls.tmp, "padded.zip")
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(cls.padded, "w", zipfile.ZIP_STORED) as zout:
            for zi in zin.infolist():
                data = zin.read(zi)
                if zi.filename == cls.SIDECAR:
                    data = data.rstrip()[:-1] + b" " * 3_000_000 + b"}"
                zout.writestr(zi.filename, data)
            zout.writestr(cls.DENSE[0], b"<html><body>" + b" " * (17 << 20) + b"</body></html>")
            noise = base64.b64encode(rng.randbytes(6 << 20))
            zout.writestr(cls.DENSE[1], b"<html><body>" + b" " * (3 << 20) + noise + b"</body></html>")
            lines = ('<p>{"title": "Mobile uploads", "timestamp": %d, "uri": "photos/a.jpg"}</p>\n'
                     % (1600000000 + rng.randrange(100)) for _ in range(40000))
            zout.writestr(cls.THIRTYFOLD, "".join(lines).encode())
        cls.nested = os.path.join(cls.tmp, "nested.zip")
        with zipfile.ZipFile(cls.nested, "w", zipfile.ZIP_STORED) as zout:
            zout.write(cls.padded, "export/padded.zip")

    def clean_and_rescan(self, source, prefix, limits=()):
        out = os.path.join(self.tmp, "clean-%d.zip" % len(os.listdir(self.tmp)))
        proc, report = self.scan([source], ["--clean", out] + list(limits), tag="dense")
        self.require_report(proc, report)
        item = self.get_item(report, prefix + self.PHOTO)
        sidecar = [f for f in item["findings"] if f.get("where") == "sidecar:" + prefix + self.SIDECAR]
        self.assertTrue(sidecar and all(f.get("fixed") is True for f in sidecar), item)
        self.assertEqual(item.get("errors", []), [])
        self.assertEqual(report.get("errors", []), [])
        for again_limits in {tuple(limits), ()}:
            proc, again = self.scan([out], list(again_limits), tag="dense-again")
            self.require_report(proc, again)
            self.assertEqual(again.get("errors", []), [], "the cleaned export cannot be read again %s" % (again_limits,))
            self.assertEqual(self.get_item(again, prefix + self.PHOTO).get("errors", []), [])
        return out

    def assert_stored(self, zf, lowered):
        self.assertEqual(coords_in(json.loads(zf.read(self.SIDECAR))), [])
        for name in (self.SIDECAR,) + self.DENSE + ((self.THIRTYFOLD,) if lowered else ()):
            self.assertEqual(zf.getinfo(name).compress_type, zipfile.ZIP_STORED, name)
        if not lowered:  # 30-fold is fine under the default 200
            self.assertEqual(zf.getinfo(self.THIRTYFOLD).compress_type, zipfile.ZIP_DEFLATED)
        self.assertEqual(zf.getinfo(self.DENSE[0]).file_size, (17 << 20) + 26)

    def test_top_level(self):
        with zipfile.ZipFile(self.clean_and_rescan(self.padded, "")) as zf:
            self.assert_stored(zf, lowered=False)

    def test_top_level_under_a_lower_max_ratio(self):
        with zipfile.ZipFile(self.clean_and_rescan(self.padded, "", ["--max-ratio", "20"])) as zf:
            self.assert_stored(zf, lowered=True)

    def test_a_rebuilt_tar_gz_that_does_not_read_back_is_said(self):
        """A tar.gz in the export is rebuilt compressed as a whole; a sidecar of 10 MB of blanks
        inside then deflates past --max-ratio 50 and does not read back. Its coordinates are not
        counted as removed, and the item's error says why (it said "location is still present")."""
        tar_bytes = io.BytesIO()
        with zipfile.ZipFile(self.padded) as zin, tarfile.open(fileobj=tar_bytes, mode="w") as tar:
            for zi in zin.infolist():
                data = zin.read(zi)
                if zi.filename == self.SIDECAR:
                    data = data.rstrip()[:-1] + b" " * (10 << 20) + b"}"
                info = tarfile.TarInfo(zi.filename)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        outer = os.path.join(self.tmp, "outer_tgz.zip")
        with zipfile.ZipFile(outer, "w", zipfile.ZIP_STORED) as zout:
            zout.writestr("export/inner.tar.gz", gzip.compress(tar_bytes.getvalue(), compresslevel=0))
        out = os.path.join(self.tmp, "clean-tgz.zip")
        proc, report = self.scan([outer], ["--clean", out, "--max-ratio", "50"], tag="dense-tgz")
        self.require_report(proc, report)
        prefix = "export/inner.tar.gz/"
        item = self.get_item(report, prefix + self.PHOTO)
        sidecar = [f for f in item["findings"] if f.get("where") == "sidecar:" + prefix + self.SIDECAR]
        self.assertTrue(sidecar and all(f.get("fixed") is False for f in sidecar), item)
        messages = [e["message"] for e in item.get("errors", []) if e.get("code") == "not_cleaned"]
        self.assertEqual(len(messages), 1, item)
        self.assertIn("could not be read back", messages[0])
        self.assertIn("--max-ratio", messages[0])

    def test_inside_a_zip_in_the_export(self):
        for limits, lowered in (((), False), (("--max-ratio", "20"), True)):
            with self.subTest(limits=limits):
                with zipfile.ZipFile(self.clean_and_rescan(self.nested, "export/padded.zip/", limits)) as zf:
                    with zipfile.ZipFile(io.BytesIO(zf.read("export/padded.zip"))) as inner:
                        self.assert_stored(inner, lowered)

if __name__ == "__main__":
    main()
