#!/usr/bin/env bash
# make bench: every benchmark, each printing figures beside a baseline
# measured in the same run. Numbers only; nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
echo "== VyomaOS benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r))"
echo
echo "== sizes"
printf '  %-28s %10s bytes\n' "supervisor (static, stripped)" "$(stat -c %s $B/vyoma.stripped 2>/dev/null || echo ?)"
printf '  %-28s %10s bytes\n' "runner (static, stripped)" "$(stat -c %s $B/vyoma-run.stripped 2>/dev/null || echo ?)"
printf '  %-28s %10s bytes\n' "hello component" "$(stat -c %s $B/apps/hello/hello.wasm)"
echo
echo "== runner start"
$B/bench/start_bench $B/vyoma-run $B/apps/hello "${BENCH_RUNS:-30}"
for b in $B/bench/*; do
	case $(basename "$b") in start_bench) continue ;; esac
	[ -x "$b" ] || continue
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
