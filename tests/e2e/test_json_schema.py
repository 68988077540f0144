#!/usr/bin/python3
"""The JSON report keeps the mediascan.report/1 contract of ../shared/INTERFACE.md: every field
it promises, with its type and allowed values, on the sample export scanned and cleaned."""
import csv
import json
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
MEDIASCAN = os.environ.get("MEDIASCAN", os.path.join(ROOT, "build", "mediascan"))
SAMPLE = os.path.join(ROOT, "sample_data", "demo_export.zip")

LAYOUTS = {"facebook", "instagram", "google_takeout", "twitter", "snapchat", "linkedin", "generic"}
WHERE = {"exif", "xmp", "iptc", "quicktime", "pixels", "caption"}  # or "sidecar:path/to.json"
CATEGORIES = {"location", "identity", "people", "nightlife", "alcohol", "explicit", "document", "text"}


class JsonSchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-schema-")
        cls.json_path = os.path.join(cls.tmp, "r.json")
        cls.csv_path = os.path.join(cls.tmp, "r.csv")
        proc = subprocess.run([MEDIASCAN, SAMPLE, "--json", cls.json_path, "--csv", cls.csv_path,
                               "--clean", os.path.join(cls.tmp, "clean.zip"), "--no-progress"],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        with open(cls.json_path, encoding="utf-8") as f:
            cls.r = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_top_level(self):
        r = self.r
        self.assertEqual(r["schema"], "mediascan.report/1")
        self.assertEqual(r["tool"]["name"], "mediascan")
        self.assertIsInstance(r["tool"]["version"], str)
        self.assertIsInstance(r["export"]["sources"], list)
        self.assertIn(r["export"]["layout"], LAYOUTS)
        self.assertEqual(r["export"]["items"], len(r["items"]))
        self.assertIsInstance(r["export"]["media"], int)
        self.assertEqual(r["export"]["texts"], sum(1 for i in r["items"] if i["type"] == "text"))
        self.assertEqual(r["export"]["media"], sum(1 for i in r["items"] if i["kind"] in ("image", "video")))
        self.assertTrue(all(isinstance(v, str) for v in r["checks"].values()))
        self.assertIn(r["checks"]["faces"], {"cascade", "yunet", "off"})
        for key in ("high", "medium", "low", "ok", "errors", "location_fixed"):
            self.assertIsInstance(r["summary"][key], int, key)
        self.assertEqual(sum(r["summary"][k] for k in ("high", "medium", "low", "ok")), len(r["items"]))
        self.assertIsInstance(r["errors"], list)

    def test_items(self):
        paths = [i["path"] for i in self.r["items"]]
        self.assertEqual(len(paths), len(set(paths)), "every media item exactly once")
        for item in self.r["items"]:
            with self.subTest(item=item["path"]):
                self.assertIn(item["kind"], {"image", "video", "other"})  # a post is "other", of type "text"
                if item["type"] == "text":
                    self.assertEqual(item["kind"], "other")
                self.assertRegex(item["sha256"], "^[0-9a-f]{64}$")
                self.assertIsInstance(item["source"], str)
                ctx = item["context"]
                self.assertIsInstance(ctx.get("people", []), list)
                for key in ("caption", "album", "taken"):
                    self.assertIsInstance(ctx.get(key, ""), str)
                if ctx.get("taken"):
                    self.assertRegex(ctx["taken"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
                self.assertTrue(0 <= item["risk"]["score"] <= 1)
                self.assertIn(item["risk"]["level"], {"high", "medium", "low", "ok"})
                self.assertIn(item["action"], {"remove", "restrict", "fixed", "ok"})
                for f in item["findings"]:
                    self.assertIn(f["category"], CATEGORIES)
                    self.assertIsInstance(f["signal"], str)
                    self.assertTrue(0 <= f["confidence"] <= 1)
                    self.assertIsInstance(f["evidence"], str)
                    self.assertIsInstance(f["fixed"], bool)
                    self.assertTrue(f["where"] in WHERE or f["where"].startswith("sidecar:"), f["where"])
                    if "box" in f:
                        self.assertEqual(len(f["box"]), 4)
                for e in item["errors"]:
                    self.assertEqual(set(e), {"code", "message"})

    def test_location_fixed_counts_fixed_location_findings(self):
        # A recurring place is drawn from the photos' own points: not counted again.
        fixed = sum(1 for i in self.r["items"] for f in i["findings"]
                    if f["category"] == "location" and f["fixed"] and f["signal"] != "recurring_place")
        self.assertEqual(self.r["summary"]["location_fixed"], fixed)
        self.assertGreater(fixed, 0)

    def test_csv_has_one_row_per_finding(self):
        with open(self.csv_path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), sum(len(i["findings"]) for i in self.r["items"]))
        self.assertEqual(set(rows[0]), {"path", "source", "kind", "level", "score", "action", "category", "signal",
                                        "confidence", "evidence", "where", "fixed", "box", "lat", "lon"})


if __name__ == "__main__":
    unittest.main()
