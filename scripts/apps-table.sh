#!/usr/bin/env bash
# Prints the table of built apps: name, component bytes, capabilities,
# imports; then, for each app whose imports its vyoma.toml does not grant,
# the import audit's explanation (the same one the runner gives at boot,
# where the app would be refused). Exit status stays 0: tests/apps holds
# apps that are refused on purpose; an app of apps/ that is refused is
# marked "REFUSED" so nobody misses it.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-14s %8s  %-34s %s\n' app bytes capabilities imports
refused=()
for name in "$@"; do
	w=build/apps/$name/$name.wasm
	[ -f "$w" ] || continue
	caps=$(build/vyoma-run --app "build/apps/$name" --list-caps 2>/dev/null || echo '?')
	imps=$(build/vyoma-run --app "build/apps/$name" --list-imports 2>/dev/null || echo '?')
	mark=
	if ! why=$(build/vyoma-run --app "build/apps/$name" --audit 2>&1); then
		if [ -d "apps/$name" ]; then mark=" REFUSED"; fi
		refused+=("$name${mark}: ${why#vyoma-run: $name: }")
	fi
	printf '%-14s %8s  %-34s %s%s\n' "$name" "$(stat -c %s "$w")" "$caps" "$imps" "$mark"
done
if [ ${#refused[@]} -gt 0 ]; then
	echo
	echo "import audit (these apps would be refused at boot):"
	printf '  %s\n' "${refused[@]}"
fi
