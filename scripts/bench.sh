#!/usr/bin/env bash
# make bench: every benchmark, each printing figures beside a baseline
# measured in the same run. Numbers only; nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
echo "== VyomaOS benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r))"
echo
echo "== sizes (each beside the spec's figure and issue 15's target)"
# The kernel and the initramfs are built and printed by bench/boot.sh (== boot).
size_row() { # WHAT FILE SPEC TARGET
	local n=?
	[ -f "$2" ] && n=$(stat -c %s "$2")
	printf '  %-34s %10s bytes   spec %-9s target %s\n' "$1" "$n" "$3" "$4"
}
size_row "supervisor (static, stripped)" $B/vyoma.stripped "697 KB" "<= 700 KB"
size_row "runner (static, stripped)" $B/vyoma-run.stripped "-" "-"
size_row "hello component" $B/apps/hello/hello.wasm "1-10 KB" "<= 2.2 KB"
echo
echo "== runner start"
$B/bench/start_bench $B/vyoma-run $B/apps/hello "${BENCH_RUNS:-30}"
for b in $B/bench/*; do
	case $(basename "$b") in start_bench | relay_floor) continue ;; esac # relay_floor: in == supervisor
	[ -f "$b" ] && [ -x "$b" ] || continue # not the folders of logs (bench/boot_ab.py)
	echo
	echo "== $(basename "$b")"
	"$b"
done
for s in bench/*.sh; do
	[ -f "$s" ] || continue
	echo
	echo "== $(basename "$s" .sh)"
	bash "$s"
done
