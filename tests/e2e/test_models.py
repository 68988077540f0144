#!/usr/bin/python3
"""The model path end to end on tiny ONNX models with known outputs: manifests validated,
findings from a classification head, and clear messages for missing, tampered or corrupt files."""
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from PIL import Image  # noqa: E402

MEDIASCAN = os.environ.get("MEDIASCAN", os.path.join(ROOT, "build", "mediascan"))
MAKE = os.path.join(ROOT, "scripts", "make-test-models.py")


def photo(rgb):
    buf = io.BytesIO()
    Image.new("RGB", (120, 90), rgb).save(buf, "JPEG", quality=95)
    return buf.getvalue()


class ModelsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-models-")
        cls.good = os.path.join(cls.tmp, "good")
        cls.broken = os.path.join(cls.tmp, "broken")
        cls.yolox = os.path.join(cls.tmp, "yolox")
        subprocess.run(["/usr/bin/python3", MAKE, cls.yolox, "yolox"], check=True)
        subprocess.run(["/usr/bin/python3", MAKE, cls.good], check=True)
        subprocess.run(["/usr/bin/python3", MAKE, cls.broken, "broken"], check=True)
        cls.src = os.path.join(cls.tmp, "colours.zip")
        with zipfile.ZipFile(cls.src, "w") as z:
            z.writestr("red.jpg", photo((230, 10, 10)))
            z.writestr("green.jpg", photo((10, 230, 10)))
            z.writestr("blue.jpg", photo((10, 10, 230)))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def scan(self, models):
        out = os.path.join(self.tmp, "r.json")
        proc = subprocess.run([MEDIASCAN, self.src, "--models", models, "--json", out, "--no-progress"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out) as f:
            return json.load(f), proc.stderr

    def test_classification_findings(self):
        report, _ = self.scan(self.good)
        self.assertEqual(report["checks"]["scene"], "colour")
        found = {i["path"]: [(f["category"], f["signal"]) for f in i["findings"] if f["where"] == "pixels"]
                 for i in report["items"]}
        self.assertEqual(found["red.jpg"], [("alcohol", "scene:beer bottle")])
        self.assertEqual(found["green.jpg"], [("nightlife", "scene:dance floor")])
        self.assertEqual(found["blue.jpg"], [])

    def test_yolox_detection_head_decoded_into_boxes(self):
        report, _ = self.scan(self.yolox)
        red = next(i for i in report["items"] if i["path"] == "red.jpg")  # 120 x 90 pixels
        bottles = [f for f in red["findings"] if f["signal"] == "object:bottle"]
        self.assertEqual(len(bottles), 1, red["findings"])
        self.assertEqual(bottles[0]["category"], "alcohol")
        self.assertAlmostEqual(bottles[0]["confidence"], 0.81, places=2)
        # Cell (10, 20) at stride 8 with offset 0.5: centre (84, 164), 32 px, in 640 x 640 input
        # coordinates, scaled back to the 120 x 90 picture.
        x, y, w, h = bottles[0]["box"]
        self.assertAlmostEqual(x, (84 - 16) * 120 / 640, delta=1)
        self.assertAlmostEqual(y, (164 - 16) * 90 / 640, delta=1)
        self.assertAlmostEqual(w, 32 * 120 / 640, delta=1)
        self.assertAlmostEqual(h, 32 * 90 / 640, delta=1)

    def test_yunet_heads_decoded_into_faces(self):
        models = os.path.join(self.tmp, "yunet")
        subprocess.run(["/usr/bin/python3", MAKE, models, "yunet"], check=True)
        src = os.path.join(self.tmp, "square.zip")
        square = Image.new("RGB", (320, 240), "black")
        square.paste((255, 255, 255), (96, 64, 160, 128))  # the stand-in's "face"
        buf = io.BytesIO()
        square.save(buf, "PNG")
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("square.png", buf.getvalue())
        out = os.path.join(self.tmp, "y.json")
        subprocess.run([MEDIASCAN, src, "--models", models, "--json", out, "--no-progress", "--quiet"], check=True)
        with open(out) as f:
            report = json.load(f)
        self.assertEqual(report["checks"]["faces"], "yunet")
        faces = [f for f in report["items"][0]["findings"] if f["signal"].startswith("face")]
        self.assertTrue(faces)
        for f in faces:  # only cells wholly inside the square pass the 0.6 score threshold
            x, y, w, h = f["box"]
            self.assertTrue(x >= 0 and y >= 0 and x + w <= 320 and y + h <= 240, f["box"])
            cx, cy = x + w / 2, y + h / 2
            self.assertTrue(96 <= cx <= 160 and 64 <= cy <= 128, f["box"])
        self.assertIn([68, 36, 64, 64], [f["box"] for f in faces])  # stride 8, cell (12, 8)

    def test_models_command_lists_status(self):
        out = subprocess.run([MEDIASCAN, "models", "--models", self.broken], capture_output=True, text=True, check=True).stdout
        lines = {line.split()[0]: line for line in out.splitlines() if line and not line.startswith(("models", "faces"))}
        self.assertIn("ready", lines["colour"])
        self.assertIn("does not match the sha256", lines["tampered"])
        self.assertIn("'file' not found", lines["bad.json"])  # the manifest's missing field is named

    def test_corrupt_model_is_a_clear_message_and_the_scan_goes_on(self):
        report, stderr = self.scan(self.broken)
        self.assertIn("cannot load model", stderr)
        self.assertIn("garbage.onnx", stderr)
        self.assertEqual(report["checks"]["scene"], "unavailable")
        self.assertEqual(len(report["items"]), 3)

    def test_missing_models_folder_is_a_usage_error(self):
        proc = subprocess.run([MEDIASCAN, self.src, "--models", os.path.join(self.tmp, "nope")], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no such folder", proc.stderr)


if __name__ == "__main__":
    unittest.main()
