#!/usr/bin/env python3
"""End-to-end: archive formats (folder, zip, tar, tgz, tbz2, txz, 7z), nested archives and
media types decided by magic bytes, not by extension.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_archives.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, main  # noqa: E402


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


if __name__ == "__main__":
    main()
