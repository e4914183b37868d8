#!/usr/bin/env bash
# Builds the Wasmtime C API into one static library (libwasmtime.a) from the
# crates.io source of the version deps.lock pins, with the patches of
# scripts/wasmtime-capi/patches/ applied (each pinned by SHA-256 in deps.lock)
# and only the features the runner uses (scripts/wasmtime-capi/Cargo.toml).
# Prints the directory holding lib/libwasmtime.a, include/ and wit/deps.
#
# Cached in $VYOMA_CACHE/wasmtime-<version>-static-<key>, the key being a hash
# of the crate's SHA-256, the patches, Cargo.toml, Cargo.lock, the wrapper's
# source and `rustc -vV`: change any of them and it is rebuilt, never mixed.
# The crates Cargo.lock names are vendored once into
# $VYOMA_CACHE/crates/vendor-<Cargo.lock hash> and the build runs --offline
# --locked from there. Called by scripts/deps.sh; run alone it builds too.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=deps.sh
. "$ROOT/scripts/deps.sh"
SRC=$ROOT/scripts/wasmtime-capi

wt_key() { # -> 12 hex digits naming this exact build
	local csha=$1
	{
		echo "crate $csha"
		awk '$1=="patch" && $2=="wasmtime-c-api-impl" {print}' "$LOCK"
		cat "$SRC/Cargo.toml" "$SRC/Cargo.lock" "$SRC/src/lib.rs" "$SRC"/patches/*.patch
		rustc -vV
	} | sha256sum | cut -c1-12
}

wt_vendor() { # BUILD_DIR -> vendored crates directory (cached)
	local b=$1 lsha dir
	lsha=$(sha256sum "$SRC/Cargo.lock" | cut -c1-12)
	dir="$CACHE/crates/vendor-wasmtime-$lsha"
	if [ ! -f "$dir/.ok" ]; then
		say "vendoring the crates of scripts/wasmtime-capi/Cargo.lock (once)"
		rm -rf "$dir.tmp"
		(cd "$b" && cargo vendor -q --locked "$dir.tmp" >/dev/null) >&2 ||
			die "cargo vendor failed for the Wasmtime C API"
		rm -rf "$dir" && mv "$dir.tmp" "$dir" && touch "$dir/.ok"
	fi
	echo "$dir"
}

wt_build() {
	local ver csha key dir b capi wasi vend t patch name pver psha inc
	read -r ver csha < <(lock_get crate wasmtime-c-api-impl)
	command -v cargo >/dev/null || die "cargo is needed to build the Wasmtime C API"
	key=$(wt_key "$csha")
	dir="$CACHE/wasmtime-$ver-static-$key"
	if [ -f "$dir/.ok" ]; then echo "$dir"; return; fi
	exec 8>"$CACHE/wasmtime-$ver-static.lock"
	flock 8
	if [ -f "$dir/.ok" ]; then echo "$dir"; return; fi
	capi=$(crate_src wasmtime-c-api-impl)
	wasi=$(crate_src wasmtime-wasi)
	# One build directory per version, whose target/ is kept: a new patch or
	# feature set recompiles the C API crate, not the 200 crates under it
	# (cargo's own fingerprints decide; the output goes to the keyed dir).
	b="$CACHE/wasmtime-$ver-static.build"
	mkdir -p "$b"
	rm -rf "$b/Cargo.toml" "$b/Cargo.lock" "$b/src" "$b/c-api-impl"
	cp -r "$SRC/Cargo.toml" "$SRC/Cargo.lock" "$SRC/src" "$b/"
	cp -r "$capi" "$b/c-api-impl" && rm -f "$b/c-api-impl/.ok" "$b/c-api-impl/Cargo.lock"
	# Each patch: its SHA-256 is checked against deps.lock before it is applied.
	for patch in "$SRC"/patches/*.patch; do
		name=$(basename "$patch")
		read -r pver psha < <(awk -v n="$name" '$1=="patch" && $2=="wasmtime-c-api-impl" && $3==n {print $3, $4}' "$LOCK")
		[ -n "${psha:-}" ] || die "deps.lock has no 'patch wasmtime-c-api-impl $name' line"
		sha_check "$patch" "$psha" "patch $pver"
		patch -s -p1 -d "$b/c-api-impl" < "$patch" >&2 || die "patch $name does not apply to wasmtime-c-api-impl $ver"
	done
	vend=$(wt_vendor "$b")
	say "building the Wasmtime $ver C API as a static library (once; cached in $dir; about 12 CPU-minutes, 30-45 minutes on a busy 2-core machine)"
	t=$SECONDS
	if ! (cd "$b" && CARGO_TARGET_DIR="$b/target" cargo build -q --release --locked --offline \
		--config "source.crates-io.replace-with='vendored'" \
		--config "source.vendored.directory='$vend'") >"$b/build.log" 2>&1; then
		tail -30 "$b/build.log" >&2
		die "cargo build of the Wasmtime C API failed (full output: $b/build.log)"
	fi
	inc=$(ls -d "$b"/target/release/build/wasmtime-c-api-impl-*/out/include | head -1)
	[ -f "$inc/wasmtime/conf.h" ] || die "the C API build left no include/wasmtime/conf.h"
	rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/lib" "$dir.tmp/wit"
	cp "$b/target/release/libwasmtime.a" "$dir.tmp/lib/"
	cp -r "$inc" "$dir.tmp/include"
	cp -r "$wasi/src/p2/wit/deps" "$dir.tmp/wit/deps"
	echo "$ver" > "$dir.tmp/VERSION"
	echo $((SECONDS - t)) > "$dir.tmp/build-seconds"
	rm -rf "$dir" && mv "$dir.tmp" "$dir" && touch "$dir/.ok"
	say "built the Wasmtime $ver C API in $(elapsed "$t")"
	echo "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	mkdir -p "$CACHE/crates"
	wt_build
fi
