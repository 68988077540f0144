#!/usr/bin/env python3
"""End-to-end: archive formats (folder, zip, tar, tgz, tbz2, txz, 7z), nested archives and
media types decided by magic bytes, not by extension.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_archives.py
"""

import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, describe, main, make_export  # noqa: E402


class GenericMixin:
    variant = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build(cls.variant)
        cls.proc, cls.report = cls.scan_desc(cls.desc)

    def setUp(self):
        self.require_report(self.proc, self.report)

    def test_layout_generic(self):
        self.assert_layout(self.report, self.desc)

    def test_every_media_item_exactly_once(self):
        self.assert_items_exactly_once(self.report, self.desc)

    def test_kind_and_type_from_magic_bytes(self):
        self.assert_all_items(self.report, self.desc, check_type=True)

    def test_jpeg_named_png(self):
        item = self.get_item(self.report, "Pictures/not_really.png")
        self.assertEqual((item.get("kind"), item.get("type")), ("image", "jpeg"))

    def test_png_named_dat(self):
        item = self.get_item(self.report, "Pictures/blob.dat")
        self.assertEqual((item.get("kind"), item.get("type")), ("image", "png"))

    def test_text_named_jpg(self):
        item = self.get_item(self.report, "Pictures/notes.jpg")
        self.assertEqual(item.get("kind"), "other")
        self.assertIn("unknown_format", [e.get("code") for e in item.get("errors", [])])

    def test_heic_and_mp4(self):
        heic = self.get_item(self.report, "Pictures/IMG_5678.HEIC")
        self.assertEqual((heic.get("kind"), heic.get("type")), ("image", "heic"))
        mp4 = self.get_item(self.report, "DCIM/Camera/VID_20210815_190000.mp4")
        self.assertEqual((mp4.get("kind"), mp4.get("type")), ("video", "mp4"))

    def test_exif_gps(self):
        item = self.get_item(self.report, "DCIM/Camera/IMG_20210815_183000.jpg")
        gps = [f for f in item.get("findings", []) if f.get("signal") == "exif_gps"]
        self.assertTrue(gps, item.get("findings"))
        self.assertEqual(gps[0].get("category"), "location")
        self.assertEqual(gps[0].get("where"), "exif")

    def test_no_context_without_sidecars(self):
        for it in self.report.get("items", []):
            ctx = it.get("context") or {}
            self.assertFalse(ctx.get("caption"), it.get("path"))
            self.assertFalse(ctx.get("album"), it.get("path"))

    def test_no_top_level_errors(self):
        self.assertEqual(self.report.get("errors", []), [])


class FolderTest(GenericMixin, E2ECase):
    variant = "generic"


class ZipTest(GenericMixin, E2ECase):
    variant = "generic_zip"


class TarTest(GenericMixin, E2ECase):
    variant = "generic_tar"


class TgzTest(GenericMixin, E2ECase):
    variant = "generic_tgz"


class Tbz2Test(GenericMixin, E2ECase):
    variant = "generic_tbz2"


class TxzTest(GenericMixin, E2ECase):
    variant = "generic_txz"


class SevenZipTest(GenericMixin, E2ECase):
    variant = "generic_7z"


class NestedTest(E2ECase):
    """outer zip > inner.zip > deeper.tar.gz: item paths are inner.zip/... and inner.zip/deeper.tar.gz/..."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("nested")
        cls.proc, cls.report = cls.scan_desc(cls.desc)

    def setUp(self):
        self.require_report(self.proc, self.report)

    def test_nested_paths(self):
        self.assert_items_exactly_once(self.report, self.desc)
        self.assert_all_items(self.report, self.desc, check_type=True)

    def test_source_is_outer_archive(self):
        for it in self.report.get("items", []):
            self.assertEqual(os.path.basename((it.get("source") or "").rstrip("/")), "nested.zip", it.get("path"))

    def test_no_errors(self):
        self.assertEqual(self.report.get("errors", []), [])


class Cp437NamesTest(E2ECase):
    """A zip written without the UTF-8 flag (Windows' "Compressed folder") names its entries in
    CP437: read as such, as Explorer and Python's zipfile do. Its bytes were replaced by U+FFFD,
    so Jörg.jpg and Jürg.jpg were one name, the second refused as duplicate_path, and the
    cleaned zip named every such file "J\ufffdrg.jpg"."""

    NAMES = ["Urlaub/Jörg.jpg", "Urlaub/Jürg.jpg", "Urlaub/Mädchen.jpg"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.src = os.path.join(cls.tmp, "cp437.zip")
        # zipfile writes an ASCII name without the UTF-8 flag: same-length placeholders, then
        # the CP437 bytes in their place (central directory and local headers alike).
        placeholders = ["Urlaub/%s.jpg" % (chr(65 + i) * (len(n.encode("cp437")) - 11)) for i, n in enumerate(cls.NAMES)]
        with zipfile.ZipFile(cls.src, "w") as zf:
            for i, p in enumerate(placeholders):
                zf.writestr(p, make_export.jpeg_bytes(i))
            zf.writestr("Urlaub/caf\u00e9.jpg", make_export.jpeg_bytes(9))  # UTF-8, flagged
        with open(cls.src, "rb") as f:
            data = f.read()
        for p, n in zip(placeholders, cls.NAMES):
            data = data.replace(p.encode(), n.encode("cp437"))
        with open(cls.src, "wb") as f:
            f.write(data)
        cls.clean = os.path.join(cls.tmp, "clean.zip")
        cls.proc, cls.report = cls.scan([cls.src], ["--clean", cls.clean])

    def test_names_decoded_as_cp437(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))
        self.assertEqual(self.report["errors"], [])
        self.assertEqual(sorted(it["path"] for it in self.report["items"]), sorted(self.NAMES + ["Urlaub/caf\u00e9.jpg"]))

    def test_clean_copy_keeps_the_names(self):
        with zipfile.ZipFile(self.clean) as zf:
            self.assertEqual(sorted(n for n in zf.namelist() if not n.endswith("/")),
                             sorted(self.NAMES + ["Urlaub/caf\u00e9.jpg"]))


class SamePathInTwoPartsTest(E2ECase):
    """Parts of one export that hold the same path: the same file (a split Takeout's
    archive_browser.html) is read and written once, without an error; another file under that
    path is a duplicate_path error naming both parts, and only the first part's is checked and
    copied. The cleaned zip held the path twice; the cleaned folder kept the first part's file
    while the second's item said it was fixed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        html = b"<!DOCTYPE html><html><body>Takeout</body></html>"
        cls.parts = []
        for n, photos in ((1, {"a.jpg": 1}), (2, {"a.jpg": 2, "b.jpg": 3})):
            path = os.path.join(cls.tmp, "takeout-20240501T101010Z-%03d.zip" % n)
            with zipfile.ZipFile(path, "w") as zf:
                zf.writestr("Takeout/", b"")
                zf.writestr("Takeout/archive_browser.html", html)
                for name, seed in photos.items():
                    zf.writestr("Takeout/Photos/" + name, make_export.jpeg_bytes(seed, gps=(48.85, 2.35)))
            cls.parts.append(path)

    def scan_to(self, clean):
        proc, report = self.scan(self.parts, ["--clean", os.path.join(self.tmp, clean)], tag=clean)
        self.assertEqual(proc.returncode, 0, describe(proc))
        part1, part2 = (os.path.basename(p) for p in self.parts)
        images = sorted((it["path"], it["source"], [e["code"] for e in it["errors"]], it["action"] == "fixed")
                        for it in report["items"] if it["kind"] == "image")
        self.assertEqual(images, [("Takeout/Photos/a.jpg", part1, [], True),
                                  ("Takeout/Photos/a.jpg", part2, ["duplicate_path"], False),
                                  ("Takeout/Photos/b.jpg", part2, [], True)])
        dup = [e for e in report["errors"] if e["code"] == "duplicate_path"]
        self.assertEqual([e["path"] for e in dup], ["Takeout/Photos/a.jpg"], report["errors"])
        for part in self.parts:
            self.assertIn(os.path.basename(part), dup[0]["message"])
        return report

    def test_clean_zip_holds_each_path_once(self):
        self.scan_to("clean.zip")
        with zipfile.ZipFile(os.path.join(self.tmp, "clean.zip")) as zf:
            names = zf.namelist()
            self.assertEqual(len(names), len(set(names)), names)
            self.assertIn("Takeout/archive_browser.html", names)

    def test_clean_folder_agrees(self):
        self.scan_to("clean-folder")
        got = sorted(os.path.relpath(os.path.join(d, f), os.path.join(self.tmp, "clean-folder"))
                     for d, _, fs in os.walk(os.path.join(self.tmp, "clean-folder")) for f in fs)
        self.assertEqual(got, ["Takeout/Photos/a.jpg", "Takeout/Photos/b.jpg", "Takeout/archive_browser.html"])


if __name__ == "__main__":
    main()
