#!/usr/bin/env python3
"""End-to-end: the command line (INTERFACE.md): --version, --help, exit statuses, the JSON and
CSV files, `list`, --fail-on, and deterministic output whatever --jobs.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_cli.py
"""

import csv
import json
import os
import resource
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, describe, main, mediascan_path, run  # noqa: E402

SCAN_OPTIONS = ["--report", "--json", "--csv", "--clean", "--strip", "--checks", "--jobs", "--models",
                "--policy", "--fail-on", "--quiet", "--no-progress",
                "--max-entry-size", "--max-total-size", "--max-entries", "--max-depth", "--max-ratio"]


class CliTest(E2ECase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fb = cls.build("facebook_2024")
        cls.zip = cls.fb["sources"][0]

    # ------------------------------------------------------------------ version and help

    def test_version(self):
        p = run(["--version"])
        self.assertEqual(p.returncode, 0, describe(p))
        self.assertRegex(p.stdout, r"\d+\.\d+")

    def test_help_lists_every_option(self):
        p = run(["--help"])
        self.assertEqual(p.returncode, 0, describe(p))
        text = p.stdout
        # batch joins this list with its own issue (7).
        for cmd in ("scan", "list", "models"):
            self.assertIn(cmd, text, "--help does not mention the %s command" % cmd)
        sub = run(["scan", "--help"])
        if sub.returncode == 0:
            text += sub.stdout
        missing = [o for o in SCAN_OPTIONS if o not in text]
        self.assertEqual(missing, [], "options missing from --help (and scan --help)")

    # ------------------------------------------------------------------ exit statuses

    def test_unknown_option_exit_2(self):
        p = run(["scan", self.zip, "--no-such-option"], cwd=self.tmp)
        self.assertEqual(p.returncode, 2, describe(p))
        self.assertTrue(p.stderr.strip(), "a usage error should say what is wrong on stderr")

    def test_bad_option_values_exit_2(self):
        for args in (["--jobs", "many"], ["--fail-on", "extreme"], ["--strip", "nothing"],
                     ["--max-entries", "-5x"]):
            with self.subTest(args=args):
                p = run(["scan", self.zip] + args + ["--json", os.path.join(self.tmp, "bad.json")], cwd=self.tmp)
                self.assertEqual(p.returncode, 2, describe(p))

    def test_outputs_that_would_overwrite_an_input_or_each_other_exit_2_before_the_scan(self):
        import hashlib
        import shutil
        src = os.path.join(self.tmp, "mine.zip")
        shutil.copy(self.zip, src)
        before = hashlib.sha256(open(src, "rb").read()).hexdigest()
        folder = os.path.join(self.tmp, "export-folder")
        os.makedirs(folder, exist_ok=True)
        shutil.copy(self.zip, os.path.join(folder, "part.zip"))
        clean = os.path.join(self.tmp, "c.zip")
        a_file = os.path.join(self.tmp, "a-file")
        with open(a_file, "w") as f:
            f.write("x")
        for args in ([src, "--report", src], [src, "--json", src], [src, "--clean", clean, "--report", clean],
                     [src, "--report", os.path.join(self.tmp, "same"), "--json", os.path.join(self.tmp, "same")],
                     [folder, "--json", os.path.join(folder, "r.json")], [src, "--csv", self.tmp],
                     [src, "--json", os.path.join(self.tmp, "no-such-folder", "r.json")],
                     [src, "--clean", a_file]):
            with self.subTest(args=args[1:]):
                p = run(["scan"] + args + ["--no-progress"], cwd=self.tmp)
                self.assertEqual(p.returncode, 2, describe(p))
                self.assertIn("mediascan: --", p.stderr)
                self.assertNotIn("scanning", p.stderr.lower())
        self.assertEqual(hashlib.sha256(open(src, "rb").read()).hexdigest(), before)
        self.assertFalse(os.path.exists(clean))
        self.assertEqual(os.listdir(folder), ["part.zip"])
        # A link is written through: the file it names gets the report, the link stays.
        os.symlink("linked.json", os.path.join(self.tmp, "link.json"))
        p = run(["scan", src, "--json", os.path.join(self.tmp, "link.json"), "--no-progress"], cwd=self.tmp)
        self.assertEqual(p.returncode, 0, describe(p))
        self.assertTrue(os.path.islink(os.path.join(self.tmp, "link.json")))
        with open(os.path.join(self.tmp, "linked.json")) as f:
            self.assertEqual(json.load(f)["schema"], "mediascan.report/1")

    def test_policy_mistakes_exit_2_naming_the_key(self):
        """From a review: these were accepted silently, and did nothing or something else."""
        cases = {
            '{"schema": "mediascan.policy/1", "categories": {"text:alchohol": {"weight": 1.0}}}': "text:alchohol",
            '{"schema": "mediascan.policy/1", "categories": {"alcohol": {"enabeld": false}}}': "enabeld",
            '{"schema": "mediascan.policy/1", "categories": {"text:drugs": {"wieght": 0.9}}}': "wieght",
            '{"schema": "mediascan.policy/1", "actions": {"high": "fixed"}}': "fixed",
            '{"schema": "mediascan.policy/1", "categories": {"alcohol": {"weight": 0.1}, "alcohol": {"weight": 0.9}}}':
                "alcohol",
            '{"schema": "mediascan.policy/1", "levles": {"low": 0.1}}': "levles",
        }
        for i, (text, key) in enumerate(cases.items()):
            with self.subTest(policy=text):
                path = os.path.join(self.tmp, "policy-%d.json" % i)
                with open(path, "w") as f:
                    f.write(text)
                out = os.path.join(self.tmp, "policy-%d-report.json" % i)
                p = run(["scan", self.zip, "--policy", path, "--json", out], cwd=self.tmp)
                self.assertEqual(p.returncode, 2, describe(p))
                self.assertIn(key, p.stderr)
                self.assertFalse(os.path.exists(out))

    def test_bad_policy_exit_2_before_the_export_is_read(self):
        path = os.path.join(self.tmp, "junk-policy.json")
        with open(path, "w") as f:
            f.write("junk")
        p = run(["scan", os.path.join(self.tmp, "does-not-exist.zip"), "--policy", path], cwd=self.tmp)
        self.assertEqual(p.returncode, 2, describe(p))
        self.assertIn("--policy", p.stderr)

    def test_missing_source_exit_3(self):
        out = os.path.join(self.tmp, "missing.json")
        p = run(["scan", os.path.join(self.tmp, "does-not-exist.zip"), "--json", out], cwd=self.tmp)
        self.assertEqual(p.returncode, 3, describe(p))

    def test_not_an_archive_exit_3(self):
        path = os.path.join(self.tmp, "notes.zip")
        with open(path, "w") as f:
            f.write("these are my notes, not an archive\n" * 20)
        p = run(["scan", path, "--json", os.path.join(self.tmp, "notes.json")], cwd=self.tmp)
        self.assertEqual(p.returncode, 3, describe(p))

    def test_file_size_limit_is_a_clear_error_and_leaves_nothing(self):
        # ulimit -f: the write fails with EFBIG instead of SIGXFSZ killing the scan half-way.
        folder = os.path.join(self.tmp, "fsize")
        os.makedirs(folder, exist_ok=True)
        out = os.path.join(folder, "clean.zip")
        small = 16 * 1024  # the export's photos alone are bigger than this

        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (small, small))

        p = subprocess.run([mediascan_path(), "scan", self.zip, "--clean", out], cwd=folder, preexec_fn=limit,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           errors="replace", timeout=120)
        self.assertEqual(p.returncode, 3, describe(p))
        self.assertIn("File too large", p.stderr)
        self.assertEqual(os.listdir(folder), [], "nothing half-written is left")

    def test_one_unreadable_part_is_an_error_record(self):
        missing = os.path.join(self.tmp, "takeout-20240501T101010Z-009.zip")
        proc, report = self.scan([self.zip, missing], tag="one-missing")
        report = self.require_report(proc, report)
        errs = [e for e in report.get("errors", []) if e.get("code") == "unreadable_source"]
        self.assertTrue(errs, report.get("errors"))
        self.assertIn("takeout-20240501T101010Z-009.zip", errs[0].get("path", ""))
        paths = {it.get("path") for it in report.get("items", [])}
        self.assertEqual(sorted(set(self.fb["items"]) - paths), [])

    def test_a_video_that_cannot_be_decoded_is_reported_not_printed(self):
        """OpenCV's FFmpeg printed "moov atom not found" on stderr for a video without its index;
        the item's not_decoded error says it, stderr stays for mediascan's own messages."""
        import struct
        import zipfile

        def box(kind, payload):
            return struct.pack(">I", 8 + len(payload)) + kind + payload

        mp4 = box(b"ftyp", b"isom\0\0\2\0isomiso2mp41") + box(b"mdat", bytes(range(256)) * 20)
        src = os.path.join(self.tmp, "indexless.zip")
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("videos/clip.mp4", mp4)
        proc, report = self.scan([src], tag="indexless")
        report = self.require_report(proc, report)
        item = self.get_item(report, "videos/clip.mp4")
        self.assertIn("not_decoded", [e.get("code") for e in item.get("errors", [])], item)
        self.assertNotIn("moov atom", proc.stderr)
        self.assertNotIn("@ 0x", proc.stderr)

    # ------------------------------------------------------------------ JSON file

    def test_json_file(self):
        outdir = os.path.join(self.tmp, "jsonout")
        os.makedirs(outdir)
        out = os.path.join(outdir, "report.json")
        with open(out, "w") as f:
            f.write("old content, must be replaced")
        p = run(["scan", self.zip, "--json", out], cwd=self.tmp)
        self.assertEqual(p.returncode, 0, describe(p))
        self.assertEqual(sorted(os.listdir(outdir)), ["report.json"], "temporary files left behind")
        mode = os.stat(out).st_mode
        self.assertEqual(mode & 0o111, 0, "report is executable: %s" % oct(mode))
        self.assertEqual(mode & stat.S_IWOTH, 0, "report is world-writable: %s" % oct(mode))
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
        self.assertEqual(report.get("schema"), "mediascan.report/1")
        self.assertEqual(report.get("tool", {}).get("name"), "mediascan")
        version = run(["--version"]).stdout
        self.assertTrue(report.get("tool", {}).get("version"))
        self.assertIn(report["tool"]["version"], version)
        export = report.get("export", {})
        self.assertEqual([os.path.basename(s) for s in export.get("sources", [])], [os.path.basename(self.zip)])
        self.assertEqual(export.get("layout"), "facebook")
        self.assertEqual(export.get("items"), len(report.get("items", [])))
        self.assertIsInstance(report.get("checks"), dict)
        summary = report.get("summary", {})
        for key in ("high", "medium", "low", "ok", "errors", "location_fixed"):
            self.assertIn(key, summary)
        levels = [it.get("risk", {}).get("level") for it in report.get("items", [])]
        for level in ("high", "medium", "low", "ok"):
            self.assertEqual(summary[level], levels.count(level), level)
        for it in report.get("items", []):
            self.assertIn(it.get("risk", {}).get("level"), ("high", "medium", "low", "ok"), it.get("path"))
            self.assertIn(it.get("action"), ("remove", "restrict", "fixed", "ok"), it.get("path"))
            self.assertRegex(it.get("sha256", ""), r"^[0-9a-f]{64}$", it.get("path"))
            for f in it.get("findings", []):
                self.assertIn(f.get("category"), ("location", "identity", "people", "nightlife", "alcohol",
                                                  "explicit", "document", "text"), f)
                self.assertTrue(0.0 <= float(f.get("confidence", -1)) <= 1.0, f)
                self.assertIs(f.get("fixed"), False, "nothing is fixed without --clean: %s" % f)

    def test_scan_word_is_optional(self):
        out = os.path.join(self.tmp, "implicit.json")
        p = run([self.zip, "--json", out], cwd=self.tmp)
        self.assertEqual(p.returncode, 0, describe(p))
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
        self.assertEqual(report.get("export", {}).get("layout"), "facebook")
        # Options before the SOURCE, still without the word.
        first = os.path.join(self.tmp, "options-first.json")
        p = run(["--quiet", "--json", first, self.zip], cwd=self.tmp)
        self.assertEqual(p.returncode, 0, describe(p))
        self.assertTrue(os.path.exists(first))

    def test_models_folder_that_does_not_exist_exit_2(self):
        p = run(["models", "--models", os.path.join(self.tmp, "no-such-models")], cwd=self.tmp)
        self.assertEqual(p.returncode, 2, describe(p))
        self.assertIn("no such folder", p.stderr)

    def test_same_output_whatever_jobs(self):
        p1, r1 = self.scan([self.zip], ["--jobs", "1"], tag="jobs1")
        p4, r4 = self.scan([self.zip], ["--jobs", "4"], tag="jobs4")
        r1, r4 = self.require_report(p1, r1), self.require_report(p4, r4)
        self.assertEqual(r1.get("items"), r4.get("items"))
        self.assertEqual(r1.get("errors"), r4.get("errors"))

    # ------------------------------------------------------------------ CSV, --fail-on

    def test_csv_one_row_per_finding(self):
        out = os.path.join(self.tmp, "findings.csv")
        proc, report = self.scan([self.zip], ["--csv", out], tag="csv")
        report = self.require_report(proc, report)
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        self.assertTrue(rows, "empty CSV")
        n_findings = sum(len(it.get("findings", [])) for it in report.get("items", []))
        self.assertEqual(len(rows) - 1, n_findings, "one row per finding after the header")
        geo_item = self.fb["root"] + "your_facebook_activity/posts/media/ZomerinGent_1029384756/10158123456789012.jpg"
        self.assertTrue([r for r in rows if geo_item in r and "sidecar_geo" in r],
                        "no CSV row for the sidecar_geo finding of %s" % geo_item)

    def test_fail_on(self):
        proc, report = self.scan([self.zip], ["--fail-on", "low"], tag="failon")
        levels = {it.get("risk", {}).get("level") for it in (report or {}).get("items", [])}
        self.assertTrue(levels & {"low", "medium", "high"}, "sidecar GPS should give some risk")
        self.assertEqual(proc.returncode, 1, describe(proc))
        self.assertIsNotNone(report, "the report is still written when --fail-on is reached")

    # ------------------------------------------------------------------ list

    def test_list(self):
        p = run(["list", self.zip], cwd=self.tmp)
        self.assertEqual(p.returncode, 0, describe(p))
        self.assertIn("facebook", p.stdout)
        for path in self.fb["items"]:
            self.assertIn(os.path.basename(path), p.stdout, "list does not show %s" % path)
        self.assertIn("your_posts__check_ins__photos_and_videos_1.json", p.stdout, "list does not show sidecars")

    def test_list_split_takeout(self):
        desc = self.build("takeout_split")
        p = run(["list"] + desc["sources"], cwd=self.tmp)
        self.assertEqual(p.returncode, 0, describe(p))
        self.assertIn("google_takeout", p.stdout)
        for path in desc["items"]:
            self.assertIn(os.path.basename(path), p.stdout, "list does not show %s" % path)

    def test_list_missing_source_exit_3(self):
        p = run(["list", os.path.join(self.tmp, "nope.zip")], cwd=self.tmp)
        self.assertEqual(p.returncode, 3, describe(p))

    def test_list_writes_nothing(self):
        before = sorted(os.listdir(self.tmp))
        p = run(["list", self.zip], cwd=self.tmp)
        self.assertEqual(p.returncode, 0, describe(p))
        self.assertEqual(sorted(os.listdir(self.tmp)), before)


if __name__ == "__main__":
    main()
