#!/usr/bin/python3
"""Faces in real photos (Debian's opencv-doc samples) with OpenCV's cascades: found where
they are, not found in photos without people; boxes in full-image coordinates; several faces
make a group; night-time cues from EXIF."""
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
import make_export as mk  # noqa: E402
from PIL import Image  # noqa: E402

MEDIASCAN = os.environ.get("MEDIASCAN", os.path.join(ROOT, "build", "mediascan"))
# messi5.jpg: the player's face (x, y, w, h), measured by hand on the 548x342 original.
MESSI_FACE = (245, 60, 85, 90)


def overlaps(box, ref):
    x, y, w, h = box
    rx, ry, rw, rh = ref
    ix = max(0, min(x + w, rx + rw) - max(x, rx))
    iy = max(0, min(y + h, ry + rh) - max(y, ry))
    return ix * iy >= 0.3 * min(w * h, rw * rh)


def png_bomb():
    """A PNG whose header declares 60000 x 60000 pixels (10.8 GB decoded) over a few bytes."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


class FacesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        data = subprocess.run([os.path.join(ROOT, "scripts", "fetch-test-images.sh")], check=True,
                              capture_output=True, text=True).stdout.strip()
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-faces-")
        messi = Image.open(os.path.join(data, "messi5.jpg")).convert("RGB")
        big = messi.resize((messi.width * 6, messi.height * 6))  # a 3288x2052 "camera" photo
        group = Image.new("RGB", (messi.width * 3, messi.height), "white")
        for i in range(3):
            group.paste(messi, (i * messi.width, 0))
        night = io.BytesIO()
        exif = Image.Exif()
        exif[0x8769] = {0x9003: "2023:06:10 23:48:00", 0x9209: 1, 0x8827: 3200}  # time, flash, ISO
        group.save(night, "JPEG", quality=90, exif=exif.tobytes())
        src = os.path.join(cls.tmp, "photos.zip")
        with zipfile.ZipFile(src, "w") as z:
            z.write(os.path.join(data, "messi5.jpg"), "messi5.jpg")
            buf = io.BytesIO()
            big.save(buf, "JPEG", quality=90)
            z.writestr("messi_big.jpg", buf.getvalue())
            z.writestr("night_group.jpg", night.getvalue())
            # A kitchen at 22:11: the hour alone, no flash, no high ISO, nobody.
            kitchen, exif_late = io.BytesIO(), Image.Exif()
            exif_late[0x8769] = {0x9003: "2024:03:02 22:11:00"}
            Image.open(os.path.join(data, "fruits.jpg")).convert("RGB").save(kitchen, "JPEG", exif=exif_late.tobytes())
            z.writestr("kitchen_late.jpg", kitchen.getvalue())
            # Stored sideways with EXIF orientation 6 ("rotate 90 CW to display").
            sideways = io.BytesIO()
            exif6 = Image.Exif()
            exif6[0x0112] = 6
            messi.transpose(Image.Transpose.ROTATE_90).save(sideways, "JPEG", quality=92, exif=exif6.tobytes())
            z.writestr("messi_sideways.jpg", sideways.getvalue())
            z.writestr("bomb.png", png_bomb())
            # A GIF (OpenCV decodes none; its FFmpeg backend reads the frames), still and animated.
            for name, frames in (("messi.gif", [messi]), ("messi_anim.gif", [messi, messi.transpose(Image.Transpose.FLIP_LEFT_RIGHT)])):
                gif = io.BytesIO()
                frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=200)
                z.writestr(name, gif.getvalue())
            for name in ("fruits.jpg", "building.jpg", "apple.jpg", "board.jpg", "Megamind.avi"):
                z.write(os.path.join(data, name), name)
            # An iPhone's HEIC (OpenCV reads none; libheif decodes it).
            heic = os.path.join(cls.tmp, "messi.heic")
            subprocess.run(["heif-enc", "-q", "85", "-o", heic, os.path.join(data, "messi5.jpg")], check=True,
                           capture_output=True)
            z.write(heic, "IMG_0001.HEIC")
        out = os.path.join(cls.tmp, "r.json")
        proc = subprocess.run([MEDIASCAN, src, "--json", out, "--no-progress"], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        with open(out) as f:
            cls.report = json.load(f)
        cls.items = {i["path"]: i for i in cls.report["items"]}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def faces(self, path):
        return [f for f in self.items[path]["findings"] if f["signal"].startswith("face")]

    def test_checks_say_cascade(self):
        self.assertEqual(self.report["checks"]["faces"], "cascade")

    def test_face_found_where_it_is(self):
        faces = self.faces("messi5.jpg")
        self.assertTrue(any(overlaps(f["box"], MESSI_FACE) for f in faces), faces)
        self.assertTrue(any(f["signal"] == "face:identifiable" for f in faces), faces)

    def test_boxes_are_in_full_image_coordinates(self):
        faces = self.faces("messi_big.jpg")  # decoded at 1/2 scale, detected smaller still
        scaled = tuple(v * 6 for v in MESSI_FACE)
        self.assertTrue(any(overlaps(f["box"], scaled) for f in faces), faces)

    def test_exif_orientation_applied_before_detection(self):
        item = self.items["messi_sideways.jpg"]
        self.assertEqual((item["width"], item["height"]), (548, 342))  # as displayed
        self.assertTrue(any(overlaps(f["box"], MESSI_FACE) for f in self.faces("messi_sideways.jpg")))

    def test_pixel_bomb_refused_before_decoding(self):
        item = self.items["bomb.png"]
        self.assertEqual([e["code"] for e in item["errors"]], ["pixel_limit"])

    def test_no_faces_without_people(self):
        for name in ("fruits.jpg", "building.jpg", "apple.jpg", "board.jpg"):
            self.assertEqual(self.faces(name), [], name)

    def test_video_frames_are_checked(self):
        item = self.items["Megamind.avi"]
        self.assertEqual((item["kind"], item["type"]), ("video", "avi"))
        faces = self.faces("Megamind.avi")
        self.assertTrue(faces)
        self.assertIn("frame at", faces[0]["evidence"])
        self.assertEqual(item["errors"], [])

    def test_gif_frames_are_checked(self):
        for name in ("messi.gif", "messi_anim.gif"):
            item = self.items[name]
            self.assertEqual((item["kind"], item["type"], item["errors"]), ("image", "gif", []), name)
            self.assertEqual((item["width"], item["height"]), (548, 342), name)
            self.assertTrue(any(overlaps(f["box"], MESSI_FACE) for f in self.faces(name)), name)

    def test_heic_is_decoded_and_checked(self):
        item = self.items["IMG_0001.HEIC"]
        self.assertEqual((item["kind"], item["type"], item["errors"]), ("image", "heic", []))
        self.assertEqual((item["width"], item["height"]), (548, 342))
        self.assertTrue(any(overlaps(f["box"], MESSI_FACE) for f in self.faces("IMG_0001.HEIC")), item["findings"])

    def test_group_at_night_is_a_night_out(self):
        item = self.items["night_group.jpg"]
        signals = {f["signal"]: f for f in item["findings"]}
        self.assertIn("people:group", signals)
        cue = signals["night_out_cues"]
        self.assertEqual(cue["category"], "nightlife")
        for part in ("23:48", "flash", "ISO 3200", "people"):
            self.assertIn(part, cue["evidence"])
        self.assertIn(item["risk"]["level"], ("medium", "high"))
        # The hour alone is no night out (from a review: a kitchen photo at 22:11 was one).
        late = self.items["kitchen_late.jpg"]
        self.assertEqual([f for f in late["findings"] if f["category"] == "nightlife"], [])


if __name__ == "__main__":
    unittest.main()
