#!/usr/bin/env python3
"""Summarise pyward's own rules on real projects and compute precision from hand labels.

usage: summarize.py OUT_DIR LABELS_TSV            # markdown table: findings and precision per rule
       summarize.py OUT_DIR LABELS_TSV --sample N # up to N unlabelled findings per rule, as TSV
                                                  # rows to label (verdict column left as '?')

OUT_DIR holds `<analyzer>-<project>.json` reports from run.sh. Bandit-compatible rules
(PY001-PY899) are measured by the Bandit agreement test instead and are left out here.
A label row is: project, code, path (as in the report), line, verdict (TP or FP), reason.
Findings of severity `info` are notes (e.g. a range that the project's lock resolves safely), not
claims of a weakness, and are counted apart rather than measured.
"""
import collections
import glob
import hashlib
import json
import os
import re
import sys

BANDIT = re.compile(r"^PY[0-8]\d\d$")


def findings(out_dir):
    for report in sorted(glob.glob(os.path.join(out_dir, "*-*.json"))):
        analyzer, project = os.path.basename(report)[:-5].split("-", 1)
        with open(report) as fh:
            data = json.load(fh)
        for f in data.get("findings", []):
            if BANDIT.match(f["code"]) or f.get("severity") == "info":
                continue
            loc = f.get("location", {})
            line = (loc.get("span") or {}).get("start", {}).get("line", 0)
            where = loc.get("path") or loc.get("url") or loc.get("host") or ""
            if loc.get("package"):
                where = f"{where}#{loc['package']}"
            yield project, f["code"], where, line, f


def labels(path):
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as fh:
        for row in fh:
            if not row.strip() or row.startswith("#"):
                continue
            cols = row.rstrip("\n").split("\t")
            project, code, where, line, verdict = cols[:5]
            out[(project, code, where, int(line))] = verdict.upper()
    return out


def main():
    out_dir, labels_path = sys.argv[1], sys.argv[2]
    sample = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--sample" else None
    known = labels(labels_path)
    by_rule = collections.defaultdict(list)
    for project, code, where, line, f in findings(out_dir):
        by_rule[code].append((project, where, line, f))
    if sample is not None:
        for code in sorted(by_rule):
            rows = [r for r in by_rule[code] if (r[0], code, r[1], r[2]) not in known]
            rows.sort(key=lambda r: hashlib.sha1(f"{r[0]}{r[1]}{r[2]}".encode()).hexdigest())
            for project, where, line, f in rows[:sample]:
                print(f"{project}\t{code}\t{where}\t{line}\t?\t{f['message'][:100]}")
        return
    print("| rule | confidence | findings | projects | labelled | true | false | precision |")
    print("|:--|:--|--:|--:|--:|--:|--:|--:|")
    for code in sorted(by_rule):
        rows = by_rule[code]
        conf = collections.Counter(r[3]["confidence"] for r in rows).most_common(1)[0][0]
        verdicts = [known.get((p, code, w, l)) for p, w, l, _ in rows]
        tp = verdicts.count("TP")
        fp = verdicts.count("FP")
        labelled = tp + fp
        precision = f"{100 * tp / labelled:.0f} %" if labelled else "–"
        projects = len({r[0] for r in rows})
        print(f"| {code} | {conf} | {len(rows)} | {projects} | {labelled} | {tp} | {fp} | {precision} |")


if __name__ == "__main__":
    main()
