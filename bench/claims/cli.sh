#!/bin/sh
# Times `inflow check` end to end (start-up, database, extraction, verdicts,
# projections for forecast claims, output) on 1 MB of text made by repeating
# a paragraph the team wrote, five runs each for text and JSON output.
set -e
cd "$(dirname "$0")/../.."
cargo build -q --release -p inflow-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/news.txt" <<'PY'
import sys
s = ("Receipts rose to $310 million in April 2024, a record. "
     "In July-April FY2023-24 they reached $2.593 billion against $2.135 billion a year earlier, up 21.5%. "
     "Exports are expected to exceed $3 billion in FY2023-24. "
     "In March 2024 the figure was $306 million, compared with $225 million in March 2023.\n")
open(sys.argv[1], "w").write((s * (1_000_000 // len(s) + 1))[:1_000_000])
PY
export INFLOW_DB="$tmp/inflow.db"
./target/release/inflow series >/dev/null
for fmt in text json; do
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "$fmt %e s" ./target/release/inflow check "$tmp/news.txt" --as-of 2024-05-21 --format $fmt >/dev/null
  done
done
