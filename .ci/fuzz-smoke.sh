#!/usr/bin/env bash
# A short run of every fuzz target: libFuzzer through cargo-fuzz when a
# nightly toolchain is installed, otherwise the same targets as bounded
# property tests on stable (crates/inflow-fuzz/tests/bounded.rs).
#   .ci/fuzz-smoke.sh [seconds-per-target]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  command -v cargo-fuzz >/dev/null || cargo +nightly install --quiet --locked cargo-fuzz
  cd fuzz
  for t in $(cargo +nightly fuzz list); do
    echo "fuzz: $t for ${seconds}s"
    out="$(mktemp)"
    if ! cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
      -print_final_stats=1 >"$out" 2>&1; then
      tail -40 "$out"
      echo "fuzz target $t failed"
      exit 1
    fi
    grep -E '^stat::number_of_executed_units' "$out" || true
    rm -f "$out"
  done
else
  echo "no nightly toolchain: the fuzz targets as bounded property tests"
  PROPTEST_CASES=20000 cargo test --locked -p inflow-fuzz --release
fi
