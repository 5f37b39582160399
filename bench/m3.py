"""Benchmark inflow against statsforecast on the M3 monthly series.

usage: python3 bench/m3.py [--data FILE] [--no-peers]
Builds inflow in release mode, forecasts h=18 with the default model and
with --model ets, runs statsforecast's DynamicOptimizedTheta and AutoETS on
the same file in the same run, and prints one table of sMAPE, MASE (m=12,
in-sample seasonal-naive scale), 80% interval coverage and wall seconds.
"""
import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import DEFAULT_DATA, build_inflow, m3_data  # noqa: E402
from score import metrics  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--data", default=DEFAULT_DATA)
parser.add_argument("--no-peers", action="store_true", help="skip statsforecast")
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="inflow-m3-")
data = m3_data(args.data, work)

inflow = build_inflow()

rows = []
for model in ["auto", "ets"]:
    out = os.path.join(work, f"inflow_{model}.csv")
    start = time.perf_counter()
    subprocess.run(
        [inflow, "forecast", "--input", data, "--horizon", "18", "--model", model, "--output", out],
        check=True,
    )
    rows.append((f"inflow {model}", out, time.perf_counter() - start))

if not args.no_peers:
    try:
        import statsforecast  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "statsforecast"], check=True)
    res = subprocess.run(
        [sys.executable, os.path.join(HERE, "peer_statsforecast.py"), data, work, "dotm,ets"],
        check=True,
        capture_output=True,
        text=True,
    )
    label = {"dotm": "statsforecast DynamicOptimizedTheta", "ets": "statsforecast AutoETS"}
    for line in res.stdout.split("\n"):
        if line.strip():
            name, secs = line.split()
            rows.append((label[name], os.path.join(work, f"statsforecast_{name}.csv"), float(secs)))

print(f"M3 monthly, h=18, {date.today()}, {os.cpu_count()} cores, {platform.processor() or platform.machine()}")
print("inflow: all cores (rayon); statsforecast: n_jobs=1, fit+forecast after warm-up")
print()
print("| model | sMAPE | MASE | 80% coverage | wall s |")
print("| --- | ---: | ---: | ---: | ---: |")
for name, path, secs in rows:
    s, m, c, _ = metrics(data, path)
    print(f"| {name} | {s:.2f} | {m:.3f} | {c:.3f} | {secs:.1f} |")
