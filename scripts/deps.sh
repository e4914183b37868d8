#!/usr/bin/env bash
# Installs and verifies every external input named in deps.lock, and writes
# build/deps.mk with the paths the Makefile needs. Idempotent: what is already
# installed and verified is left alone; heavy outputs live in the cache
# ($VYOMA_CACHE, default $XDG_CACHE_HOME/vyoma), keyed by version and hash.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOCK=${VYOMA_LOCK:-$ROOT/deps.lock}
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

elapsed() { local d=$((SECONDS - $1)); printf '%d min %02d s' $((d / 60)) $((d % 60)); }

# Installing needs root: as root, or through sudo where the machine has it.
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; return; fi
	command -v sudo >/dev/null || die "installing Debian packages needs root: run as root (or install sudo)"
	sudo "$@" # deps: optional (only for a non-root user, and checked above)
}

# ---- Debian packages ------------------------------------------------------
# Each deb line of deps.lock has a version policy in its fourth column:
#   exact  the toolchain whose output must stay byte-identical (the wasm32
#          compiler, linker and libc, the kernel source): the pinned version
#          is installed, downgrading if need be; if the archive no longer has
#          it we stop and say so (a new pin is checked by the reproducibility
#          test, tests/integration/test_repro.py).
#   floor  everything else (curl, libpng, qemu, ...): Debian's security
#          updates do not change our outputs. The pinned version or newer is
#          kept; older or missing installs the pin if the archive has it, or
#          the archive's candidate if it has moved on, saying so in one line.
#
# deb_decide POLICY PIN HAVE IN_ARCHIVE CANDIDATE -> one word on stdout:
#   ok | newer (keep, say so) | pin (install PIN) | candidate (install the
#   candidate, say so) | older (keep HAVE, archive has nothing newer; say so)
#   | stuck (exact pin unavailable: stop) | none (nothing installable: stop)
# HAVE and CANDIDATE are "" when absent; IN_ARCHIVE is yes or no. Pure: the
# policy test (tests/deps/test_deps_policy.sh) runs it on a table.
# deb_kept POLICY PIN HAVE: a floor package installed newer than its pin,
# which is kept as it is (no archive look-up needed to know that).
deb_kept() { [ "$1" = floor ] && [ -n "$3" ] && dpkg --compare-versions "$3" gt "$2"; }

deb_decide() {
	local policy=$1 pin=$2 have=$3 inarch=$4 cand=$5
	[ "$have" = "$pin" ] && { echo ok; return; }
	case $policy in
	exact)
		if [ "$inarch" = yes ]; then echo pin; else echo stuck; fi
		;;
	floor)
		if deb_kept "$policy" "$pin" "$have"; then
			echo newer
		elif [ "$inarch" = yes ]; then
			echo pin
		elif [ -n "$cand" ] && { [ -z "$have" ] || dpkg --compare-versions "$cand" gt "$have"; }; then
			echo candidate
		elif [ -n "$have" ]; then
			echo older
		else
			echo none
		fi
		;;
	*) echo "bad-policy" ;;
	esac
}

# The archive's versions of a package, one a line (needs apt lists).
deb_archive() { apt-cache madison "$1" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}'; }
deb_candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {if ($2 != "(none)") print $2}'; }

APT_FRESH=0
apt_lists() { # apt-get update once per run, only when something must be looked up
	[ "$APT_FRESH" = 1 ] && return 0
	APT_FRESH=1
	# Lists younger than six hours will do.
	if [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -360 2>/dev/null | head -1)" ]; then
		return 0
	fi
	say "apt-get update (looking up pinned versions)"
	as_root apt-get update -qq >&2 || say "apt-get update failed; using the package lists there are"
}

debs() {
	local install=() notes=() stop=() kind name ver policy have inarch cand act
	while read -r kind name ver policy _; do
		[ "$kind" = deb ] || continue
		have=$(dpkg-query -W -f='${db:Status-Abbrev}|${Version}' "$name" 2>/dev/null || true)
		if [ "${have%%|*}" = "ii " ]; then have=${have#*|}; else have=; fi
		[ "$have" = "$ver" ] && continue
		if deb_kept "$policy" "$ver" "$have"; then
			notes+=("$name $have is newer than the lock's $ver (floor): kept")
			continue
		fi
		apt_lists
		inarch=no
		deb_archive "$name" | grep -qxF -- "$ver" && inarch=yes
		cand=$(deb_candidate "$name")
		act=$(deb_decide "$policy" "$ver" "$have" "$inarch" "$cand")
		case $act in
		pin) install+=("$name=$ver")
			notes+=("$name: installing the pinned $ver${have:+ (installed: $have)}") ;;
		candidate) install+=("$name=$cand")
			notes+=("$name: the archive no longer has the lock's $ver; installing its candidate $cand (floor policy)") ;;
		older) notes+=("$name $have is older than the lock's $ver and the archive has nothing newer: kept") ;;
		stuck) stop+=("$name: deps.lock pins $ver exactly (exact policy: its output must stay byte-identical), but the archive offers only: $(deb_archive "$name" | tr '\n' ' ')(installed: ${have:-none}). Pin a version the archive has and run the reproducibility test.") ;;
		none) stop+=("$name: not installed and the archive has no version of it (pinned $ver)") ;;
		*) stop+=("$name: deps.lock policy '$policy' is neither exact nor floor") ;;
		esac
	done < <(grep -v '^#' "$LOCK")
	[ ${#notes[@]} -eq 0 ] || printf 'deps: %s\n' "${notes[@]}" >&2
	[ ${#stop[@]} -eq 0 ] || die "$(printf '%s\n' "${stop[@]}")"
	[ ${#install[@]} -eq 0 ] && return 0
	if [ -n "${VYOMA_DEPS_PLAN:-}" ]; then
		printf 'plan: install %s\n' "${install[@]}"
		return 0
	fi
	say "installing ${#install[@]} Debian packages: ${install[*]}"
	local t=$SECONDS log="$CACHE/apt-get.log"
	if ! DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends \
		--allow-downgrades "${install[@]}" >"$log" 2>&1; then
		tail -20 "$log" >&2
		die "apt-get could not install: ${install[*]} (full output: $log)"
	fi
	say "installed in $(elapsed $t) (apt-get's output: $log)"
}

# Programs that come with the machine, not from Debian (README's quick start
# names them): "host NAME MIN-VERSION -" lines. Checked, never installed.
hosts() {
	local kind name min _ have
	while read -r kind name min _; do
		[ "$kind" = host ] || continue
		command -v "$name" >/dev/null || die "$name (>= $min) is needed and not on PATH (README, quick start)"
		have=$("$name" --version 2>&1 | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -1)
		dpkg --compare-versions "${have:-0}" ge "$min" ||
			die "$name $have is older than the $min deps.lock needs (README, quick start)"
	done < <(grep -v '^#' "$LOCK")
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

# ---- Wasmtime: the C API as a static library, built from crates.io ---------
# scripts/wasmtime.sh builds it once per version, features, patches and
# rustc (its cache key); the runner links it statically. WASMTIME_BUILD (the
# key) goes into the names of precompiled components, so an artifact of
# another build is never looked up.
wasmtime() {
	local dir
	dir=$(bash "$ROOT/scripts/wasmtime.sh") || die "building the Wasmtime C API failed"
	WASMTIME_DIR=$dir
	WASMTIME_VERSION=$(cat "$dir/VERSION")
	WASMTIME_BUILD=${dir##*-}
}

# ---- Rust tools -----------------------------------------------------------
tool() { # NAME BINARY [cargo install flags...]
	local name=$1 bin=$2 ver sha dir crate fh; shift 2
	read -r ver sha < <(lock_get tool "$name")
	fh=$(printf '%s ' "$@" | sha256sum | cut -c1-8)
	dir="$CACHE/tools/$name-$ver-${sha:0:12}-$fh"
	if [ ! -x "$dir/bin/$bin" ]; then
		command -v cargo >/dev/null || die "cargo (Rust >= 1.88) is needed to build $name"
		say "building $name $ver with cargo (once; cached in $dir; about 10 CPU-minutes)"
		local t=$SECONDS
		cargo install -q --locked --version "$ver" --root "$dir.tmp" "$@" "$name" >&2 ||
			die "cargo install $name $ver failed"
		crate=$(ls "$CARGO_HOME"/registry/cache/*/"$name-$ver.crate" | head -1)
		sha_check "$crate" "$sha" "crate $name $ver"
		rm -rf "$dir" && mv "$dir.tmp" "$dir"
		say "built $name $ver in $(elapsed $t)"
	fi
	echo "$dir/bin/$bin"
}

# ---- the static PID 1's libraries, built for musl ----------------------------
# scripts/musl-libs.sh builds them once per pins and recipe (its cache key)
# from the Debian sources the `src` lines pin.
musl_libs() {
	MUSL_LIBS=$(bash "$ROOT/scripts/musl-libs.sh") || die "building the libraries for musl failed"
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
	local t0=$SECONDS
	# A plan (VYOMA_DEPS_PLAN=1) only prints what would be installed.
	if [ -n "${VYOMA_DEPS_PLAN:-}" ]; then
		hosts
		debs
		return
	fi
	# One run at a time: several makes may ask at once.
	exec 9>"$CACHE/.deps.lock"
	flock 9
	hosts
	debs
	kernel_src
	wasmtime
	musl_libs
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
	WASMTIME_BUILD := $WASMTIME_BUILD
	WASI_WIT_DIR := $WASMTIME_DIR/wit/deps
	WASI_SYSROOT := $WASI_SYSROOT
	MUSL_LIBS := $MUSL_LIBS
	WIT_BINDGEN := $WIT_BINDGEN
	WASM_TOOLS := $WASM_TOOLS
	KERNEL_TARBALL := $KERNEL_TARBALL
	KERNEL_VERSION := $KERNEL_VERSION
	EOF
	mv "$OUT.tmp" "$OUT"
	[ $((SECONDS - t0)) -lt 5 ] || say "ready in $(elapsed $t0)"
}

# Sourced (the policy test): only define the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	main "$@"
fi
