#!/usr/bin/env python3
"""End-to-end: hostile exports. Each case must give its error record in the top-level `errors`,
still scan the healthy photos next to it, exit 0, leave the input untouched and write nothing
outside the output paths named on the command line.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_hostile.py
"""

import csv
import gzip
import hashlib
import io
import json
import os
import re
import stat
import struct
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, describe, main, make_export, mediascan_path, run, tree_digest  # noqa: E402


def files_under(root):
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            out.add(os.path.relpath(os.path.join(dirpath, n), root))
    return out


class HostileMixin:
    variant = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build(cls.variant)
        cls.inputs = {s: tree_digest(s) for s in cls.desc["sources"]}
        cls.before = files_under(cls.tmp)
        cls.cwd = os.path.join(cls.tmp, "cwd", "a", "b")
        os.makedirs(cls.cwd)
        cls.proc, cls.report = cls.scan_desc(cls.desc, tag="report", cwd=cls.cwd)
        cls.after = files_under(cls.tmp)

    def test_exit_status_zero(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))

    def test_error_records(self):
        report = self.require_report(self.proc, self.report)
        self.assert_errors(report, self.desc)

    def test_healthy_items_still_scanned(self):
        report = self.require_report(self.proc, self.report)
        self.assert_items_exactly_once(report, self.desc)
        self.assert_all_items(report, self.desc)

    def test_unreadable_entries_carry_their_error(self):
        report = self.require_report(self.proc, self.report)
        for path, code in self.desc.get("maybe_items", {}).items():
            for it in report.get("items", []):
                if it.get("path") == path and code:
                    self.assertIn(code, [e.get("code") for e in it.get("errors", [])], it)

    def test_error_paths_name_the_entry(self):
        report = self.require_report(self.proc, self.report)
        for code, valid in self.desc.get("error_paths", {}).items():
            for e in report.get("errors", []):
                if e.get("code") == code:
                    self.assertIn(e.get("path"), valid, e)

    def test_input_not_modified(self):
        for s, digest in self.inputs.items():
            self.assertEqual(tree_digest(s), digest, s)

    def test_nothing_written_outside_outputs(self):
        new = sorted(self.after - self.before - {"report.json"})
        self.assertEqual(new, [], "files written besides the report")


class TraversalTest(HostileMixin, E2ECase):
    variant = "hostile_traversal"

    def test_no_escape(self):
        parent = os.path.dirname(self.tmp)
        for name in self.desc["escape_names"]:
            for folder in (self.tmp, parent, os.path.join(self.tmp, "cwd"), os.path.join(self.tmp, "cwd", "a")):
                self.assertFalse(os.path.exists(os.path.join(folder, name)), os.path.join(folder, name))
        self.assertFalse(os.path.exists("/etc/abs.jpg"))

    def test_three_unsafe_paths(self):
        report = self.require_report(self.proc, self.report)
        self.assertGreaterEqual(len([e for e in report.get("errors", []) if e.get("code") == "unsafe_path"]), 3)


class LinksTarTest(HostileMixin, E2ECase):
    variant = "hostile_links"

    def test_hardlink_not_a_second_copy(self):
        report = self.require_report(self.proc, self.report)
        media = [it for it in report.get("items", []) if it.get("path") == "links/hard.jpg"
                 and it.get("kind") in ("image", "video")]
        self.assertEqual(media, [])


class LinksZipTest(HostileMixin, E2ECase):
    variant = "hostile_links_zip"


class FolderLinksTest(HostileMixin, E2ECase):
    variant = "hostile_folder_links"

    def test_link_target_not_read(self):
        report = self.require_report(self.proc, self.report)
        with open("/etc/passwd", "rb") as f:
            passwd = hashlib.sha256(f.read()).hexdigest()
        self.assertEqual([it.get("path") for it in report.get("items", []) if it.get("sha256") == passwd], [])
        self.assertEqual([it.get("path") for it in report.get("items", [])
                          if str(it.get("path", "")).startswith(("etc/", "pics/loop/"))], [])


class EncryptedTest(HostileMixin, E2ECase):
    variant = "hostile_encrypted"


class BigEntryTest(HostileMixin, E2ECase):
    variant = "hostile_big_entry"


class TotalSizeTest(HostileMixin, E2ECase):
    variant = "hostile_total"


class RatioTest(HostileMixin, E2ECase):
    variant = "hostile_ratio"

    def test_sidecar_bomb_reported_once_when_cleaning(self):
        clean = os.path.join(self.tmp, "clean.zip")
        proc, report = self.scan_desc(self.desc, ["--clean", clean], tag="rep-clean")
        self.assertEqual(proc.returncode, 0, describe(proc))
        bombs = [e for e in report.get("errors", []) if e.get("path", "").endswith("your_posts_1.json")]
        self.assertEqual([e["code"] for e in bombs], ["ratio_exceeded"], bombs)
        os.remove(clean)


class ManyEntriesTest(HostileMixin, E2ECase):
    variant = "hostile_many"


class DeepNestingTest(HostileMixin, E2ECase):
    variant = "hostile_deep"


def run_unprivileged(args):
    """mediascan ARGS as an ordinary user: root reads any file, so permissions are tested as
    nobody (uid 65534) when the tests run as root."""
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run(prefix + [mediascan_path()] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, errors="replace", timeout=120)


class UnreadableInFolderTest(E2ECase):
    """A folder export with a sub-folder, a file and a folder's files the user may not read: each
    is an error naming it, every other photo is read (a sub-folder without permission ended the
    listing with exit 0 and no error, and the photos listed after it were gone)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        os.chmod(cls.tmp, 0o755)
        cls.src = os.path.join(cls.tmp, "export")
        for d in "abcdefgh":
            os.makedirs(os.path.join(cls.src, d))
            with open(os.path.join(cls.src, d, "p.jpg"), "wb") as f:
                f.write(make_export.jpeg_bytes(ord(d)))
        with open(os.path.join(cls.src, "locked.jpg"), "wb") as f:
            f.write(make_export.jpeg_bytes(1))
        os.makedirs(os.path.join(cls.src, "nosearch"))
        with open(os.path.join(cls.src, "nosearch", "x.jpg"), "wb") as f:
            f.write(make_export.jpeg_bytes(2))
        os.chmod(os.path.join(cls.src, "e"), 0)
        os.chmod(os.path.join(cls.src, "locked.jpg"), 0)
        os.chmod(os.path.join(cls.src, "nosearch"), 0o444)
        out = os.path.join(cls.tmp, "out")
        os.makedirs(out)
        os.chmod(out, 0o777)
        cls.clean = os.path.join(out, "clean.zip")
        cls.proc = run_unprivileged(["scan", cls.src, "--json", os.path.join(out, "r.json"),
                                     "--clean", cls.clean, "--no-progress"])
        with open(os.path.join(out, "r.json"), encoding="utf-8") as f:
            cls.report = json.load(f)

    @classmethod
    def tearDownClass(cls):
        for d in ("e", "locked.jpg", "nosearch"):
            os.chmod(os.path.join(cls.src, d), 0o755)
        super().tearDownClass()

    def test_every_readable_photo_is_read(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))
        read = sorted(it["path"] for it in self.report["items"] if not it.get("errors"))
        self.assertEqual(read, [d + "/p.jpg" for d in "abcdfgh"])
        with zipfile.ZipFile(self.clean) as zf:
            self.assertEqual(sorted(n for n in zf.namelist() if not n.endswith("/")), read)

    def test_each_unreadable_entry_is_one_error_saying_why(self):
        errors = {e["path"]: (e["code"], e["message"]) for e in self.report["errors"]}
        self.assertEqual(sorted(errors), ["e", "locked.jpg", "nosearch/x.jpg"], self.report["errors"])
        for path, (code, message) in errors.items():
            self.assertEqual(code, "unreadable_entry", path)
            self.assertIn("Permission denied", message, path)


class NotAnExportTest(E2ECase):
    """A source that holds no export exits 3 saying why; each was a clean export of 0 items with
    exit 0 (a 0-byte file, zeros, a text file libarchive took for an mtree listing, an export
    piped in, whose second read, the scan after the index, found nothing)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zip = os.path.join(cls.tmp, "five.zip")
        with zipfile.ZipFile(cls.zip, "w") as zf:
            for i in range(5):
                zf.writestr("p%d.jpg" % i, make_export.jpeg_bytes(i))

    def scan_file(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return run(["scan", path, "--json", path + ".json", "--no-progress"])

    def assert_unreadable(self, proc, why):
        self.assertEqual(proc.returncode, 3, describe(proc))
        self.assertIn(why, proc.stderr)

    def test_empty_file(self):
        self.assert_unreadable(self.scan_file("empty.zip", b""), "empty file")

    def test_only_zero_bytes(self):
        self.assert_unreadable(self.scan_file("prealloc.zip", bytes(10 << 20)), "not an archive: only zero bytes")

    def test_text_file(self):
        self.assert_unreadable(self.scan_file("notes.txt", b"hello\n"), "not an archive mediascan can read")

    def test_pipe(self):
        with open(self.zip, "rb") as f:
            data = f.read()
        proc = subprocess.run([mediascan_path(), "scan", "/dev/stdin", "--json", os.path.join(self.tmp, "p.json"),
                               "--no-progress"], input=data, capture_output=True, timeout=60)
        proc.stderr = proc.stderr.decode(errors="replace")
        self.assert_unreadable(proc, "SOURCE must be a file or a folder (a pipe can be read only once)")

    def test_fifo_without_writer_does_not_hang(self):
        fifo = os.path.join(self.tmp, "fifo.zip")
        os.mkfifo(fifo)
        proc = run(["scan", fifo, "--json", fifo + ".json", "--no-progress"], timeout=30)
        self.assert_unreadable(proc, "SOURCE must be a file or a folder")

    def test_an_empty_zip_is_still_an_empty_export(self):
        proc = self.scan_file("nothing.zip", b"PK\x05\x06" + bytes(18))
        self.assertEqual(proc.returncode, 0, describe(proc))


class DamagedZipDirectoryTest(E2ECase):
    """A zip whose central directory leads libarchive astray is read on from its local headers,
    as unzip and Python do: one damaged local header cost every entry after it (named nowhere),
    a wrong directory offset the whole export (exit 3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for i in range(1, 6):
                zf.writestr("p%d.jpg" % i, make_export.jpeg_bytes(i))
        cls.zip = buf.getvalue()

    def scan_bytes(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        proc, report = self.scan([path], ["--clean", path + ".clean.zip"], tag=name)
        self.assertEqual(proc.returncode, 0, describe(proc))
        with zipfile.ZipFile(path + ".clean.zip") as zf:
            cleaned = sorted(zf.namelist())
        read = sorted(it["path"] for it in report["items"] if not it.get("errors"))
        self.assertEqual(cleaned, read)
        return report, read

    def test_damaged_local_header_costs_only_its_entry(self):
        d = bytearray(self.zip)
        p3 = d.find(b"PK\x03\x04", d.find(b"p2.jpg") + 10)
        d[p3:p3 + 4] = b"JUNK"
        report, read = self.scan_bytes("badlocal.zip", bytes(d))
        self.assertEqual(read, ["p1.jpg", "p2.jpg", "p4.jpg", "p5.jpg"])
        self.assertEqual([(e["path"], e["code"]) for e in report["errors"]], [("p3.jpg", "corrupt_entry")])

    def test_wrong_directory_offset(self):
        d = bytearray(self.zip)
        end = d.rfind(b"PK\x05\x06")
        d[end + 16:end + 20] = (12345).to_bytes(4, "little")
        report, read = self.scan_bytes("badcdoff.zip", bytes(d))
        self.assertEqual(read, ["p%d.jpg" % i for i in range(1, 6)])

    def test_zeroed_directory_behind_a_sound_end_record(self):
        """libarchive read it as an empty zip: 0 items, no error, exit 0 (from a review)."""
        d = bytearray(self.zip)
        start, end = d.find(b"PK\x01\x02"), d.rfind(b"PK\x05\x06")
        d[start:end] = bytes(end - start)
        report, read = self.scan_bytes("zeroedcd.zip", bytes(d))
        self.assertEqual(read, ["p%d.jpg" % i for i in range(1, 6)])
        self.assertEqual([(e["path"], e["code"]) for e in report["errors"]], [("zeroedcd.zip", "corrupt_archive")])


class TarHeaderChecksumTest(E2ECase):
    """A tar header whose checksum fails is one error saying where; the entries after it are
    read. libarchive retries every block after it as a header: each came back as an entry without
    a name, 144 unsafe_path errors with an empty path for one photo of 72 KB."""

    def check(self, name, compression):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tf:
            for i in range(1, 6):
                data = make_export.jpeg_bytes(i, size=(1200, 900))
                ti = tarfile.TarInfo("p%d.jpg" % i)
                ti.size = len(data)
                tf.addfile(ti, io.BytesIO(data))
        d = bytearray(buf.getvalue())
        at = d.find(b"p3.jpg\0")
        d[at + 148:at + 156] = b"9999999\0"
        data = gzip.compress(bytes(d)) if compression else bytes(d)
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        proc, report = self.scan([path], tag=name)
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertEqual(sorted((it["path"], it["errors"]) for it in report["items"]),
                         [("p%d.jpg" % i, []) for i in (1, 2, 4, 5)])
        self.assertEqual([(e["path"], e["code"]) for e in report["errors"]], [(name, "corrupt_entry")], report["errors"])
        self.assertIn("after p2.jpg", report["errors"][0]["message"])

    def test_tar(self):
        self.check("badsum.tar", False)

    def test_tgz(self):
        self.check("badsum.tgz", True)


class CompressedDataEndsInZerosTest(E2ECase):
    """A tgz cut short into a preallocated file: its compressed data goes on as zeros, which
    decompress to what looks like the tar's end. The photos after the cut were named nowhere and
    no error said the source was damaged (gzip -t: unexpected end of file)."""

    def test_damage_reported(self):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tf:
            for i in range(1, 6):
                data = make_export.jpeg_bytes(i)
                ti = tarfile.TarInfo("p%d.jpg" % i)
                ti.size = len(data)
                tf.addfile(ti, io.BytesIO(data))
        tar = buf.getvalue()
        cut = tar.find(b"p4.jpg\0")  # p4's header

        def stored(data):  # a deflate block holding `data` as it is
            return b"\0" + struct.pack("<HH", len(data), 0xFFFF ^ len(data)) + data

        # p1..p3 stored, then blocks of zeros (decompressed: the tar's end), then zeros that are
        # no deflate data at all: the stream never ends.
        deflate = b"".join(stored(tar[i:min(i + 65535, cut)]) for i in range(0, cut, 65535))
        deflate += stored(bytes(65535)) * 2
        path = os.path.join(self.tmp, "cut.tgz")
        with open(path, "wb") as f:
            f.write(b"\x1f\x8b\x08\0\0\0\0\0\0\x03" + deflate + bytes(300000))
        proc, report = self.scan([path])
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertEqual(sorted(it["path"] for it in report["items"]), ["p1.jpg", "p2.jpg", "p3.jpg"])
        self.assertEqual([(e["path"], e["code"]) for e in report["errors"]], [("cut.tgz", "corrupt_archive")])


class SkippedBombIsBoundedTest(E2ECase):
    """Skipping the rest of an entry refused after its first MiB decompresses all of it: 16 GiB
    of zeros in 3 MB of xz kept the reader busy for minutes, bounded by nothing. It now stops at
    --max-total-size, with an error."""

    class Zeros(io.RawIOBase):
        def __init__(self, n):
            self.left = n

        def readinto(self, b):
            n = min(len(b), self.left)
            b[:n] = bytes(n)
            self.left -= n
            return n

    def test_skip_stops_at_the_total_limit(self):
        path = os.path.join(self.tmp, "bomb.tgz")
        with tarfile.open(path, "w:gz", compresslevel=9) as tf:
            for name, data in (("a.jpg", make_export.jpeg_bytes(1)), ("m_zero.bin", None), ("z.jpg", make_export.jpeg_bytes(2))):
                ti = tarfile.TarInfo(name)
                ti.size = 300 << 20 if data is None else len(data)
                tf.addfile(ti, self.Zeros(ti.size) if data is None else io.BytesIO(data))
        proc, report = self.scan([path], ["--max-total-size", str(30 << 20)])
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertIn(("bomb.tgz", "total_too_large"), [(e["path"], e["code"]) for e in report["errors"]])


class TruncatedCleanMixin:
    def test_clean_keeps_the_entries_before_the_damage(self):
        """The cleaned export holds every photo read before the cut, and says so of the source
        (it said the source was not in the cleaned export at all)."""
        clean = os.path.join(self.tmp, "truncated-clean.zip")
        proc, report = self.scan_desc(self.desc, tag="truncated-clean", extra=["--clean", clean])
        report = self.require_report(proc, report)
        self.assertEqual(proc.returncode, 0, describe(proc))
        source = os.path.basename(self.desc["sources"][0])
        said = {e["path"]: e["message"] for e in report["clean"]["not_copied"]}
        self.assertTrue(said[source].startswith("only the entries before the damage are in the cleaned export"), said)
        read = sorted(it["path"] for it in report["items"] if not it.get("errors"))
        self.assertTrue(self.desc["items"])
        self.assertLessEqual(set(self.desc["items"]), set(read))
        with zipfile.ZipFile(clean) as zf:
            self.assertEqual(sorted(zf.namelist()), read)
        os.remove(clean)


class TruncatedZipTest(TruncatedCleanMixin, HostileMixin, E2ECase):
    variant = "hostile_truncated"


class TruncatedTgzTest(TruncatedCleanMixin, HostileMixin, E2ECase):
    variant = "hostile_truncated_tgz"


class LyingSizeTest(HostileMixin, E2ECase):
    variant = "hostile_lying_size"


class CorruptEntryTest(HostileMixin, E2ECase):
    variant = "hostile_corrupt_entry"


    def test_truncated_jpeg_reported(self):
        """A JPEG cut in half inside a sound entry: the item carries truncated_image (INTERFACE.md)."""
        report = self.require_report(self.proc, self.report)
        item = self.get_item(report, "broken/truncated.jpg")
        self.assertIn("truncated_image", [e.get("code") for e in item.get("errors", [])], item)


class InvalidSidecarTest(HostileMixin, E2ECase):
    variant = "hostile_invalid_sidecar"


def peak_rss_mib(args):
    """Runs mediascan ARGS in a fresh child and returns its peak resident memory in MiB. Under
    AddressSanitizer (CI's second pass) freed memory is held in a quarantine of 256 MiB by
    default: a small one keeps the figure about the program, not the sanitizer."""
    probe = ("import resource, subprocess, sys\n"
             "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
             "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    env = dict(os.environ)
    if env.get("ASAN_OPTIONS"):
        env["ASAN_OPTIONS"] += ":quarantine_size_mb=16"
    proc = subprocess.run([sys.executable, "-c", probe, mediascan_path()] + [str(a) for a in args],
                          capture_output=True, text=True, timeout=600, env=env)
    rc, rss = proc.stdout.split()
    if rc != "0":
        raise AssertionError("mediascan %s exited %s" % (" ".join(map(str, args)), rc))
    return int(rss) / 1024


class MemoryMixin:
    """Peak memory over what the same program takes for a small healthy export (the libraries,
    the detectors, a sanitizer's shadow): what the hostile input itself costs."""

    def extra_rss_mib(self, args):
        healthy = self.build("generic_zip")
        out = os.path.join(self.tmp, "rss-base.json")
        base = peak_rss_mib(["scan", healthy["sources"][0], "--json", out, "--report", out + ".html"])
        return peak_rss_mib(args) - base


class CraftedExifTest(HostileMixin, E2ECase):
    """Loops, back-pointers, 65535-entry IFDs and 4 G counts: 'location unknown', never a crash."""
    variant = "hostile_exif"


class PixelBombTest(MemoryMixin, HostileMixin, E2ECase):
    """Images declaring billions of pixels are refused from their header, before any decode."""
    variant = "hostile_pixels"

    def test_memory_stays_bounded(self):
        out = os.path.join(self.tmp, "rss.json")
        extra = self.extra_rss_mib(["scan", self.desc["sources"][0], "--json", out, "--report", out + ".html"])
        # Decoding the 20000x20000 PNG alone would take 1.1 GiB (OpenCV decodes to BGR).
        self.assertLess(extra, 300, "%.0f MiB over a healthy export" % extra)


class FormatConfusionTest(HostileMixin, E2ECase):
    """Types come from the bytes, not the names; names that look like options, URLs, line
    breaks and bidi overrides are data, kept as they are."""
    variant = "hostile_confusion"


class NameMismatchTest(HostileMixin, E2ECase):
    """The central directory says one name, the local header another: extraction tools disagree
    on which they use, so the entry is reported and never trusted."""
    variant = "hostile_name_mismatch"


class MethodMismatchTest(HostileMixin, E2ECase):
    """The central directory says deflated, the local header stored: a reader going by one sees
    other bytes than one going by the other, so the entry is reported and never trusted."""
    variant = "hostile_method_mismatch"

    def test_left_out_of_the_cleaned_export(self):
        out = os.path.join(self.tmp, "mm-clean.zip")
        proc, report = self.scan_desc(self.desc, tag="mm-clean", extra=["--clean", out])
        report = self.require_report(proc, report)
        with zipfile.ZipFile(out) as zf:
            names = set(zf.namelist())
        not_copied = {e["path"] for e in report["clean"]["not_copied"]}
        for name in ("photos/big.jpg", "photos/small.jpg"):
            self.assertNotIn(name, names)
            self.assertIn(name, not_copied)


class OverlapTest(HostileMixin, E2ECase):
    """Entries whose data overlap (a zip bomb's trick: each within the limits, together many
    times the zip) are refused, each by name, and never inflated or copied; the healthy photos
    beside them are scanned and cleaned."""
    variant = "hostile_overlap"

    def test_every_overlapped_entry_is_refused(self):
        report = self.require_report(self.proc, self.report)
        refused = {e["path"] for e in report.get("errors", []) if e.get("code") == "overlapping_entry"}
        refused |= {it["path"] for it in report.get("items", [])
                    if "overlapping_entry" in [e.get("code") for e in it.get("errors", [])]}
        self.assertEqual(refused, set(self.desc["overlapped"]))

    def test_nothing_of_them_in_the_cleaned_export(self):
        out = os.path.join(self.tmp, "overlap-clean.zip")
        proc, report = self.scan_desc(self.desc, tag="overlap-clean", extra=["--clean", out])
        report = self.require_report(proc, report)
        with zipfile.ZipFile(out) as zf:
            names = set(zf.namelist())
        self.assertEqual(names, {"ok/healthy_1.jpg", "ok/healthy_2.jpg", "nested/inner.zip"})
        with zipfile.ZipFile(out) as zf, zipfile.ZipFile(io.BytesIO(zf.read("nested/inner.zip"))) as inner:
            self.assertEqual(inner.namelist(), [])
        self.assertLess(os.path.getsize(out), 100_000, "the bomb inflates to %d bytes" % self.desc["inflates_to"])
        not_copied = {e["path"] for e in report["clean"]["not_copied"]}
        self.assertTrue(set(self.desc["overlapped"]) <= not_copied, not_copied)

    def test_bytes_before_the_zip_do_not_open_the_gate(self):
        """libarchive reads a zip with bytes before it; the overlap check by name is left out
        there, and the ratio of the archive as a whole stops the bomb after a few entries."""
        src = os.path.join(self.tmp, "prefixed.zip")
        with open(self.desc["sources"][0], "rb") as f, open(src, "wb") as out:
            out.write(b"#" * 1000 + f.read())
        clean = os.path.join(self.tmp, "prefixed-clean.zip")
        desc = dict(self.desc, sources=[src])
        proc, report = self.scan_desc(desc, tag="prefixed", extra=["--clean", clean])
        report = self.require_report(proc, report)
        codes = [e["code"] for e in report.get("errors", [])]
        self.assertIn("ratio_exceeded", codes)
        self.assertLess(os.path.getsize(clean), 200 * os.path.getsize(src))

    def test_a_damaged_zip_inside_is_closed_in_the_cleaned_copy(self):
        """A zip in the export that breaks after its first entry: the entries after it go to the
        cleaned export's top level, not into the rebuilt zip (the writer threw before)."""
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as z:
            z.writestr("first.txt", "one")
            z.writestr("second.txt", "two")
        data = bytearray(inner.getvalue())
        second = data.find(b"PK\x03\x04", 10)
        data[second:second + 4] = b"XXXX"
        src = os.path.join(self.tmp, "damaged-inner.zip")
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("some/long/dir/inner.zip", bytes(data))
            z.writestr("b.txt", "after")
        clean = os.path.join(self.tmp, "damaged-inner-clean.zip")
        proc, report = self.scan_desc(dict(self.desc, sources=[src], options=[]), tag="damaged-inner",
                                      extra=["--clean", clean])
        report = self.require_report(proc, report)
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertIn("corrupt_archive", [e["code"] for e in report.get("errors", [])])
        with zipfile.ZipFile(clean) as zf:
            self.assertEqual(zf.read("b.txt"), b"after")
            with zipfile.ZipFile(io.BytesIO(zf.read("some/long/dir/inner.zip"))) as inner:
                self.assertEqual(inner.read("first.txt"), b"one")
        said = {e["path"]: e["message"] for e in report["clean"]["not_copied"]}
        self.assertTrue(said["some/long/dir/inner.zip"].startswith("only the entries before the damage"), said)


class MillionEntriesTest(MemoryMixin, HostileMixin, E2ECase):
    """A directory of a million empty entries: reading stops at --max-entries, memory does not
    grow with what the directory lists beyond it."""
    variant = "hostile_million"

    def test_memory_stays_bounded(self):
        out = os.path.join(self.tmp, "rss.json")
        extra = self.extra_rss_mib(["scan", self.desc["sources"][0], "--json", out] + self.desc["options"])
        # Loading the whole directory, as libarchive's seekable reader does, took 250 MiB more.
        self.assertLess(extra, 150, "%.0f MiB over a healthy export" % extra)


class LongNamesTest(HostileMixin, E2ECase):
    variant = "hostile_long_names"

    def test_reported_shortened(self):
        report = self.require_report(self.proc, self.report)
        long = [e for e in report.get("errors", []) if e.get("code") == "name_too_long"]
        self.assertEqual(len(long), 2, long)
        for e in long:
            self.assertLessEqual(len(e["path"].encode()), 210, e["path"][:80])


class VagueUriTest(MemoryMixin, HostileMixin, E2ECase):
    """Posts naming "a.jpg" 5000 times next to 5000 folders holding an a.jpg: the vague URI is
    joined to none of them and reported, the photo named in full is joined, and the join costs
    neither the 25 million pairs nor the time of comparing every URI with every a.jpg."""
    variant = "hostile_vague_uri"

    def test_memory_stays_bounded(self):
        out = os.path.join(self.tmp, "rss.json")
        extra = self.extra_rss_mib(["scan", self.desc["sources"][0], "--json", out])
        # Each URI joined to every a.jpg took 1.2 GB at 8000 folders (16 bytes a pair, and more).
        self.assertLess(extra, 150, "%.0f MiB over a healthy export" % extra)

    def test_vague_captions_are_text_items(self):
        # Joined to no photo, the posts' text is still checked, as items of their own.
        report = self.require_report(self.proc, self.report)
        texts = [it for it in report.get("items", []) if it.get("type") == "text"]
        self.assertEqual(len([it for it in texts if "#/" in it["path"]]), 5000)
        # The photos it names are in the export: no item says they are missing (the error
        # vague_media_uri says why nothing was joined).
        self.assertEqual([it["path"] for it in texts if "#/" not in it["path"]], [])


class WideSidecarTest(MemoryMixin, HostileMixin, E2ECase):
    """An object of 3 million members and a "data" of 17 MiB: each part is reported as not read,
    the rest of both files is read (the photo beside the big "data" too), and neither becomes a
    document ten times its size."""
    variant = "hostile_wide_sidecar"

    def test_memory_stays_bounded(self):
        out = os.path.join(self.tmp, "rss.json")
        extra = self.extra_rss_mib(["scan", self.desc["sources"][0], "--json", out])
        # The comments file alone took 870 MB as documents.
        self.assertLess(extra, 200, "%.0f MiB over a healthy export" % extra)

    def test_the_rest_of_each_file_is_read(self):
        report = self.require_report(self.proc, self.report)
        texts = [it for it in report.get("items", []) if it.get("type") == "text"]
        self.assertTrue(any("a comment still read" in json.dumps(it) for it in texts), texts[:3])
        unread = [e for e in report.get("errors", []) if e.get("code") == "invalid_sidecar"]
        self.assertEqual(len(unread), 2, unread)
        self.assertTrue(all("not read" in e["message"] for e in unread), unread)


# ---------------------------------------------------------------------------------------------
# --clean on hostile input: the cleaned copy holds regular files only, inside the output.

class CleanMixin:
    variant = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build(cls.variant)
        cls.before = files_under(cls.tmp)
        cls.cwd = os.path.join(cls.tmp, "cwd", "a", "b")
        os.makedirs(cls.cwd)
        cls.clean_dir = os.path.join(cls.cwd, "clean")
        cls.clean_zip = os.path.join(cls.cwd, "clean.zip")
        cls.proc_dir, cls.report_dir = cls.scan_desc(cls.desc, ["--clean", cls.clean_dir], tag="rep-dir",
                                                     cwd=cls.cwd)
        cls.proc_zip, cls.report_zip = cls.scan_desc(cls.desc, ["--clean", cls.clean_zip], tag="rep-zip",
                                                     cwd=cls.cwd)
        cls.after = files_under(cls.tmp)

    def test_exit_status(self):
        self.assertEqual(self.proc_dir.returncode, 0, describe(self.proc_dir))
        self.assertEqual(self.proc_zip.returncode, 0, describe(self.proc_zip))

    def test_clean_folder_holds_only_regular_files_inside(self):
        self.assertTrue(os.path.isdir(self.clean_dir), describe(self.proc_dir))
        real_root = os.path.realpath(self.clean_dir)
        names = []
        for dirpath, dirnames, filenames in os.walk(self.clean_dir):
            for n in dirnames + filenames:
                p = os.path.join(dirpath, n)
                st = os.lstat(p)
                self.assertTrue(stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode), "not a plain file: %s" % p)
                self.assertTrue(os.path.realpath(p).startswith(real_root + os.sep), p)
                names.append(n)
        too_long = {p for p in self.desc["items"] if len(os.path.basename(p).encode()) > 255}
        for path in set(self.desc["items"]) - too_long:
            # An item of a nested archive is inside that archive, rebuilt as a file of the copy.
            parts = path.split("/")
            in_archive = any(os.path.isfile(os.path.join(self.clean_dir, *parts[:i])) for i in range(1, len(parts)))
            self.assertTrue(os.path.basename(path) in names or in_archive, "missing from the cleaned copy: %r" % path)
        for path in too_long:  # a name no Linux file system holds: left out, and said so
            self.assertIn(path, [e["path"] for e in self.report_dir["clean"]["not_copied"]])

    def test_clean_zip_has_safe_names(self):
        self.assertTrue(os.path.isfile(self.clean_zip), describe(self.proc_zip))
        with zipfile.ZipFile(self.clean_zip) as zf:
            names = zf.namelist()
            for zi in zf.infolist():
                self.assertFalse(zi.filename.startswith("/"), zi.filename)
                self.assertNotIn("..", zi.filename.split("/"), zi.filename)
                mode = zi.external_attr >> 16
                if mode:
                    self.assertFalse(stat.S_ISLNK(mode), zi.filename)
        for path in self.desc["items"]:
            # An item of a nested archive is inside that archive, rebuilt under the archive's name.
            self.assertTrue(any(n.endswith(os.path.basename(path)) or path.startswith(n + "/") for n in names), path)

    def test_nothing_written_outside_outputs(self):
        new = sorted(p for p in self.after - self.before
                     if not p.startswith(os.path.join("cwd", "a", "b", "clean") + os.sep)
                     and p not in ("rep-dir.json", "rep-zip.json", os.path.join("cwd", "a", "b", "clean.zip")))
        self.assertEqual(new, [])
        parent = os.path.dirname(self.tmp)
        for name in ("evil.jpg", "b.jpg"):
            for folder in (self.tmp, parent, os.path.join(self.tmp, "cwd"), os.path.join(self.tmp, "cwd", "a")):
                self.assertFalse(os.path.exists(os.path.join(folder, name)), os.path.join(folder, name))


class CleanTraversalTest(CleanMixin, E2ECase):
    variant = "hostile_traversal"


class CleanLinksTarTest(CleanMixin, E2ECase):
    variant = "hostile_links"


class CleanLinksZipTest(CleanMixin, E2ECase):
    variant = "hostile_links_zip"


class CleanLongNamesTest(CleanMixin, E2ECase):
    variant = "hostile_long_names"

    def test_long_names_not_copied_and_said_so(self):
        for report in (self.report_dir, self.report_zip):
            not_copied = [e["path"] for e in report["clean"]["not_copied"]]
            self.assertEqual(len([p for p in not_copied if p.startswith("long/nnnn")]), 2, not_copied)


class CleanConfusionTest(CleanMixin, E2ECase):
    variant = "hostile_confusion"

    def test_names_kept_exactly(self):
        with zipfile.ZipFile(self.clean_zip) as zf:
            names = set(zf.namelist())
        for name in ("-", "--help", "http://evil.example/x.jpg", "new\nline.jpg", "\u202egpj.exe"):
            self.assertIn(name, names)


# ---------------------------------------------------------------------------------------------
# Attacker-controlled text in the HTML report.

class HtmlReportEscapingTest(E2ECase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("hostile_html")
        cls.html = os.path.join(cls.tmp, "report.html")
        cls.proc, cls.report = cls.scan_desc(cls.desc, ["--report", cls.html])

    def setUp(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))
        with open(self.html, encoding="utf-8", errors="replace") as f:
            self.text = f.read()

    def test_payloads_escaped(self):
        for key, payload in self.desc["payloads"].items():
            self.assertNotIn(payload, self.text, "raw %s payload in the HTML report" % key)
        for marker in ("<script>alert", "<svg onload", "<iframe src=javascript", "<b onmouseover", "<img src=x"):
            self.assertNotIn(marker, self.text)

    def test_content_security_policy(self):
        self.assertIn("Content-Security-Policy", self.text)

    def test_no_network_resources(self):
        tags = re.findall(r"<(?:script|link|img|iframe|object|embed|source|video|audio)\b[^>]*>", self.text, re.I)
        remote = [t for t in tags if re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", t, re.I)]
        self.assertEqual(remote, [])
        self.assertNotRegex(self.text, r"@import\s+url\(\s*['\"]?(?:https?:)?//")

    def test_json_keeps_text_verbatim(self):
        self.assertIsNotNone(self.report)
        item = self.get_item(self.report, next(iter(self.desc["items"])))
        self.assertEqual(item.get("context", {}).get("caption"), self.desc["payloads"]["caption"])


# ---------------------------------------------------------------------------------------------
# Attacker-controlled text in the CSV report (opened in spreadsheets).

class CsvFormulaInjectionTest(E2ECase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("hostile_csv")
        cls.csv = os.path.join(cls.tmp, "findings.csv")
        cls.proc, cls.report = cls.scan_desc(cls.desc, ["--csv", cls.csv])

    def test_no_cell_starts_a_formula(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))
        with open(self.csv, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        seen = set()
        for row in rows[1:]:
            for cell in row:
                bare = cell.lstrip("'\t ")
                if bare in self.desc["formula_names"]:
                    seen.add(bare)
                    self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"),
                                     "CSV cell %r would be run as a spreadsheet formula" % cell)
        self.assertEqual(sorted(seen), sorted(self.desc["formula_names"]), "rows missing from the CSV")


# ---------------------------------------------------------------------------------------------
# Attacker-controlled text on the terminal.

class TerminalEscapesTest(E2ECase):
    CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
    BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("hostile_terminal")
        cls.listed = run(["list"] + cls.desc["sources"], cwd=cls.tmp)
        cls.proc, cls.report = cls.scan_desc(cls.desc)

    def test_list_output_has_no_control_characters(self):
        self.assertEqual(self.listed.returncode, 0, describe(self.listed))
        self.assertIn("google_takeout", self.listed.stdout)
        bad = sorted({repr(c) for c in self.CONTROL.findall(self.listed.stdout + self.listed.stderr)})
        self.assertEqual(bad, [], "terminal control characters from the export reached the terminal")

    def test_list_output_has_no_bidi_overrides(self):
        """U+202E and friends reorder what the user reads (file-name spoofing)."""
        self.assertEqual(self.listed.returncode, 0, describe(self.listed))
        bad = sorted({repr(c) for c in self.BIDI.findall(self.listed.stdout + self.listed.stderr)})
        self.assertEqual(bad, [], "bidirectional override characters from the export reached the terminal")

    def test_scan_output_has_no_control_characters(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))
        bad = sorted({repr(c) for c in self.CONTROL.findall(self.proc.stdout + self.proc.stderr)})
        self.assertEqual(bad, [])

    def test_json_keeps_text_verbatim(self):
        report = self.require_report(self.proc, self.report)
        path, exp = next(iter(self.desc["items"].items()))
        self.assertEqual(self.get_item(report, path).get("context", {}).get("caption"), exp["caption"])


if __name__ == "__main__":
    main()
