#!/usr/bin/env bash
# Builds the libraries the static PID 1 links (zlib, libpng, libsodium,
# libseccomp, libdrm, libmd) for musl, from Debian's source packages: the
# orig tarball and the Debian patches of the version each `src` line of
# deps.lock pins (both SHA-256-checked), compiled with musl-gcc at -Os with
# one section per function, only the source files (and libpng options) the
# supervisor uses. No configure, no autotools: each library is a list of
# files and a few defines below, and the build directory is left out of the
# objects, so the build gives the same bytes on every machine.
# The result (include/ + lib/) is cached in $VYOMA_CACHE under a key made of
# the pins, this script and the compilers; a second run prints its path.
# Prints the prefix directory on stdout. See docs/perf.md (sizes).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOCK=${VYOMA_LOCK:-$ROOT/deps.lock}
CACHE=${VYOMA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vyoma}
POOL=${VYOMA_DEBIAN_POOL:-https://deb.debian.org/debian/pool/main}
MCC=musl-gcc

say() { printf 'musl-libs: %s\n' "$*" >&2; }
die() { printf 'musl-libs: error: %s\n' "$*" >&2; exit 1; }

for t in $MCC gcc ar curl tar patch gperf python3 sha256sum flock awk; do
	command -v "$t" >/dev/null || die "'$t' is not installed (run 'make deps')"
done

# The flags every library is compiled with; part of the cache key.
LIB_CF="-Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-stack-protector -g0 -w"
SRC_LINES=$(awk '$1 == "src"' "$LOCK")
[ -n "$SRC_LINES" ] || die "deps.lock has no 'src' lines"
KEY=$( { printf '%s\n' "$SRC_LINES" "$LIB_CF"; cat "$0"; $MCC --version | head -1
	dpkg-query -W -f='${Version}\n' musl-dev linux-libc-dev 2>/dev/null || true; } |
	sha256sum | cut -c1-12)
OUT="$CACHE/musl-libs-$KEY"
[ -f "$OUT/.ok" ] && { echo "$OUT"; exit 0; }
mkdir -p "$CACHE/src"
exec 9>"$OUT.lock"
flock 9 # another run with the same key finishes first; then we reuse it
[ -f "$OUT/.ok" ] && { echo "$OUT"; exit 0; }

# fetch FILE: the pool file a `src FILE VERSION SHA256` line pins, checked.
fetch() {
	local file=$1 sha pkg dir got
	sha=$(awk -v f="$file" '$1 == "src" && $2 == f {print $4}' "$LOCK")
	[ -n "$sha" ] || die "deps.lock has no 'src $file' line"
	pkg=${file%%_*}
	case $pkg in lib?*) dir=${pkg:0:4} ;; *) dir=${pkg:0:1} ;; esac
	if [ ! -f "$CACHE/src/$file" ]; then
		say "fetching $file"
		curl -fsSL --retry 3 -o "$CACHE/src/$file.tmp" "$POOL/$dir/$pkg/$file" ||
			die "could not download $POOL/$dir/$pkg/$file"
		mv "$CACHE/src/$file.tmp" "$CACHE/src/$file"
	fi
	got=$(sha256sum "$CACHE/src/$file" | cut -d' ' -f1)
	[ "$got" = "$sha" ] || die "SHA-256 mismatch for $CACHE/src/$file (expected $sha, got $got)"
}

# unpack PKG: orig + debian tarballs of PKG's lines into $W/PKG, patched.
unpack() {
	local pkg=$1 orig deb p
	orig=$(awk -v p="${pkg}_" '$1 == "src" && index($2, p) == 1 && $2 ~ /\.orig\./ {print $2}' "$LOCK")
	deb=$(awk -v p="${pkg}_" '$1 == "src" && index($2, p) == 1 && $2 ~ /\.debian\./ {print $2}' "$LOCK")
	[ -n "$orig" ] && [ -n "$deb" ] || die "deps.lock needs an orig and a debian 'src' line for $pkg"
	fetch "$orig" && fetch "$deb"
	mkdir -p "$W/$pkg"
	tar -xf "$CACHE/src/$orig" -C "$W/$pkg" --strip-components=1
	tar -xf "$CACHE/src/$deb" -C "$W/$pkg"
	if [ -f "$W/$pkg/debian/patches/series" ]; then
		while read -r p _; do
			case $p in '' | '#'*) continue ;; esac
			patch -d "$W/$pkg" -p1 -s --no-backup-if-mismatch <"$W/$pkg/debian/patches/$p" ||
				die "$pkg: Debian patch $p does not apply"
		done <"$W/$pkg/debian/patches/series"
	fi
}

# lib NAME DIR CFLAGS FILES...: compile FILES (relative to DIR) into libNAME.a.
lib() {
	local name=$1 dir=$2 cf=$3 f o objs=()
	shift 3
	mkdir -p "$W/obj/$name"
	for f in "$@"; do
		o="$W/obj/$name/$(echo "$f" | tr / _).o"
		# shellcheck disable=SC2086 # CFLAGS are words
		$MCC $LIB_CF -ffile-prefix-map="$W/"= $KINC $cf -c "$dir/$f" -o "$o" || die "$name: $f does not compile"
		objs+=("$o")
	done
	rm -f "$T/lib/lib$name.a"
	ar rcs "$T/lib/lib$name.a" "${objs[@]}"
}

T="$OUT.tmp"
W=$(mktemp -d)
trap 'rm -rf "$W" "$T"' EXIT # $T is gone (moved) after a success; a failed build leaves nothing
rm -rf "$T" && mkdir -p "$T/lib" "$T/include"
# musl-gcc sees only musl's headers: the kernel's UAPI headers (linux-libc-dev,
# libc-independent) are added through links, never the rest of /usr/include.
mkdir -p "$T/kinc"
ln -s /usr/include/linux "$T/kinc/linux"
ln -s /usr/include/asm-generic "$T/kinc/asm-generic"
ln -s /usr/include/x86_64-linux-gnu/asm "$T/kinc/asm"
KINC="-isystem $T/kinc -I$T/include"
t0=$SECONDS
say "building zlib, libpng, libsodium, libseccomp, libdrm, libmd for musl (once; cached in $OUT)"

# ---- zlib: inflate for reading PNGs, deflate for writing them ---------------
unpack zlib
Z=$W/zlib
lib z "$Z" "-DHAVE_UNISTD_H -DHAVE_STDARG_H" \
	adler32.c crc32.c deflate.c inflate.c inftrees.c inffast.c trees.c zutil.c
cp "$Z/zlib.h" "$Z/zconf.h" "$T/include/"

# ---- libpng: read and write, without the options the supervisor never asks --
# for (scripts/pnglibconf.dfa through libpng's own awk scripts).
unpack libpng1.6
P=$W/libpng1.6
cat >"$P/vyoma.dfa" <<-'EOF'
	# VyomaOS: options off (the supervisor reads and writes plain RGB(A) rows)
	option STDIO off
	option SIMPLIFIED_READ off
	option SIMPLIFIED_WRITE off
	option PROGRESSIVE_READ off
	option WRITE_CUSTOMIZE_ZTXT_COMPRESSION off
	option CONVERT_tIME off
	option TIME_RFC1123 off
	option BENIGN_ERRORS off
	option READ_QUANTIZE off
	option READ_BACKGROUND off
	option READ_ALPHA_MODE off
	option READ_GAMMA off
	option READ_RGB_TO_GRAY off
	option READ_COMPOSITE_NODIV off
	option READ_iCCP off
	option READ_iTXt off
	option READ_zTXt off
	option READ_tEXt off
	option READ_sPLT off
	option READ_UNKNOWN_CHUNKS off
	option READ_USER_CHUNKS off
	option READ_USER_TRANSFORM off
	option WRITE_iCCP off
	option WRITE_iTXt off
	option WRITE_zTXt off
	option WRITE_tEXt off
	option WRITE_sPLT off
	option WRITE_UNKNOWN_CHUNKS off
	option WRITE_USER_TRANSFORM off
	option WRITE_FLUSH off
	option EASY_ACCESS off
	option CHECK_FOR_INVALID_INDEX on
EOF
env -u MAKEFLAGS -u MAKELEVEL make -s -C "$P" -f scripts/pnglibconf.mak CPP="$MCC -E -I$T/include" \
	DFA_XTRA=vyoma.dfa pnglibconf.h >"$W/pnglibconf.log" 2>&1 || {
	cat "$W/pnglibconf.log" >&2
	die "libpng: pnglibconf.h could not be generated"
}
lib png "$P" "-I$P" png.c pngerror.c pngget.c pngmem.c pngread.c pngrio.c pngrtran.c \
	pngrutil.c pngset.c pngtrans.c pngwio.c pngwrite.c pngwtran.c pngwutil.c
cp "$P/png.h" "$P/pngconf.h" "$P/pnglibconf.h" "$T/include/"

# ---- libsodium: the portable C implementations only (no SIMD variants) ------
unpack libsodium
S=$W/libsodium/src/libsodium
sed -e 's/@VERSION@/1.0.18/' -e 's/@SODIUM_LIBRARY_VERSION_MAJOR@/10/' \
	-e 's/@SODIUM_LIBRARY_VERSION_MINOR@/3/' -e 's/@SODIUM_LIBRARY_MINIMAL_DEF@/#define SODIUM_LIBRARY_MINIMAL 1/' \
	"$S/include/sodium/version.h.in" >"$S/include/sodium/version.h"
SODIUM_CF="-I$S/include/sodium -DCONFIGURED=1 -DSODIUM_STATIC=1 -DMINIMAL=1 -DNATIVE_LITTLE_ENDIAN=1
	-DHAVE_TI_MODE=1 -DHAVE_ATOMIC_OPS=1 -DHAVE_C11_MEMORY_FENCES=1 -DHAVE_WEAK_SYMBOLS=1
	-DHAVE_SYS_MMAN_H=1 -DHAVE_MMAP=1 -DHAVE_MPROTECT=1 -DHAVE_MLOCK=1 -DHAVE_MADVISE=1
	-DHAVE_POSIX_MEMALIGN=1 -DHAVE_EXPLICIT_BZERO=1 -DHAVE_NANOSLEEP=1 -DHAVE_SYS_RANDOM_H=1
	-DHAVE_GETRANDOM=1 -DHAVE_LINUX_COMPATIBLE_GETRANDOM=1 -DHAVE_CATCHABLE_SEGV=1 -DHAVE_CATCHABLE_ABRT=1"
mapfile -t SODIUM_SRC < <(cd "$S" && find . -name '*.c' | sed 's|^\./||' | sort)
lib sodium "$S" "$SODIUM_CF" "${SODIUM_SRC[@]}"
cp -r "$S/include/sodium" "$S/include/sodium.h" "$T/include/"

# ---- libseccomp: the syscall table regenerated from Debian's patched CSV ----
unpack libseccomp
C=$W/libseccomp/src
(cd "$C" && ./arch-gperf-generate syscalls.csv syscalls.perf.template &&
	gperf -m 100 --null-strings --pic -tCEG -T -S1 syscalls.perf >syscalls.perf.c) >&2 ||
	die "libseccomp: the syscall table could not be generated"
printf '#define HAVE_LINUX_SECCOMP_H 1\n#define ENABLE_PYTHON 0\n' >"$C/configure.h"
mapfile -t SECCOMP_SRC < <(cd "$C" && ls api.c arch*.c db.c gen_bpf.c gen_pfc.c hash.c helper.c \
	system.c syscalls.c syscalls.perf.c | grep -v 'arch-syscall-dump')
lib seccomp "$C" "-I$W/libseccomp/include -I$C" "${SECCOMP_SRC[@]}"
cp "$W/libseccomp/include/seccomp.h" "$W/libseccomp/include/seccomp-syscalls.h" "$T/include/"

# ---- libdrm: the core and KMS calls (xf86drm, xf86drmMode) ------------------
unpack libdrm
D=$W/libdrm
python3 "$D/gen_table_fourcc.py" "$D/include/drm/drm_fourcc.h" "$D/generated_static_table_fourcc.h" ||
	die "libdrm: the fourcc table could not be generated"
printf '#define HAVE_VISIBILITY 1\n#define MAJOR_IN_SYSMACROS 1\n#define HAVE_SYS_SELECT_H 1\n' >"$D/config.h"
lib drm "$D" "-I$D -I$D/include/drm -include $D/config.h -DHAVE_LIBDRM_ATOMIC_PRIMITIVES=1" \
	xf86drm.c xf86drmHash.c xf86drmMode.c xf86drmRandom.c xf86drmSL.c
mkdir -p "$T/include/libdrm"
cp "$D"/include/drm/*.h "$T/include/libdrm/"
cp "$D/xf86drm.h" "$D/xf86drmMode.h" "$T/include/"

# ---- libmd: SHA-256 ---------------------------------------------------------
unpack libmd
M=$W/libmd
: >"$M/config.h"
lib md "$M/src" "-I$M -I$M/include -I$M/src" sha2.c
cp "$M/include/sha2.h" "$T/include/"

rm -rf "$OUT" && mv "$T" "$OUT"
touch "$OUT/.ok"
say "built in $((SECONDS - t0)) s: $(cd "$OUT/lib" && stat -c '%n %s' *.a | tr '\n' ' ')"
echo "$OUT"
