#!/usr/bin/env bash
# make fuzz: run every libFuzzer target for SECS seconds each. New inputs go
# to build/fuzz/corpus-<name> (the committed seeds in fuzz/corpus/<name> are
# read, never written); crashes go to build/fuzz/artifacts/. Exit 1 if any
# target found a crash.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
shift || true
rc=0
mkdir -p build/fuzz/artifacts
for bin in "$@"; do
	name=$(basename "$bin" | sed 's/^fuzz_//')
	work=build/fuzz/corpus-$name
	mkdir -p "$work"
	echo "== fuzz $name for ${secs}s"
	if ! "$bin" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="build/fuzz/artifacts/$name-" "$work" "fuzz/corpus/$name" \
		> "build/fuzz/$name.log" 2>&1; then
		echo "fuzz: $name FOUND A CRASH; see build/fuzz/$name.log and build/fuzz/artifacts/"
		grep -m5 -E "ERROR|SUMMARY" "build/fuzz/$name.log"
		rc=1
	else
		grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build/fuzz/$name.log" | sed "s/^/  /"
	fi
done
exit $rc
