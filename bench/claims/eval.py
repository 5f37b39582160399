#!/usr/bin/env python3
"""Runs the claim checker on a JSONL file of labelled sentences and prints
precision and recall of its error flags.

Each line has `text`, `has_error` and optionally `date` (used as the as-of
date, so a sentence is judged against what was known when it was written).
A sentence counts as flagged when any of its claims is `contradicted`,
`unit_error` or `inconsistent`.

    python3 bench/claims/eval.py [FILE] [-v]

FILE defaults to ../shared/data/articles/claims_sample.jsonl; without it
the script says so and exits 0.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT = os.path.join(ROOT, "..", "shared", "data", "articles", "claims_sample.jsonl")
FLAGS = {"contradicted", "unit_error", "inconsistent"}


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    path = args[0] if args else DEFAULT
    if not os.path.exists(path):
        print(f"no labelled file at {path}; nothing to evaluate")
        return 0
    lines = [l for l in open(path, encoding="utf-8") if l.strip()]
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "inflow-claims", "--example", "check", "--", "--jsonl", path],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    tp = fp = fn = tn = 0
    for line, rep in zip(lines, out):
        item = json.loads(line)
        claims = json.loads(rep)["claims"]
        flagged = any(c["verdict"] in FLAGS for c in claims)
        truth = bool(item.get("has_error"))
        tp += flagged and truth
        fp += flagged and not truth
        fn += (not flagged) and truth
        tn += (not flagged) and not truth
        if verbose or flagged != truth:
            mark = "ok " if flagged == truth else "MISS" if truth else "FALSE"
            print(f"[{mark}] {item['text'][:90]}")
            for c in claims:
                print(f"      {c['verdict']:<12} {c['text']:<18} {c['explanation']}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"sentences {len(lines)}: flagged {tp + fp}, true positives {tp}, false positives {fp}, missed {fn}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
