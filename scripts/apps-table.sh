#!/usr/bin/env bash
# Prints the table of built apps: name, component bytes, imports, capabilities.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-14s %8s  %-34s %s\n' app bytes capabilities imports
for name in "$@"; do
	w=build/apps/$name/$name.wasm
	[ -f "$w" ] || continue
	caps=$(build/vyoma-run --app "build/apps/$name" --list-caps 2>/dev/null || echo '?')
	imps=$(build/vyoma-run --app "build/apps/$name" --list-imports 2>/dev/null || echo '?')
	printf '%-14s %8s  %-34s %s\n' "$name" "$(stat -c %s "$w")" "$caps" "$imps"
done
