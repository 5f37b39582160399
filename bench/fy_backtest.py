"""The fiscal-year backtest on M3 monthly: inflow before and after calibration,
and statsforecast's summed intervals for the same year totals, in one run.

usage: python3 bench/fy_backtest.py [--data FILE] [--calibrate] [--install]
                                    [--skip-peer] [--work DIR]

Protocol (docs/benchmarks.md, "Fiscal-year totals"):

1. Calibration, on training data only (`--calibrate`): each M3 series loses
   its real test months; its last 12 training months become "the year", so
   the test months are never seen. `inflow backtest --calibration none
   --months-known 0-11 --write-calibration FILE` projects that year after 0 to
   11 months known and fits the table of standardized errors of the totals.
   `--install` copies it to crates/inflow-project/src/calibration.csv (then
   rebuild) — the only way the shipped table is made.
2. Evaluation, on the real test months: `inflow backtest --input M3
   --calibration none` (before: the model's own simulated totals) and with
   the bundled table (after), k = 1..11 months known.
3. Peer in the same run: statsforecast DynamicOptimizedTheta fitted on
   train + the first k test months, its 12 - k monthly forecasts summed, and
   the interval of the sum from its monthly intervals assuming independent
   months (variance of the sum = sum of the variances read off each month's
   80% interval), which is what summing a model's monthly intervals gives.

Prints coverage (pooled and by months known), MAPE of the total against the
run-rate and last year's share, and the scaled interval score (MSIS) of the
total, with wall seconds of each step.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from harness import DEFAULT_DATA, build_inflow, m3_data  # noqa: E402

Z80, Z95 = 1.2815515655446004, 1.959963984540054

parser = argparse.ArgumentParser()
parser.add_argument("--data", default=DEFAULT_DATA)
parser.add_argument("--calibrate", action="store_true", help="fit the table on the holdout first")
parser.add_argument("--install", action="store_true", help="copy the fitted table into the crate")
parser.add_argument("--skip-peer", action="store_true")
parser.add_argument("--skip-before", action="store_true")
parser.add_argument("--work", default=None)
parser.add_argument("--inflow", default=None, help="use this binary instead of building one")
parser.add_argument("--only-calibrate", action="store_true")
args = parser.parse_args()

work = args.work or tempfile.mkdtemp(prefix="inflow-fy-")
os.makedirs(work, exist_ok=True)
data = m3_data(args.data, work)
inflow = args.inflow or build_inflow()
df = pd.read_csv(data)


def run(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return out, time.perf_counter() - start


if args.calibrate:
    hold = df[df.part == "train"].copy()
    last = hold.groupby("series_id").t.transform("max")
    hold.loc[hold.t > last - 12, "part"] = "test"
    hold_file = os.path.join(work, "m3_holdout.csv")
    hold.to_csv(hold_file, index=False)
    table = os.path.join(work, "calibration.csv")
    _, secs = run([inflow, "backtest", "--input", hold_file, "--calibration", "none",
                   "--months-known", "0-11", "--write-calibration", table,
                   "--output", os.path.join(work, "holdout_rows.csv"), "--format", "json"])
    print(f"calibration fitted on the holdout in {secs:.1f} s: {table}", flush=True)
    if args.install:
        shutil.copy(table, os.path.join(ROOT, "crates", "inflow-project", "src", "calibration.csv"))
        inflow = build_inflow()
        print("installed into crates/inflow-project/src/calibration.csv and rebuilt", flush=True)
    if args.only_calibrate:
        sys.exit(0)

results = {}
variants = [("inflow after (calibrated)", "bundled")]
if not args.skip_before:
    variants.insert(0, ("inflow before (model's own paths)", "none"))
for name, cal in variants:
    rows = os.path.join(work, f"rows_{cal}.csv")
    out, secs = run([inflow, "backtest", "--input", data, "--calibration", cal,
                     "--output", rows, "--format", "json"])
    results[name] = (pd.read_csv(rows), secs)
    print(f"{name}: {secs:.1f} s", flush=True)

if not args.skip_peer:
    from statsforecast import StatsForecast
    from statsforecast.models import DynamicOptimizedTheta

    train = df[df.part == "train"].rename(columns={"series_id": "unique_id", "t": "ds", "value": "y"})
    test = df[df.part == "test"].rename(columns={"series_id": "unique_id", "t": "ds", "value": "y"})
    test = test.sort_values(["unique_id", "ds"])
    year = test.groupby("unique_id").head(12)
    ids = year.groupby("unique_id").size()
    ids = ids[ids == 12].index
    year = year[year.unique_id.isin(ids)]
    mine = results[variants[-1][0]][0]
    scale = mine.drop_duplicates("series_id").set_index("series_id").scale
    sf = StatsForecast(models=[DynamicOptimizedTheta(season_length=12)], freq=1, n_jobs=1)
    first = train.unique_id.drop_duplicates().head(4)
    sf.forecast(df=train[train.unique_id.isin(first)][["unique_id", "ds", "y"]], h=6, level=[80])
    rows = []
    start = time.perf_counter()
    for k in range(1, 12):
        known = year.groupby("unique_id").head(k)
        fit_df = pd.concat([train[train.unique_id.isin(ids)], known])[["unique_id", "ds", "y"]]
        fc = sf.forecast(df=fit_df, h=12 - k, level=[80])
        if "unique_id" not in fc.columns:
            fc = fc.reset_index()
        col = "DynamicOptimizedTheta"
        fc["var"] = ((fc[f"{col}-hi-80"] - fc[f"{col}-lo-80"]) / (2 * Z80)) ** 2
        g = fc.groupby("unique_id").agg(rest=(col, "sum"), var=("var", "sum"))
        ytd = known.groupby("unique_id").y.sum()
        total = year.groupby("unique_id").y.sum()
        sd = np.sqrt(g["var"])
        point = ytd + g.rest
        rows.append(pd.DataFrame({
            "series_id": g.index, "months_known": k, "point": point.values,
            "lo_80": (point - Z80 * sd).values, "hi_80": (point + Z80 * sd).values,
            "lo_95": (point - Z95 * sd).values, "hi_95": (point + Z95 * sd).values,
            "actual": total.reindex(g.index).values,
            "scale": scale.reindex(g.index).values,
        }))
    secs = time.perf_counter() - start
    results["statsforecast DOTM, summed monthly intervals"] = (pd.concat(rows), secs)
    print(f"statsforecast DOTM: {secs:.1f} s", flush=True)


def msis(d, level):
    a = 1 - level / 100
    lo, hi, y = d[f"lo_{level}"], d[f"hi_{level}"], d.actual
    s = (hi - lo) + 2 / a * (lo - y).clip(lower=0) + 2 / a * (y - hi).clip(lower=0)
    return (s / d.scale).mean()


def cover(d, level):
    return ((d[f"lo_{level}"] <= d.actual) & (d.actual <= d[f"hi_{level}"])).mean()


def ape(est, y):
    return (100 * (est - y).abs() / y.abs()).mean()


first = next(iter(results.values()))[0]
print()
print("| method | 80% covered | 95% covered | lowest 80% by k | lowest 95% by k | MSIS 80% | MSIS 95% | MAPE | wall s |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, (d, secs) in results.items():
    by = d.groupby("months_known")
    low80 = by.apply(lambda g: cover(g, 80)).min()
    low95 = by.apply(lambda g: cover(g, 95)).min()
    print(f"| {name} | {cover(d, 80):.3f} | {cover(d, 95):.3f} | {low80:.3f} | {low95:.3f} | "
          f"{msis(d, 80):.3f} | {msis(d, 95):.3f} | {ape(d.point, d.actual):.2f} | {secs:.1f} |")
print(f"| run-rate | | | | | | | {ape(first.run_rate, first.actual):.2f} | |")
print(f"| last year's share | | | | | | | {ape(first.last_year_share, first.actual):.2f} | |")
print()
names = list(results)
head = "| k | " + " | ".join(f"{n} 80% / 95% covered" for n in names) + " | " + \
    " | ".join(f"{n} MAPE" for n in names) + " | run-rate MAPE | last year's share MAPE | n |"
print(head)
print("|" + " ---: |" * (2 * len(names) + 4))
for k in range(1, 12):
    cells = [f"{k}"]
    for n in names:
        g = results[n][0][results[n][0].months_known == k]
        cells.append(f"{cover(g, 80):.3f} / {cover(g, 95):.3f}")
    for n in names:
        g = results[n][0][results[n][0].months_known == k]
        cells.append(f"{ape(g.point, g.actual):.2f}")
    g = first[first.months_known == k]
    cells.append(f"{ape(g.run_rate, g.actual):.2f}")
    cells.append(f"{ape(g.last_year_share.dropna(), g.actual[g.last_year_share.notna()]):.2f}")
    cells.append(str(len(g)))
    print("| " + " | ".join(cells) + " |")
print(json.dumps({"work": work}))
