#!/usr/bin/env python3
"""End-to-end: the example job files of docs/batch/ run as the schedulers would run them.

A stand-in `sbatch` runs docs/batch/slurm-nightly.sh's array tasks with Slurm's variables, then
its dependent merge job; the Kubernetes Indexed Job and merge Job of docs/batch/*.yaml run once
per completion index with the Job's command and environment (the image's /opt/mediascan mapped
to this repository, the volume's /data to a temporary folder). Both must scan every export of the
inbox exactly once and leave a complete index.

Run: MEDIASCAN=/abs/path/build/mediascan python3 tests/e2e/test_batch_schedulers.py
"""

import json
import os
import shutil
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import REPO, E2ECase, main, mediascan_path  # noqa: E402

FAKE_SBATCH = r'''#!/usr/bin/env python3
# Stand-in for Slurm's sbatch: runs --wrap now, once per array index, with Slurm's variables.
import os, subprocess, sys
args, wrap, array, job = sys.argv[1:], None, None, str(os.getpid())
for i, a in enumerate(args):
    if a.startswith("--wrap="): wrap = a[len("--wrap="):]
    elif a == "--wrap": wrap = args[i + 1]
    elif a.startswith("--array="): array = a[len("--array="):]
with open(os.environ["SBATCH_CALLS"], "a") as f:
    f.write(" ".join(args) + "\n")
indexes = [None]
if array:
    lo, hi = (int(x) for x in array.split("-"))
    indexes = list(range(lo, hi + 1))
for i in indexes:
    env = dict(os.environ)
    if i is not None:
        env.update(SLURM_ARRAY_TASK_ID=str(i), SLURM_ARRAY_TASK_MIN=str(indexes[0]),
                   SLURM_ARRAY_TASK_COUNT=str(len(indexes)), SLURM_ARRAY_JOB_ID=job)
    rc = subprocess.run(["bash", "-c", wrap], env=env).returncode
    if rc != 0:
        sys.exit("task %s failed: %d" % (i, rc))
print(job)
'''


class SchedulerCase(E2ECase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = os.path.join(cls.tmp, "data")
        cls.inbox = os.path.join(cls.data, "inbox")
        os.makedirs(cls.inbox)
        shutil.copy(cls.build("facebook_2024")["sources"][0], cls.inbox)
        for part in cls.build("takeout_split")["sources"]:
            shutil.copy(part, cls.inbox)
        gz = cls.build("generic_zip")["sources"][0]
        for name in ("client-a.zip", "client-b.zip", "client-c.zip"):
            shutil.copy(gz, os.path.join(cls.inbox, name))
        cls.expected = sorted(["facebook-jdoe-2024-05-01-AbCdEf.zip", "takeout-20240501T101010Z",
                               "client-a.zip", "client-b.zip", "client-c.zip"])

    def check_out(self, out, logs):
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        self.assertEqual(sorted(e["name"] for e in summary["exports"]), self.expected)
        self.assertEqual(summary["missing"], [])
        self.assertEqual(summary["totals"]["done"], len(self.expected))
        done = []
        for text in logs:
            for line in text.splitlines():
                if line.strip():
                    event = json.loads(line)
                    if event["event"] == "export_done":
                        done.append(event["export"])
        self.assertEqual(sorted(done), self.expected, "each export scanned exactly once")
        for e in summary["exports"]:
            self.assertTrue(os.path.isfile(os.path.join(out, "exports", e["slug"], "cleaned.zip")), e["name"])


class SlurmTest(SchedulerCase):
    def test_slurm_nightly(self):
        bin_dir = os.path.join(self.tmp, "bin")
        os.makedirs(bin_dir)
        with open(os.path.join(bin_dir, "sbatch"), "w") as f:
            f.write(FAKE_SBATCH)
        os.chmod(os.path.join(bin_dir, "sbatch"), 0o755)
        out = os.path.join(self.data, "reports")
        os.makedirs(out)
        calls = os.path.join(self.tmp, "sbatch-calls")
        env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"], SBATCH_CALLS=calls,
                   MEDIASCAN=mediascan_path())
        script = os.path.join(REPO, "docs", "batch", "slurm-nightly.sh")
        proc = subprocess.run(["bash", script, self.inbox, out, "3"], env=env, capture_output=True, text=True,
                              timeout=600)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        with open(calls) as f:
            submitted = f.read().splitlines()
        self.assertEqual(len(submitted), 2)
        self.assertIn("--array=1-3", submitted[0])
        self.assertIn("--dependency=afterany:", submitted[1])
        logs = []
        for name in sorted(os.listdir(out)):
            if name.startswith("slurm-"):
                with open(os.path.join(out, name), encoding="utf-8") as f:
                    logs.append(f.read())
        self.check_out(out, [proc.stderr] + logs)


class KubernetesTest(SchedulerCase):
    def run_job(self, job, index=None):
        container = job["spec"]["template"]["spec"]["containers"][0]
        mapped = lambda s: s.replace("/opt/mediascan", REPO).replace("/data", self.data)  # noqa: E731
        env = dict(os.environ)
        for var in container.get("env", []):
            env[var["name"]] = mapped(var["value"])
        if os.environ.get("MEDIASCAN"):
            env["MEDIASCAN"] = mediascan_path()
        command = [mapped(c) for c in container["command"]]
        if command[0].endswith("build/mediascan"):
            command[0] = mediascan_path()
        if index is not None:
            env["JOB_COMPLETION_INDEX"] = str(index)
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)

    def test_indexed_job_then_merge(self):
        with open(os.path.join(REPO, "docs", "batch", "k8s-indexed-job.yaml")) as f:
            shards = yaml.safe_load(f)
        with open(os.path.join(REPO, "docs", "batch", "k8s-merge-job.yaml")) as f:
            merge = yaml.safe_load(f)
        self.assertEqual(shards["spec"]["completionMode"], "Indexed")
        completions = shards["spec"]["completions"]
        env = {v["name"]: v["value"] for v in shards["spec"]["template"]["spec"]["containers"][0]["env"]}
        self.assertEqual(int(env["MEDIASCAN_SHARDS"]), completions)
        os.makedirs(os.path.join(self.data, "reports"))
        logs = []
        for index in range(completions):
            proc = self.run_job(shards, index)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            logs.append(proc.stderr)
        proc = self.run_job(merge)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.check_out(os.path.join(self.data, "reports"), logs)


if __name__ == "__main__":
    main()
