#!/usr/bin/python3
"""Regressions: GPS tracks written as text were reported nowhere and kept by --clean.

A DJI drone's MP4 carries its flight data, a position a frame, in a subtitle track (tx3g): the
video was "ok" with no finding and its cleaned copy kept the coordinates. Now the track is a
video_gps finding fixed by zeroing its digits in place (same size, same frames, still plays).
Checked with another reader than the writer: ffmpeg."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import file_sha256, run  # noqa: E402

# What a DJI Mavic 3 writes a frame, and what older models (Phantom 4) wrote.
DJI_SRT = """1
00:00:00,000 --> 00:00:01,000
<font size="28">FrameCnt: 1, DiffTime: 33ms
2023-05-01 12:00:00.000
[iso: 100] [shutter: 1/500.0] [fnum: 1.7] [latitude: 48.858400] [longitude: 2.294500] [rel_alt: 1.200 abs_alt: 80.500] </font>

2
00:00:01,000 --> 00:00:02,000
<font size="28">FrameCnt: 2, DiffTime: 33ms
2023-05-01 12:00:01.000
[iso: 100] [shutter: 1/500.0] [fnum: 1.7] [latitude: 48.858410] [longitude: 2.294510] [rel_alt: 1.300 abs_alt: 80.600] </font>

3
00:00:02,000 --> 00:00:03,000
HOME(2.2945,48.8584) 2017.08.05 14:11:51
GPS(2.2946,48.8585,80) BAROMETER:1.9
"""

COORDINATES = ("48.858", "48.859", "48.860", "2.2945", "2.2946", "2.2951", "2.2960", "51.5072")


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=300)


def subtitles_of(path):
    return subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:s", "-f", "srt", "-"],
                          check=True, capture_output=True, text=True).stdout


def frame_digests(path):
    """ffmpeg's MD5 of every decoded video and audio frame."""
    return subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:v", "-map", "0:a?", "-f", "framemd5", "-"],
                          check=True, capture_output=True).stdout


def streams_of(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


class Scan:
    """A folder `src` scanned with --clean into a folder: the report's items by path."""

    def __init__(self, test, src, tmp):
        self.out, report = os.path.join(tmp, "clean"), os.path.join(tmp, "r.json")
        proc = run([src, "--clean", self.out, "--json", report, "--no-progress"])
        test.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            self.items = {i["path"]: i for i in json.load(f)["items"]}


def digests(folder):
    return {name: file_sha256(os.path.join(folder, name)) for name in sorted(os.listdir(folder))}


class DroneSubtitleTrackTest(unittest.TestCase):
    """Regression: a DJI MP4's subtitle track of per-frame GPS was "ok" with no finding."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-dji-")
        cls.src = os.path.join(cls.tmp, "src")
        os.makedirs(cls.src)
        srt = os.path.join(cls.tmp, "gps.srt")
        with open(srt, "w") as f:
            f.write(DJI_SRT)
        # A small one (held in memory) and one over LargeEntry::kFrom (16 MiB), whose media data
        # stays in a file and is patched by overwrites.
        ffmpeg("-f", "lavfi", "-i", "testsrc=duration=3:size=64x48:rate=5", "-f", "lavfi",
               "-i", "sine=duration=3", "-i", srt, "-t", "3", "-c:v", "libx264", "-c:a", "aac", "-c:s", "mov_text",
               os.path.join(cls.src, "DJI_0001.MP4"))
        ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=800x600:r=10,noise=alls=100:allf=t", "-i", srt,
               "-t", "6", "-fs", "40M", "-c:v", "mjpeg", "-q:v", "1", "-c:s", "mov_text",
               os.path.join(cls.src, "DJI_0002.MP4"))
        assert os.path.getsize(os.path.join(cls.src, "DJI_0002.MP4")) > 16 << 20
        cls.before = digests(cls.src)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_found_fixed_and_zeroed_in_place(self):
        scan = Scan(self, self.src, self.tmp)
        for name in ("DJI_0001.MP4", "DJI_0002.MP4"):
            with self.subTest(file=name):
                original, cleaned = os.path.join(self.src, name), os.path.join(scan.out, name)
                self.assertIn("48.858400", subtitles_of(original))
                item = scan.items[name]
                self.assertEqual([e for e in item["errors"] if e["code"] != "not_decoded"], [])
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertEqual([(f["signal"], f["where"], f["fixed"]) for f in location],
                                 [("video_gps", "quicktime", True)], location)
                self.assertIn("4 positions", location[0]["evidence"])
                self.assertIn("48.858400, 2.294500", location[0]["evidence"])
                self.assertEqual(item["action"], "fixed")
                # ffmpeg reads the cleaned subtitles: the frames' text is there, no position.
                text = subtitles_of(cleaned)
                for gone in COORDINATES + ("80.500",):
                    self.assertNotIn(gone, text)
                for kept in ("FrameCnt: 2", "rel_alt: 1.300", "[latitude: 00.000000]", "BAROMETER:1.9"):
                    self.assertIn(kept, text)
                self.assertEqual(os.path.getsize(cleaned), os.path.getsize(original))
                self.assertEqual(frame_digests(cleaned), frame_digests(original))
                self.assertEqual(streams_of(cleaned), streams_of(original))
        self.assertEqual(digests(self.src), self.before)  # the input is never modified

    def test_a_second_scan_of_the_cleaned_copy_finds_nothing(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-dji2-")
        self.addCleanup(shutil.rmtree, tmp)
        first = Scan(self, self.src, tmp)
        os.makedirs(os.path.join(tmp, "again"))
        again = Scan(self, first.out, os.path.join(tmp, "again"))
        for name in ("DJI_0001.MP4", "DJI_0002.MP4"):
            self.assertEqual([f for f in again.items[name]["findings"] if f["category"] == "location"], [])


if __name__ == "__main__":
    unittest.main()
