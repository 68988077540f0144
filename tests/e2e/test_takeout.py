#!/usr/bin/env python3
"""End-to-end: Google Takeout (Google Photos) sidecar joining, all the naming cases, split parts.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_takeout.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, main  # noqa: E402

GP = "Takeout/Google Photos/"
TRIP = GP + "Trip to Gent/"
Y2019 = GP + "Photos from 2019/"
Y2023 = GP + "Photos from 2023/"
LOC = "Takeout/Google Fotos/Urlaub in Brügge/"


class TakeoutMixin:
    variant = "takeout"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build(cls.variant)
        cls.proc, cls.report = cls.scan_desc(cls.desc)

    def setUp(self):
        self.require_report(self.proc, self.report)

    def check(self, *paths):
        by_path = self.items_by_path(self.report)
        for p in paths:
            with self.subTest(item=p):
                self.assertIn(p, by_path, "missing item; report has %s" % sorted(map(str, by_path)))
                self.assert_item(by_path[p], self.desc["items"][p], self.desc)

    def test_layout(self):
        self.assert_layout(self.report, self.desc)

    def test_every_media_item_exactly_once(self):
        self.assert_items_exactly_once(self.report, self.desc)

    def test_all_items(self):
        self.assert_all_items(self.report, self.desc)

    def test_no_errors(self):
        self.assert_errors(self.report, self.desc, only=True)

    def test_old_style_sidecar_after_media(self):
        self.check(TRIP + "IMG_20190512_140322.jpg")

    def test_supplemental_sidecar_before_media(self):
        self.check(TRIP + "IMG_20190512_150000.jpg")

    def test_album_title_from_metadata_json(self):
        ctx = self.get_item(self.report, TRIP + "IMG_20190512_140322.jpg").get("context", {})
        self.assertEqual(ctx.get("album"), "Trip to Gent 2019")

    def test_album_from_folder_name(self):
        ctx = self.get_item(self.report, Y2019 + "image.jpg").get("context", {})
        self.assertEqual(ctx.get("album"), "Photos from 2019")

    def test_edited_copy_takes_original_sidecar(self):
        self.check(TRIP + "IMG_0001-edited.jpg", TRIP + "IMG_0001.jpg")

    def test_truncated_supplemental_suffix(self):
        """(name + '.supplemental-metadata')[:46] + '.json': .supplemental-metad, .supp, .suppl, .sup."""
        self.check(Y2019 + "IMG_20190601_101530_123.jpg",
                   Y2019 + "Screenshot_20190602-181512_Google Fit.jpg",
                   Y2019 + "Screenshot_20190602-181512_Instagram.jpg",
                   Y2019 + "Screenshot_20190602-181512_Google Maps.jpg")

    def test_truncated_media_name(self):
        """The media name itself is cut: '...Some Application.jp.json', '...A Really Long Appli.json'."""
        self.check(Y2019 + "Screenshot_20190512-123456_Some Application.jpg",
                   Y2019 + "Screenshot_20191224-200000_A Really Long Application Name.png")

    def test_counter_swap_old_style(self):
        """image(1).jpg's sidecar is image.jpg(1).json, not image.jpg.json."""
        self.check(Y2019 + "image.jpg", Y2019 + "image(1).jpg")

    def test_counter_swap_2024_style(self):
        """photo(1).jpg's sidecar is photo.jpg.supplemental-metadata(1).json."""
        self.check(Y2023 + "photo.jpg", Y2023 + "photo(1).jpg")

    def test_geo_zero_is_no_location(self):
        item = self.get_item(self.report, TRIP + "IMG_20190512_150000.jpg")
        self.assertEqual([f for f in item.get("findings", []) if f.get("category") == "location"], [])

    def test_localized_folder(self):
        self.check(LOC + "IMG_20200704_101010.jpg")

    def test_video_and_heic(self):
        self.check(Y2019 + "VID_20190601_120000.mp4", Y2019 + "IMG_1234.HEIC")

    def test_exif_gps_alongside_sidecar(self):
        item = self.get_item(self.report, TRIP + "IMG_20190512_140322.jpg")
        signals = {f.get("signal") for f in item.get("findings", [])}
        self.assertIn("exif_gps", signals)
        self.assertIn("sidecar_geo", signals)

    def test_non_sidecar_json_not_media(self):
        for it in self.report.get("items", []):
            if str(it.get("path", "")).endswith(".json"):
                self.assertEqual(it.get("kind"), "other", it.get("path"))


class TakeoutZipTest(TakeoutMixin, E2ECase):
    variant = "takeout"


class TakeoutFolderTest(TakeoutMixin, E2ECase):
    variant = "takeout_folder"


class TakeoutSplitTest(TakeoutMixin, E2ECase):
    """mediascan scan p1.zip p2.zip p3.zip: one export; sidecars and media in different parts."""
    variant = "takeout_split"

    def test_source_names_the_part(self):
        by_path = self.items_by_path(self.report)
        for path, exp in self.desc["items"].items():
            with self.subTest(item=path):
                self.assertEqual(os.path.basename((by_path[path].get("source") or "").rstrip("/")), exp["source"])

    def test_sources_listed(self):
        sources = [os.path.basename(s) for s in self.report.get("export", {}).get("sources", [])]
        self.assertEqual(sorted(sources), sorted(os.path.basename(s) for s in self.desc["sources"]))

    def test_part_order_does_not_matter(self):
        proc, rev = self.scan(list(reversed(self.desc["sources"])), tag="split-reversed")
        rev = self.require_report(proc, rev)
        self.check_export(rev, self.desc)

        def summary(rep):
            return {it["path"]: (it.get("context", {}).get("caption"), it.get("context", {}).get("album"),
                                 it.get("context", {}).get("taken"),
                                 sorted(f.get("signal", "") for f in it.get("findings", [])
                                        if f.get("category") == "location"))
                    for it in rep.get("items", [])}
        self.assertEqual(summary(rev), summary(self.report))

    def test_missing_part_is_reported(self):
        """Only parts 1 and 3 given: what they hold is scanned; the run does not fail."""
        proc, rep = self.scan([self.desc["sources"][0], self.desc["sources"][2]], tag="split-partial")
        rep = self.require_report(proc, rep)
        paths = {it.get("path") for it in rep.get("items", [])}
        in_parts = {p for p, e in self.desc["items"].items()
                    if e["source"] in (os.path.basename(self.desc["sources"][0]),
                                       os.path.basename(self.desc["sources"][2]))}
        self.assertEqual(sorted(in_parts - paths), [])
        # The part lying beside them but not given is named, so the person gives it too.
        missing = [os.path.basename(e.get("source", "")) for e in rep["errors"] if e["code"] == "missing_part"]
        self.assertEqual(missing, [os.path.basename(self.desc["sources"][1])])
        self.assertIn(os.path.basename(self.desc["sources"][1]), proc.stderr)


if __name__ == "__main__":
    main()
