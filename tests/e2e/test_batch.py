#!/usr/bin/env python3
"""End-to-end: `mediascan batch INBOX --out DIR`, the nightly batch for agencies.

One behaviour per class: a run over a mixed inbox gives the same reports as `scan`; a second run
does nothing; a changed export is rescanned alone; a crash or hang on one entry is retried once,
then that entry is poison and the rest of the export is scanned and cleaned; a batch killed with
SIGKILL leaves nothing half-written and the next run resumes; shards split the inbox and their
union, merged, is the whole.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_batch.py
"""

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import E2ECase, describe, main, mediascan_path, run, tree_digest  # noqa: E402

HOSTILE_NAME = "evil\nname\x1b[31m.zip"


def batch(inbox, out, *extra, env=None, timeout=300):
    """mediascan batch INBOX --out OUT EXTRA --log-json; returns (proc, [log events])."""
    full_env = dict(os.environ, LC_ALL="C.UTF-8")
    full_env.update(env or {})
    args = [mediascan_path(), "batch"] + ([inbox] if inbox else []) + ["--out", out, "--log-json"] + list(extra)
    proc = subprocess.run(args, env=full_env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout, text=True, encoding="utf-8", errors="replace")
    return proc, [json.loads(line) for line in proc.stderr.splitlines() if line.strip()]


def events(log, kind):
    return [e for e in log if e.get("event") == kind]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def record(out, slug):
    return load(os.path.join(out, "exports", slug, "batch.json"))


def leftovers(out):
    """Temporary files and staging folders left in OUT (there must be none after a run)."""
    bad = []
    for dirpath, dirnames, filenames in os.walk(out):
        for n in filenames:
            if ".tmp-" in n:
                bad.append(os.path.join(dirpath, n))
    staging = os.path.join(out, ".mediascan", "staging")
    if os.path.isdir(staging):
        bad += [os.path.join(staging, n) for n in os.listdir(staging)]
    return bad


def shard_of(name, n):
    """The shard (1-based) an export belongs to, computed as INTERFACE/README document it."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:15], 16) % n + 1


class InboxCase(E2ECase):
    """Builds an inbox: a Facebook zip, a split Takeout (3 parts), a folder export, a zip with a
    hostile name, and two things that are no export."""

    @classmethod
    def make_inbox(cls, name="inbox"):
        inbox = os.path.join(cls.tmp, name)
        os.makedirs(inbox)
        cls.fb = cls.build("facebook_2024")
        shutil.copy(cls.fb["sources"][0], inbox)
        split = cls.build("takeout_split")
        for part in split["sources"]:
            shutil.copy(part, inbox)
        cls.split_desc = split
        generic = cls.build("generic")
        shutil.copytree(generic["sources"][0], os.path.join(inbox, "generic"))
        cls.generic_desc = generic
        gz = cls.build("generic_zip")
        shutil.copy(gz["sources"][0], os.path.join(inbox, HOSTILE_NAME))
        with open(os.path.join(inbox, "notes.txt"), "w") as f:
            f.write("not an export")
        with open(os.path.join(inbox, "big.zip.crdownload"), "wb") as f:
            f.write(b"PK")
        return inbox


class BatchRunTest(InboxCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbox = cls.make_inbox()
        cls.before = tree_digest(cls.inbox)
        cls.out = os.path.join(cls.tmp, "out")
        cls.proc, cls.log = batch(cls.inbox, cls.out, "--clean")

    def test_exit_and_no_leftovers(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))
        self.assertEqual(leftovers(self.out), [])

    def test_inbox_not_modified(self):
        self.assertEqual(tree_digest(self.inbox), self.before)

    def test_exports_recognised(self):
        summary = load(os.path.join(self.out, "summary.json"))
        self.assertEqual(summary["schema"], "mediascan.batch/1")
        names = sorted(e["name"] for e in summary["exports"])
        self.assertEqual(names, sorted([os.path.basename(self.fb["sources"][0]), "takeout-20240501T101010Z",
                                        "generic", HOSTILE_NAME]))
        split = [e for e in summary["exports"] if e["name"] == "takeout-20240501T101010Z"][0]
        self.assertEqual(split["sources"], ["takeout-20240501T101010Z-%03d.zip" % n for n in (1, 2, 3)])
        skipped = {s["name"]: s["reason"] for s in summary["skipped"]}
        self.assertIn("notes.txt", skipped)
        self.assertIn("unfinished download", skipped["big.zip.crdownload"])
        self.assertEqual(summary["totals"]["done"], 4)
        self.assertEqual(summary["totals"]["failed"], 0)

    def test_reports_equal_a_direct_scan(self):
        """Each export's report.json says what `mediascan scan` says of the same export."""
        summary = load(os.path.join(self.out, "summary.json"))
        for e in summary["exports"]:
            with self.subTest(export=e["name"]):
                self.assertEqual(e["status"], "done", e)
                folder = os.path.join(self.out, "exports", e["slug"])
                got = load(os.path.join(folder, e["files"]["json"]))
                sources = [os.path.join(self.inbox, s) for s in e["sources"]]
                proc, direct = self.scan(sources, tag="direct")
                self.assertEqual(proc.returncode, 0, describe(proc))
                self.assertEqual(got["export"]["layout"], direct["export"]["layout"])
                self.assertEqual(sorted((i["path"], i["sha256"]) for i in got["items"]),
                                 sorted((i["path"], i["sha256"]) for i in direct["items"]))
                self.assertEqual(e["items"], len(got["items"]))
                self.assertEqual(e["summary"]["errors"], got["summary"]["errors"])
                self.assertTrue(zipfile.is_zipfile(os.path.join(folder, "cleaned.zip")))
                self.assertTrue(os.path.isfile(os.path.join(folder, "report.html")))
                # The report names the cleaned copy beside it, not the staging folder it was made in.
                self.assertEqual(got["clean"]["output"], "cleaned.zip")

    def test_split_takeout_joined_across_parts(self):
        summary = load(os.path.join(self.out, "summary.json"))
        slug = [e for e in summary["exports"] if e["name"] == "takeout-20240501T101010Z"][0]["slug"]
        report = load(os.path.join(self.out, "exports", slug, "report.json"))
        self.assert_items_exactly_once(report, self.split_desc)
        self.assertEqual(report["export"]["layout"], "google_takeout")

    def test_hostile_name_is_escaped(self):
        summary = load(os.path.join(self.out, "summary.json"))
        slug = [e for e in summary["exports"] if e["name"] == HOSTILE_NAME][0]["slug"]
        self.assertNotIn("\n", slug)
        self.assertNotIn("\x1b", slug)
        self.assertTrue(os.path.isdir(os.path.join(self.out, "exports", slug)))
        with open(os.path.join(self.out, "index.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertNotIn("\x1b", html)
        self.assertIn("Content-Security-Policy", html)
        # Every log line parsed as JSON (batch() would have raised otherwise); none is raw.
        self.assertNotIn("\x1b", self.proc.stderr)

    def test_private_outputs(self):
        for folder in ("", "exports"):  # the names of the exports are personal too
            self.assertEqual(os.stat(os.path.join(self.out, folder)).st_mode & 0o077, 0, folder)
        for name in ("index.html", "summary.json"):
            self.assertEqual(os.stat(os.path.join(self.out, name)).st_mode & 0o077, 0, name)
        for slug in os.listdir(os.path.join(self.out, "exports")):
            self.assertEqual(os.stat(os.path.join(self.out, "exports", slug)).st_mode & 0o077, 0, slug)

    def test_plain_log_escapes_names(self):
        out = os.path.join(self.tmp, "out-plain")
        env = dict(os.environ, LC_ALL="C.UTF-8")
        proc = subprocess.run([mediascan_path(), "batch", self.inbox, "--out", out], env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        self.assertNotIn(b"\x1b", proc.stderr)
        lines = proc.stderr.decode().splitlines()
        self.assertTrue(all(line.startswith("mediascan batch: ") for line in lines), lines)


class IncrementalTest(InboxCase):
    """A second run does nothing; touched files are hashed, not rescanned; a changed export is
    rescanned alone; a changed option rescans everything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbox = cls.make_inbox()
        cls.out = os.path.join(cls.tmp, "out")
        cls.first, cls.first_log = batch(cls.inbox, cls.out)

    def records(self):
        return {e["name"]: e for e in load(os.path.join(self.out, "summary.json"))["exports"]}

    def test_incremental_runs(self):
        self.assertEqual(self.first.returncode, 0, describe(self.first))
        self.assertEqual(len(events(self.first_log, "export_done")), 4)
        before = self.records()

        second, log = batch(self.inbox, self.out)
        self.assertEqual(second.returncode, 0, describe(second))
        self.assertEqual(events(log, "export_start"), [], "the second run scanned again")
        self.assertEqual(len(events(log, "export_unchanged")), 4)
        self.assertEqual(self.records(), before, "records rewritten by a run that did nothing")

        fb = os.path.join(self.inbox, os.path.basename(self.fb["sources"][0]))
        os.utime(fb, (time.time() + 5, time.time() + 5))
        third, log = batch(self.inbox, self.out)
        self.assertEqual(events(log, "export_start"), [])
        self.assertIn("content unchanged", " ".join(e["why"] for e in events(log, "export_unchanged")))
        # Its report is not out of date: the index says nothing changed (it said so forever).
        with open(os.path.join(self.out, "index.html"), encoding="utf-8") as f:
            self.assertNotIn("Changed since their report was made", f.read())

        with open(os.path.join(self.inbox, "generic", "new.jpg"), "wb") as f:
            f.write(b"\xff\xd8\xff\xe0 a photo cut short")
        fourth, log = batch(self.inbox, self.out)
        self.assertEqual(fourth.returncode, 0, describe(fourth))
        self.assertEqual([e["export"] for e in events(log, "export_start")], ["generic"])
        report = load(os.path.join(self.out, "exports", "generic", "report.json"))
        self.assertIn("new.jpg", [i["path"] for i in report["items"]])

        fifth, log = batch(self.inbox, self.out, "--checks", "location")
        self.assertEqual(len(events(log, "export_done")), 4, "a changed option must rescan every export")
        self.assertEqual(leftovers(self.out), [])


class PoisonCrashTest(E2ECase):
    """An entry that crashes the worker is retried once, then skipped as poison; the rest of the
    export is scanned and cleaned, and the next run remembers."""

    fault = "crash"
    extra = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desc = cls.build("generic_zip")
        cls.inbox = os.path.join(cls.tmp, "inbox")
        os.makedirs(cls.inbox)
        shutil.copy(cls.desc["sources"][0], cls.inbox)
        photos = sorted(p for p, i in cls.desc["items"].items() if i.get("type") == "jpeg" and i.get("sha256"))
        cls.victim = photos[0]
        cls.out = os.path.join(cls.tmp, "out")
        env = {"MEDIASCAN_FAULT_INJECTION": "%s:%s" % (cls.fault, cls.victim)}
        cls.proc, cls.log = batch(cls.inbox, cls.out, "--clean", *cls.extra, env=env)
        cls.again, cls.again_log = batch(cls.inbox, cls.out, "--clean", *cls.extra, env=env)

    def test_victim_is_poison_and_the_rest_scanned(self):
        self.assertEqual(self.proc.returncode, 0, describe(self.proc))
        self.assertEqual(len(events(self.log, "worker_died")), 2, self.proc.stderr)
        poisoned = events(self.log, "entry_poisoned")
        self.assertEqual([e["path"] for e in poisoned], [self.victim])
        rec = record(self.out, "generic.zip")
        self.assertEqual(rec["status"], "done")
        self.assertEqual([p["path"] for p in rec["poison"]], [self.victim])
        report = load(os.path.join(self.out, "exports", "generic.zip", "report.json"))
        victim = self.get_item(report, self.victim)
        self.assertEqual([e["code"] for e in victim["errors"]], ["poison"])
        # Never "ok": whoever crafted it may have wanted it unchecked.
        self.assertNotEqual(victim["risk"]["level"], "ok")
        self.assertEqual(victim["action"], "restrict")
        self.assertIn("poison", [e["code"] for e in report["errors"]])
        self.assert_items_exactly_once(report, self.desc)
        others = [i for i in report["items"] if i["path"] != self.victim and i.get("sha256")]
        self.assertTrue(others)

    def test_victim_left_out_of_cleaned_export(self):
        with zipfile.ZipFile(os.path.join(self.out, "exports", "generic.zip", "cleaned.zip")) as z:
            names = z.namelist()
        self.assertNotIn(self.victim, names)
        self.assertTrue(len(names) > 1)

    def test_next_run_does_no_work(self):
        self.assertEqual(self.again.returncode, 0, describe(self.again))
        self.assertEqual(events(self.again_log, "export_start"), [])
        self.assertEqual(leftovers(self.out), [])

    def test_other_limits_forget_the_poison(self):
        """Poison was learnt under one entry timeout and memory limit: with others, it is tried again."""
        out = os.path.join(self.tmp, "out-again")
        shutil.copytree(self.out, out)
        proc, log = batch(self.inbox, out, "--clean", "--entry-timeout", "120")
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertEqual(events(log, "entry_poisoned"), [])
        report = load(os.path.join(out, "exports", "generic.zip", "report.json"))
        self.assertEqual(self.get_item(report, self.victim)["errors"], [])


class PoisonHangTest(PoisonCrashTest):
    """An entry that hangs the worker past --entry-timeout is treated like one that crashes it."""

    fault = "hang"
    extra = ("--entry-timeout", "1")

    def test_hang_named(self):
        self.assertIn("hung", events(self.log, "entry_poisoned")[0]["message"])


class ReaderCrashTest(E2ECase):
    """A crash in the reader (libarchive, on a crafted archive) is the export's, not the photo's
    that was under analysis at the time: no innocent entry becomes poison."""

    def test_reader_crash_fails_the_export(self):
        desc = self.build("generic_zip")
        inbox = os.path.join(self.tmp, "inbox")
        os.makedirs(inbox)
        shutil.copy(desc["sources"][0], inbox)
        out = os.path.join(self.tmp, "out")
        proc, log = batch(inbox, out, "--clean", env={"MEDIASCAN_FAULT_INJECTION": "crash-reader:4"})
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertEqual(events(log, "entry_poisoned"), [])
        died = events(log, "worker_died")
        # On one thread (every attempt after the first) the reader is alone in flight.
        self.assertTrue(all(d["in_flight"] == [{"path": ""}] for d in died[1:]), died)
        self.assertGreaterEqual(len(died), 2)
        rec = record(out, "generic.zip")
        self.assertEqual(rec["status"], "failed")
        self.assertIn("outside any one entry", rec["message"])
        # Without the fault, the next run scans it.
        proc, log = batch(inbox, out, "--clean")
        self.assertEqual(record(out, "generic.zip")["status"], "done")


class KillAndResumeTest(E2ECase):
    """SIGKILL the batch mid-export: no half-written report set, the worker dies with it, and
    the next run scans only what was not finished."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbox = os.path.join(cls.tmp, "inbox")
        os.makedirs(cls.inbox)
        shutil.copy(cls.build("facebook_2024")["sources"][0], os.path.join(cls.inbox, "a.zip"))
        desc = cls.build("generic_zip")
        for name in ("b.zip", "c.zip"):
            shutil.copy(desc["sources"][0], os.path.join(cls.inbox, name))
        cls.victim = sorted(p for p, i in desc["items"].items() if i.get("type") == "jpeg" and i.get("sha256"))[0]

    def test_kill_then_resume(self):
        out = os.path.join(self.tmp, "out")
        # The worker hangs on b.zip's first photo (a.zip, a Facebook export, has no such entry).
        env = dict(os.environ, LC_ALL="C.UTF-8", MEDIASCAN_FAULT_INJECTION="hang:" + self.victim)
        p = subprocess.Popen([mediascan_path(), "batch", self.inbox, "--out", out, "--log-json",
                              "--entry-timeout", "600"], env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            self.kill_midway(p, out)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stderr.close()

        proc, log = batch(self.inbox, out, "--entry-timeout", "600")  # the same configuration
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertEqual(record(out, "a.zip"), self.a_record)
        self.assertEqual(sorted(e["export"] for e in events(log, "export_done")), ["b.zip", "c.zip"])
        self.assertEqual([e["export"] for e in events(log, "export_unchanged")], ["a.zip"])
        self.assertEqual(leftovers(out), [])
        self.assertEqual(load(os.path.join(out, "summary.json"))["totals"]["done"], 3)

    def kill_midway(self, p, out):
        started = None
        deadline = time.time() + 120
        for line in p.stderr:
            e = json.loads(line)
            if e.get("event") == "export_start" and e.get("export") == "b.zip":
                started = e
                break
            self.assertLess(time.time(), deadline)
        self.assertIsNotNone(started)
        time.sleep(1.5)  # the worker is now stuck on b.zip's first photo
        workers = self.workers(out)
        self.assertTrue(workers, "no worker process found")
        for extra in ([], ["--shard", "1/2"]):
            overlap, _ = batch(self.inbox, out, *extra)
            self.assertEqual(overlap.returncode, 3, "a second batch on the same OUT must not run")
            self.assertIn("another mediascan batch is running", overlap.stderr)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
        for _ in range(50):
            if not self.workers(out):
                break
            time.sleep(0.1)
        self.assertEqual(self.workers(out), [], "the worker outlived the batch")
        self.assertFalse(os.path.exists(os.path.join(out, "exports", "b.zip")), "half-written export folder")
        self.a_record = record(out, "a.zip")

    @staticmethod
    def workers(out):
        found = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    cmd = f.read()
            except OSError:
                continue
            if b"--worker-events" in cmd and out.encode() in cmd:
                found.append(int(pid))
        return found


class ShardTest(InboxCase):
    """--shard K/N splits the inbox by name; the union of the shards, merged, is the whole."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbox = cls.make_inbox()
        cls.whole = os.path.join(cls.tmp, "whole")
        cls.whole_proc, _ = batch(cls.inbox, cls.whole)
        cls.shared = os.path.join(cls.tmp, "shared")
        cls.shard_logs = []
        for k in (1, 2, 3):
            proc, log = batch(cls.inbox, cls.shared, "--shard", "%d/3" % k)
            assert proc.returncode == 0, describe(proc)
            cls.shard_logs.append(log)

    def names(self, out):
        return sorted(e["name"] for e in load(os.path.join(out, "summary.json"))["exports"])

    def test_each_export_in_exactly_one_shard(self):
        done = [e["export"] for log in self.shard_logs for e in events(log, "export_done")]
        self.assertEqual(sorted(done), self.names(self.whole))
        for k, log in enumerate(self.shard_logs, start=1):
            for e in events(log, "export_done"):
                self.assertEqual(shard_of(e["export"], 3), k, e["export"])

    def test_merge_is_the_whole(self):
        self.assertFalse(os.path.exists(os.path.join(self.shared, "summary.json")), "a shard wrote the index")
        proc, _ = batch(self.inbox, self.shared, "--merge")
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertEqual(self.names(self.shared), self.names(self.whole))
        merged = load(os.path.join(self.shared, "summary.json"))
        whole = load(os.path.join(self.whole, "summary.json"))
        self.assertEqual(merged["missing"], [])
        for key in ("done", "high", "medium", "low", "ok", "errors"):
            self.assertEqual(merged["totals"][key], whole["totals"][key], key)
        proc, _ = batch(None, self.shared, "--merge")  # without the inbox: every record in OUT
        self.assertEqual(proc.returncode, 0, describe(proc))
        self.assertEqual(self.names(self.shared), self.names(self.whole))

    def test_merge_says_what_changed_since(self):
        inbox = self.make_inbox("inbox-changed")
        out = os.path.join(self.tmp, "changed")
        proc, _ = batch(inbox, out, "--shard", "1/1")
        self.assertEqual(proc.returncode, 0, describe(proc))
        with open(os.path.join(inbox, "generic", "late.jpg"), "wb") as f:
            f.write(b"\xff\xd8\xff\xe0 new")
        proc, _ = batch(inbox, out, "--merge")
        self.assertEqual(proc.returncode, 0, describe(proc))
        summary = load(os.path.join(out, "summary.json"))
        self.assertEqual(summary["stale"], ["generic"])
        self.assertTrue([e for e in summary["exports"] if e["name"] == "generic"][0]["stale"])

    def test_shards_leave_nothing_in_staging(self):
        self.assertEqual(leftovers(self.shared), [])

    def test_shards_of_another_count_are_refused(self):
        """Yesterday's 2-machine job still running when today's 3-machine one starts: the two
        split the inbox differently and would scan exports twice."""
        out = os.path.join(self.tmp, "counts")
        proc, _ = batch(self.inbox, out, "--shard", "1/3")
        self.assertEqual(proc.returncode, 0, describe(proc))
        with open(os.path.join(out, ".mediascan", "shards-of-3.lock"), "a") as held:
            fcntl.flock(held, fcntl.LOCK_SH)  # a shard of 3 is running
            proc, log = batch(self.inbox, out, "--shard", "1/2")
            self.assertEqual(proc.returncode, 3, describe(proc))
            self.assertIn("shards of another count (3)", events(log, "run_failed")[0]["message"])
            proc, _ = batch(self.inbox, out, "--shard", "2/3")  # the same count runs beside it
            self.assertEqual(proc.returncode, 0, describe(proc))
        proc, _ = batch(self.inbox, out, "--shard", "1/2")
        self.assertEqual(proc.returncode, 0, describe(proc))

    def test_merge_names_what_a_missing_shard_left(self):
        partial = os.path.join(self.tmp, "partial")
        for k in (1, 2):
            proc, _ = batch(self.inbox, partial, "--shard", "%d/3" % k)
            self.assertEqual(proc.returncode, 0, describe(proc))
        proc, _ = batch(self.inbox, partial, "--merge")
        self.assertEqual(proc.returncode, 0, describe(proc))
        expected = sorted(n for n in self.names(self.whole) if shard_of(n, 3) == 3)
        self.assertEqual(sorted(load(os.path.join(partial, "summary.json"))["missing"]), expected)


class UsageTest(E2ECase):
    def test_usage_errors(self):
        inbox = os.path.join(self.tmp, "inbox")
        os.makedirs(inbox)
        out = os.path.join(self.tmp, "out")
        for args in (["batch", inbox], ["batch", "--out", out], ["batch", inbox, "--out", out, "--shard", "0/2"],
                     ["batch", inbox, "--out", out, "--shard", "3/2"], ["batch", inbox, "--out", out, "--shard", "x"],
                     ["batch", os.path.join(self.tmp, "nope"), "--out", out], ["batch", inbox, "--out", inbox],
                     ["batch", "--merge", "--out", os.path.join(self.tmp, "nope")]):
            with self.subTest(args=args):
                proc = run(args)
                self.assertEqual(proc.returncode, 2, describe(proc))
                self.assertFalse(os.path.exists(out))

    def test_fail_on(self):
        inbox = os.path.join(self.tmp, "inbox-fail")
        os.makedirs(inbox)
        desc = self.build("facebook_2024")
        shutil.copy(desc["sources"][0], inbox)
        out = os.path.join(self.tmp, "out-fail")
        proc, _ = batch(inbox, out, "--fail-on", "low")
        self.assertEqual(proc.returncode, 1, describe(proc))
        proc, _ = batch(inbox, out)
        self.assertEqual(proc.returncode, 0, describe(proc))

    def test_unreadable_export_is_a_failed_record(self):
        inbox = os.path.join(self.tmp, "inbox-bad")
        os.makedirs(inbox)
        with open(os.path.join(inbox, "broken.zip"), "wb") as f:
            f.write(b"this is no zip at all" * 10)
        desc = self.build("generic_zip")
        shutil.copy(desc["sources"][0], inbox)
        out = os.path.join(self.tmp, "out-bad")
        proc, log = batch(inbox, out)
        self.assertEqual(proc.returncode, 0, describe(proc))
        rec = record(out, "broken.zip")
        self.assertEqual(rec["status"], "failed")
        self.assertTrue(rec["message"])
        with open(os.path.join(out, "exports", "broken.zip", rec["files"]["log"])) as f:
            self.assertIn("could not be read", f.read())
        again, log = batch(inbox, out)
        self.assertEqual([e["export"] for e in events(log, "export_start")], ["broken.zip"], "a failure is tried again")
        self.assertEqual(record(out, "generic.zip")["status"], "done")
        self.assertEqual(load(os.path.join(out, "summary.json"))["totals"]["failed"], 1)


if __name__ == "__main__":
    main()
