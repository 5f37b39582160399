#!/bin/sh
# Times the claim checker on 1 MB of news-like text in release mode, then
# runs the labelled evaluation if ../shared is present.
set -e
cd "$(dirname "$0")/../.."
cargo run -q --release -p inflow-claims --example bench -- "${1:-1}"
python3 bench/claims/eval.py
