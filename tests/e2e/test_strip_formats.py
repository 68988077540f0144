#!/usr/bin/python3
"""--clean on every format that carries location, checked with a different reader (exiftool)
than the writer (exiv2 and mediascan's own box patcher): no location survives, pixels decode
identically, other tags survive --strip location, orientation survives --strip all."""
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import make_export as mk  # noqa: E402
from PIL import Image, ImageSequence  # noqa: E402

MEDIASCAN = os.environ.get("MEDIASCAN", "build/mediascan")
GPS = ["-GPSLatitude=52.3702", "-GPSLatitudeRef=N", "-GPSLongitude=4.8952", "-GPSLongitudeRef=E",
       "-XMP-exif:GPSLatitude=52.3702 N", "-XMP-exif:GPSLongitude=4.8952 E",
       "-XMP:City=Amsterdam", "-Make=Canon", "-Model=EOS 80D", "-Artist=Jan de Vries",
       "-Orientation#=6"]
LOCATION_TAGS = ["-gps:all", "-XMP-exif:GPS*", "-GPSCoordinates", "-City", "-Country", "-State", "-Location",
                 "-Sub-location", "-LocationShown*", "-LocationCreated*", "-XMP-drone-dji:GPS*",
                 "-XMP-drone-dji:AbsoluteAltitude", "-Composite:GPSPosition",
                 "-ContentLocationName", "-ContentLocationCode", "-Panasonic:Country", "-Panasonic:State",
                 "-Panasonic:City", "-Panasonic:Landmark"]


def with_panasonic_makernote(jpeg):
    """`jpeg` with an Exif segment as a Panasonic Lumix with GPS writes it: place names
    (Country, State, City, Landmark) in its maker note, beside its image quality."""
    def text(s, n):
        return s.encode().ljust(n, b"\0")
    tags = [(0x0001, 3, 1, struct.pack("<HH", 2, 0)), (0x0069, 7, 72, text("France", 72)),
            (0x006b, 7, 72, text("Ile-de-France", 72)), (0x006d, 7, 72, text("Paris", 72)),
            (0x006f, 7, 128, text("Eiffel Tower", 128))]
    make = b"Panasonic\0"
    exif_ifd = 8 + 2 + 2 * 12 + 4 + len(make)
    makernote_at = exif_ifd + 2 + 12 + 4
    header = b"Panasonic\0\0\0"
    values_at = makernote_at + len(header) + 2 + len(tags) * 12 + 4
    entries, values = b"", b""
    for tag, kind, count, value in tags:
        if len(value) <= 4:
            entries += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
        else:
            entries += struct.pack("<HHII", tag, kind, count, values_at + len(values))
            values += value
    makernote = header + struct.pack("<H", len(tags)) + entries + bytes(4) + values
    tiff = (b"II*\0" + struct.pack("<IH", 8, 2) + struct.pack("<HHII", 0x010F, 2, len(make), 8 + 2 + 24 + 4)
            + struct.pack("<HHII", 0x8769, 4, 1, exif_ifd) + bytes(4) + make
            + struct.pack("<H", 1) + struct.pack("<HHII", 0x927C, 7, len(makernote), makernote_at) + bytes(4)
            + makernote)
    app1 = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + jpeg[2:]


def exiftool(path, *args):
    out = subprocess.run(["exiftool", "-j", "-n", "-a", "-G1"] + list(args) + [path],
                         check=True, capture_output=True, text=True).stdout
    tags = json.loads(out)[0]
    return {k: v for k, v in tags.items() if k != "SourceFile" and str(v).strip() != ""}


def pixels(path):
    if path.endswith(".heic"):
        png = path + ".png"
        subprocess.run(["heif-convert", path, png], check=True, capture_output=True)
        path = png
    with Image.open(path) as im:
        return im.convert("RGB").tobytes()


class StripFormatsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-strip-")
        src = os.path.join(cls.tmp, "src")
        os.makedirs(src)
        picture = mk._picture(7, (256, 192))
        for ext, fmt in [("jpg", "JPEG"), ("png", "PNG"), ("webp", "WEBP"), ("tif", "TIFF")]:
            picture.save(os.path.join(src, "photo." + ext), fmt)
        cls.formats = ["jpg", "png", "webp", "tif"]
        if shutil.which("heif-enc"):
            subprocess.run(["heif-enc", "-q", "80", "-o", os.path.join(src, "photo.heic"),
                            os.path.join(src, "photo.jpg")], check=True, capture_output=True)
            cls.formats.append("heic")
        for ext in cls.formats:
            subprocess.run(["exiftool", "-q", "-q", "-overwrite_original"] + GPS +
                           [os.path.join(src, "photo." + ext)], check=True)
        # A DJI drone's photo: its position also in XMP drone-dji:GpsLatitude/GpsLongitude.
        picture.save(os.path.join(src, "drone.jpg"), "JPEG")
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-XMP-drone-dji:GPSLatitude=48.8584",
                        "-XMP-drone-dji:GPSLongitude=2.2945", "-XMP-drone-dji:AbsoluteAltitude=95.1",
                        "-XMP-drone-dji:FlightYawDegree=12.3", os.path.join(src, "drone.jpg")], check=True)
        # An agency's photo: its place only in IPTC Content Location Name/Code.
        picture.save(os.path.join(src, "agency.jpg"), "JPEG")
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-IPTC:ContentLocationName=Eiffel Tower, Paris",
                        "-IPTC:ContentLocationCode=FRA", os.path.join(src, "agency.jpg")], check=True)
        # A Panasonic Lumix with GPS: place names in its maker note too.
        plain = io.BytesIO()
        picture.save(plain, "JPEG")
        with open(os.path.join(src, "lumix.jpg"), "wb") as f:
            f.write(with_panasonic_makernote(plain.getvalue()))
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-GPSLatitude=48.8584", "-GPSLatitudeRef=N",
                        "-GPSLongitude=2.2945", "-GPSLongitudeRef=E", os.path.join(src, "lumix.jpg")], check=True)
        # A GIF's XMP (exiv2 0.27 reads none): blanked in place, every frame as it was.
        frames = [mk._picture(8 + i, (64, 48)).convert("P") for i in range(3)]
        frames[0].save(os.path.join(src, "anim.gif"), save_all=True, append_images=frames[1:], duration=100)
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-XMP-exif:GPSLatitude=52.3702 N",
                        "-XMP-exif:GPSLongitude=4.8952 E", "-XMP:City=Amsterdam", "-XMP:Creator=Jan de Vries",
                        "-Comment=Keizersgracht 123", os.path.join(src, "anim.gif")], check=True)
        cls.photos = ["photo." + e for e in cls.formats] + ["drone.jpg", "agency.jpg", "lumix.jpg", "anim.gif"]
        with open(os.path.join(src, "clip.mp4"), "wb") as f:
            f.write(mk.mp4_bytes(3, gps=(52.3702, 4.8952)))
        with open(os.path.join(src, "clip.mov"), "wb") as f:
            f.write(mk.mp4_bytes(4))
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-Keys:GPSCoordinates=52.3702, 4.8952, 3",
                        "-Keys:Make=Apple", "-XMP:City=Amsterdam", os.path.join(src, "clip.mov")], check=True)
        # Google Photos writes a video's place as an iTunes-style item, moov/udta/meta/ilst/©xyz.
        with open(os.path.join(src, "clip-gphotos.mp4"), "wb") as f:
            f.write(mk.mp4_bytes(5))
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-ItemList:GPSCoordinates=52.3702, 4.8952",
                        os.path.join(src, "clip-gphotos.mp4")], check=True)
        cls.videos = ["clip.mp4", "clip.mov", "clip-gphotos.mp4"]
        cls.src = src
        cls.zip = os.path.join(cls.tmp, "export.zip")
        with zipfile.ZipFile(cls.zip, "w") as z:
            for name in sorted(os.listdir(src)):
                z.write(os.path.join(src, name), name)
        cls.out = {}
        for mode in ["location", "all"]:
            folder = os.path.join(cls.tmp, "clean-" + mode)
            report = os.path.join(cls.tmp, mode + ".json")
            proc = subprocess.run([MEDIASCAN, "scan", cls.zip, "--clean", folder, "--strip", mode,
                                   "--json", report, "--no-progress"], capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr
            with open(report) as f:
                cls.out[mode] = (folder, json.load(f))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_the_originals_do_carry_location(self):
        for name in self.photos + self.videos:
            self.assertTrue(exiftool(os.path.join(self.src, name), *LOCATION_TAGS), name)

    def test_no_location_survives(self):
        for mode, (folder, _) in self.out.items():
            for name in self.photos + self.videos:
                with self.subTest(mode=mode, file=name):
                    self.assertEqual(exiftool(os.path.join(folder, name), *LOCATION_TAGS), {})

    def test_pixels_identical(self):
        for mode, (folder, _) in self.out.items():
            for ext in self.formats:
                with self.subTest(mode=mode, format=ext):
                    self.assertEqual(pixels(os.path.join(self.src, "photo." + ext)),
                                     pixels(os.path.join(folder, "photo." + ext)))

    def test_gif_frames_identical(self):
        def frames(path):
            with Image.open(path) as im:
                return [f.convert("RGB").tobytes() for f in ImageSequence.Iterator(im)]
        for mode, (folder, _) in self.out.items():
            with self.subTest(mode=mode):
                before = frames(os.path.join(self.src, "anim.gif"))
                self.assertEqual(len(before), 3)
                self.assertEqual(frames(os.path.join(folder, "anim.gif")), before)

    def test_videos_keep_size_and_media_data(self):
        for mode, (folder, _) in self.out.items():
            for name in self.videos:
                with open(os.path.join(self.src, name), "rb") as f:
                    before = f.read()
                with open(os.path.join(folder, name), "rb") as f:
                    after = f.read()
                self.assertEqual(len(before), len(after), name)
                self.assertEqual(before[before.rfind(b"mdat"):], after[after.rfind(b"mdat"):], name)

    def test_other_tags_survive_strip_location(self):
        folder, _ = self.out["location"]
        for ext in self.formats:
            with self.subTest(format=ext):
                tags = exiftool(os.path.join(folder, "photo." + ext), "-Make", "-Model", "-Artist", "-Orientation")
                # PNG holds them twice (tEXt chunks and EXIF): both copies stay.
                self.assertEqual(sorted({k.split(":")[1] for k in tags}), ["Artist", "Make", "Model", "Orientation"])
        self.assertTrue(exiftool(os.path.join(folder, "clip.mov"), "-Keys:Make"))
        # Only the places go from the maker note, and from the drone's XMP only its position.
        self.assertEqual(exiftool(os.path.join(folder, "lumix.jpg"), "-Panasonic:ImageQuality"),
                         {"Panasonic:ImageQuality": 2})
        self.assertEqual(list(exiftool(os.path.join(folder, "drone.jpg"), "-XMP-drone-dji:all")),
                         ["XMP-drone-dji:FlightYawDegree"])

    def test_strip_all_keeps_only_orientation(self):
        folder, _ = self.out["all"]
        for ext in self.formats:
            with self.subTest(format=ext):
                tags = exiftool(os.path.join(folder, "photo." + ext), "-Make", "-Model", "-Artist", "-Orientation")
                self.assertEqual(list(tags.values()), [6], tags)

    def test_strip_all_leaves_no_comment_title_or_camera(self):
        folder, _ = self.out["all"]
        self.assertEqual(exiftool(os.path.join(self.src, "anim.gif"), "-Comment"), {"File:Comment": "Keizersgracht 123"})
        self.assertEqual(exiftool(os.path.join(folder, "anim.gif"), "-Comment"), {})
        self.assertTrue(exiftool(os.path.join(self.src, "clip.mov"), "-Keys:Make"))
        for name in self.videos:
            with self.subTest(file=name):
                self.assertEqual(exiftool(os.path.join(folder, name), "-Keys:all", "-ItemList:all", "-UserData:all"), {})

    def test_findings_fixed_only_after_verification(self):
        for mode, (_, report) in self.out.items():
            for item in report["items"]:
                location = [f for f in item["findings"] if f["category"] == "location"]
                with self.subTest(mode=mode, item=item["path"]):
                    self.assertTrue(location)
                    self.assertTrue(all(f["fixed"] for f in location), location)
                    self.assertEqual([e for e in item["errors"] if e["code"] == "not_cleaned"], [])
            self.assertEqual(report["summary"]["not_cleaned"], 0)



def tiff_images(path):
    """Every image of a TIFF (its IFD chain and SubIFDs): (width, height, its strips' bytes)."""
    with open(path, "rb") as f:
        d = f.read()
    e = "<" if d[:2] == b"II" else ">"
    out = []

    def walk(off):
        while off and off + 2 <= len(d):
            n = struct.unpack(e + "H", d[off:off + 2])[0]
            tags = {}
            for i in range(n):
                tag, typ, count, value = struct.unpack(e + "HHII", d[off + 2 + 12 * i:off + 14 + 12 * i])
                if typ == 3 and count == 1:
                    value = struct.unpack(e + "H", d[off + 10 + 12 * i:off + 12 + 12 * i])[0]
                tags[tag] = value
            if 273 in tags:
                out.append((tags[256], tags[257], d[tags[273]:tags[273] + tags[279]]))
            if 0x014A in tags:
                walk(tags[0x014A])
            off = struct.unpack(e + "I", d[off + 2 + 12 * n:off + 6 + 12 * n])[0]

    walk(struct.unpack(e + "I", d[4:8])[0])
    return out


def dng_bytes(preview, full):
    """A DNG's layout (as iPhone ProRAW and Pixel DNGs): IFD0 a small preview with the DNG tags,
    the full image in a SubIFD."""
    def ifd(entries):
        entries = sorted(entries)
        return (struct.pack("<H", len(entries)) +
                b"".join(struct.pack("<HHI", *e[:3]) + (e[3] if isinstance(e[3], bytes) else struct.pack("<I", e[3]))
                         for e in entries) + struct.pack("<I", 0))
    p, f = preview.tobytes(), full.tobytes()
    ifd0_at, sub_at = 8, 8 + 2 + 12 * 12 + 4
    bps_at = sub_at + 2 + 10 * 12 + 4
    preview_at = bps_at + 6
    full_at = preview_at + len(p)

    def rgb(size, at, count, kind):
        return [(254, 4, 1, kind), (256, 4, 1, size[0]), (257, 4, 1, size[1]), (258, 3, 3, bps_at),
                (259, 3, 1, 1), (262, 3, 1, 2), (273, 4, 1, at), (277, 3, 1, 3), (278, 4, 1, size[1]),
                (279, 4, 1, count)]
    ifd0 = rgb(preview.size, preview_at, len(p), 1) + [(0x014A, 4, 1, sub_at), (0xC612, 1, 4, b"\x01\x04\x00\x00")]
    return (b"II*\0" + struct.pack("<I", ifd0_at) + ifd(ifd0) + ifd(rgb(full.size, full_at, len(f), 0)) +
            struct.pack("<HHH", 8, 8, 8) + p + f)


class StripAllTiffStructureTest(unittest.TestCase):
    """--strip all on formats whose Exif is also their structure: a DNG's raw image in a SubIFD,
    a multi-page TIFF's pages. Every image stays as it was; only the metadata goes."""

    def test_every_image_stays_and_the_metadata_goes(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-tiff-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        full = mk._picture(3, (256, 192)).convert("RGB")
        with open(os.path.join(src, "raw.dng"), "wb") as f:
            f.write(dng_bytes(full.resize((64, 48)), full))
        pages = [mk._picture(4 + i, (200, 150)).convert("RGB") for i in range(2)]
        pages[0].save(os.path.join(src, "scan.tif"), save_all=True, append_images=pages[1:])
        for name in ["raw.dng", "scan.tif"]:
            subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-Artist=Jan de Vries", "-Orientation#=6"] +
                           GPS + [os.path.join(src, name)], check=True)
        out = os.path.join(tmp, "clean")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--strip", "all", "--clean", out, "--no-progress"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for name, images in [("raw.dng", 2), ("scan.tif", 2)]:
            with self.subTest(file=name):
                before, after = tiff_images(os.path.join(src, name)), tiff_images(os.path.join(out, name))
                self.assertEqual(len(before), images)
                self.assertEqual(after, before)
                tags = exiftool(os.path.join(out, name), "-Artist", "-Orientation", *LOCATION_TAGS)
                self.assertEqual(list(tags.values()), [6], tags)
        self.assertEqual(exiftool(os.path.join(out, "raw.dng"), "-DNGVersion"), {"IFD0:DNGVersion": "1 4 0 0"})



class TrailerLocationTest(unittest.TestCase):
    """Location stored after a JPEG's end: a second image's own Exif (MPF previews and gain maps,
    a JPEG glued on) and a motion photo's video. Read, reported and removed in place."""

    def test_found_removed_and_nothing_else_moves(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-trailer-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        photo, second = io.BytesIO(), os.path.join(tmp, "second.jpg")
        mk._picture(5, (160, 120)).save(photo, "JPEG")
        mk._picture(6, (64, 48)).save(second, "JPEG")
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original"] + GPS + [second], check=True)
        clip = os.path.join(tmp, "clip.mp4")
        with open(clip, "wb") as f:
            f.write(mk.mp4_bytes(3, gps=(52.3702, 4.8952)))
        with open(second, "rb") as f:
            glued = photo.getvalue() + f.read()
        with open(clip, "rb") as f:
            motion = photo.getvalue() + f.read()
        for name, data in [("glued.jpg", glued), ("PXL_1.MP.jpg", motion)]:
            with open(os.path.join(src, name), "wb") as f:
                f.write(data)
        out, report = os.path.join(tmp, "clean"), os.path.join(tmp, "r.json")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--clean", out, "--json", report, "--no-progress"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            items = {i["path"]: i for i in json.load(f)["items"]}
        for name, signal, data in [("glued.jpg", "exif_gps", glued), ("PXL_1.MP.jpg", "video_gps", motion)]:
            with self.subTest(file=name):
                item = items[name]
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertIn(signal, [f["signal"] for f in location])
                self.assertTrue(all(f["fixed"] for f in location), location)
                self.assertEqual(item["errors"], [])
                with open(os.path.join(out, name), "rb") as f:
                    cleaned = f.read()
                self.assertEqual(len(cleaned), len(data))
                self.assertEqual(cleaned[:len(photo.getvalue())], photo.getvalue())
                trailer = os.path.join(tmp, name + ".trailer")
                with open(trailer, "wb") as f:
                    f.write(cleaned[len(photo.getvalue()):])
                self.assertEqual(exiftool(trailer, *LOCATION_TAGS), {})
        self.assertEqual(exiftool(os.path.join(tmp, "glued.jpg.trailer"), "-Model"), {"IFD0:Model": "EOS 80D"})

    def test_the_exif_thumbnails_own_location_goes(self):
        """A thumbnail with Exif of its own (some taggers embed a geotagged JPEG as the thumbnail)."""
        tmp = tempfile.mkdtemp(prefix="mediascan-thumb-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        thumb, photo = os.path.join(tmp, "thumb.jpg"), os.path.join(src, "photo.jpg")
        mk._picture(2, (160, 120)).save(thumb, "JPEG")
        mk._picture(1, (640, 480)).save(photo, "JPEG")
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-Model=ThumbCam"] + GPS[:4] + [thumb], check=True)
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-ThumbnailImage<=" + thumb, "-Make=Canon", photo],
                       check=True)
        out, report = os.path.join(tmp, "clean"), os.path.join(tmp, "r.json")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--clean", out, "--json", report, "--no-progress"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            item = json.load(f)["items"][0]
        self.assertIn("in the Exif thumbnail", " ".join(f["evidence"] for f in item["findings"]))
        self.assertTrue(all(f["fixed"] for f in item["findings"] if f["category"] == "location"), item)
        extracted = os.path.join(tmp, "extracted.jpg")
        with open(extracted, "wb") as f:
            f.write(subprocess.run(["exiftool", "-b", "-ThumbnailImage", os.path.join(out, "photo.jpg")],
                                   check=True, capture_output=True).stdout)
        self.assertEqual(exiftool(extracted, *LOCATION_TAGS), {})
        self.assertEqual(exiftool(extracted, "-Model"), {"IFD0:Model": "ThumbCam"})
        self.assertEqual(pixels(extracted), pixels(thumb))

    def test_an_xmp_packet_exiv2_cannot_parse_loses_only_its_location(self):
        """A phone's XMP with a property twice (a Motorola's): exiv2 cannot parse it; its position
        goes, its other properties stay, and the item says its metadata was not fully read."""
        tmp = tempfile.mkdtemp(prefix="mediascan-badxmp-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        photo = os.path.join(src, "moto.jpg")
        mk._picture(4, (160, 120)).save(photo, "JPEG")
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original"] + GPS[:4] + [photo], check=True)
        packet = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                  b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
                  b'xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
                  b'xmp:CreatorTool="moto g(8)" xmp:CreatorTool="moto g(8)" exif:GPSLatitude="52,22.212N" '
                  b'exif:GPSLongitude="4,53.712E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
        payload = b"http://ns.adobe.com/xap/1.0/\0" + packet
        with open(photo, "rb") as f:
            data = f.read()
        with open(photo, "wb") as f:
            f.write(data[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + data[2:])
        out, report = os.path.join(tmp, "clean"), os.path.join(tmp, "r.json")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--clean", out, "--json", report, "--no-progress"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(out, "moto.jpg"), "rb") as f:
            cleaned = f.read()
        self.assertIn(b'xmp:CreatorTool="moto g(8)"', cleaned)
        self.assertNotIn(b"52,22.212N", cleaned)
        self.assertNotIn(b"4,53.712E", cleaned)
        self.assertEqual(exiftool(os.path.join(out, "moto.jpg"), "-gps:all"), {})
        with open(report) as f:
            item = json.load(f)["items"][0]
        self.assertEqual(item["action"], "restrict")  # its metadata was not fully read: not "fixed"

    def test_an_mpf_index_still_finds_its_images_when_the_head_changes_size(self):
        """A camera's MPF JPEG: Exif, the MPF index (APP2), then XMP with a position and a comment;
        the XMP and the comment shrink or go, so the index's offsets must move with them."""
        tmp = tempfile.mkdtemp(prefix="mediascan-mpf-")
        self.addCleanup(shutil.rmtree, tmp)

        def segment(marker, payload):
            return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

        def jpeg_body(seed, size):  # a JPEG from its first table on, without SOI and APPn
            b = io.BytesIO()
            mk._picture(seed, size).convert("RGB").save(b, "JPEG")
            d, i = b.getvalue(), 2
            while d[i + 1] in (0xE0, 0xFE):
                i += 2 + struct.unpack(">H", d[i + 2:i + 4])[0]
            return d[i:]

        second = os.path.join(tmp, "second.jpg")
        with open(second, "wb") as f:
            f.write(b"\xff\xd8" + jpeg_body(2, (64, 48)))
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original"] + GPS + [second], check=True)
        with open(second, "rb") as f:
            secondary = f.read()
        xmp = segment(0xE1, b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                            b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
                            b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,22.212N" '
                            b'exif:GPSLongitude="4,53.712E"/></rdf:RDF></x:xmpmeta>')
        comment = segment(0xFE, b"Keizersgracht 123")
        body = jpeg_body(1, (160, 120))

        def index(total, offset):
            entries = struct.pack(">IIIHH", 0x20030000, total, 0, 0, 0) + struct.pack(">IIIHH", 0, len(secondary), offset, 0, 0)
            ifd = (struct.pack(">H", 3) + struct.pack(">HHI", 0xB000, 7, 4) + b"0100" +
                   struct.pack(">HHII", 0xB001, 4, 1, 2) + struct.pack(">HHII", 0xB002, 7, 32, 8 + 2 + 36 + 4) + bytes(4))
            return segment(0xE2, b"MPF\0MM\0*" + struct.pack(">I", 8) + ifd + entries)
        mpf_at = 2
        total = 2 + len(index(0, 0)) + len(xmp) + len(comment) + len(body)
        photo = b"\xff\xd8" + index(total, total - (mpf_at + 8)) + xmp + comment + body + secondary
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        with open(os.path.join(src, "DSCF0001.jpg"), "wb") as f:
            f.write(photo)
        self.assertTrue(exiftool(os.path.join(src, "DSCF0001.jpg"), "-MPImage2"))
        for mode in ["location", "all"]:
            with self.subTest(mode=mode):
                out = os.path.join(tmp, "clean-" + mode)
                proc = subprocess.run([MEDIASCAN, "scan", src, "--strip", mode, "--clean", out, "--no-progress"],
                                      capture_output=True, text=True)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                cleaned = os.path.join(out, "DSCF0001.jpg")
                self.assertEqual(exiftool(cleaned, "-Warning"), {})
                extracted = os.path.join(tmp, mode + "-second.jpg")
                with open(extracted, "wb") as f:
                    f.write(subprocess.run(["exiftool", "-b", "-MPImage2", cleaned], check=True, capture_output=True).stdout)
                self.assertEqual(pixels(extracted), pixels(second))
                self.assertEqual(exiftool(extracted, *LOCATION_TAGS), {})
                self.assertEqual(exiftool(cleaned, *LOCATION_TAGS), {})
                if mode == "all":
                    self.assertEqual(exiftool(cleaned, "-Comment"), {})



class NestedDocumentTest(unittest.TestCase):
    def test_an_odt_rebuilt_keeps_its_mimetype_stored(self):
        """An OpenDocument file (or EPUB) whose photo had a location is rebuilt; its readers require
        the first entry, "mimetype", stored (from a review: it was deflated)."""
        tmp = tempfile.mkdtemp(prefix="mediascan-odt-")
        self.addCleanup(shutil.rmtree, tmp)
        photo = os.path.join(tmp, "photo.jpg")
        mk._picture(6, (120, 90)).save(photo, "JPEG")
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original"] + GPS[:4] + [photo], check=True)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        with zipfile.ZipFile(os.path.join(src, "cv.odt"), "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            z.writestr("content.xml", "<office:document-content/>" * 50, compress_type=zipfile.ZIP_DEFLATED)
            z.write(photo, "Pictures/photo.jpg")
        out = os.path.join(tmp, "clean")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--clean", out, "--no-progress"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with zipfile.ZipFile(os.path.join(out, "cv.odt")) as z:
            first = z.infolist()[0]
            self.assertEqual(first.filename, "mimetype")
            self.assertEqual(first.compress_type, zipfile.ZIP_STORED)
            with open(os.path.join(tmp, "inner.jpg"), "wb") as f:
                f.write(z.read("Pictures/photo.jpg"))
        self.assertEqual(exiftool(os.path.join(tmp, "inner.jpg"), "-gps:all"), {})


def irb_resource(rid, data):
    """One Photoshop image resource: "8BIM", its id, an empty name, its length, its data (even)."""
    return b"8BIM" + struct.pack(">HHI", rid, 0, len(data)) + data + b"\0" * (len(data) & 1)


def iptc_dataset(number, text):
    return b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(text)) + text.encode()


PHOTOSHOP_XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                 b'<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
                 b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="PhotoTagger 2" '
                 b'exif:GPSLatitude="52,22.212N" exif:GPSLongitude="4,53.712E"/></rdf:RDF></x:xmpmeta>')
# Resolution info (0x03ED): 72 dpi both ways, a resource that must survive the cleaning.
RESOLUTION = irb_resource(0x03ED, struct.pack(">IHHIHH", 72 << 16, 1, 1, 72 << 16, 1, 1))


def photoshop_irb(xmp=True):
    """Photoshop's resources as an editor saves them: resolution, IPTC with a place, and XMP."""
    record_version = b"\x1c\x02\x00" + struct.pack(">HH", 2, 4)
    iptc = record_version + iptc_dataset(90, "Amsterdam") + iptc_dataset(92, "Keizersgracht") + \
        iptc_dataset(80, "Jan de Vries")
    return RESOLUTION + irb_resource(0x0404, iptc) + (irb_resource(0x0424, PHOTOSHOP_XMP) if xmp else b"")


def png_chunk(kind, data):
    import zlib
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_png_raw_8bim(png, irb):
    """`png` with ImageMagick's copy of Photoshop's resources: a zTXt "Raw profile type 8bim"
    holding "\\n8bim\\n<length>\\n" and the bytes in hex, 36 a line."""
    import zlib
    hexed = irb.hex()
    text = "\n8bim\n%8d\n" % len(irb) + "".join(hexed[i:i + 72] + "\n" for i in range(0, len(hexed), 72))
    chunk = png_chunk(b"zTXt", b"Raw profile type 8bim\0\0" + zlib.compress(text.encode()))
    ihdr_end = 8 + 8 + 13 + 4
    return png[:ihdr_end] + chunk + png[ihdr_end:]


def with_jpeg_app13(jpeg, irb):
    payload = b"Photoshop 3.0\0" + irb
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


class PhotoshopResourcesTest(unittest.TestCase):
    """Photoshop's resources where exiv2 0.27 does not look: the XMP of a JPEG's APP13 and the
    whole IRB ImageMagick keeps in a PNG ("Raw profile type 8bim"). Regression: both were neither
    read nor cleaned, and the item said "fixed" with the place still in the cleaned copy."""

    def scan(self, src, tmp, mode):
        out, report = os.path.join(tmp, "clean-" + mode), os.path.join(tmp, mode + ".json")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--strip", mode, "--clean", out, "--json", report,
                               "--no-progress"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            return out, {i["path"]: i for i in json.load(f)["items"]}

    def test_found_and_removed_other_resources_kept(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-irb-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        png, jpeg = io.BytesIO(), io.BytesIO()
        mk._picture(7, (160, 120)).save(png, "PNG")
        mk._picture(8, (160, 120)).convert("RGB").save(jpeg, "JPEG")
        files = {"magick.png": with_png_raw_8bim(png.getvalue(), photoshop_irb()),
                 "photoshop.jpg": with_jpeg_app13(jpeg.getvalue(), photoshop_irb())}
        for name, data in files.items():
            with open(os.path.join(src, name), "wb") as f:
                f.write(data)
        self.assertEqual(exiftool(os.path.join(src, "magick.png"), "-City")["IPTC:City"], "Amsterdam")
        before = {name: mk.sha256(data) for name, data in files.items()}
        out, items = self.scan(src, tmp, "location")
        for name in files:
            with self.subTest(file=name):
                item = items[name]
                self.assertEqual(item["errors"], [])
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertIn("xmp_gps", [f["signal"] for f in location])
                self.assertIn("Keizersgracht", " ".join(f["evidence"] for f in location))
                self.assertTrue(all(f["fixed"] for f in location), location)
                cleaned, original = os.path.join(out, name), os.path.join(src, name)
                self.assertEqual(exiftool(cleaned, *LOCATION_TAGS), {})
                self.assertEqual(exiftool(cleaned, "-Validate")["ExifTool:Validate"], exiftool(original, "-Validate")["ExifTool:Validate"])
                kept = exiftool(cleaned, "-By-line", "-XResolution", "-CreatorTool")
                self.assertEqual(kept.get("IPTC:By-line"), "Jan de Vries", kept)
                self.assertEqual(kept.get("Photoshop:XResolution"), 72, kept)
                self.assertEqual(kept.get("XMP-xmp:CreatorTool"), "PhotoTagger 2", kept)
                self.assertEqual(pixels(cleaned), pixels(original))
        out, items = self.scan(src, tmp, "all")
        for name in files:
            with self.subTest(file=name, mode="all"):
                cleaned = os.path.join(out, name)
                self.assertEqual(exiftool(cleaned, "-Photoshop:all", "-IPTC:all", "-XMP:all"), {})
                self.assertEqual(pixels(cleaned), pixels(os.path.join(src, name)))
        for name, data in files.items():
            with open(os.path.join(src, name), "rb") as f:
                self.assertEqual(mk.sha256(f.read()), before[name])


def frame_digests(path):
    """ffmpeg's MD5 of every decoded frame of every stream: equal when the media is untouched."""
    return subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0", "-f", "framemd5", "-"],
                          check=True, capture_output=True).stdout


def with_avi_xmp(avi, packet):
    """`avi` with an XMP packet in a `_PMX` chunk after its index, as Adobe's tools write it."""
    chunk = b"_PMX" + struct.pack("<I", len(packet)) + packet + b"\0" * (len(packet) & 1)
    riff_size = struct.unpack("<I", avi[4:8])[0]
    return avi[:4] + struct.pack("<I", riff_size + len(chunk)) + avi[8:8 + riff_size] + chunk + avi[8 + riff_size:]


class MatroskaAviLocationTest(unittest.TestCase):
    """Regression: a Matroska/WebM LOCATION (or RECORDING_LOCATION) tag and an AVI's XMP in a
    `_PMX` chunk were reported "ok", with no finding and no error. Now read, reported and
    overwritten in place: same size, same frames, the rest of the tags kept."""

    def test_found_and_removed_in_place(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-mkv-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        lavfi = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1"]
        subprocess.run(lavfi + ["-metadata", "location=+52.3702+004.8952/", "-metadata", "title=Canal trip",
                                "-c:v", "mpeg4", os.path.join(src, "trip.mkv")], check=True)
        subprocess.run(lavfi + ["-metadata", "RECORDING_LOCATION=Keizersgracht 123, Amsterdam", "-c:v", "libvpx",
                                os.path.join(src, "trip.webm")], check=True)
        plain = os.path.join(tmp, "plain.avi")
        subprocess.run(lavfi + ["-c:v", "mjpeg", plain], check=True)
        with open(plain, "rb") as f:
            avi = with_avi_xmp(f.read(), PHOTOSHOP_XMP)
        with open(os.path.join(src, "trip.avi"), "wb") as f:
            f.write(avi)
        self.assertEqual(exiftool(os.path.join(src, "trip.avi"), "-GPSLatitude"), {"XMP-exif:GPSLatitude": 52.3702})
        before = {name: file_digest(os.path.join(src, name)) for name in os.listdir(src)}
        out, report = os.path.join(tmp, "clean"), os.path.join(tmp, "r.json")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--clean", out, "--json", report, "--no-progress"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            items = {i["path"]: i for i in json.load(f)["items"]}
        expected = {"trip.mkv": ("video_gps", "52.370200, 4.895200"), "trip.webm": ("video_gps", "Keizersgracht"),
                    "trip.avi": ("xmp_gps", "52.370200, 4.895200")}
        for name, (signal, evidence) in expected.items():
            with self.subTest(file=name):
                item = items[name]
                self.assertEqual([e["code"] for e in item["errors"] if e["code"] != "not_decoded"], [])
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertEqual([f["signal"] for f in location], [signal], location)
                self.assertIn(evidence, location[0]["evidence"])
                self.assertTrue(location[0]["fixed"], location)
                cleaned, original = os.path.join(out, name), os.path.join(src, name)
                self.assertEqual(os.path.getsize(cleaned), os.path.getsize(original))
                self.assertEqual(exiftool(cleaned, *LOCATION_TAGS, "-Location", "-RecordingLocation"), {})
                self.assertEqual(frame_digests(cleaned), frame_digests(original))
        self.assertEqual(exiftool(os.path.join(out, "trip.mkv"), "-Title"), {"Matroska:Title": "Canal trip"})
        self.assertEqual(exiftool(os.path.join(out, "trip.avi"), "-CreatorTool"), {"XMP-xmp:CreatorTool": "PhotoTagger 2"})
        self.assertEqual({name: file_digest(os.path.join(src, name)) for name in os.listdir(src)}, before)


def file_digest(path):
    with open(path, "rb") as f:
        return mk.sha256(f.read())


def scan_folder(test, src, tmp):
    """Runs a scan of `src` with --clean; the cleaned folder and the report's items by path."""
    out, report = os.path.join(tmp, "clean"), os.path.join(tmp, "r.json")
    proc = subprocess.run([MEDIASCAN, "scan", src, "--clean", out, "--json", report, "--no-progress"],
                          capture_output=True, text=True)
    test.assertEqual(proc.returncode, 0, proc.stderr)
    with open(report) as f:
        return out, {i["path"]: i for i in json.load(f)["items"]}


def write_files(src, files):
    os.makedirs(src)
    for name, data in files.items():
        with open(os.path.join(src, name), "wb") as f:
            f.write(data)
    return {name: mk.sha256(data) for name, data in files.items()}


def tiff_ifd(at, entries, next_ifd=0):
    """A little-endian TIFF IFD standing at `at`, the values longer than 4 bytes right after it."""
    head, data = struct.pack("<H", len(entries)), b""
    data_at = at + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            head += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
        else:
            head += struct.pack("<HHII", tag, kind, count, data_at + len(data))
            data += value + b"\0" * (len(value) & 1)
    return head + struct.pack("<I", next_ifd) + data


def gps_entries(lat, lon):
    def dms(v):
        return struct.pack("<6I", int(v), 1, int(v * 60) % 60, 1, round(v * 360000) % 6000, 100)
    return [(0, 1, 4, b"\2\3\0\0"), (1, 2, 2, b"N\0" if lat >= 0 else b"S\0"), (2, 5, 3, dms(abs(lat))),
            (3, 2, 2, b"E\0" if lon >= 0 else b"W\0"), (4, 5, 3, dms(abs(lon)))]


def with_ifd1_gps(jpeg, ifd0_gps):
    """`jpeg` with an Exif block whose IFD1, the thumbnail's directory, points at a GPS block (the
    Statue of Liberty), and, with `ifd0_gps`, IFD0 at another (the Eiffel Tower)."""
    def pointer(at):
        return [(0x8825, 4, 1, struct.pack("<I", at))]
    make = [(0x010F, 2, 6, b"Apple\0")]
    liberty, eiffel = gps_entries(40.6892, -74.0445), gps_entries(48.8584, 2.2945)
    ifd0_at = 8
    gps0_at = ifd0_at + len(tiff_ifd(0, make + (pointer(0) if ifd0_gps else [])))
    ifd1_at = gps0_at + (len(tiff_ifd(0, eiffel)) if ifd0_gps else 0)
    ifd1 = [(0x0103, 3, 1, struct.pack("<H", 6))]
    gps1_at = ifd1_at + len(tiff_ifd(0, ifd1 + pointer(0)))
    tiff = (b"II*\0" + struct.pack("<I", ifd0_at) + tiff_ifd(ifd0_at, make + (pointer(gps0_at) if ifd0_gps else []), ifd1_at)
            + (tiff_ifd(gps0_at, eiffel) if ifd0_gps else b"") + tiff_ifd(ifd1_at, ifd1 + pointer(gps1_at))
            + tiff_ifd(gps1_at, liberty))
    app1 = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + jpeg[2:]


class Ifd1GpsTest(unittest.TestCase):
    """Regression: a GPSInfo pointer in IFD1 (the thumbnail's directory), which exiv2 shows as a
    mere number (Exif.Thumbnail.GPSTag), was neither reported nor removed; beside a GPS block of
    IFD0, the cleaned copy kept the IFD1 pointer dangling into the rewritten Exif."""

    def test_found_and_removed(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-ifd1-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        plain = io.BytesIO()
        mk._picture(9, (160, 120)).convert("RGB").save(plain, "JPEG")
        files = {"ifd1.jpg": with_ifd1_gps(plain.getvalue(), False), "both.jpg": with_ifd1_gps(plain.getvalue(), True)}
        before = write_files(src, files)
        self.assertEqual(exiftool(os.path.join(src, "ifd1.jpg"), "-GPS:GPSLatitude"), {"GPS:GPSLatitude": 40.6892})
        out, items = scan_folder(self, src, tmp)
        for name in files:
            with self.subTest(file=name):
                item = items[name]
                self.assertEqual([e for e in item["errors"] if e["code"] == "not_cleaned"], [])
                location = [f for f in item["findings"] if f["category"] == "location"]
                ifd1 = [f for f in location if "IFD1" in f["evidence"]]
                self.assertEqual(len(ifd1), 1, location)
                self.assertEqual(ifd1[0]["signal"], "exif_gps")
                self.assertIn("40.689200, -74.044500", ifd1[0]["evidence"])
                self.assertEqual(len(location), 2 if name == "both.jpg" else 1, location)
                self.assertTrue(all(f["fixed"] for f in location), location)
                cleaned, original = os.path.join(out, name), os.path.join(src, name)
                self.assertEqual(exiftool(cleaned, *LOCATION_TAGS), {})
                warnings = exiftool(cleaned, "-Warning", "-Validate")
                self.assertFalse([w for w in map(str, warnings.values()) if "GPS" in w], warnings)
                self.assertEqual(exiftool(cleaned, "-Make"), {"IFD0:Make": "Apple"})
                self.assertEqual(pixels(cleaned), pixels(original))
        self.assertEqual({name: file_digest(os.path.join(src, name)) for name in files}, before)


class XmpPlaceTest(unittest.TestCase):
    """Regression: Adobe's xmpDM:shotLocation was neither reported nor removed, and an
    exif:GPSAreaInformation alone (a place's name, no coordinates) removed but not reported."""

    def test_found_and_removed(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-xmp-place-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        plain = io.BytesIO()
        mk._picture(10, (160, 120)).convert("RGB").save(plain, "JPEG")
        gif = io.BytesIO()
        mk._picture(11, (64, 48)).convert("P").save(gif, "GIF")
        files = {"shot.jpg": plain.getvalue(), "area.jpg": plain.getvalue(), "shot.gif": gif.getvalue()}
        write_files(src, files)
        tags = {"shot.jpg": "-XMP-xmpDM:ShotLocation", "area.jpg": "-XMP-exif:GPSAreaInformation",
                "shot.gif": "-XMP-xmpDM:ShotLocation"}
        for name, tag in tags.items():
            subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", tag + "=Champ de Mars, Paris",
                            "-XMP-dc:Creator=Jan de Vries", os.path.join(src, name)], check=True)
        before = {name: file_digest(os.path.join(src, name)) for name in files}
        out, items = scan_folder(self, src, tmp)
        for name, tag in tags.items():
            with self.subTest(file=name):
                item = items[name]
                self.assertEqual([e for e in item["errors"] if e["code"] == "not_cleaned"], [])
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertEqual([f["signal"] for f in location], ["iptc_location"], location)
                self.assertIn("Champ de Mars, Paris", location[0]["evidence"])
                self.assertTrue(location[0]["fixed"], location)
                cleaned, original = os.path.join(out, name), os.path.join(src, name)
                self.assertTrue(exiftool(original, tag))
                self.assertEqual(exiftool(cleaned, tag, *LOCATION_TAGS), {})
                self.assertEqual(list(exiftool(cleaned, "-XMP-dc:Creator").values()), ["Jan de Vries"])
                self.assertEqual(pixels(cleaned), pixels(original))
        self.assertEqual({name: file_digest(os.path.join(src, name)) for name in files}, before)


def with_other_prefixes(data):
    """`data` with its XMP's photoshop and Iptc4xmpCore namespaces bound to other prefixes of the
    same length (phot0shop:City), as a writer may: the namespace names a property, not its prefix."""
    import re
    data = re.sub(rb"photoshop(?=[:=])", b"phot0shop", data)
    return re.sub(rb"Iptc4xmpCore(?=[:=])", b"Iptc4xmpC0re", data)


class XmpPrefixTest(unittest.TestCase):
    """Regression: XMP places bound to other prefixes than the usual ones (phot0shop:City,
    Iptc4xmpC0re:Location) were reported but left in the files cleaned in place (GIF, HEIC, MP4):
    the blanking looked for the prefix, not the namespace."""

    def test_found_and_removed(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-xmp-prefix-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        gif = io.BytesIO()
        mk._picture(12, (64, 48)).convert("P").save(gif, "GIF")
        jpeg = io.BytesIO()
        mk._picture(13, (64, 48)).convert("RGB").save(jpeg, "JPEG")
        files = {"photo.gif": gif.getvalue(), "clip.mp4": mk.mp4_bytes(6), "photo.jpg": jpeg.getvalue()}
        write_files(src, files)
        if shutil.which("heif-enc"):
            subprocess.run(["heif-enc", "-q", "80", "-o", os.path.join(src, "photo.heic"), os.path.join(src, "photo.jpg")],
                           check=True, capture_output=True)
        os.remove(os.path.join(src, "photo.jpg"))
        names = sorted(os.listdir(src))
        for name in names:
            path = os.path.join(src, name)
            subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-XMP-photoshop:City=Paris",
                            "-XMP-iptcCore:Location=Tour Eiffel", "-XMP-dc:Creator=Jan de Vries", path], check=True)
            with open(path, "rb") as f:
                data = with_other_prefixes(f.read())
            self.assertIn(b"phot0shop:City", data)
            with open(path, "wb") as f:
                f.write(data)
            self.assertEqual(exiftool(path, "-City")["XMP-photoshop:City"], "Paris")
        before = {name: file_digest(os.path.join(src, name)) for name in names}
        out, items = scan_folder(self, src, tmp)
        for name in names:
            with self.subTest(file=name):
                item = items[name]
                self.assertEqual([e for e in item["errors"] if e["code"] == "not_cleaned"], [])
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertIn("Tour Eiffel", " ".join(f["evidence"] for f in location))
                self.assertTrue(location and all(f["fixed"] for f in location), location)
                cleaned, original = os.path.join(out, name), os.path.join(src, name)
                self.assertEqual(os.path.getsize(cleaned), os.path.getsize(original))
                self.assertEqual(exiftool(cleaned, *LOCATION_TAGS), {})
                self.assertEqual(list(exiftool(cleaned, "-XMP-dc:Creator").values()), ["Jan de Vries"])
                if name.endswith(".mp4"):  # mk's MP4 holds no decodable frames: its media data as it was
                    with open(original, "rb") as f, open(cleaned, "rb") as g:
                        a, b = f.read(), g.read()
                    mdat = a.index(b"mdat") - 4
                    end = mdat + struct.unpack(">I", a[mdat:mdat + 4])[0]
                    self.assertEqual(a[mdat:end], b[mdat:end])
                else:
                    self.assertEqual(pixels(cleaned), pixels(original))
        self.assertEqual({name: file_digest(os.path.join(src, name)) for name in names}, before)


if __name__ == "__main__":
    unittest.main()
