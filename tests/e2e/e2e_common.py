"""Shared helpers for mediascan's end-to-end tests (python unittest, standard library only).

The program is found from the environment variable MEDIASCAN (absolute path to the binary),
else <repo>/build/mediascan.  Exports are built with scripts/make_export.py in a temporary
folder per test class; every description it returns says what the report must contain.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "scripts"))

import make_export  # noqa: E402  (needs the path above)

TIMEOUT = int(os.environ.get("MEDIASCAN_TEST_TIMEOUT", "120"))
MOJIBAKE = ("Ã", "Â", "â€", "ð\u009f", "Ã©")


def mediascan_path():
    exe = os.environ.get("MEDIASCAN") or os.path.join(REPO, "build", "mediascan")
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        raise RuntimeError("mediascan binary not found: set MEDIASCAN=/abs/path/to/mediascan "
                           "(looked at %s)" % exe)
    return os.path.abspath(exe)


def run(args, cwd=None, timeout=TIMEOUT):
    """Run mediascan with ARGS; returns CompletedProcess (text, undecodable bytes replaced)."""
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    return subprocess.run([mediascan_path()] + [str(a) for a in args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, text=True, encoding="utf-8", errors="replace")


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tree_digest(path):
    """{relative path: sha256 or 'dir'} for a file or folder (to prove the input was not modified)."""
    if os.path.isfile(path):
        return {"": file_sha256(path)}
    out = {}
    for dirpath, dirnames, filenames in os.walk(path):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), path)] = "dir"
        for f in filenames:
            p = os.path.join(dirpath, f)
            out[os.path.relpath(p, path)] = file_sha256(p)
    return out


def export_in_every_form(tmp, files):
    """FILES ({name: bytes}) as a folder, a deflated zip, a stored zip and a tar.gz in TMP:
    {"folder" | "deflated" | "stored" | "tgz": path}."""
    folder = os.path.join(tmp, "folder")
    for name, content in files.items():
        os.makedirs(os.path.dirname(os.path.join(folder, name)), exist_ok=True)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(content)
    sources = {"folder": folder}
    for kind, method in (("deflated", zipfile.ZIP_DEFLATED), ("stored", zipfile.ZIP_STORED)):
        sources[kind] = os.path.join(tmp, kind + ".zip")
        with zipfile.ZipFile(sources[kind], "w", method, compresslevel=1) as z:
            for name, content in files.items():
                z.writestr(name, content)
    sources["tgz"] = os.path.join(tmp, "export.tgz")
    with tarfile.open(sources["tgz"], "w:gz", compresslevel=1) as t:
        t.add(folder, arcname=".")
    return sources


def cleaned_entry(clean, name):
    """The bytes of NAME in a cleaned export CLEAN (a zip or a folder; a tar's "./" prefix
    allowed), or None when it is not there exactly once."""
    if os.path.isdir(clean):
        for candidate in (os.path.join(clean, name), os.path.join(clean, ".", name)):
            if os.path.exists(candidate):
                with open(candidate, "rb") as f:
                    return f.read()
        return None
    with zipfile.ZipFile(clean) as z:
        names = [n for n in z.namelist() if n.removeprefix("./") == name]
        return z.read(names[0]) if len(names) == 1 else None


def describe(proc):
    return "exit %s\n--- stdout\n%s\n--- stderr\n%s" % (proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:])


def numbers(text):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text or "")]


def has_coords(text, lat, lon, tol=5e-4):
    nums = numbers(text)
    return any(abs(n - lat) <= tol for n in nums) and any(abs(n - lon) <= tol for n in nums)


def all_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield k
            yield from all_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from all_strings(v)


METADATA_WHERE = ("exif", "xmp", "iptc", "quicktime")
REPORT_WHERE = METADATA_WHERE + ("pixels", "caption")  # and "sidecar:path/to.json"


def is_metadata_location(f):
    """A location finding read from metadata or a sidecar (not a derived pattern)."""
    where = f.get("where") or ""
    return (f.get("category") == "location" and f.get("signal") != "recurring_place"
            and (where in METADATA_WHERE or where.startswith("sidecar:")))


def empty(v):
    return v is None or v == "" or v == [] or v == {}


class E2ECase(unittest.TestCase):
    """Base class: a temporary folder per class, export building, scanning and report checks."""

    maxDiff = 4000
    tmp = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mediascan_path()
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-e2e-")

    @classmethod
    def tearDownClass(cls):
        if cls.tmp and not os.environ.get("MEDIASCAN_KEEP_TMP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    # ------------------------------------------------------------------ building and running

    @classmethod
    def build(cls, variant, name=None):
        """Build VARIANT in the class's temp folder (under its usual name) and return its description."""
        fn, default = make_export.VARIANTS[variant]
        folder = os.path.join(cls.tmp, "in-" + variant)
        os.makedirs(folder, exist_ok=True)
        return fn(os.path.join(folder, name or default))

    @classmethod
    def scan(cls, sources, extra=(), tag="report", cwd=None):
        """mediascan scan SOURCES... EXTRA --json <tmp>/<tag>.json; returns (proc, report or None)."""
        out = os.path.join(cls.tmp, tag + ".json")
        if os.path.exists(out):
            os.remove(out)
        proc = run(["scan"] + list(sources) + list(extra) + ["--json", out], cwd=cwd or cls.tmp)
        report = None
        if os.path.exists(out):
            with open(out, encoding="utf-8") as f:
                report = json.load(f)
        return proc, report

    @classmethod
    def scan_desc(cls, desc, extra=(), tag=None, cwd=None):
        return cls.scan(desc["sources"], list(desc.get("options", [])) + list(extra),
                        tag=tag or desc["variant"], cwd=cwd)

    # ------------------------------------------------------------------ report access

    @staticmethod
    def items_by_path(report):
        return {it.get("path"): it for it in report.get("items", [])}

    def require_report(self, proc, report):
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertIsNotNone(report, "no JSON report written\n" + describe(proc))
        self.assertEqual(report.get("schema"), "mediascan.report/1")
        # The values INTERFACE.md lists, on every report a test reads (a post is an "other" item).
        for item in report.get("items", []):
            self.assertIn(item.get("kind"), ("image", "video", "other"), item.get("path"))
            for f in item.get("findings", []):
                where = f.get("where") or ""
                self.assertTrue(where in REPORT_WHERE or where.startswith("sidecar:"), (item.get("path"), f))
        return report

    def get_item(self, report, path):
        matches = [it for it in report.get("items", []) if it.get("path") == path]
        self.assertEqual(len(matches), 1, "item %r appears %d times; items: %s"
                         % (path, len(matches), sorted(str(it.get("path")) for it in report.get("items", []))))
        return matches[0]

    # ------------------------------------------------------------------ checks

    def assert_layout(self, report, desc):
        self.assertEqual(report.get("export", {}).get("layout"), desc["layout"])

    def assert_items_exactly_once(self, report, desc):
        paths = [it.get("path") for it in report.get("items", [])]
        dups = sorted({p for p in paths if paths.count(p) > 1})
        self.assertEqual(dups, [], "items listed more than once")
        missing = sorted(set(desc["items"]) - set(paths))
        self.assertEqual(missing, [], "media items missing from the report; report has %s" % sorted(map(str, paths)))
        sidecars_as_media = sorted(it.get("path") for it in report.get("items", [])
                                   if it.get("path") in set(desc.get("sidecars", []))
                                   and it.get("kind") in ("image", "video"))
        self.assertEqual(sidecars_as_media, [], "sidecar JSON reported as media")

    def sidecar_wheres(self, desc, sidecars):
        allowed = set()
        root = desc.get("root") or ""
        for s in sidecars:
            allowed.add("sidecar:" + s)
            if root and s.startswith(root):
                allowed.add("sidecar:" + s[len(root):])
        return allowed

    def assert_item(self, item, exp, desc, check_type=False):
        path = item.get("path")
        if exp.get("kind") is not None:
            self.assertEqual(item.get("kind"), exp["kind"], "kind of %s" % path)
        if (check_type or "type" in item) and exp.get("type"):
            if exp["kind"] != "other":
                self.assertEqual(item.get("type"), exp.get("type"), "type of %s" % path)
        if exp.get("sha256") and "sha256" in item:
            self.assertEqual(item.get("sha256"), exp["sha256"], "sha256 of %s" % path)
        if exp.get("source"):
            src = item.get("source") or ""
            self.assertEqual(os.path.basename(src.rstrip("/")), exp["source"], "source of %s" % path)
        ctx = item.get("context") or {}
        for key in ("caption", "album", "taken"):
            if key in exp:
                if exp[key] is None:
                    self.assertTrue(empty(ctx.get(key)), "%s of %s should be empty, got %r" % (key, path, ctx.get(key)))
                else:
                    self.assertEqual(ctx.get(key), exp[key], "%s of %s" % (key, path))
        if "people" in exp:
            got = ctx.get("people") or []
            self.assertEqual(sorted(got), sorted(exp["people"] or []), "people of %s" % path)
        if exp.get("place") and ctx.get("place"):
            place = ctx["place"]
            name = place.get("name") if isinstance(place, dict) else place
            self.assertIn(exp["place"], str(name), "place of %s" % path)
        findings = item.get("findings") or []
        geo = exp.get("geo")
        if geo:
            allowed = self.sidecar_wheres(desc, geo["sidecars"])
            ok = [f for f in findings if f.get("signal") == "sidecar_geo"]
            self.assertTrue(ok, "%s: no sidecar_geo finding; findings: %s" % (path, findings))
            for f in ok:
                self.assertEqual(f.get("category"), "location", "%s: sidecar_geo category" % path)
                self.assertIn(f.get("where"), allowed, "%s: sidecar_geo where" % path)
                self.assertTrue(has_coords(f.get("evidence"), geo["lat"], geo["lon"]),
                                "%s: evidence %r lacks decimal coordinates %s, %s"
                                % (path, f.get("evidence"), geo["lat"], geo["lon"]))
            loc = ctx.get("location")
            if isinstance(loc, dict) and "lat" in loc:
                self.assertAlmostEqual(float(loc["lat"]), geo["lat"], places=3, msg="context.location of %s" % path)
                self.assertAlmostEqual(float(loc["lon"]), geo["lon"], places=3, msg="context.location of %s" % path)
        if exp.get("no_geo"):
            bad = [f for f in findings if f.get("signal") == "sidecar_geo"]
            self.assertEqual(bad, [], "%s: unexpected sidecar_geo finding" % path)
        pg = exp.get("place_geo")
        if pg:
            ok = [f for f in findings if f.get("category") == "location"
                  and has_coords(f.get("evidence"), pg["lat"], pg["lon"])]
            self.assertTrue(ok, "%s: no location finding for the check-in place %s; findings: %s"
                            % (path, pg, findings))
        if "exif_gps" in exp:
            eg = exp["exif_gps"]
            got = [f for f in findings if f.get("signal") == "exif_gps"]
            if eg is None:
                self.assertEqual(got, [], "%s: unexpected exif_gps finding" % path)
            else:
                self.assertTrue(got, "%s: no exif_gps finding; findings: %s" % (path, findings))
                for f in got:
                    self.assertEqual(f.get("category"), "location")
                    self.assertEqual(f.get("where"), "exif")
                    self.assertTrue(has_coords(f.get("evidence"), eg["lat"], eg["lon"]),
                                    "%s: exif_gps evidence %r" % (path, f.get("evidence")))
        codes = [e.get("code") for e in item.get("errors") or []]
        if exp.get("error"):
            self.assertIn(exp["error"], codes, "%s: item errors %s" % (path, item.get("errors")))
        elif exp.get("type") in ("jpeg", "png") and exp.get("sha256"):
            self.assertEqual(codes, [], "%s: a sound %s got errors %s" % (path, exp["type"], item.get("errors")))

    def assert_all_items(self, report, desc, check_type=False):
        by_path = self.items_by_path(report)
        for path, exp in desc["items"].items():
            with self.subTest(item=path):
                self.assertIn(path, by_path)
                self.assert_item(by_path[path], exp, desc, check_type=check_type)

    def assert_no_mojibake(self, report):
        bad = [s for s in all_strings(report.get("items", [])) if any(m in s for m in MOJIBAKE)]
        self.assertEqual(bad, [], "Facebook mojibake not repaired")

    def assert_errors(self, report, desc, only=False):
        errors = report.get("errors", [])
        for e in errors:
            for key in ("path", "code", "message"):
                self.assertIn(key, e, "error record without %r: %s" % (key, e))
        for exp in desc["errors"]:
            with self.subTest(error=exp):
                ok = [e for e in errors if e.get("code") in exp["codes"]
                      and (exp["path"] is None or exp["path"] in (e.get("path") or ""))]
                self.assertTrue(ok, "expected error %s (codes %s, path containing %r); got %s"
                                % (exp["code"], exp["codes"], exp["path"], errors))
        if only:
            if not desc["errors"]:
                self.assertEqual(errors, [], "unexpected top-level errors")

    def check_export(self, report, desc, check_type=False, errors_only=True):
        self.assert_layout(report, desc)
        self.assert_items_exactly_once(report, desc)
        self.assert_all_items(report, desc, check_type=check_type)
        self.assert_no_mojibake(report)
        self.assert_errors(report, desc, only=errors_only)


def main():
    unittest.main(verbosity=2)
