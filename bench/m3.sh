#!/usr/bin/env bash
# One command for the M3 monthly benchmark: see bench/m3.py.
set -euo pipefail
exec python3 "$(dirname "$0")/m3.py" "$@"
