#!/usr/bin/env python3
"""Scores the claim checker on a JSONL file of labelled sentences.

Each line has `text` and a label: `has_error` (true/false) or `label`
(`error`, `ok`, `unclear`), and optionally `date`, the publication date.
Each sentence goes through the real command line, `inflow check --format
json`, on a fresh database built from the bundled data, with `--as-of DATE
--published DATE` when the line has a date (judged against what was known
when it was written).

A sentence counts as flagged when any of its claims is `contradicted`,
`unit_error` or `inconsistent`. Printed:

- precision and recall of the flags over sentences labelled error / ok
  (`unclear` sentences are borderline by their own note: they are listed
  and counted apart, not scored);
- in sentences labelled ok, the share of claims that come out `supported`,
  and how the rest split (`unverifiable`, `forecast`, flags).

    python3 bench/claims/eval.py [FILE ...] [-v] [--bin PATH]

FILE defaults to ../shared/data/articles/claims_sample.jsonl; a missing
file is reported and skipped (exit 0). `--bin` uses an `inflow` binary
already built; otherwise the debug binary is built with cargo.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT = os.path.join(ROOT, "..", "shared", "data", "articles", "claims_sample.jsonl")
FLAGS = {"contradicted", "unit_error", "inconsistent"}


def truth_of(item):
    """True for an error, False for none, None for a borderline sentence."""
    if "has_error" in item:
        return bool(item["has_error"])
    label = (item.get("label") or "").lower()
    return {"error": True, "ok": False}.get(label)


def build():
    subprocess.run(["cargo", "build", "-q", "-p", "inflow-cli"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "debug", "inflow")


def has_published(binary):
    """Whether this build of `inflow check` takes `--published`."""
    out = subprocess.run([binary, "check", "--help"], capture_output=True, text=True)
    return "--published" in out.stdout


def check(binary, db, item, published):
    args = [binary, "check", "-", "--format", "json"]
    if item.get("date"):
        args += ["--as-of", item["date"]]
        if published:
            args += ["--published", item["date"]]
    env = dict(os.environ, INFLOW_DB=db)
    out = subprocess.run(args, input=item["text"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"inflow check failed ({out.returncode}): {out.stderr.strip()}")
    return json.loads(out.stdout)["claims"]


def score(path, binary, db, verbose, published):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    tp = fp = fn = tn = 0
    unclear_flagged = unclear = 0
    ok_verdicts = collections.Counter()
    for item in items:
        claims = check(binary, db, item, published)
        flagged = any(c["verdict"] in FLAGS for c in claims)
        truth = truth_of(item)
        if truth is None:
            unclear += 1
            unclear_flagged += flagged
        elif truth:
            tp += flagged
            fn += not flagged
        else:
            fp += flagged
            tn += not flagged
            ok_verdicts.update(c["verdict"] for c in claims)
        wrong = truth is not None and flagged != truth
        if verbose or wrong:
            mark = {None: "UNCL", True: "ok  " if flagged else "MISS", False: "FALSE" if flagged else "ok  "}[truth]
            print(f"[{mark}] {item['text'][:100]}")
            for c in claims:
                print(f"      {c['verdict']:<12} {c['text']:<22} {c['explanation'][:160]}")
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    n_ok = sum(ok_verdicts.values())
    supported = ok_verdicts["supported"] / n_ok if n_ok else float("nan")
    name = os.path.basename(path)
    print(f"{name}: {len(items)} sentences ({tp + fn} error, {fp + tn} ok, {unclear} unclear)")
    print(f"  flagged {tp + fp} of the scored: true positives {tp}, false positives {fp}, missed {fn}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}")
    print(f"  claims in ok sentences: {n_ok}, supported {supported:.3f} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(ok_verdicts.items()))})")
    if unclear:
        print(f"  unclear sentences flagged: {unclear_flagged} of {unclear}")


def main():
    argv = sys.argv[1:]
    verbose = "-v" in argv
    binary = None
    if "--bin" in argv:
        binary = argv[argv.index("--bin") + 1]
    files = [a for i, a in enumerate(argv) if a != "-v" and a != "--bin" and (i == 0 or argv[i - 1] != "--bin")]
    files = files or [DEFAULT]
    present = [f for f in files if os.path.exists(f)]
    for f in files:
        if f not in present:
            print(f"no labelled file at {f}; nothing to evaluate")
    if not present:
        return 0
    binary = binary or build()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "inflow.db")
        subprocess.run([binary, "series"], env=dict(os.environ, INFLOW_DB=db), check=True, capture_output=True)
        published = has_published(binary)
        for f in present:
            score(f, binary, db, verbose, published)
    return 0


if __name__ == "__main__":
    sys.exit(main())
