#!/usr/bin/env bash
# make bench (scripts/bench.sh runs every bench/*.sh): the initramfs as
# `make rootfs` packs it (every app, precompiled; lz4 -l -9), its size beside
# the spec's 18 MB and the 8 MB goal of issue #15, its largest files, and
# every ELF file in it with how it is linked (scripts/elfcheck.py: "static"
# for an executable that needs no dynamic loader), and the supervisor's bytes
# by ingredient (scripts/sizemap.py on the link maps): the musl PID 1 beside
# the same code linked as before (glibc, -O2; built by `make bench`).
# Numbers only.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
# Not under $B/bench: scripts/bench.sh runs every executable there.
out=$B/bench-image/initramfs.cpio.lz4
mkdir -p "$B/bench-image"
VYOMA_INITRAMFS=$out bash scripts/rootfs.sh >/dev/null 2>"$B/bench-image/rootfs.log" || {
	tail -5 "$B/bench-image/rootfs.log"
	exit 1
}
size=$(stat -c %s "$out")
printf '  %-34s %10d bytes (%.1f MB; spec 18 MB, goal <= 8 MB)\n' "initramfs (lz4 -l -9)" "$size" \
	"$(echo "$size / 1000000" | bc -l)"
raw=$(awk '$1 == "file" {print $4}' "$out.list" | xargs stat -L -c %s | awk '{s += $1} END {print s}')
printf '  %-34s %10d bytes (%d files)\n' "files before compression" "$raw" \
	"$(awk '$1 == "file"' "$out.list" | wc -l)"
echo "  largest files:"
awk '$1 == "file" {print $2, $4}' "$out.list" | while read -r path host; do
	printf '%s %s\n' "$(stat -L -c %s "$host")" "$path"
done | sort -rn | head -5 | awk '{printf "    %10d  %s\n", $1, $2}'
echo "  executables (scripts/elfcheck.py; .cwasm artifacts are ELF objects):"
grep -v '^object ' "$out.elf" | while read -r kind path; do
	host=$(awk -v p="$path" '$1 == "file" && $2 == p {print $4}' "$out.list")
	printf '    %-8s %-22s %10d bytes\n' "$kind" "$path" "$(stat -L -c %s "$host")"
done
printf '    %-8s %d precompiled components\n' object "$(grep -c '^object ' "$out.elf" || true)"
echo "  supervisor by ingredient (bytes; before: glibc -O2, after: musl -Os, the image's):"
if [ -f "$B/bench-sizes/vyoma-glibc.map" ] && [ -f "$B/vyoma.map" ]; then
	printf '    %-22s %9s %9s\n' "" before after
	python3 scripts/sizemap.py "$B/bench-sizes/vyoma-glibc.map" "$B/bench-sizes/vyoma-glibc.stripped" \
		"$B/vyoma.map" "$B/vyoma.stripped"
else
	echo "    (no link maps: run make bench)"
fi
