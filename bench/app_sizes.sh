#!/usr/bin/env bash
# make bench (scripts/bench.sh runs every bench/*.sh): the component size of
# every app of apps/, the median and hello, beside the spec's 1-10 KB per
# app. The apps are built by `make bench` first. Numbers only.
set -euo pipefail
cd "$(dirname "$0")/.."
names=()
for d in apps/*/vyoma.toml; do names+=("$(basename "$(dirname "$d")")"); done
bash scripts/apps-table.sh --sizes "${names[@]}"
