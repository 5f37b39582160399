"""Score inflow forecast CSVs against the test part of a competition file.

usage: python3 score.py DATA.csv FORECASTS.csv
DATA has series_id, h, part (train/test), t, value; FORECASTS has
series_id, h, point, lo_80, hi_80 (the output of `inflow forecast`).
Prints sMAPE, MASE (m=12, in-sample seasonal-naive scale) and 80% coverage.
"""
import sys

import numpy as np
import pandas as pd


def metrics(data_path, fc_path, m=12):
    df = pd.read_csv(data_path)
    fc = pd.read_csv(fc_path)
    train = {k: g.sort_values("t").value.to_numpy() for k, g in df[df.part == "train"].groupby("series_id")}
    test = {k: g.sort_values("t").value.to_numpy() for k, g in df[df.part == "test"].groupby("series_id")}
    smapes, mases, covs = [], [], []
    for k, g in fc.groupby("series_id"):
        g = g.sort_values("h")
        y = test[k]
        f = g.point.to_numpy()[: len(y)]
        tr = train[k]
        smapes.append(np.mean(200 * np.abs(y - f) / (np.abs(y) + np.abs(f))))
        scale = np.mean(np.abs(tr[m:] - tr[:-m])) if len(tr) > m else np.mean(np.abs(np.diff(tr)))
        mases.append(np.mean(np.abs(y - f)) / scale)
        if "lo_80" in g:
            lo, hi = g.lo_80.to_numpy()[: len(y)], g.hi_80.to_numpy()[: len(y)]
            covs.append(np.mean((y >= lo) & (y <= hi)))
    return np.mean(smapes), np.mean(mases), (np.mean(covs) if covs else float("nan")), len(smapes)


if __name__ == "__main__":
    s, m, c, n = metrics(sys.argv[1], sys.argv[2])
    print(f"sMAPE={s:.3f} MASE={m:.3f} cover80={c:.3f} series={n}")
