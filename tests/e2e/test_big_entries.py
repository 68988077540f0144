#!/usr/bin/python3
"""Videos too big to hold in memory (16 MiB and more) are kept in a file while they are checked:
their location is read, stripped and verified from their metadata boxes, their media data is
copied as it is, and the result is the same whether the export is a deflated zip, a stored zip, a
tar.gz or a folder, and whether the cleaned export is a zip or a folder."""
import hashlib
import json
import os
import random
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_export as mk  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_common as e2e  # noqa: E402

MEDIASCAN = os.environ.get("MEDIASCAN", os.path.join(ROOT, "build", "mediascan"))
BIG = 17 << 20  # over mediascan's 16 MiB


def box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def noise(n, seed):
    return random.Random(seed).randbytes(n)


def moov_of(mp4):
    at = mp4.index(b"moov") - 4
    return mp4[at:at + struct.unpack(">I", mp4[at:at + 4])[0]]


def exiftool_location(path):
    out = subprocess.run(["exiftool", "-j", "-n", "-a", "-G1", "-gps:all", "-GPSCoordinates", "-Location*", path],
                         check=True, capture_output=True, text=True).stdout
    return {k: v for k, v in json.loads(out)[0].items() if k != "SourceFile"}


class BigEntriesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-big-")
        small = mk.mp4_bytes(5, gps=(52.3702, 4.8952))
        ftyp = small[:small.index(b"moov") - 4]
        # A phone's layout (moov first) and a camera's (media data first, moov at the end, the
        # location in its Keys written by exiftool); a video cut short; a decodable AVI padded.
        front = ftyp + moov_of(small) + box(b"mdat", noise(BIG, 1))
        back_path = os.path.join(cls.tmp, "back.mov")
        with open(back_path, "wb") as f:
            f.write(ftyp + box(b"mdat", noise(BIG, 2)) + moov_of(mk.mp4_bytes(6)))
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-Keys:GPSCoordinates=48.8584, 2.2945, 35",
                        back_path], check=True)
        with open(back_path, "rb") as f:
            back = f.read()
        cut = ftyp + moov_of(small) + box(b"mdat", noise(BIG, 3))
        cut = cut[:-4096]
        data = subprocess.run([os.path.join(ROOT, "scripts", "fetch-test-images.sh")], check=True,
                              capture_output=True, text=True).stdout.strip()
        with open(os.path.join(data, "Megamind.avi"), "rb") as f:
            avi = f.read() + bytes(BIG)
        # The same under 16 MiB, read into memory: both ways must give the same results; and
        # both with 4 bytes after the last box (no box: passed over).
        front_small = ftyp + moov_of(small) + box(b"mdat", noise(BIG - (2 << 20), 1))
        cls.files = {"Videos/front.mp4": front, "Videos/back.mov": back, "Videos/cut.mp4": cut,
                     "Videos/front_small.mp4": front_small, "Videos/trail.mp4": front + bytes(4),
                     "Videos/trail_small.mp4": front_small + bytes(4),
                     "Videos/Megamind.avi": avi, "Activity/messages.html": cls.html(), "Photos/photo.jpg": mk.jpeg_bytes(1, gps=(52.37, 4.89))}
        sources = e2e.export_in_every_form(cls.tmp, cls.files)
        cls.runs = {}
        for kind, source in sources.items():
            for out in ("zip", "folder"):
                if out == "folder" and kind not in ("deflated", "tgz"):
                    continue
                clean = os.path.join(cls.tmp, "clean-%s-%s%s" % (kind, out, ".zip" if out == "zip" else ""))
                report = os.path.join(cls.tmp, "%s-%s.json" % (kind, out))
                proc = subprocess.run([MEDIASCAN, "scan", source, "--clean", clean, "--json", report, "--no-progress"],
                                      capture_output=True, text=True)
                assert proc.returncode == 0, proc.stderr
                with open(report) as f:
                    items = {i["path"].removeprefix("./"): i for i in json.load(f)["items"]}
                cls.runs[(kind, out)] = (clean, items)

    @staticmethod
    def html():
        rows = "".join("<tr><td>2024-05-%02d</td><td>message number %d from a friend</td></tr>\n" % (i % 28 + 1, i)
                       for i in range(BIG // 60))
        return ("<html><body><table>\n" + rows + "</table></body></html>\n").encode()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def cleaned(self, clean, name):
        content = e2e.cleaned_entry(clean, name)
        self.assertIsNotNone(content, "%s not in %s once" % (name, clean))
        return content

    def test_location_is_found_stripped_and_verified(self):
        for run, (clean, items) in self.runs.items():
            for name, where in (("Videos/front.mp4", "moov/udta/©xyz"), ("Videos/back.mov", "keys:com.apple.quicktime.location")):
                with self.subTest(run=run, video=name):
                    item = items[name]
                    location = [f for f in item["findings"] if f["category"] == "location"]
                    self.assertTrue(location, item)
                    self.assertTrue(any(where in f["evidence"] for f in location), location)
                    self.assertTrue(all(f["fixed"] for f in location), location)
                    self.assertEqual([e for e in item["errors"] if e["code"] in ("not_cleaned", "not_copied")], [])

    def test_cleaned_videos_keep_their_media_data_and_lose_their_location(self):
        for run, (clean, _) in self.runs.items():
            for name in ("Videos/front.mp4", "Videos/back.mov", "Videos/trail.mp4"):
                with self.subTest(run=run, video=name):
                    before, after = self.files[name], self.cleaned(clean, name)
                    self.assertEqual(len(before), len(after))
                    changed = [i for i in range(0, len(before), 4096) if before[i:i + 4096] != after[i:i + 4096]]
                    self.assertTrue(changed)
                    mdat = before.index(b"mdat") - 4
                    mdat_end = mdat + struct.unpack(">I", before[mdat:mdat + 4])[0]
                    self.assertEqual(before[mdat:mdat_end], after[mdat:mdat_end])
                    path = os.path.join(self.tmp, "check" + os.path.splitext(name)[1])
                    with open(path, "wb") as f:
                        f.write(after)
                    self.assertEqual(exiftool_location(path), {})

    def test_a_video_cut_short_is_reported_and_its_location_never_counted_as_gone(self):
        for run, (clean, items) in self.runs.items():
            with self.subTest(run=run):
                item = items["Videos/cut.mp4"]
                self.assertIn("metadata_damaged", [e["code"] for e in item["errors"]])
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertTrue(location)
                # The location the damaged file still showed is blanked, but the verification
                # cannot read it whole: never counted as fixed.
                self.assertFalse(any(f["fixed"] for f in location))
                before, after = self.files["Videos/cut.mp4"], self.cleaned(clean, "Videos/cut.mp4")
                self.assertEqual(len(before), len(after))
                self.assertNotIn(b"+52.3702", after)

    def test_frames_of_a_big_video_are_checked(self):
        for run, (clean, items) in self.runs.items():
            with self.subTest(run=run):
                item = items["Videos/Megamind.avi"]
                self.assertTrue(any("frame at" in f["evidence"] for f in item["findings"] if f["category"] == "people"))
                self.assertEqual(self.cleaned(clean, "Videos/Megamind.avi"), self.files["Videos/Megamind.avi"])

    def test_a_big_file_that_is_no_media_is_copied_whole_and_still_deflated(self):
        for run, (clean, _) in self.runs.items():
            with self.subTest(run=run):
                self.assertEqual(self.cleaned(clean, "Activity/messages.html"), self.files["Activity/messages.html"])
                if not os.path.isdir(clean):
                    with zipfile.ZipFile(clean) as z:
                        info = [i for i in z.infolist() if i.filename.endswith("messages.html")][0]
                        self.assertEqual(info.compress_type, zipfile.ZIP_DEFLATED)
                        self.assertLess(info.compress_size, info.file_size // 4)

    def test_sizes_and_hashes_are_of_the_whole_files(self):
        for run, (_, items) in self.runs.items():
            for name, content in self.files.items():
                if name not in items:
                    continue  # not media: no item
                with self.subTest(run=run, file=name):
                    self.assertEqual(items[name]["size"], len(content))
                    self.assertEqual(items[name]["sha256"], hashlib.sha256(content).hexdigest())

    def test_big_and_small_videos_give_the_same_results(self):
        def results(item):
            return (sorted((f["signal"], f["evidence"], f["fixed"]) for f in item["findings"]),
                    sorted(e["code"] for e in item["errors"]))
        for run, (_, items) in self.runs.items():
            for big, small in (("front", "front_small"), ("trail", "trail_small"), ("front", "trail")):
                with self.subTest(run=run, big=big, small=small):
                    self.assertEqual(results(items["Videos/%s.mp4" % big]), results(items["Videos/%s.mp4" % small]))

    def test_a_big_archive_inside_the_export(self):
        # A Takeout part zipped again with the rest: read and rebuilt through temporary files.
        inner = os.path.join(self.tmp, "inner.zip")
        with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as z:
            z.writestr("Videos/front.mp4", self.files["Videos/front.mp4"])
            z.writestr("Photos/photo.jpg", self.files["Photos/photo.jpg"])
        outer = os.path.join(self.tmp, "outer.zip")
        with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.write(inner, "takeout-002.zip")
        clean, report = os.path.join(self.tmp, "outer-clean.zip"), os.path.join(self.tmp, "outer.json")
        proc = subprocess.run([MEDIASCAN, "scan", outer, "--clean", clean, "--json", report, "--no-progress"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            items = {i["path"]: i for i in json.load(f)["items"]}
        video = items["takeout-002.zip/Videos/front.mp4"]
        self.assertEqual([e["code"] for e in video["errors"] if e["code"] != "not_decoded"], [])
        location = [f for f in video["findings"] if f["category"] == "location"]
        self.assertTrue(location and all(f["fixed"] for f in location), location)
        with zipfile.ZipFile(clean) as z, zipfile.ZipFile(z.open("takeout-002.zip")) as rebuilt:
            after = rebuilt.read("Videos/front.mp4")
        before = self.files["Videos/front.mp4"]
        self.assertEqual(len(after), len(before))
        self.assertNotIn(b"+52.3702", after)
        self.assertEqual(after[-(1 << 20):], before[-(1 << 20):])

    def test_no_room_for_a_temporary_file_stops_the_run_with_a_clear_message(self):
        # A file size limit under the 17 MiB videos: a tgz entry cannot be set aside, and the run
        # must say why instead of leaving the video out and exiting 0. The input is untouched.
        limit = 8 << 20
        def small_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        tgz = os.path.join(self.tmp, "export.tgz")
        with open(tgz, "rb") as f:
            before = hashlib.sha256(f.read()).hexdigest()
        proc = subprocess.run([MEDIASCAN, "scan", tgz, "--json", os.path.join(self.tmp, "limited.json"),
                               "--no-progress"], capture_output=True, text=True, preexec_fn=small_files)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("temporary file", proc.stderr)
        with open(tgz, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), before)

    def test_every_source_gives_the_same_report(self):
        def essence(items):
            return {name: (i["type"], sorted((f["signal"], f["evidence"], f["fixed"]) for f in i["findings"]),
                           sorted(e["code"] for e in i["errors"])) for name, i in items.items()}
        first = essence(self.runs[("deflated", "zip")][1])
        for run, (_, items) in self.runs.items():
            self.assertEqual(essence(items), first, run)



def frame_digests(path):
    """ffmpeg's MD5 of every decoded frame: equal when the media is untouched."""
    return subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0", "-f", "framemd5", "-"],
                          check=True, capture_output=True).stdout


class BigMatroskaAviTest(unittest.TestCase):
    """Regression: a Matroska or AVI file of 16 MiB or more (kept in a file, without a skeleton)
    had its location reported but never cleaned ("not_cleaned"). Now its values are overwritten
    where they are, as a small one's: same size, same frames, the finding fixed."""

    XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
           b'exif:GPSLatitude="52,22.212N" exif:GPSLongitude="4,53.712E"/></rdf:RDF></x:xmpmeta>')

    def test_found_removed_and_verified(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-big-mkv-")
        self.addCleanup(shutil.rmtree, tmp)
        folder = os.path.join(tmp, "folder")
        os.makedirs(folder)
        # Raw frames: 180 of 320x240 make some 20 MiB, decoded in no time.
        lavfi = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=6",
                 "-c:v", "rawvideo", "-pix_fmt", "yuv420p"]
        subprocess.run(lavfi + ["-metadata", "location=+52.37+004.89/", "-metadata", "title=Canal trip",
                                os.path.join(folder, "trip.mkv")], check=True)
        subprocess.run(lavfi + [os.path.join(tmp, "plain.avi")], check=True)
        with open(os.path.join(tmp, "plain.avi"), "rb") as f:
            avi = f.read()
        chunk = b"_PMX" + struct.pack("<I", len(self.XMP)) + self.XMP + b"\0" * (len(self.XMP) & 1)
        riff = struct.unpack("<I", avi[4:8])[0]
        with open(os.path.join(folder, "trip.avi"), "wb") as f:
            f.write(avi[:4] + struct.pack("<I", riff + len(chunk)) + avi[8:8 + riff] + chunk + avi[8 + riff:])
        names = ["trip.mkv", "trip.avi"]
        before = {}
        for name in names:
            self.assertGreater(os.path.getsize(os.path.join(folder, name)), BIG)
            with open(os.path.join(folder, name), "rb") as f:
                before[name] = hashlib.sha256(f.read()).hexdigest()
        stored = os.path.join(tmp, "stored.zip")
        with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as z:
            for name in names:
                z.write(os.path.join(folder, name), name)
        for kind, source in (("folder", folder), ("stored", stored)):
            clean, report = os.path.join(tmp, kind + "-clean.zip"), os.path.join(tmp, kind + ".json")
            proc = subprocess.run([MEDIASCAN, "scan", source, "--clean", clean, "--json", report, "--no-progress"],
                                  capture_output=True, text=True)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(report) as f:
                items = {i["path"]: i for i in json.load(f)["items"]}
            with zipfile.ZipFile(clean) as z:
                z.extractall(os.path.join(tmp, "out-" + kind))
            for name, evidence in (("trip.mkv", "52.370000, 4.890000"), ("trip.avi", "52.370200, 4.895200")):
                with self.subTest(source=kind, file=name):
                    item = items[name]
                    self.assertEqual([e for e in item["errors"] if e["code"] == "not_cleaned"], [])
                    location = [f for f in item["findings"] if f["category"] == "location"]
                    self.assertEqual(len(location), 1, location)
                    self.assertIn(evidence, location[0]["evidence"])
                    self.assertTrue(location[0]["fixed"], location)
                    cleaned, original = os.path.join(tmp, "out-" + kind, name), os.path.join(folder, name)
                    self.assertEqual(os.path.getsize(cleaned), os.path.getsize(original))
                    # A Matroska tag's value is zeros: exiftool shows the tag, empty.
                    self.assertEqual({k: v for k, v in exiftool_location(cleaned).items() if str(v).strip()}, {})
                    tags = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format_tags", cleaned],
                                          check=True, capture_output=True, text=True).stdout
                    self.assertNotIn("+52.37", tags)
                    self.assertEqual(frame_digests(cleaned), frame_digests(original))
            self.assertIn("Canal trip", subprocess.run(["exiftool", "-Title", os.path.join(tmp, "out-" + kind, "trip.mkv")],
                                                       check=True, capture_output=True, text=True).stdout)
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                self.assertEqual(hashlib.sha256(f.read()).hexdigest(), before[name])


if __name__ == "__main__":
    unittest.main()
