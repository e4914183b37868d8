#!/usr/bin/env bash
# Runs the test suites and adds their counts into one closing line
# "N passed, N failed". Usage: test.sh all|unit|layers|integration|conformance|qemu|fuzz [unit binaries...]
# Every suite runs even when an earlier one failed; the exit code is 1 if
# any test failed or any suite could not run.
set -uo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
shift || true
PASSED=0
FAILED=0
LOGDIR=build/test-logs
mkdir -p "$LOGDIR"

add() { PASSED=$((PASSED + $1)); FAILED=$((FAILED + $2)); }

# A suite that dies without printing its counts counts as one failure.
suite_counts() { # LOGFILE -> adds from its last "N passed, N failed" line
	local line
	line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
	if [ -z "$line" ]; then
		echo "test: $1 printed no result line" >&2
		add 0 1
		return
	fi
	line=${line#*: }
	add "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $3}')"
}

run_unit() {
	local bin log p f
	for bin in "$@"; do
		log=$LOGDIR/unit-$(basename "$bin").log
		"$bin" > "$log" 2>&1
		p=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
		f=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
		if [ "$p" = 0 ] && [ "$f" = 0 ]; then
			echo "unit: $(basename "$bin") ran no test (crashed?), see $log"
			f=1
		fi
		[ "$f" != 0 ] && { echo "unit: $(basename "$bin"): $f failed"; grep -E '^\[  (FAILED|ERROR) ' "$log" | head -20; }
		add "$p" "$f"
	done
	echo "unit: $PASSED passed, $FAILED failed (so far)"
}

run_layers() {
	# The layer rule of supervisor/ (docs/supervisor.md): include and call
	# graphs, the one owner of app state; each check counts.
	local log=$LOGDIR/layers.log
	python3 scripts/layers.py --objs build/musl/supervisor > "$log" 2>&1
	grep -E '^(PASS|FAIL) ' "$log" | sed 's/^/layers: /'
	grep -A40 '^FAIL ' "$log" | grep '^    ' | head -40
	suite_counts "$log"
}

run_integration() {
	local log=$LOGDIR/integration.log
	python3 tests/integration/run.py 2>&1 | tee "$log" | grep -E '^(FAIL|PASS)' | sed 's/^/integration: /'
	grep -A40 '^FAIL' "$log" | head -150
	suite_counts "$log"
}

run_fuzz_regression() {
	# Each fuzz target over its corpus once: a crash found earlier stays fixed.
	local log=$LOGDIR/fuzz.log p=0 f=0 bin corpus
	: > "$log"
	for bin in build/fuzz/fuzz_*; do
		[ -x "$bin" ] || continue
		corpus=fuzz/corpus/$(basename "$bin" | sed 's/^fuzz_//')
		if "$bin" -runs=0 "$corpus" >> "$log" 2>&1; then p=$((p + 1)); else
			echo "fuzz: $(basename "$bin") fails on its corpus"; f=$((f + 1)); fi
	done
	echo "fuzz: $p passed, $f failed"
	add "$p" "$f"
}

run_deps() {
	# deps.lock is complete (every program used comes from it) and
	# deps.sh's version policy holds.
	local log=$LOGDIR/deps.log t
	: >"$log"
	for t in "python3 tests/deps/check_used_programs.py" "python3 tests/deps/test_shcmds.py" \
		"bash tests/deps/test_deps_policy.sh" "bash tests/deps/test_musl_libs.sh"; do
		$t >"$log.one" 2>&1
		cat "$log.one" >>"$log"
		grep -E '^FAIL' "$log.one" | head -20
		suite_counts "$log.one"
	done
	rm -f "$log.one"
	echo "deps: $(grep -hE '^[0-9]+ passed' "$log" | awk '{p+=$1; f+=$3} END {printf "%d passed, %d failed", p, f}')"
}

run_conformance() {
	# The command apps against busybox/coreutils on the same inputs
	# (tests/conformance/README.md): one count per case.
	local log=$LOGDIR/conformance.log
	python3 tests/conformance/run.py --executor supervisor > "$log" 2>&1
	grep -E '^(FAIL|NOTE) ' "$log" | head -40 | sed 's/^/conformance: /'
	grep -E '^conformance: [0-9]+ cases' "$log"
	suite_counts "$log"
}

run_qemu() {
	local log=$LOGDIR/qemu.log
	if [ ! -x tests/qemu/boot_smoke.sh ]; then
		echo "qemu: no smoke test yet"
		return
	fi
	bash tests/qemu/boot_smoke.sh 2>&1 | tee "$log"
	suite_counts "$log"
}

# step LABEL FUNCTION ARGS...: a suite, then one line with its time
source scripts/step.sh

case $what in
deps) step "deps suite" run_deps ;;
unit) step "unit suite" run_unit "$@" ;;
layers) step "layers suite" run_layers ;;
integration) step "integration suite" run_integration ;;
fuzz) step "fuzz corpus suite" run_fuzz_regression ;;
qemu) step "qemu suite" run_qemu ;;
conformance) step "conformance suite" run_conformance ;;
all)
	step "deps suite" run_deps
	step "unit suite" run_unit "$@"
	step "layers suite" run_layers
	step "fuzz corpus suite" run_fuzz_regression
	step "integration suite" run_integration
	step "conformance suite" run_conformance
	step "qemu suite" run_qemu
	;;
*) echo "usage: $0 all|deps|unit|layers|integration|conformance|qemu|fuzz" >&2; exit 2 ;;
esac

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
