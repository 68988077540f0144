#!/usr/bin/python3
"""The vision module, mediascan-vision.so beside the program: loaded only by a run that decodes
pixels (a strip never loads OpenCV), found in an installed layout too; a program without it, or
with a module of another build, still strips and reports, saying on the terminal, in the reports
and in a batch's log that faces, scenes and previews were not checked."""
import ctypes
import io
import json
import os
import shutil
import tempfile
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
        self.assertIn("face detection and the report's previews are off", proc.stderr)
        self.assertEqual(report["checks"]["faces"], "off")
        errors = [e for e in report["errors"] if e["code"] == "vision_unavailable"]
        self.assertEqual(len(errors), 1, report["errors"])
        self.assertIn("face detection and the report's previews are off", errors[0]["message"])
        item = self.get_item(report, "messi.jpg")
        self.assertFalse([f for f in item["findings"] if f["category"] == "people"], item)
        self.assertTrue([f for f in item["findings"] if f["signal"] == "exif_gps" and f.get("fixed")], item)
        with open(os.path.join(self.tmp, "alone.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertIn("This installation of mediascan is broken", html)
        self.assertNotIn("Entries that could not be checked", html)
        # A strip has no need of it, and says nothing.
        proc = subprocess.run([self.alone, "scan", self.src, "--checks", "location", "--clean", "alone2.zip",
                               "--json", "alone2.json"], capture_output=True, text=True, timeout=120, cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertNotIn("vision", proc.stderr)
        self.assertEqual(self.report("alone2.json")["errors"], [])

    def test_an_installed_layout_finds_it(self):
        # What `cmake --install` makes of this build: bin/, lib/mediascan/, share/mediascan/models/.
        root = os.path.join(self.tmp, "installed")
        build = os.path.dirname(mediascan_path())
        proc = subprocess.run(["cmake", "--install", build, "--prefix", root], capture_output=True, text=True,
                              timeout=120)
        self.assertEqual(proc.returncode, 0, describe(proc))
        exe = os.path.join(root, "bin", "mediascan")
        self.assertTrue(os.path.isfile(os.path.join(root, "lib", "mediascan", "mediascan-vision.so")), proc.stdout)
        proc = subprocess.run([exe, "scan", self.src, "--json", "installed.json"],
                              capture_output=True, text=True, timeout=120, cwd=self.tmp)
        report = self.require_report(proc, self.report("installed.json"))
        self.assertEqual(report["checks"]["faces"], "cascade", describe(proc))
        self.assertEqual(report["errors"], [])
        proc = subprocess.run([exe, "models"], capture_output=True, text=True, timeout=60, cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertIn("models folder: " + os.path.join(root, "share", "mediascan", "models"), proc.stdout)
        self.assertIn("yunet-2023mar", proc.stdout)

    def test_a_module_of_another_build_is_refused(self):
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler to build a stand-in module")
        # A stand-in that refuses every build, as a module of another build does.
        folder = os.path.join(self.tmp, "other")
        os.makedirs(folder)
        shutil.copy(mediascan_path(), os.path.join(folder, "mediascan"))
        source = os.path.join(folder, "m.c")
        with open(source, "w") as f:
            f.write("const void* mediascan_vision_module(int v, const char* b) { (void)v; (void)b; return 0; }\n")
        subprocess.run([cc, "-shared", "-fPIC", "-o", os.path.join(folder, "mediascan-vision.so"), source], check=True)
        proc = subprocess.run([os.path.join(folder, "mediascan"), "scan", self.src, "--json", "other.json"],
                              capture_output=True, text=True, timeout=120, cwd=self.tmp)
        report = self.require_report(proc, self.report("other.json"))
        self.assertIn("it comes from another build of mediascan than this program", proc.stderr, describe(proc))
        self.assertEqual(report["checks"]["faces"], "off")
        self.assertEqual([e["code"] for e in report["errors"]], ["vision_unavailable"])

    def test_the_real_module_refuses_another_build(self):
        module = os.path.join(os.path.dirname(mediascan_path()), "mediascan-vision.so")
        needed = subprocess.run(["ldd", module], capture_output=True, text=True).stdout
        if "libasan" in needed:
            self.skipTest("a sanitized module cannot be loaded into Python")
        lib = ctypes.CDLL(module)
        entry = lib.mediascan_vision_module
        entry.restype = ctypes.c_void_p
        entry.argtypes = [ctypes.c_int, ctypes.c_char_p]
        for version, build in ((1, b"0.1.0 0000000000000000"), (1, b""), (2, b"0.1.0 0000000000000000")):
            self.assertIsNone(entry(version, build), (version, build))

    def test_a_batch_without_the_module_says_so_and_scans_again_with_it(self):
        folder = tempfile.mkdtemp(dir=self.tmp)
        exe = os.path.join(folder, "mediascan")
        shutil.copy(mediascan_path(), exe)
        inbox, out = os.path.join(folder, "inbox"), os.path.join(folder, "out")
        os.makedirs(inbox)
        shutil.copy(self.src, os.path.join(inbox, "a.zip"))

        def batch():
            proc = subprocess.run([exe, "batch", inbox, "--out", out, "--log-json"], capture_output=True, text=True,
                                  timeout=300, env=dict(os.environ, LC_ALL="C.UTF-8"))
            self.assertEqual(proc.returncode, 0, describe(proc))
            return [json.loads(line) for line in proc.stderr.splitlines() if line.strip()]

        log = batch()
        self.assertEqual([e["event"] for e in log if e["event"] == "vision_unavailable"], ["vision_unavailable"], log)
        self.assertEqual([e["export"] for e in log if e["event"] == "export_done"], ["a.zip"], log)
        # The module back: the export is scanned again, with faces.
        shutil.copy(os.path.join(os.path.dirname(mediascan_path()), "mediascan-vision.so"), folder)
        log = batch()
        self.assertFalse([e for e in log if e["event"] in ("vision_unavailable", "export_unchanged")], log)
        self.assertEqual([e["export"] for e in log if e["event"] == "export_done"], ["a.zip"], log)


if __name__ == "__main__":
    main()
