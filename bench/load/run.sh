#!/usr/bin/env bash
# Load test of `inflow serve`: starts the release binary on loopback with a
# fresh database and runs wrk against GET /api/headline?month=2024-04.
#
#   bench/load/run.sh            # about 45 s after the build
#   DURATION=30s bench/load/run.sh
#
# Two runs:
#   1. throughput: as fast as wrk can go with few connections (closed loop);
#   2. paced: 12 connections (6 per wrk thread) that each wait 10 ms after
#      every response: about 1,100 requests/s offered; p50/p99 latency at
#      that rate.
# Needs wrk (Debian package `wrk`). Prints the results as Markdown.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-15s}
URL_PATH='/api/headline?month=2024-04'
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

cargo build --release -q -p inflow-cli
bin=target/release/inflow
tmp=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" --db "$tmp/inflow.db" serve --addr 127.0.0.1:0 2>"$tmp/serve.log" &
server=$!
for _ in $(seq 100); do
  grep -q 'listening on' "$tmp/serve.log" 2>/dev/null && break
  sleep 0.1
done
addr=$(sed -n 's|.*listening on http://\([^/]*\)/.*|\1|p' "$tmp/serve.log")
[ -n "$addr" ] || { cat "$tmp/serve.log" >&2; exit 1; }
url="http://$addr$URL_PATH"
curl -fsS "$url" >/dev/null   # warm up and check it answers 200

echo "## Load: \`inflow serve\`, GET $URL_PATH"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD)"
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- server and wrk on the same machine, loopback; release build; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
echo

run() {
  local label=$1; shift
  echo "### $label"
  echo
  echo '```'
  echo "\$ wrk $* '$url'"
  timeout 120 wrk "$@" "$url" >"$tmp/wrk.out" 2>&1 || true
  sed 's/[[:space:]]*$//' "$tmp/wrk.out"
  echo '```'
  echo
  # wrk prints these lines only when there were errors.
  if grep -qE 'Socket errors|Non-2xx|^status ' "$tmp/wrk.out"; then
    echo "**errors:** see the output above"
  else
    echo "errors: none (no socket errors, every response 200)"
  fi
  echo
}
run "Throughput (closed loop, 2 threads, 4 connections)" -t2 -c4 -d"$DURATION" --latency
PAUSE_MS=10 run "About 1,100 requests/s offered (12 connections, 10 ms pause after each response)" \
  -t2 -c12 -d"$DURATION" --latency -s bench/load/paced.lua
