#!/usr/bin/python3
"""Recall, precision and F1 of "this photo shows a person" against make_corpus.py's labels.

  accuracy.py [--brief] LABELS.json NAME=mediascan:REPORT.json NAME=baseline:RESULTS.json ...

A photo counts as flagged by mediascan when its item in the JSON report (mediascan.report/1)
has a finding of category "people" or whose signal starts with "face"; by the Python baseline
when it found at least one face. A labelled photo missing from a result counts as not flagged
and is listed. Prints Markdown: the scores, then per source photo how many of its variants
each detector flagged, so a miss or a false hit can be traced to the picture behind it
(--brief: the scores only).
"""

import json
import sys
from collections import Counter, defaultdict


def mediascan_flags(path):
    with open(path) as f:
        report = json.load(f)
    flags = {}
    for item in report.get("items", []):
        flags[item["path"]] = any(x.get("category") == "people" or x.get("signal", "").startswith("face")
                                  for x in item.get("findings", []))
    return flags


def baseline_flags(path):
    with open(path) as f:
        return {p: bool(r.get("has_person")) for p, r in json.load(f)["photos"].items()}


READERS = {"mediascan": mediascan_flags, "baseline": baseline_flags}


def score(labels, flags):
    """labels: path -> (has_person, source). Returns counts and the wrong paths' sources."""
    c = Counter()
    wrong = {"missed": Counter(), "false hit": Counter()}
    for path, (truth, source) in labels.items():
        got = flags.get(path)
        c["missing"] += got is None
        got = bool(got)
        c[("T" if got == truth else "F") + ("P" if got else "N")] += 1
        if truth and not got:
            wrong["missed"][source] += 1
        if got and not truth:
            wrong["false hit"][source] += 1
    recall = c["TP"] / max(1, c["TP"] + c["FN"])
    precision = c["TP"] / max(1, c["TP"] + c["FP"])
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return c, recall, precision, f1, wrong


def labels_for(labels_file, flags_by_name):
    """The labels keyed by the paths the results use (Facebook or Takeout layout)."""
    with open(labels_file) as f:
        photos = json.load(f)["photos"]
    for layout in ("facebook", "takeout"):
        keyed = {p[layout]: (p["has_person"], p["source"]) for p in photos}
        if any(set(keyed) & set(flags) for flags in flags_by_name.values()):
            return keyed
    sys.exit("accuracy: no result names a labelled photo (wrong export?)")


def main(argv):
    brief = "--brief" in argv
    argv = [a for a in argv if a != "--brief"]
    if len(argv) < 3:
        sys.exit(__doc__)
    flags_by_name = {}
    for arg in argv[2:]:
        name, _, spec = arg.partition("=")
        kind, _, path = spec.partition(":")
        if kind not in READERS or not path:
            sys.exit("accuracy: expected NAME=mediascan:FILE or NAME=baseline:FILE, got " + arg)
        flags_by_name[name] = READERS[kind](path)
    labels = labels_for(argv[1], flags_by_name)
    people = sum(truth for truth, _ in labels.values())
    print("%d labelled photos, %d with people, %d without.\n" % (len(labels), people, len(labels) - people))
    print("| detector | flagged | TP | FP | FN | TN | recall | precision | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    wrongs = {}
    for name, flags in flags_by_name.items():
        c, recall, precision, f1, wrongs[name] = score(labels, flags)
        missing = " (%d missing from its output)" % c["missing"] if c["missing"] else ""
        print("| %s%s | %d | %d | %d | %d | %d | %.3f | %.3f | %.3f |" % (
            name, missing, c["TP"] + c["FP"], c["TP"], c["FP"], c["FN"], c["TN"], recall, precision, f1))
    if brief:
        return
    print("\nWrong answers by source photo (variants of it that were missed or falsely flagged):\n")
    for name, wrong in wrongs.items():
        for kind, by_source in wrong.items():
            listed = ", ".join("%s ×%d" % (s, n) for s, n in by_source.most_common()) or "none"
            print("- %s, %s: %s" % (name, kind, listed))
    print("\nPer source photo: variants in the corpus, and how many each detector flagged:\n")
    names = list(flags_by_name)
    print("| source | person | variants | " + " | ".join(names) + " |")
    print("| --- | --- | ---: |" + " ---: |" * len(names))
    per = defaultdict(lambda: [0, Counter()])
    for path, (truth, source) in labels.items():
        per[(not truth, source)][0] += 1
        for name in names:
            per[(not truth, source)][1][name] += bool(flags_by_name[name].get(path))
    for (no_person, source), (n, hits) in sorted(per.items()):
        print("| %s | %s | %d | %s |" % (source, "no" if no_person else "yes", n,
                                         " | ".join(str(hits[name]) for name in names)))


if __name__ == "__main__":
    main(sys.argv)
