#!/usr/bin/env python3
"""End-to-end: each export layout is recognised and its sidecar context joined to every item.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_layouts.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import REPO, E2ECase, main, run  # noqa: E402


class LayoutMixin:
    """Scans one variant once per class; generic checks every layout must pass."""

    variant = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build(cls.variant)
        cls.proc, cls.report = cls.scan_desc(cls.desc)

    def setUp(self):
        self.require_report(self.proc, self.report)

    def test_layout(self):
        self.assert_layout(self.report, self.desc)

    def test_every_media_item_exactly_once(self):
        self.assert_items_exactly_once(self.report, self.desc)

    def test_items_and_context(self):
        self.assert_all_items(self.report, self.desc)

    def test_mojibake_repaired(self):
        self.assert_no_mojibake(self.report)

    def test_no_errors(self):
        self.assert_errors(self.report, self.desc, only=True)

    def test_export_counts(self):
        export = self.report.get("export", {})
        self.assertEqual(export.get("items"), len(self.report.get("items", [])))
        media = [it for it in self.report.get("items", []) if it.get("kind") in ("image", "video")]
        self.assertEqual(export.get("media"), len(media))


class Facebook2024Test(LayoutMixin, E2ECase):
    variant = "facebook_2024"

    def test_caption_with_accents_and_emoji(self):
        path = self.desc["root"] + "your_facebook_activity/posts/media/ZomerinGent_1029384756/10158123456789012.jpg"
        ctx = self.get_item(self.report, path).get("context", {})
        self.assertEqual(ctx.get("caption"), "Graslei bij zonsondergang, café met Anneke 🍺")
        self.assertEqual(ctx.get("album"), "Zomer in Gent 🌞")
        self.assertEqual(ctx.get("taken"), "2019-05-12T14:03:22Z")
        if ctx.get("upload_ip"):
            self.assertEqual(ctx["upload_ip"], "2a02:1810:4d3a:8b00::1")

    def test_post_text_when_no_description(self):
        path = self.desc["root"] + "your_facebook_activity/posts/media/Mobileuploads_5647382910/10158345678901234.jpg"
        ctx = self.get_item(self.report, path).get("context", {})
        self.assertEqual(ctx.get("caption"),
                         "Soirée d'anniversaire chez Élodie 🎉🥂 beaucoup trop de champagne… à refaire!")
        self.assertEqual(sorted(ctx.get("people") or []), ["Anneke de Vries", "Élodie Martin"])

    def test_check_in_place(self):
        path = self.desc["root"] + "your_facebook_activity/posts/media/Mobileuploads_5647382910/10158234567890123.jpg"
        item = self.get_item(self.report, path)
        self.assertTrue([f for f in item.get("findings", []) if f.get("category") == "location"],
                        "a check-in with coordinates should give a location finding: %s" % item.get("findings"))

    def test_sidecar_where_names_the_json(self):
        path = self.desc["root"] + "your_facebook_activity/posts/media/ZomerinGent_1029384756/10158567890123456.jpg"
        item = self.get_item(self.report, path)
        wheres = [f.get("where") for f in item.get("findings", []) if f.get("signal") == "sidecar_geo"]
        self.assertTrue(wheres)
        self.assertTrue(all(w.startswith("sidecar:") and w.endswith("your_facebook_activity/posts/album/0.json")
                            for w in wheres), wheres)


class FacebookLegacyTest(LayoutMixin, E2ECase):
    variant = "facebook_legacy"

    def test_video_from_your_videos_json(self):
        item = self.get_item(self.report, "photos_and_videos/videos/10156698765432109.mp4")
        self.assertEqual(item.get("kind"), "video")
        self.assertEqual(item.get("context", {}).get("caption"), "Fête de la musique à Paris 🎶")

    def test_flat_photo_metadata(self):
        """Pre-2020 exports put latitude/longitude directly in photo_metadata (no exif_data list)."""
        item = self.get_item(self.report, "posts/media/Timelinephotos_3344556677/10156612345678903.jpg")
        self.assertTrue([f for f in item.get("findings", []) if f.get("signal") == "sidecar_geo"],
                        item.get("findings"))


class InstagramTest(LayoutMixin, E2ECase):
    variant = "instagram"

    def test_carousel_caption_from_post_title(self):
        ctx = self.get_item(self.report, "media/posts/202302/17923456789012346.jpg").get("context", {})
        self.assertEqual(ctx.get("caption"), "Week-end à Bruxelles avec Élodie 🍫🇧🇪")


class Instagram2024Test(LayoutMixin, E2ECase):
    variant = "instagram_2024"


class Instagram2024MediaFolderTest(LayoutMixin, E2ECase):
    variant = "instagram_2024_media"


class HtmlFormatMixin(LayoutMixin):
    """An export downloaded in HTML format: its photos are items and their embedded location is
    found, the pages are not read, and one error says so and what to do."""

    def test_one_error_names_the_format_and_the_way_out(self):
        errors = [e for e in self.report.get("errors", []) if e.get("code") == "html_export"]
        self.assertEqual(len(errors), 1, self.report.get("errors"))
        self.assertIn("HTML format", errors[0]["message"])
        self.assertIn("JSON", errors[0]["message"])

    def test_the_html_report_says_so_at_the_top(self):
        out = os.path.join(self.tmp, "report.html")
        run(["scan"] + self.desc["sources"] + ["--report", out, "--quiet", "--no-progress"])
        with open(out, encoding="utf-8") as f:
            page = f.read()
        top = page[:page.find("<section")]
        self.assertIn("downloaded in HTML format", top)
        self.assertNotIn("could not be read or were refused", top)

    def test_embedded_location_still_found(self):
        found = [it["path"] for it in self.report.get("items", [])
                 if any(f.get("signal") == "exif_gps" for f in it.get("findings", []))]
        self.assertTrue(found, self.report.get("items"))


class FacebookHtmlTest(HtmlFormatMixin, E2ECase):
    variant = "facebook_html"


class InstagramHtmlTest(HtmlFormatMixin, E2ECase):
    variant = "instagram_html"


class SnapchatHtmlTest(HtmlFormatMixin, E2ECase):
    variant = "snapchat_html"

    def test_the_way_out_names_snapchats_option(self):
        errors = [e for e in self.report.get("errors", []) if e.get("code") == "html_export"]
        self.assertIn('"Export JSON Files"', errors[0]["message"])


class TwitterTest(LayoutMixin, E2ECase):
    variant = "twitter"

    def test_caption_is_full_text(self):
        for path, text in self.desc["caption_contains"].items():
            ctx = self.get_item(self.report, path).get("context", {})
            self.assertIn(text, ctx.get("caption") or "")

    def test_coordinates_as_strings(self):
        """The archive writes coordinates as strings, [lon, lat]; geo has [lat, lon]."""
        item = self.get_item(self.report, "data/tweets_media/1050118621198921728-DpMvBa5XcAAa1b2.jpg")
        loc = item.get("context", {}).get("location")
        if isinstance(loc, dict) and "lat" in loc:
            self.assertAlmostEqual(float(loc["lat"]), 52.1120, places=3)
            self.assertAlmostEqual(float(loc["lon"]), 4.2755, places=3)


class SnapchatTest(LayoutMixin, E2ECase):
    variant = "snapchat"


class LinkedInTest(LayoutMixin, E2ECase):
    variant = "linkedin"

    def test_no_media(self):
        media = [it for it in self.report.get("items", []) if it.get("kind") in ("image", "video")]
        self.assertEqual(media, [])


class MediaNotInTheExportTest(E2ECase):
    """A sidecar's records whose photo is not in the export (a post downloaded without its media,
    Snapchat memories never saved) keep their caption and location on the platform: both are
    reported, never silently dropped, whatever the size of the sidecar."""

    @staticmethod
    def jpeg():
        from io import BytesIO
        from PIL import Image
        out = BytesIO()
        Image.new("RGB", (32, 24), (90, 120, 150)).save(out, "JPEG")
        return out.getvalue()

    def memories(self, count, saved):
        """A Snapchat export: COUNT memories with a location, the first SAVED of them downloaded."""
        import zipfile
        path = os.path.join(self.tmp, "mydata~%d-%d.zip" % (count, saved))
        mids = ["%08X-AAAA-BBBB-CCCC-%012X" % (k, k) for k in range(count)]
        history = {"Saved Media": [{
            "Date": "2024-06-%02d 20:%02d:%02d UTC" % (1 + k % 28, k // 60 % 60, k % 60), "Media Type": "Image",
            "Download Link": "https://app.snapchat.com/dmd/memories?uid=u&sid=s&mid=%s&ts=1&sig=x" % mid,
            "Location": "Latitude, Longitude: %.6f, %.6f" % (52.3 + k * 1e-4, 4.8 + k * 1e-4)}
            for k, mid in enumerate(mids)]}
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("json/memories_history.json", json.dumps(history, indent=2))
            for k in range(saved):
                z.writestr("memories/2024-06-%02d_%s-main.jpg" % (1 + k % 28, mids[k]), self.jpeg())
        return path

    def test_memories_not_saved_are_reported(self):
        # Two of three saved; and a memories file of over 1 MiB with none saved.
        for count, saved, missing in ((3, 2, 1), (6000, 0, 6000)):
            with self.subTest(count=count):
                html = os.path.join(self.tmp, "snap-%d.html" % count)
                proc, report = self.scan([self.memories(count, saved)], ["--report", html], tag="snap-%d" % count)
                self.require_report(proc, report)
                self.assertEqual(report["export"]["media"], saved)
                records = [it for it in report["items"] if it["context"].get("text_kind") == "posted_locations"]
                self.assertEqual(len(records), 1, [it["path"] for it in report["items"]])
                self.assertTrue(records[0]["context"]["caption"].startswith("%d location value" % missing),
                                records[0]["context"])
                self.assertEqual([f["signal"] for f in records[0]["findings"]], ["sidecar_geo"])
                self.assertEqual(records[0]["action"], "restrict")  # the platform keeps them
                with open(html, encoding="utf-8") as f:
                    page = f.read()
                self.assertIn("the location of photos and videos the platform keeps that are not in this export", page)
                self.assertIn("Snapchat: Memories (those not in this export)", page)

    def test_a_post_without_its_photo_keeps_its_caption_and_place(self):
        import zipfile
        path = os.path.join(self.tmp, "instagram-jan-20240101.zip")
        posts = [{"media": [{"uri": "media/posts/202306/1_n.jpg", "creation_timestamp": 1680000000,
                             "title": "Zo dronken vannacht, mijn baas is een idioot",
                             "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 52.31, "longitude": 4.81}]}}}]},
                 {"media": [{"uri": "media/posts/202306/2_n.jpg", "creation_timestamp": 1680000100,
                             "title": "Zonsondergang"}]}]
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("your_instagram_activity/content/posts_1.json", json.dumps(posts))
            z.writestr("media/posts/202306/2_n.jpg", self.jpeg())
        proc, report = self.scan([path], ["--clean", os.path.join(self.tmp, "ig-clean.zip")], tag="ig-missing")
        self.require_report(proc, report)
        items = self.items_by_path(report)
        missing = items.get("your_instagram_activity/content/posts_1.json#media/posts/202306/1_n.jpg")
        self.assertIsNotNone(missing, sorted(items))
        self.assertEqual(missing["type"], "text")
        signals = sorted(f["signal"] for f in missing["findings"])
        self.assertIn("sidecar_geo", signals)
        self.assertIn("post:alcohol", signals)
        self.assertEqual(missing["action"], "remove")
        # The photo that is there keeps its own caption, and is not reported twice.
        self.assertEqual(items["media/posts/202306/2_n.jpg"]["context"]["caption"], "Zonsondergang")
        self.assertEqual(len(report["items"]), 2)


class SampleDataTest(E2ECase):
    """sample_data/demo_export.zip (scripts/make_sample_data.py): deterministic, and scans cleanly."""

    def test_generator_is_deterministic(self):
        import make_sample_data
        a, b = os.path.join(self.tmp, "a.zip"), os.path.join(self.tmp, "b.zip")
        make_sample_data.build(a)
        make_sample_data.build(b)
        with open(a, "rb") as fa, open(b, "rb") as fb:
            self.assertEqual(fa.read(), fb.read())
        self.assertLess(os.path.getsize(a), 2 * 1024 * 1024)

    def test_demo_export_scans(self):
        demo = os.path.join(REPO, "sample_data", "demo_export.zip")
        if not os.path.exists(demo):
            self.skipTest("sample_data/demo_export.zip not generated (python3 scripts/make_sample_data.py)")
        proc, report = self.scan([demo], tag="demo")
        report = self.require_report(proc, report)
        self.assertEqual(report["export"]["layout"], "facebook")
        items = report.get("items", [])
        media = [it for it in items if it["kind"] in ("image", "video")]
        self.assertTrue(15 <= len(media) <= 25, len(media))
        # Text-only posts and comments: a rant about the boss is flagged, the "bar chart" is not.
        texts = {it["context"]["caption"]: it for it in items if it["type"] == "text"}
        boss = next(it for c, it in texts.items() if "boss" in c)
        self.assertIn("post:employer", [f["signal"] for f in boss["findings"]])
        chart = next(it for c, it in texts.items() if "bar chart" in c)
        self.assertEqual(chart["findings"], [])
        self.assertEqual(report.get("errors"), [])
        self.assert_no_mojibake(report)
        located = [it for it in items if any(f.get("category") == "location" for f in it.get("findings", []))]
        self.assertGreaterEqual(len(located), 3)
        captions = [it.get("context", {}).get("caption") or "" for it in items]
        self.assertTrue(any("één rondje" in c for c in captions), captions)


if __name__ == "__main__":
    main()
