#!/usr/bin/python3
"""JSON sidecars too big to hold in memory (16 MiB and more: Takeout's location history, a posts
file of years, an X archive's tweets.js) are kept in a file and cleaned a piece at a time (and a
tweets.js read a tweet at a time). The cleaned bytes are those a
small sidecar gets (every location value replaced where it stands, every other byte kept), the
verification reads them back the same way, and the result is the same from a deflated zip, a
stored zip, a tar.gz and a folder, into a zip or a folder."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_export as mk  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_common as e2e  # noqa: E402

MEDIASCAN = os.environ.get("MEDIASCAN", os.path.join(ROOT, "build", "mediascan"))
BIG = 17 << 20  # over mediascan's 16 MiB

# A Facebook export with Takeout's location history put beside it.
HISTORY = "Location History/Records.json"
POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
PHOTO = "your_facebook_activity/posts/media/trip/a.jpg"
BROKEN = "Location History (old)/Records.json"
TWEETS = "data/tweets.js"
THREAD = "your_facebook_activity/messages/inbox/janan_1/message_1.json"
TWEET_PHOTO = "data/tweets_media/1000000000000000070-AbCdEf.jpg"


def history(lat):
    """Takeout's Records.json, and what cleaning it must give: under "locations" every value goes
    (numbers to 0, strings to ""), the layout stays."""
    parts, clean = ['{\n  "locations": ['], ['{\n  "locations": [']
    i, size = 0, 0
    while size < BIG:
        sep = "," if i else ""
        parts.append('%s{\n    "latitudeE7": %d,\n    "longitudeE7": %d,\n    "accuracy": %d,\n    "source": "WIFI",\n'
                     '    "timestamp": "2023-03-%02dT10:00:00.000Z"\n  }' % (sep, lat + i, 37170000 + i, 5 + i % 40, 1 + i % 28))
        size += len(parts[-1])
        clean.append('%s{\n    "latitudeE7": 0,\n    "longitudeE7": 0,\n    "accuracy": 0,\n    "source": "",\n'
                     '    "timestamp": ""\n  }' % sep)
        i += 1
    parts.append("]\n}\n")
    clean.append("]\n}\n")
    return "".join(parts).encode(), "".join(clean).encode(), i


def posts():
    """A Facebook posts file of some 17 MiB: the first post holds the photo, its caption and its
    GPS; a few hundred others are text with a place each and a long list of numbers that no
    reader looks at (so that the file is big, not the report)."""
    items = [{"timestamp": 1700000000, "data": [{"post": "Sunset at the harbour"}],
              "attachments": [{"data": [{"media": {"uri": PHOTO, "creation_timestamp": 1700000000,
                                                   "media_metadata": {"photo_metadata": {"exif_data": [
                                                       {"latitude": 51.0543, "longitude": 3.7174}]}}}}]}]}]
    for i in range(400):
        items.append({"timestamp": 1700000000 + i, "data": [{"post": "day %d of the trip, all good" % i}],
                      "attachments": [{"data": [{"place": {"name": "Cafe %d" % i,
                                                           "coordinate": {"latitude": 51.05 + i * 1e-6, "longitude": 3.72},
                                                           "address": "Korenmarkt %d, Gent" % i}}]}],
                      "counts": list(range(i, i + BIG // 400 // 7))})
    return json.dumps(items).encode()


def tweets():
    """An X archive's tweets.js of some 17 MiB: 400 tweets, one in ten with a point (the photo's
    among them), each with a long list of numbers no reader looks at."""
    items = []
    for i in range(400):
        t = {"tweet": {"id_str": str(1000000000000000000 + i), "created_at": "Tue Mar 14 10:00:00 +0000 2023",
                       "full_text": "tweet %d, what a day" % i, "lang": "en",
                       "counts": list(range(i, i + BIG // 400 // 7))}}
        if i % 10 == 0:
            t["tweet"]["coordinates"] = {"type": "Point", "coordinates": [str(3.7174 + i * 1e-6), "51.0543"]}
        items.append(t)
    return ("window.YTD.tweets.part0 = " + json.dumps(items, indent=1)).encode()


def thread():
    """A Messenger thread of some 17 MiB with a title and a shared location: an object too big to
    walk that needs its whole (the place's name is cut out of the title), cleaned whole."""
    messages = [{"sender_name": "Jan", "timestamp_ms": 1700000000000 + i, "content": "message %d" % i}
                for i in range(BIG // 70)]
    messages.insert(100, {"sender_name": "An", "timestamp_ms": 1700000000000,
                          "location": {"name": "Bar Sud", "latitude": 51.0543, "longitude": 3.7174}})
    return json.dumps({"participants": [{"name": "Jan"}, {"name": "An"}], "messages": messages,
                       "title": "Jan and An at Bar Sud", "thread_path": "inbox/janan_1"}).encode()


def without_location(value, wipe=False):
    """What the cleaner leaves of a parsed posts or tweets file."""
    if isinstance(value, dict):
        return {k: without_location(v, wipe or k in ("place", "coordinate", "coordinates", "latitude", "longitude",
                                                      "address"))
                for k, v in value.items()}
    if isinstance(value, list):
        return [without_location(v, wipe) for v in value]
    if wipe and isinstance(value, str):
        return ""
    if wipe and isinstance(value, (int, float)) and not isinstance(value, bool):
        return 0
    return value


class BigSidecarsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-bigsidecar-")
        cls.history, cls.history_clean, cls.records = history(510431000)
        cls.posts = posts()
        cls.broken = history(480000000)[0] + b"\n}"  # one brace too many: no valid JSON
        cls.tweets = tweets()
        cls.thread = thread()
        cls.files = {HISTORY: cls.history, POSTS: cls.posts, BROKEN: cls.broken, TWEETS: cls.tweets, THREAD: cls.thread,
                     PHOTO: mk.jpeg_bytes(1, gps=(51.0543, 3.7174)), TWEET_PHOTO: mk.jpeg_bytes(2)}
        sources = e2e.export_in_every_form(cls.tmp, cls.files)
        cls.before = {kind: e2e.tree_digest(path) for kind, path in sources.items()}
        cls.sources = sources
        cls.runs = {}
        for kind, source in sources.items():
            for out in ("zip", "folder"):
                if out == "folder" and kind != "deflated":
                    continue
                clean = os.path.join(cls.tmp, "clean-%s-%s%s" % (kind, out, ".zip" if out == "zip" else ""))
                report = os.path.join(cls.tmp, "%s-%s.json" % (kind, out))
                proc = subprocess.run([MEDIASCAN, "scan", source, "--clean", clean, "--json", report, "--no-progress"],
                                      capture_output=True, text=True)
                assert proc.returncode == 0, proc.stderr
                with open(report) as f:
                    cls.runs[(kind, out)] = (clean, json.load(f))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def cleaned(self, clean, name):
        content = e2e.cleaned_entry(clean, name)
        self.assertIsNotNone(content, "%s not in %s once" % (name, clean))
        return content

    @staticmethod
    def items(report):
        return {i["path"].removeprefix("./"): i for i in report["items"]}

    def test_the_location_history_is_cleaned_byte_for_byte(self):
        for (kind, out), (clean, _) in self.runs.items():
            with self.subTest(source=kind, output=out):
                self.assertEqual(self.cleaned(clean, HISTORY), self.history_clean)

    def test_the_location_history_is_reported_and_settled(self):
        for (kind, out), (_, report) in self.runs.items():
            with self.subTest(source=kind, output=out):
                records = [i for i in report["items"] if i["context"].get("text_kind") == "location_record"
                           and [p.removeprefix("./") for p in i["context"].get("sidecars", [])] == [HISTORY]]
                self.assertEqual(len(records), 1)
                # Five values a record, all under "locations".
                self.assertTrue(records[0]["context"]["caption"].startswith("%d location values" % (5 * self.records)),
                                records[0]["context"]["caption"])
                findings = [f for f in records[0]["findings"] if f["category"] == "location"]
                self.assertEqual(len(findings), 1)
                self.assertTrue(findings[0]["fixed"], findings[0])

    def test_the_posts_file_is_joined_and_cleaned(self):
        expected = without_location(json.loads(self.posts))
        for (kind, out), (clean, report) in self.runs.items():
            with self.subTest(source=kind, output=out):
                cleaned = self.cleaned(clean, POSTS)
                self.assertEqual(json.loads(cleaned), expected)
                self.assertNotIn(b"Korenmarkt", cleaned)
                self.assertNotIn(b"51.0543", cleaned)
                # Held whole by the join all the same: the photo has its caption and its GPS.
                photo = self.items(report)[PHOTO]
                self.assertEqual(photo["context"]["caption"], "Sunset at the harbour")
                geo = [f for f in photo["findings"] if f["signal"] == "sidecar_geo"]
                self.assertEqual(len(geo), 1)
                self.assertTrue(geo[0]["fixed"], geo[0])

    def test_the_tweets_are_joined_and_cleaned(self):
        prefix = b"window.YTD.tweets.part0 = "
        expected = without_location(json.loads(self.tweets[len(prefix):]))
        for (kind, out), (clean, report) in self.runs.items():
            with self.subTest(source=kind, output=out):
                cleaned = self.cleaned(clean, TWEETS)
                self.assertTrue(cleaned.startswith(prefix))
                self.assertEqual(json.loads(cleaned[len(prefix):]), expected)
                # Read a tweet at a time: the photo has its tweet's text and point, fixed.
                photo = self.items(report)[TWEET_PHOTO]
                self.assertEqual(photo["context"]["caption"], "tweet 70, what a day")
                geo = [f for f in photo["findings"] if f["signal"] == "sidecar_geo"]
                self.assertEqual(len(geo), 1, photo["findings"])
                self.assertTrue(geo[0]["fixed"], geo[0])
                # Every other tweet an item of its own.
                tweets = [i for i in report["items"] if i["context"].get("text_kind") == "tweet"]
                self.assertEqual(len(tweets), 399)

    def test_an_object_the_walk_cannot_clean_is_cleaned_whole(self):
        expected = json.loads(self.thread)
        expected["messages"][100]["location"] = {"name": "", "latitude": 0, "longitude": 0}
        expected["title"] = "Jan and An at "  # the place's name cut out, as a small file's is
        for (kind, out), (clean, report) in self.runs.items():
            with self.subTest(source=kind, output=out):
                self.assertEqual(json.loads(self.cleaned(clean, THREAD)), expected)
                for item in report["items"]:
                    if [p.removeprefix("./") for p in item["context"].get("sidecars", [])] == [THREAD]:
                        for f in item["findings"]:
                            if f["category"] == "location":
                                self.assertTrue(f["fixed"], f)

    def test_a_big_file_that_is_no_valid_json_is_copied_as_it_is_and_said_so(self):
        for (kind, out), (clean, report) in self.runs.items():
            with self.subTest(source=kind, output=out):
                self.assertEqual(self.cleaned(clean, BROKEN), self.broken)
                errors = [e for e in report["errors"] if e["path"].removeprefix("./") == BROKEN]
                self.assertEqual([e["code"] for e in errors], ["invalid_sidecar"], errors)

    def test_every_run_reports_the_same(self):
        def normal(value):  # what names the source goes
            if isinstance(value, dict):
                return {k: normal(v) for k, v in value.items() if k not in ("source", "clean", "export")}
            if isinstance(value, list):  # a place's paths come in the source's order
                listed = [normal(v) for v in value]
                return sorted(listed) if all(isinstance(v, str) for v in listed) else listed
            return value.replace("./", "") if isinstance(value, str) else value
        def in_order(report):  # a folder and a tar hand their files in another order than a zip
            report = normal(report)
            report["items"].sort(key=lambda i: i["path"])
            return report
        first = in_order(self.runs[("deflated", "zip")][1])
        for key, (_, report) in self.runs.items():
            with self.subTest(run=key):
                self.assertEqual(in_order(report), first)
                self.assertEqual(report["clean"]["not_cleaned"], 0)

    def test_the_input_is_untouched(self):
        for kind, path in self.sources.items():
            self.assertEqual(e2e.tree_digest(path), self.before[kind], kind)


if __name__ == "__main__":
    unittest.main()
