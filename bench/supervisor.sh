#!/usr/bin/env bash
# The supervisor: IPC latency and throughput beside plain pipes, 1,000 apps;
# with real components (Wasmtime) and with the native fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/supervisor_bench.py
