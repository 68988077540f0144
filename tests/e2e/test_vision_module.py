#!/usr/bin/python3
"""The vision module, mediascan-vision.so beside the program: loaded only by a run that decodes
pixels (a strip never loads OpenCV), and a program without it still strips and reports, saying
that faces, scenes and previews were not checked."""
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, describe, main, mediascan_path  # noqa: E402
from PIL import Image  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def gps_exif(lat, lon):
    exif = Image.Exif()
    dms = lambda v: (int(v), int(v * 60) % 60, round(v * 3600 % 60, 2))  # noqa: E731
    exif[0x8825] = {1: "N", 2: dms(lat), 3: "E", 4: dms(lon)}
    return exif.tobytes()


class VisionModuleTest(E2ECase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data = subprocess.run([os.path.join(ROOT, "scripts", "fetch-test-images.sh")], check=True,
                              capture_output=True, text=True).stdout.strip()
        cls.src = os.path.join(cls.tmp, "photos.zip")
        with zipfile.ZipFile(cls.src, "w") as z:
            photo = io.BytesIO()
            Image.open(os.path.join(data, "messi5.jpg")).convert("RGB").save(
                photo, "JPEG", quality=90, exif=gps_exif(48.8583, 2.2945))
            z.writestr("messi.jpg", photo.getvalue())
        # The program alone, as someone might copy it without its module.
        cls.alone = os.path.join(cls.tmp, "alone", "mediascan")
        os.makedirs(os.path.dirname(cls.alone))
        shutil.copy(mediascan_path(), cls.alone)

    def run_traced(self, exe, args):
        """Runs EXE ARGS with the dynamic loader naming every library it loads (on stderr)."""
        env = dict(os.environ, LD_DEBUG="files", LC_ALL="C.UTF-8")
        return subprocess.run([exe] + args, env=env, capture_output=True, text=True, errors="replace",
                              timeout=120, cwd=self.tmp)

    def report(self, name):
        with open(os.path.join(self.tmp, name), encoding="utf-8") as f:
            return json.load(f)

    def test_a_strip_loads_no_opencv(self):
        proc = self.run_traced(mediascan_path(), ["scan", self.src, "--checks", "location", "--clean", "strip.zip",
                                                  "--json", "strip.json"])
        report = self.require_report(proc, self.report("strip.json"))
        self.assertNotIn("mediascan-vision.so", proc.stderr)
        self.assertNotIn("libopencv", proc.stderr)
        item = self.get_item(report, "messi.jpg")
        self.assertTrue([f for f in item["findings"] if f["signal"] == "exif_gps" and f.get("fixed")], item)
        with zipfile.ZipFile(os.path.join(self.tmp, "strip.zip")) as z:
            cleaned = Image.open(io.BytesIO(z.read("messi.jpg")))
            self.assertFalse(cleaned.getexif().get_ifd(0x8825))

    def test_faces_load_the_module(self):
        proc = self.run_traced(mediascan_path(), ["scan", self.src, "--report", "full.html", "--json", "full.json"])
        report = self.require_report(proc, self.report("full.json"))
        self.assertIn("mediascan-vision.so", proc.stderr)
        self.assertEqual(report["checks"]["faces"], "cascade")
        item = self.get_item(report, "messi.jpg")
        self.assertEqual((item.get("width"), item.get("height")), (548, 342))
        self.assertTrue([f for f in item["findings"] if f["category"] == "people"], item)

    def test_without_the_module_the_rest_still_runs(self):
        out = os.path.join(self.tmp, "alone.json")
        proc = subprocess.run([self.alone, "scan", self.src, "--report", "alone.html", "--json", out,
                               "--clean", "alone.zip"], capture_output=True, text=True, timeout=120, cwd=self.tmp)
        report = self.require_report(proc, self.report("alone.json"))
        self.assertIn("the vision module is missing", proc.stderr, describe(proc))
        self.assertIn("face detection, scene checks and previews are off", proc.stderr)
        self.assertEqual(report["checks"]["faces"], "off")
        item = self.get_item(report, "messi.jpg")
        self.assertFalse([f for f in item["findings"] if f["category"] == "people"], item)
        self.assertTrue([f for f in item["findings"] if f["signal"] == "exif_gps" and f.get("fixed")], item)
        self.assertTrue(os.path.getsize(os.path.join(self.tmp, "alone.html")) > 0)
        # A strip has no need of it, and says nothing.
        proc = subprocess.run([self.alone, "scan", self.src, "--checks", "location", "--clean", "alone2.zip"],
                              capture_output=True, text=True, timeout=120, cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertNotIn("vision", proc.stderr)


if __name__ == "__main__":
    main()
