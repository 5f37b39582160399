#!/usr/bin/env bash
# Runs schemathesis against a fresh `inflow serve` on loopback: every
# operation in /api/openapi.json, bounded examples per operation. Fails on
# any server error (5xx) or any mismatch between the document and what the
# server answers (status codes, content types, response schemas, and
# requests the document forbids being accepted).
#   .ci/schemathesis.sh [max-examples-per-operation]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-60}"
# The same python3 as .ci/run's pip install (pyenv's here, not Debian's).
python3 -c "import schemathesis" 2>/dev/null || python3 -m pip install --quiet schemathesis
cargo build --locked --quiet -p inflow-cli
work="$(mktemp -d)"
log="$work/serve.log"
target/debug/inflow --db "$work/inflow.db" serve --addr 127.0.0.1:0 \
  --admin-token schemathesis-admin-token 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  grep -q 'listening on' "$log" && break
  sleep 0.2
done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)"
[ -n "$url" ] || { cat "$log"; echo "inflow serve did not start"; exit 1; }
python3 -m schemathesis.cli --config-file .ci/schemathesis.toml run "$url/api/openapi.json" \
  --checks all \
  --max-examples "$examples" \
  --seed 15 \
  --generation-deterministic \
  --request-timeout 30 \
  --header 'Authorization: Bearer schemathesis-admin-token' \
  --suppress-health-check all \
  --no-color
