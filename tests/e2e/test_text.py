#!/usr/bin/env python3
"""End-to-end: risky text in posts, comments and captions, in English, Dutch, German and French,
with false friends that must stay unflagged; text items, the HTML section, user lexicons and the
policy's text topics.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_text.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, main  # noqa: E402


def text_topics(item):
    return sorted({f["signal"].split(":", 1)[1] for f in item["findings"] if f["category"] == "text"})


class TextTest(E2ECase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("posts_multilang")
        cls.html = os.path.join(cls.tmp, "report.html")
        cls.proc, cls.report = cls.scan_desc(cls.desc, ["--report", cls.html, "--checks", "text,location"])

    def setUp(self):
        self.require_report(self.proc, self.report)

    def test_every_post_and_comment_is_an_item_once(self):
        texts = {p: it for p, it in self.items_by_path(self.report).items() if it["type"] == "text"}
        self.assertEqual(sorted(texts), sorted(self.desc["texts"]))
        self.assertEqual(self.report["export"]["texts"], len(texts))
        for path, exp in self.desc["texts"].items():
            with self.subTest(path=path):
                ctx = texts[path]["context"]
                if "personal_data" not in exp["topics"]:  # else masked: see below
                    self.assertEqual(ctx["caption"], exp["text"])  # mojibake repaired
                self.assertEqual(ctx["text_kind"], exp["kind"])
                self.assertRegex(ctx["taken"], r"^2023-01-0[12]T")
                self.assertRegex(texts[path]["sha256"], "^[0-9a-f]{64}$")

    def test_risky_texts_are_flagged_and_false_friends_are_not(self):
        by_path = self.items_by_path(self.report)
        for path, exp in self.desc["texts"].items():
            item = by_path[path]
            with self.subTest(text=exp["text"]):
                found = text_topics(item)
                if exp["topics"]:
                    for topic in exp["topics"]:
                        self.assertIn(topic, found)
                    self.assertIn(item["action"], ("restrict", "remove"), item["reason"])
                else:
                    self.assertEqual(found, [], [f["evidence"] for f in item["findings"]])
                    self.assertEqual(item["risk"]["level"], "ok")

    def test_evidence_names_the_words_and_hides_personal_data(self):
        by_path = self.items_by_path(self.report)
        for path, exp in self.desc["texts"].items():
            for f in by_path[path]["findings"]:
                if f["signal"].endswith(":alcohol"):
                    self.assertRegex(f["evidence"], "“.+”")
                if f["signal"].endswith(":personal_data"):
                    self.assertNotIn("12345678", f["evidence"])
                    self.assertNotIn("0417 1643", f["evidence"])
                    self.assertNotIn("jan.devries", f["evidence"])

    def test_the_text_itself_shows_personal_data_masked(self):
        """From a review: the evidence was masked, the post's text beside it in the report not."""
        with open(self.html, encoding="utf-8") as f:
            html = f.read()
        captions = [it["context"].get("caption", "") for it in self.report["items"]]
        for secret in ("06-12345678", "jan.devries@example.nl", "NL91 ABNA 0417 1643 00", "0417 1643"):
            self.assertFalse(secret in html, secret)
            self.assertFalse([c for c in captions if secret in c], secret)
        # The rest of the text is kept, the data replaced by its masked form.
        self.assertTrue([c for c in captions if c.startswith("Bel me op ") and "\u2022" in c], captions)
        self.assertTrue("voor de sleutel" in html)

    def test_no_location_claim_when_location_was_not_checked(self):
        """From a review: with --checks text the report said no photo carries a location."""
        html = os.path.join(self.tmp, "text-only.html")
        proc, report = self.scan(self.desc["sources"], ["--report", html, "--checks", "text"], tag="text-only")
        self.require_report(proc, report)
        with open(html, encoding="utf-8") as f:
            page = f.read()
        self.assertFalse("carries a location" in page or "carry a location" in page)
        self.assertRegex(page, r"Not checked: [^<]*location \(off\)")
        with open(self.html, encoding="utf-8") as f:
            self.assertTrue("No photo, video or post in this export carries a location." in f.read())

    def test_caption_findings_attach_to_the_photo(self):
        photos = [it for it in self.report["items"] if it["kind"] == "image"]
        self.assertEqual(len(photos), 1)
        self.assertEqual(text_topics(photos[0]), ["alcohol"])
        self.assertEqual([f["where"] for f in photos[0]["findings"] if f["category"] == "text"], ["caption"])
        # The post that carries the photo is not a second, text-only item.
        captions = [it["context"].get("caption") for it in self.report["items"] if it["type"] == "text"]
        self.assertNotIn(photos[0]["context"]["caption"], captions)

    def test_html_has_a_posts_section(self):
        with open(self.html, encoding="utf-8") as f:
            html = f.read()
        self.assertIn('id="posts"', html)
        self.assertIn("Straalbezopen thuisgekomen", html)
        self.assertIn("Activity log", html)  # where to delete it on Facebook

    def test_text_check_off(self):
        proc, report = self.scan(self.desc["sources"], ["--checks", "location"], tag="no-text")
        self.require_report(proc, report)
        self.assertEqual(report["checks"]["text"], "off")
        self.assertEqual([f for it in report["items"] for f in it["findings"] if f["category"] == "text"], [])

    def test_user_lexicon_adds_a_topic_and_policy_weighs_it(self):
        lex = os.path.join(self.tmp, "mine.lex")
        with open(lex, "w", encoding="utf-8") as f:
            f.write("# a user's own words\nlanguage: en\n[sports]\nyards\nmatch | weight: 0.9\n")
        policy = os.path.join(self.tmp, "policy.json")
        with open(policy, "w", encoding="utf-8") as f:
            f.write('{"schema": "mediascan.policy/1", "categories": {"text:sports": {"weight": 1.0, "at_least": "high"},'
                    ' "text:alcohol": {"enabled": false}}}')
        proc, report = self.scan(self.desc["sources"], ["--lexicon", lex, "--policy", policy], tag="own-lexicon")
        self.require_report(proc, report)
        by_text = {it["context"].get("caption"): it for it in report["items"] if it["type"] == "text"}
        match = by_text["I never drink before a match, water only"]
        self.assertEqual(text_topics(match), ["sports"])
        self.assertEqual(match["risk"]["level"], "high")
        drunk = by_text["Straalbezopen thuisgekomen, wat een feest"]
        self.assertEqual(drunk["risk"]["level"], "ok")  # alcohol off in this policy

    def test_text_typed_into_a_photo_is_checked(self):
        """A Lightroom caption, Windows' comment and tags live in the file, not in a sidecar: whoever
        gets the photo reads them (from a review: none of it was checked)."""
        import subprocess
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
        import make_export as mk
        folder = os.path.join(self.tmp, "typed")
        os.makedirs(folder, exist_ok=True)
        typed, plain = os.path.join(folder, "typed.jpg"), os.path.join(folder, "plain.jpg")
        for path in (typed, plain):
            mk._picture(3, (64, 48)).save(path, "JPEG")
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-IPTC:Caption-Abstract=Smoking a fat joint",
                        "-XMP-dc:Description=so drunk with the boys", "-XPComment=call me 06-12345678", typed],
                       check=True)
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-ImageDescription=OLYMPUS DIGITAL CAMERA",
                        "-XMP-dc:Title=Sunset over the lake", plain], check=True)
        proc, report = self.scan([folder], ["--checks", "text"], tag="typed")
        self.require_report(proc, report)
        items = {it["path"]: it for it in report["items"]}
        self.assertEqual(text_topics(items["typed.jpg"]), ["alcohol", "drugs", "personal_data"])
        # Read from the file's own metadata: the signal says so, the where names the first store.
        self.assertTrue(all(f["signal"].startswith("metadata:") and f["where"] == "exif"
                            for f in items["typed.jpg"]["findings"]), items["typed.jpg"]["findings"])
        self.assertNotIn("12345678", json.dumps(items["typed.jpg"]))
        self.assertEqual(text_topics(items["plain.jpg"]), [])
        # --strip all takes the text out of the file: then it is fixed; the location-only clean
        # keeps it, and so it stays open.
        for strip, fixed in (("all", True), ("location", False)):
            clean = os.path.join(self.tmp, "typed-clean-" + strip)
            proc, report = self.scan([folder], ["--checks", "text", "--clean", clean, "--strip", strip],
                                     tag="typed-" + strip)
            self.require_report(proc, report)
            typed = {it["path"]: it for it in report["items"]}["typed.jpg"]
            self.assertTrue(all(f["fixed"] is fixed for f in typed["findings"]), (strip, typed["findings"]))
            self.assertEqual(typed["action"], "fixed" if fixed else "remove" if typed["risk"]["level"] == "high"
                             else "restrict")

    def test_bad_lexicon_is_a_usage_error(self):
        lex = os.path.join(self.tmp, "bad.lex")
        with open(lex, "w", encoding="utf-8") as f:
            f.write("language: en\nbeer\n")
        proc, report = self.scan(self.desc["sources"], ["--lexicon", lex], tag="bad-lexicon")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("bad.lex:2", proc.stderr)
        self.assertIsNone(report)


if __name__ == "__main__":
    main()
