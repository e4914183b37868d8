#!/usr/bin/env bash
# Tests scripts/deps.sh's version policy for Debian packages (deps.lock's
# exact/floor column):
#  1. deb_decide, the pure decision, on a table of every case;
#  2. plans (VYOMA_DEPS_PLAN=1: decide and print, install nothing) on copies
#     of deps.lock whose pins differ from what this machine has installed:
#     floor packages pinned older and newer than installed go on with one
#     line each; a toolchain (exact) pin the archive lacks stops with a
#     message naming the pin and what the archive offers.
# Prints PASS/FAIL lines and "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../../scripts/deps.sh
source scripts/deps.sh
set +e # deps.sh's -e: a test goes on after a failed check

passed=0 failed=0
pass() { passed=$((passed + 1)); printf 'PASS deps-policy: %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL deps-policy: %s\n' "$*"; }

# ---- 1. the decision table ------------------------------------------------
#      policy pin      have     in-archive candidate  expected
table=(
	"exact  1.0-1    1.0-1    yes  1.0-1     ok"
	"exact  1.0-1    1.0-2    yes  1.0-2     pin"
	"exact  1.0-1    0.9-1    yes  1.0-1     pin"
	"exact  1.0-1    -        yes  1.0-1     pin"
	"exact  1.0-1    1.0-2    no   1.0-2     stuck"
	"exact  1.0-1    -        no   1.0-2     stuck"
	"floor  1.0-1    1.0-1    yes  1.0-1     ok"
	"floor  1.0-1    1.0-1+u1 no   1.0-1+u1  newer"
	"floor  1.0-1+u6 1.0-1+u4 yes  1.0-1+u6  pin"
	"floor  1.0-1+u6 1.0-1+u4 no   1.0-1+u7  candidate"
	"floor  1.0-1+u6 1.0-1+u4 no   1.0-1+u5  candidate"
	"floor  1.0-1+u6 1.0-1+u4 no   1.0-1+u4  older"
	"floor  1.0-1+u6 1.0-1+u4 no   -         older"
	"floor  1.0-1    -        yes  1.0-2     pin"
	"floor  1.0-1    -        no   1.0-2     candidate"
	"floor  1.0-1    -        no   -         none"
	"bogus  1.0-1    0.9      yes  1.0-1     bad-policy"
)
for row in "${table[@]}"; do
	read -r pol pin have inarch cand want <<<"$row"
	[ "$have" = - ] && have=
	[ "$cand" = - ] && cand=
	got=$(deb_decide "$pol" "$pin" "$have" "$inarch" "$cand")
	if [ "$got" = "$want" ]; then pass "decide $row"; else fail "decide $row: got $got"; fi
done

# ---- 2. plans on altered copies of the lock ------------------------------
installed() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# set_pin LOCK NAME VERSION: rewrites one deb line's version
set_pin() { awk -v n="$2" -v v="$3" '$1=="deb" && $2==n {$3=v} {print}' "$1" >"$1.new" && mv "$1.new" "$1"; }
plan() { VYOMA_LOCK=$1 VYOMA_DEPS_PLAN=1 bash scripts/deps.sh >"$1.out" 2>&1; }

have_curl=$(installed curl) have_png=$(installed libpng-dev) have_clang=$(installed clang-19)
if [ -z "$have_curl" ] || [ -z "$have_png" ] || [ -z "$have_clang" ]; then
	fail "plans: curl, libpng-dev and clang-19 must be installed (run make deps first)"
else
	# A long-lived machine: curl newer than the lock. A new machine with a
	# lock made later: libpng-dev older than the lock, whose pin the
	# archive does not have. Every other pin as installed.
	lock=$TMP/floor.lock
	cp deps.lock "$lock"
	while read -r k n _; do
		[ "$k" = deb ] || continue
		v=$(installed "$n") && [ -n "$v" ] && set_pin "$lock" "$n" "$v"
	done < <(grep -v '^#' deps.lock)
	set_pin "$lock" curl "$have_curl~older"
	set_pin "$lock" libpng-dev "$have_png+newer"
	if plan "$lock"; then pass "plan with floor packages off the lock exits 0"; else
		fail "plan with floor packages off the lock: exit $?: $(cat "$lock.out")"; fi
	if grep -qF "curl $have_curl is newer than the lock's $have_curl~older (floor): kept" "$lock.out" &&
		! grep -q '^plan: install curl' "$lock.out"; then
		pass "curl newer than the lock: kept, said in one line"
	else fail "curl newer than the lock: $(cat "$lock.out")"; fi
	cand=$(deb_candidate libpng-dev)
	if [ -n "$cand" ] && dpkg --compare-versions "$cand" gt "$have_png"; then
		want="plan: install libpng-dev=$cand"
	else
		want="libpng-dev $have_png is older than the lock's $have_png+newer and the archive has nothing newer: kept"
	fi
	if grep -qF -- "$want" "$lock.out"; then pass "libpng-dev pinned newer than the archive: '$want'"; else
		fail "libpng-dev pinned newer than the archive: wanted '$want' in: $(cat "$lock.out")"; fi
	n=$(grep -c '^plan: install' "$lock.out")
	want_n=0
	grep -q '^plan: install libpng-dev' "$lock.out" && want_n=1
	if [ "$n" = "$want_n" ]; then pass "nothing else is installed"; else
		fail "plan installs more than it should: $(grep '^plan:' "$lock.out")"; fi

	# The toolchain pinned to a version the archive does not have: stop.
	lock=$TMP/exact.lock
	cp "$TMP/floor.lock" "$lock"
	set_pin "$lock" clang-19 "$have_clang+other"
	if plan "$lock"; then fail "an unavailable toolchain pin went on: $(cat "$lock.out")"; else
		if grep -qF "clang-19: deps.lock pins $have_clang+other exactly" "$lock.out" &&
			grep -qF "the archive offers only: " "$lock.out"; then
			pass "an unavailable toolchain pin stops with a clear message"
		else fail "toolchain pin message: $(cat "$lock.out")"; fi
	fi
	# The toolchain pinned to what the archive has, but not installed here:
	# the plan installs the pin (downgrading if need be).
	lock=$TMP/exact2.lock
	cp "$TMP/floor.lock" "$lock"
	set_pin "$lock" llvm-19 "$(deb_archive llvm-19 | head -1)"
	if plan "$lock" && { [ "$(installed llvm-19)" = "$(deb_archive llvm-19 | head -1)" ] ||
		grep -q "^plan: install llvm-19=" "$lock.out"; }; then
		pass "a toolchain pin the archive has is installed or already there"
	else fail "toolchain pin in the archive: $(cat "$lock.out")"; fi
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" = 0 ]
