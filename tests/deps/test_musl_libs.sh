#!/usr/bin/env bash
# Tests scripts/musl-libs.sh (the static PID 1's libraries built for musl):
#  1. a second run finds its cache and builds nothing (prints the same
#     prefix, no "building" line), and the prefix holds every library the
#     supervisor links, made for musl (no glibc symbol version in them);
#  2. a source whose SHA-256 differs from its `src` line in deps.lock is
#     refused before anything is built (a copy of the lock with one digit
#     changed, on a scratch cache that reuses the downloaded tarballs).
# Prints PASS/FAIL lines and "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
passed=0 failed=0
pass() { passed=$((passed + 1)); printf 'PASS musl-libs: %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL musl-libs: %s\n' "$*"; }
CACHE=${VYOMA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vyoma}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- 1. cached -----------------------------------------------------------------
first=$(bash scripts/musl-libs.sh 2>/dev/null)
second=$(bash scripts/musl-libs.sh 2>"$tmp/err")
if [ -n "$first" ] && [ "$first" = "$second" ] && ! grep -q building "$tmp/err"; then
	pass "a second run reuses $second"
else
	fail "a second run did not reuse the cache ($first / $second): $(cat "$tmp/err")"
fi
missing=
for l in z png sodium seccomp drm md; do
	[ -s "$second/lib/lib$l.a" ] || missing="$missing lib$l.a"
done
for h in zlib.h png.h sodium.h seccomp.h xf86drmMode.h libdrm/drm.h sha2.h; do
	[ -s "$second/include/$h" ] || missing="$missing $h"
done
if [ -z "$missing" ]; then pass "every library and header is there"; else fail "missing:$missing"; fi
if [ -d "$second/lib" ] && ! nm "$second"/lib/*.a 2>/dev/null | grep -q '@GLIBC_\|__isoc99_\|__fprintf_chk'; then
	pass "no glibc symbol in the libraries"
else
	fail "the libraries refer to glibc symbols"
fi

# ---- 2. a wrong SHA-256 stops the build -------------------------------------------
mkdir -p "$tmp/cache"
[ -d "$CACHE/src" ] && ln -s "$CACHE/src" "$tmp/cache/src"
awk '$1 == "src" && $2 ~ /^zlib_.*orig/ && !done { $4 = substr($4, 1, 63) ($4 ~ /0$/ ? "1" : "0"); done = 1 } 1' \
	deps.lock >"$tmp/lock"
out=$(VYOMA_LOCK="$tmp/lock" VYOMA_CACHE="$tmp/cache" bash scripts/musl-libs.sh 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q 'SHA-256 mismatch' <<<"$out" && ! ls "$tmp/cache"/musl-libs-*/.ok >/dev/null 2>&1; then
	pass "a source with another SHA-256 is refused"
else
	fail "a wrong SHA-256 was not refused (exit $rc): $out"
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
