#!/usr/bin/env bash
# Installs and verifies every external input named in deps.lock, and writes
# build/deps.mk with the paths the Makefile needs. Idempotent: what is already
# installed and verified is left alone; heavy outputs live in the cache
# ($VYOMA_CACHE, default $XDG_CACHE_HOME/vyoma), keyed by version and hash.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOCK="$ROOT/deps.lock"
CACHE=${VYOMA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vyoma}
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
OUT=${VYOMA_DEPS_MK:-$ROOT/build/deps.mk}
mkdir -p "$CACHE" "$(dirname "$OUT")"

say()  { printf 'deps: %s\n' "$*" >&2; }
die()  { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

# lock_get KIND NAME -> "version sha256"
lock_get() {
	awk -v k="$1" -v n="$2" '$1==k && $2==n {print $3, $4; f=1} END {exit !f}' "$LOCK" ||
		die "deps.lock has no entry '$1 $2'"
}

sha_check() { # FILE WANT WHAT
	local got
	got=$(sha256sum "$1" | cut -d' ' -f1)
	[ "$got" = "$2" ] || die "SHA-256 mismatch for $3
  file:     $1
  expected: $2
  got:      $got
  The download differs from the pinned one in deps.lock; refusing to use it."
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---- Debian packages ------------------------------------------------------
debs() {
	local missing=() wrong=() name ver have
	while read -r kind name ver _; do
		[ "$kind" = deb ] || continue
		have=$(dpkg-query -W -f='${db:Status-Abbrev}|${Version}' "$name" 2>/dev/null || true)
		if [ "${have%%|*}" != "ii " ]; then
			missing+=("$name=$ver")
		elif [ "${have#*|}" != "$ver" ]; then
			wrong+=("$name: locked $ver, installed ${have#*|}")
		fi
	done < <(grep -v '^#' "$LOCK")
	if [ ${#wrong[@]} -gt 0 ]; then
		printf 'deps: installed Debian packages differ from deps.lock:\n' >&2
		printf '  %s\n' "${wrong[@]}" >&2
		if [ "${VYOMA_DEB_DRIFT:-}" = ok ]; then
			say "VYOMA_DEB_DRIFT=ok: continuing with the installed versions"
		else
			die "update deps.lock to the installed versions (or set VYOMA_DEB_DRIFT=ok to go on)"
		fi
	fi
	[ ${#missing[@]} -eq 0 ] && return 0
	say "installing ${#missing[@]} Debian packages: ${missing[*]}"
	as_root apt-get update -qq || true
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}" ||
		die "apt-get could not install the pinned versions above; if Debian has moved on, update deps.lock"
}

# ---- kernel source tarball ------------------------------------------------
kernel_src() {
	read -r kver ksha < <(lock_get file linux-source-6.12.tar.xz)
	KERNEL_TARBALL=/usr/src/linux-source-6.12.tar.xz
	[ -f "$KERNEL_TARBALL" ] || die "$KERNEL_TARBALL missing (package linux-source-6.12)"
	local stamp="$CACHE/stamps/kernel-src-$ksha"
	if [ ! -f "$stamp" ]; then
		sha_check "$KERNEL_TARBALL" "$ksha" "linux-source $kver"
		mkdir -p "$CACHE/stamps" && touch "$stamp"
	fi
	KERNEL_VERSION=$kver
}

# ---- crates (sources only: headers and WIT) -------------------------------
crate_src() { # NAME -> prints path of unpacked crate source
	local name=$1 ver sha dir crate
	read -r ver sha < <(lock_get crate "$name")
	dir="$CACHE/crates/$name-$ver-${sha:0:12}"
	if [ ! -f "$dir/.ok" ]; then
		local tmp
		tmp=$(mktemp -d)
		mkdir -p "$tmp/src" && : > "$tmp/src/lib.rs"
		cat > "$tmp/Cargo.toml" <<-EOF
		[package]
		name = "vyoma-fetch"
		version = "0.0.0"
		edition = "2021"
		[dependencies]
		$name = { version = "=$ver", default-features = false }
		EOF
		say "fetching crate $name $ver"
		(cd "$tmp" && cargo fetch -q) >&2 || die "cargo fetch $name $ver failed"
		crate=$(ls "$CARGO_HOME"/registry/cache/*/"$name-$ver.crate" | head -1)
		sha_check "$crate" "$sha" "crate $name $ver"
		rm -rf "$dir" && mkdir -p "$dir"
		tar -xzf "$crate" -C "$dir" --strip-components=1
		touch "$dir/.ok"
		rm -rf "$tmp"
	fi
	echo "$dir"
}

# ---- Wasmtime: C API library from the wheel, headers and WIT from crates ---
wasmtime() {
	local ver sha dir tmp whl capi wasi
	read -r ver sha < <(lock_get wheel wasmtime)
	dir="$CACHE/wasmtime-$ver-${sha:0:12}"
	if [ ! -f "$dir/.ok" ]; then
		command -v python3 >/dev/null || die "python3 is needed to download the wasmtime wheel"
		python3 -m pip --version >/dev/null 2>&1 || die "pip is needed: apt-get install python3-pip"
		tmp=$(mktemp -d)
		say "downloading wasmtime $ver wheel"
		python3 -m pip download -q --no-deps --only-binary=:all: --platform manylinux1_x86_64 \
			--python-version 3.11 -d "$tmp" "wasmtime==$ver" >&2 || die "pip download wasmtime==$ver failed"
		whl=$(ls "$tmp"/wasmtime-"$ver"-*.whl)
		sha_check "$whl" "$sha" "wasmtime $ver wheel"
		capi=$(crate_src wasmtime-c-api-impl)
		wasi=$(crate_src wasmtime-wasi)
		rm -rf "$dir" && mkdir -p "$dir/lib" "$dir/include" "$dir/wit"
		(cd "$tmp" && python3 -m zipfile -e "$whl" x >&2)
		install -m 0755 "$tmp/x/wasmtime/linux-x86_64/_libwasmtime.so" "$dir/lib/libwasmtime.so"
		cp -r "$capi/include/." "$dir/include/"
		# conf.h: the features the official C API release is built with.
		sed -E 's/#cmakedefine (WASMTIME_FEATURE_(WASI|WASI_HTTP|WAT|CACHE|PARALLEL_COMPILATION|ASYNC|CRANELIFT|WINCH|COMPONENT_MODEL|COMPONENT_MODEL_ASYNC|POOLING_ALLOCATOR|PROFILING|GC|GC_DRC|GC_NULL|THREADS|COREDUMP|ADDR2LINE|DEMANGLE|LOGGING|PULLEY|DEBUG_BUILTINS))$/#define \1/; s/#cmakedefine (.*)$/\/* #undef \1 *\//' \
			"$capi/include/wasmtime/conf.h.in" > "$dir/include/wasmtime/conf.h"
		cp -r "$wasi/src/p2/wit/deps" "$dir/wit/deps"
		echo "$ver" > "$dir/VERSION"
		touch "$dir/.ok"
		rm -rf "$tmp"
	fi
	WASMTIME_DIR=$dir
	WASMTIME_VERSION=$ver
}

# ---- Rust tools -----------------------------------------------------------
tool() { # NAME BINARY [cargo install flags...]
	local name=$1 bin=$2 ver sha dir crate fh; shift 2
	read -r ver sha < <(lock_get tool "$name")
	fh=$(printf '%s ' "$@" | sha256sum | cut -c1-8)
	dir="$CACHE/tools/$name-$ver-${sha:0:12}-$fh"
	if [ ! -x "$dir/bin/$bin" ]; then
		command -v cargo >/dev/null || die "cargo (Rust >= 1.88) is needed to build $name"
		say "building $name $ver with cargo (once; cached in $dir)"
		cargo install -q --locked --version "$ver" --root "$dir.tmp" "$@" "$name" >&2 ||
			die "cargo install $name $ver failed"
		crate=$(ls "$CARGO_HOME"/registry/cache/*/"$name-$ver.crate" | head -1)
		sha_check "$crate" "$sha" "crate $name $ver"
		rm -rf "$dir" && mv "$dir.tmp" "$dir"
	fi
	echo "$dir/bin/$bin"
}

# ---- a clean wasm32-wasi sysroot ------------------------------------------
# Debian puts wasi-libc under /usr/{include,lib}/wasm32-wasi. --sysroot=/usr
# would also put the host's /usr/include on the search path, so a header
# missing from wasi-libc would silently come from glibc. This sysroot holds
# only the wasm32-wasi directories.
sysroot() {
	WASI_SYSROOT="$CACHE/wasi-sysroot"
	if [ ! -e "$WASI_SYSROOT/lib/wasm32-wasi/libc.a" ]; then
		mkdir -p "$WASI_SYSROOT/include" "$WASI_SYSROOT/lib"
		ln -sfn /usr/include/wasm32-wasi "$WASI_SYSROOT/include/wasm32-wasi"
		ln -sfn /usr/lib/wasm32-wasi "$WASI_SYSROOT/lib/wasm32-wasi"
	fi
}

main() {
	# One run at a time: several makes may ask at once.
	exec 9>"$CACHE/.deps.lock"
	flock 9
	debs
	kernel_src
	wasmtime
	sysroot
	WIT_BINDGEN=$(tool wit-bindgen-cli wit-bindgen)
	# Only the subcommands the build uses: a fraction of the default build time.
	WASM_TOOLS=$(tool wasm-tools wasm-tools --no-default-features \
		--features component,print,parse,validate,objdump,strip,metadata)
	cat > "$OUT.tmp" <<-EOF
	# generated by scripts/deps.sh from deps.lock; do not edit
	VYOMA_CACHE := $CACHE
	WASMTIME_DIR := $WASMTIME_DIR
	WASMTIME_VERSION := $WASMTIME_VERSION
	WASI_WIT_DIR := $WASMTIME_DIR/wit/deps
	WASI_SYSROOT := $WASI_SYSROOT
	WIT_BINDGEN := $WIT_BINDGEN
	WASM_TOOLS := $WASM_TOOLS
	KERNEL_TARBALL := $KERNEL_TARBALL
	KERNEL_VERSION := $KERNEL_VERSION
	EOF
	mv "$OUT.tmp" "$OUT"
}

main "$@"
