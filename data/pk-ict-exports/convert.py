"""Rebuilds the bundled tidy files from the compiled reference tables.

Provenance step, run by hand when the reference tables change:
    python3 data/pk-ict-exports/convert.py ../shared/data/pk-ict-exports
Tests and the binary read only the tidy files next to this script.
Release dates are reconstructed (see README.md in this folder).
"""
import csv
import sys
from pathlib import Path

SRC = Path(sys.argv[1])
OUT = Path(__file__).parent
TOTAL = "pk.ict.exports"
COMPONENTS = {
    "computer_services": "pk.ict.exports.computer",
    "telecom_services": "pk.ict.exports.telecom",
    "information_services": "pk.ict.exports.information",
    "call_centre": "pk.ict.exports.call_centre",
}
PUBLISHERS = {"PBS-IT": "PBS", "SBP-ICT": "SBP", "SBP": "SBP"}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def release_after(year, month, lag=1):
    """The 20th of the month `lag` months after (year, month)."""
    o = year * 12 + month - 1 + lag
    return f"{o // 12:04d}-{o % 12 + 1:02d}-20"


def period_end(period):
    """(year, month) of the last month of a period string."""
    if not period.startswith("FY"):
        y, m = period.split("-")
        return int(y), int(m)
    fy, _, rng = period.partition(":")
    start = int(fy[2:6])
    last = rng.split("-")[-1] if rng else "Jun"
    m = MONTHS.index(last) + 1
    return (start if m >= 7 else start + 1), m


def fmt(v):
    f = float(v)
    return str(int(f)) if f == int(f) else repr(f)


revisions = {r["month"]: r for r in csv.DictReader(open(SRC / "revisions.csv"))}
obs = []
for r in csv.DictReader(open(SRC / "monthly.csv")):
    y, m = map(int, r["month"].split("-"))
    note = r["note"]
    if r["month"] in revisions:
        rev = revisions[r["month"]]
        obs.append([TOTAL, r["month"], fmt(rev["earlier_usd_million"]), "reported",
                    release_after(y, m), rev["earlier_source_url"], "first published value"])
        obs.append([TOTAL, r["month"], fmt(r["usd_million"]), "revised",
                    release_after(y, m, 2), r["source_url"], note])
    elif r["status"] == "derived":
        # Derived from the fiscal-year total, known once June's figure is out.
        obs.append([TOTAL, r["month"], fmt(r["usd_million"]), "derived",
                    release_after(y, 6 if m <= 6 else 12), r["source_url"], note])
    else:
        obs.append([TOTAL, r["month"], fmt(r["usd_million"]), r["status"],
                    release_after(y, m), r["source_url"], note])

pub = []
for r in csv.DictReader(open(SRC / "fiscal_years.csv")):
    y, m = period_end(r["fiscal_year"])
    pub.append([TOTAL, r["fiscal_year"], fmt(r["usd_million"]), "SBP",
                release_after(y, m), r["source_url"], ""])
for r in csv.DictReader(open(SRC / "fiscal_ytd_published.csv")):
    period = f'{r["fiscal_year"]}:{r["months"]}'
    y, m = period_end(period)
    pub.append([TOTAL, period, fmt(r["usd_million"]), "SBP",
                release_after(y, m), r["source_url"], ""])
for r in csv.DictReader(open(SRC / "components_published.csv")):
    period = r["period"]
    y, m = period_end(period)
    pub.append([COMPONENTS[r["component"]], period, fmt(r["usd_million"]),
                PUBLISHERS[r["publisher"]], release_after(y, m), r["source_url"], ""])

with open(OUT / "observations.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["series", "period", "value", "status", "release_date", "source_url", "note"])
    w.writerows(obs)
seen = set()
with open(OUT / "published.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["series", "period", "value", "publisher", "release_date", "source_url", "note"])
    for row in pub:
        key = (row[0], row[1], row[4], row[5], row[2])
        if key in seen:
            continue  # the same figure from the same page, listed twice
        seen.add(key)
        w.writerow(row)
