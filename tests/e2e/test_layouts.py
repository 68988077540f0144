#!/usr/bin/env python3
"""End-to-end: each export layout is recognised and its sidecar context joined to every item.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_layouts.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import REPO, E2ECase, main, make_export, run  # noqa: E402


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


class ReviewedVariantsTest(E2ECase):
    """Export variants a review found losing a caption, a place or a join: each is reported now."""

    def zip(self, name, files):
        import zipfile
        folder = os.path.join(self.tmp, self.id().rsplit(".", 1)[-1])
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name)
        with zipfile.ZipFile(path, "w") as z:
            for entry, data in files.items():
                z.writestr(entry, data if isinstance(data, bytes) else json.dumps(data) if not isinstance(data, str) else data)
        return path

    def scan_zip(self, name, files, tag):
        proc, report = self.scan([self.zip(name, files)], ["--clean", os.path.join(self.tmp, tag + "-clean.zip")], tag=tag)
        return self.items_by_path(self.require_report(proc, report))

    def test_an_albums_metadata_json_is_the_albums_whatever_it_holds(self):
        jpeg = MediaNotInTheExportTest.jpeg()
        a, b = "Takeout/Google Fotos/Vrijgezellen Ibiza/", "Takeout/Google Photos/Weekend Amsterdam/"
        items = self.scan_zip("takeout-20231001T000000Z-001.zip", {
            a + "IMG_0001.jpg": jpeg,
            a + "metadata.json": {"title": "Vrijgezellen Ibiza", "description": "Iedereen straalbezopen, wat een kater",
                                  "access": "protected", "date": {"timestamp": "1690000000"}, "location": "",
                                  "geoData": {"latitude": 0.0, "longitude": 0.0, "altitude": 0.0}},
            b + "IMG_0002.jpg": jpeg,
            b + "metadata.json": {"title": "Weekend Amsterdam", "access": "protected", "enrichments": [
                {"locationEnrichment": {"location": [{"name": "Cafe Hoppe", "latitudeE7": 523690000, "longitudeE7": 48900000}]}},
                {"narrativeEnrichment": {"text": "Got wasted at Cafe Hoppe"}}]}}, "album-file")
        about = items.get(a + "metadata.json#/description")
        self.assertIsNotNone(about, sorted(items))
        self.assertIn("album:alcohol", [f["signal"] for f in about["findings"]])
        story = items.get(b + "metadata.json#/enrichments/1/narrativeEnrichment/text")
        self.assertIsNotNone(story, sorted(items))
        self.assertIn("album:alcohol", [f["signal"] for f in story["findings"]])
        geo = [f for f in story["findings"] if f["signal"] == "sidecar_geo"]
        self.assertEqual(len(geo), 1, story["findings"])
        self.assertTrue(geo[0]["fixed"])  # and gone from the cleaned copy
        self.assertEqual(items[b + "IMG_0002.jpg"]["context"]["album"], "Weekend Amsterdam")

    def test_edits_and_motion_videos_join_their_originals_sidecar(self):
        jpeg = MediaNotInTheExportTest.jpeg()
        d = "Takeout/Google Fotos/Fotos van 2023/"

        def side(title, lat, desc):
            return {"title": title, "description": desc, "photoTakenTime": {"timestamp": "1700000000"},
                    "geoData": {"latitude": lat, "longitude": 7.0, "altitude": 0.0}}
        items = self.scan_zip("takeout-20231101T000000Z-001.zip", {
            d + "IMG_4321.HEIC.supplemental-metadata.json": side("IMG_4321.HEIC", 40.2, "heic caption"),
            d + "IMG_4321-edited.jpg": jpeg,
            d + "PXL_20230905_220000123.MP.jpg": jpeg,
            d + "PXL_20230905_220000123.MP.jpg.supplemental-metadata.json": side("PXL_20230905_220000123.MP.jpg", 40.3, "motion"),
            d + "PXL_20230905_220000123.MP": make_export.mp4_bytes(40),
            d + "IMG_7777.jpg": jpeg,
            d + "IMG_7777.jpg.supplemental-metadata.json": side("IMG_7777.jpg", 41.0, "orig"),
            d + "IMG_7777(1).jpg": jpeg,
            d + "IMG_7777.jpg.supplemental-metadata(1).json": side("IMG_7777.jpg", 41.1, "dup one"),
            d + "IMG_7777(1)-edited.jpg": jpeg}, "joins")
        for name, caption in (("IMG_4321-edited.jpg", "heic caption"), ("PXL_20230905_220000123.MP", "motion"),
                              ("IMG_7777(1)-edited.jpg", "dup one")):
            self.assertEqual(items[d + name]["context"].get("caption"), caption, name)
            self.assertIn("sidecar_geo", [f["signal"] for f in items[d + name]["findings"]], name)

    def test_linkedin_rich_media_descriptions_are_checked(self):
        items = self.scan_zip("Complete_LinkedInDataExport_06-15-2024.zip", {
            "Profile.csv": "First Name,Last Name\r\nJan,Jansen\r\n",
            "Rich_Media.csv": "\ufeffDate/Time,Media Description,Media Link\r\n"
                              "\"You uploaded a feed photo on June 1, 2024 at 8:00 PM (GMT)\",Zuipen met collega's,"
                              "https://www.linkedin.com/dms/prv/image/abc\r\n"}, "rich-media")
        item = items.get("Rich_Media.csv#/0")
        self.assertIsNotNone(item, sorted(items))
        self.assertEqual(item["context"]["taken"], "2024-06-01T20:00:00Z")
        self.assertTrue(any(f["category"] == "text" for f in item["findings"]), item["findings"])

    def test_instagram_profile_city_and_locations_of_interest_are_reported(self):
        items = self.scan_zip("instagram-jan-2022-07-01.zip", {
            "media/profile/202001/40001_n.jpg": MediaNotInTheExportTest.jpeg(),
            "personal_information/personal_information.json": {"profile_user": [{
                "title": "", "media_map_data": {"Profile Photo": {"uri": "media/profile/202001/40001_n.jpg",
                                                                  "creation_timestamp": 1580000000, "title": ""}},
                "string_map_data": {"City": {"href": "", "value": "Gent", "timestamp": 0}}}]},
            "information_about_you/locations_of_interest.json": {"label_values": [
                {"label": "Locations of interest", "vec": [{"value": "Gent"}, {"value": "Brugge"}]}]}}, "ig-profile")
        # The profile's city is on the profile for everyone (a place the platform keeps, still
        # "restrict" once cleaned); the locations of interest are Meta's own guess, not shown.
        for sidecar, signal, action in (("personal_information/personal_information.json", "sidecar_place", "restrict"),
                                        ("information_about_you/locations_of_interest.json", "sidecar_location", "fixed")):
            record = items.get(sidecar + "#")
            self.assertIsNotNone(record, (sidecar, sorted(items)))
            self.assertEqual([(f["signal"], f["fixed"]) for f in record["findings"]], [(signal, True)])
            self.assertEqual(record["action"], action)

    def test_a_facebook_part_not_given_is_named(self):
        first = self.zip("facebook-jan-15062024-AbCd-1.zip", {
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": [
                {"timestamp": 1718396130, "data": [{"post": "Op het strand"}],
                 "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/M_1/5001_n.jpg",
                                                      "creation_timestamp": 1718396130}}]}]}]})
        self.zip("facebook-jan-15062024-AbCd-2.zip", {"your_facebook_activity/posts/media/M_1/5001_n.jpg": MediaNotInTheExportTest.jpeg()})
        proc, report = self.scan([first], tag="fb-part")
        self.require_report(proc, report)
        missing = [os.path.basename(e.get("source", "")) for e in report["errors"] if e["code"] == "missing_part"]
        self.assertEqual(missing, ["facebook-jan-15062024-AbCd-2.zip"])
        self.assertIn("facebook-jan-15062024-AbCd-2.zip", proc.stderr)


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
