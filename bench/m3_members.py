"""How the default combination's members and scale were chosen: on a holdout.

usage: python3 bench/m3_members.py [--data FILE] [--split holdout|test]

The holdout split keeps the M3 test months out of sight: each training series
loses its last 18 months, which become the months to forecast. Every single
model is run by `inflow forecast` on the original values and on their
logarithms (forecasts brought back with exp), then every equal-weight mean of
three to five of them is scored. `--split test` repeats the table on the real
test months, to report how the choice made on the holdout fared.
"""
import argparse
import itertools
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import DEFAULT_DATA, build_inflow, m3_data  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--data", default=DEFAULT_DATA)
parser.add_argument("--split", choices=["holdout", "test"], default="holdout")
parser.add_argument("--top", type=int, default=10, help="combinations to list")
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="inflow-members-")
data = m3_data(args.data, work)
df = pd.read_csv(data)
H = 18
if args.split == "holdout":
    df = df[df.part == "train"].copy()
    last = df.groupby("series_id").t.transform("max")
    df.loc[df.t > last - H, "part"] = "test"
files = {}
for scale in ["raw", "log"]:
    d = df.copy()
    if scale == "log":
        if (d.value <= 0).any():
            sys.exit("the log scale needs positive values")
        d["value"] = np.log(d.value)
    files[scale] = os.path.join(work, f"{args.split}_{scale}.csv")
    d.to_csv(files[scale], index=False)

inflow = build_inflow()

train = {k: g.sort_values("t").value.to_numpy() for k, g in df[df.part == "train"].groupby("series_id")}
test = {k: g.sort_values("t").value.to_numpy()[:H] for k, g in df[df.part == "test"].groupby("series_id")}
keys = sorted(test)
Y = np.array([test[k] for k in keys])
scale_mase = np.array([np.mean(np.abs(train[k][12:] - train[k][:-12])) for k in keys])

forecasts = {}
for model in ["ets", "dotm", "theta", "arima", "ces"]:
    for scale in ["raw", "log"]:
        out = os.path.join(work, f"{model}_{scale}.csv")
        subprocess.run(
            [inflow, "forecast", "--input", files[scale], "--horizon", str(H), "--model", model, "--output", out],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        fc = pd.read_csv(out)
        by = {k: g.sort_values("h").point.to_numpy()[:H] for k, g in fc.groupby("series_id")}
        f = np.array([by[k] for k in keys])
        forecasts[f"{scale} {model}"] = np.exp(f) if scale == "log" else f


def score(f):
    smape = np.mean(np.mean(200 * np.abs(Y - f) / (np.abs(Y) + np.abs(f)), axis=1))
    mase = np.mean(np.mean(np.abs(Y - f), axis=1) / scale_mase)
    return smape, mase


print(f"M3 monthly, split={args.split}, h={H}, {len(keys)} series")
print()
print("| model | sMAPE | MASE |")
print("| --- | ---: | ---: |")
for name, f in forecasts.items():
    print(f"| {name} | {score(f)[0]:.2f} | {score(f)[1]:.3f} |")
rows = []
for r in [3, 4, 5]:
    for combo in itertools.combinations(forecasts, r):
        rows.append((score(np.mean([forecasts[c] for c in combo], axis=0)), combo))
rows.sort()
named = {
    "previous default (raw ets, dotm, arima, ces)": ("raw ets", "raw dotm", "raw arima", "raw ces"),
    "all four SCUM members on logs": ("log ets", "log dotm", "log arima", "log ces"),
    "new default members (log ets, dotm, arima, theta)": ("log ets", "log dotm", "log arima", "log theta"),
}
print()
print("| combination (mean) | sMAPE | MASE |")
print("| --- | ---: | ---: |")
for label, combo in named.items():
    s, m = score(np.mean([forecasts[c] for c in combo], axis=0))
    print(f"| {label} | {s:.2f} | {m:.3f} |")
for (s, m), combo in rows[: args.top]:
    print(f"| {' + '.join(combo)} | {s:.2f} | {m:.3f} |")
