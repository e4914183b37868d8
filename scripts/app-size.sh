#!/usr/bin/env bash
# app-size.sh NAME WASM VYOMA_TOML: the size guard of an app of apps/,
# called by its build (mk/apps.mk); fails, saying why, when the component
# is over its limit. The spec's apps are 1-10 KB: the limit is
# APP_SIZE_MAX (10 KB = 10,240 bytes), plus APP_SIZE_IO (7 KB) for each of
# the filesystem and network capabilities the app declares, because the
# WASI interfaces behind them cost that much in every component that
# imports them, however small its own code (docs/sdk.md, "Size"). Test
# apps (tests/apps) are not checked.
set -euo pipefail
name=$1 wasm=$2 toml=$3
max=${APP_SIZE_MAX:-10240} io=${APP_SIZE_IO:-7168}
n=$(grep -cE '^[[:space:]]*(filesystem|network)[[:space:]]*=[[:space:]]*true' "$toml" || true)
limit=$((max + n * io))
size=$(stat -c %s "$wasm")
if [ "$size" -gt "$limit" ]; then
	echo "$name: $size bytes, over its limit of $limit (10 KB + 7 KB per filesystem/network" \
		"capability; APP_SIZE_MAX and APP_SIZE_IO in mk/apps.mk, docs/sdk.md \"Size\")" >&2
	exit 1
fi
