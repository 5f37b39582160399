"""Forecast a long competition CSV with statsforecast models, for comparison.

usage: python3 peer_statsforecast.py DATA.csv OUTDIR MODEL[,MODEL...]
MODEL is dotm (DynamicOptimizedTheta), ets (AutoETS), theta (AutoTheta),
arima (AutoARIMA), ces (AutoCES) or snaive. For each model writes OUTDIR/statsforecast_MODEL.csv in the layout of
`inflow forecast` output (series_id, h, point, lo_80, hi_80) and prints
`MODEL SECONDS`, the wall time of fit and forecast on one core (n_jobs=1,
after a warm-up on a few series so that numba compilation is not counted).
"""
import os
import sys
import time

import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import (
    AutoARIMA,
    AutoCES,
    AutoETS,
    AutoTheta,
    DynamicOptimizedTheta,
    SeasonalNaive,
)

MODELS = {
    "dotm": lambda: DynamicOptimizedTheta(season_length=12),
    "ets": lambda: AutoETS(season_length=12),
    "theta": lambda: AutoTheta(season_length=12),
    "arima": lambda: AutoARIMA(season_length=12),
    "ces": lambda: AutoCES(season_length=12),
    "snaive": lambda: SeasonalNaive(season_length=12),
}

data, outdir, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
df = pd.read_csv(data)
horizon = int(df["h"].iloc[0])
train = df[df["part"] == "train"].rename(columns={"series_id": "unique_id", "t": "ds", "value": "y"})
train = train[["unique_id", "ds", "y"]]
first = train["unique_id"].drop_duplicates().head(4)
for name in names:
    sf = StatsForecast(models=[MODELS[name]()], freq=1, n_jobs=1)
    sf.forecast(df=train[train["unique_id"].isin(first)], h=horizon, level=[80])
    start = time.perf_counter()
    fc = sf.forecast(df=train, h=horizon, level=[80])
    seconds = time.perf_counter() - start
    if "unique_id" not in fc.columns:
        fc = fc.reset_index()
    cols = [c for c in fc.columns if c not in ("unique_id", "ds")]
    point = next(c for c in cols if "-lo-" not in c and "-hi-" not in c)
    out = pd.DataFrame(
        {
            "series_id": fc["unique_id"],
            "h": fc.groupby("unique_id").cumcount() + 1,
            "point": fc[point],
            "lo_80": fc[f"{point}-lo-80"],
            "hi_80": fc[f"{point}-hi-80"],
        }
    )
    out.to_csv(os.path.join(outdir, f"statsforecast_{name}.csv"), index=False)
    print(f"{name} {seconds:.2f}", flush=True)
