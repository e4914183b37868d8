#!/usr/bin/env bash
# Builds the VyomaOS kernel: allnoconfig + kernel/vyoma.config, no modules:
# bzImage (self-decompressing, zstd) and vmlinux (the same kernel as an
# uncompressed ELF with a PVH entry note, symbols stripped, which QEMU loads
# directly: no decompression under emulation; scripts/qemu.sh). The result
# is cached in $VYOMA_CACHE under a key made of the fragment, the build flags
# and the compiler, so a second run with the same inputs only prints the
# paths and sizes. Before compiling, every symbol the
# fragment sets is checked against the resolved .config: Kconfig drops a
# symbol whose dependencies are unmet without a word, and we want a word.
# See docs/kernel.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPS="$ROOT/build/deps.mk"
FRAG="$ROOT/kernel/vyoma.config"
JOBS=${VYOMA_KERNEL_JOBS:-2}

say() { printf 'kernel: %s\n' "$*" >&2; }
die() { printf 'kernel: error: %s\n' "$*" >&2; exit 1; }

# deps_get KEY -> value of the `KEY := value` line of build/deps.mk
deps_get() {
	local v
	v=$(sed -n "s/^$1[[:space:]]*:=[[:space:]]*//p" "$DEPS" | tail -n1)
	[ -n "$v" ] || die "build/deps.mk has no $1 (run 'make deps')"
	printf '%s\n' "$v"
}

[ -f "$DEPS" ] || die "missing build/deps.mk: run 'make deps' first"
[ -f "$FRAG" ] || die "missing kernel fragment $FRAG"
CACHE=$(deps_get VYOMA_CACHE)
TARBALL=$(deps_get KERNEL_TARBALL)
VERSION=$(deps_get KERNEL_VERSION)
[ -f "$TARBALL" ] || die "kernel tarball $TARBALL not found (run 'make deps')"
for tool in make gcc flex bison bc zstd xz sha256sum flock objcopy; do
	command -v "$tool" >/dev/null || die "'$tool' is not installed (run 'make deps')"
done

# Everything that changes the image without changing the fragment goes into
# BUILD_FLAGS and therefore into the cache key.
export ARCH=x86_64
export KBUILD_BUILD_TIMESTAMP='1970-01-01 00:00:00 UTC'
export KBUILD_BUILD_USER=vyoma
export KBUILD_BUILD_HOST=vyoma
export KBUILD_BUILD_VERSION=1
export LC_ALL=C TZ=UTC
unset KCONFIG_CONFIG CROSS_COMPILE LOCALVERSION || true
# The copies and fills GCC expands inline (the kernel is built with -Os) as
# 8-byte `rep movsq`/`rep stosq` instead of -Os's byte-wise `rep movsb`/
# `rep stosb`: under TCG each iteration of a rep prefix is a trip through
# the emulator's loop, so a byte at a time costs about 4 times as much per
# byte copied (16 MiB: 33 ms against 8 ms on the build machine), and over a
# page that holds translated code (the init memory the kernel poisons
# before /init) every store takes QEMU's slow path for self-modifying code:
# 200 such pages took 0.95 s with `rep stosb` and 0.16 s with `rep stosq`
# (docs/kernel.md "Copies under emulation"). On hardware both are fast.
export KCFLAGS="-mstringop-strategy=rep_8byte"
BUILD_FLAGS="version=$VERSION arch=$ARCH target=bzImage+vmlinux(strip-all)
timestamp=$KBUILD_BUILD_TIMESTAMP user=$KBUILD_BUILD_USER host=$KBUILD_BUILD_HOST build=$KBUILD_BUILD_VERSION
kcflags=$KCFLAGS
cc=$(gcc --version | head -n1)"
KEY=$( { cat "$FRAG"; printf '%s\n' "$BUILD_FLAGS"; } | sha256sum | cut -c1-12)
OUT="$CACHE/kernel-$VERSION-$KEY"
SRC="$CACHE/linux-$VERSION-src"

report() { # copy the cached image into build/ and print where it is
	mkdir -p "$ROOT/build"
	local src dst
	for src in bzImage vmlinux config; do
		dst="$ROOT/build/$src"
		[ "$src" = config ] && dst="$ROOT/build/kernel.config"
		if ! cmp -s "$OUT/$src" "$dst"; then
			cp "$OUT/$src" "$dst.tmp.$$" && mv -f "$dst.tmp.$$" "$dst" ||
				die "could not copy $OUT/$src to $dst"
		fi
	done
	local size
	size=$(stat -c %s "$OUT/bzImage")
	printf 'kernel: %s\nkernel: bzImage %d bytes (%s KiB), copied to build/bzImage\n' \
		"$OUT/bzImage" "$size" "$((size / 1024))"
	size=$(stat -c %s "$OUT/vmlinux")
	printf 'kernel: vmlinux %d bytes (%s KiB, uncompressed ELF for the PVH entry), copied to build/vmlinux\n' \
		"$size" "$((size / 1024))"
}

# ---- the check: the fragment against a resolved .config ----------------------
# Prints one line per symbol that did not come out as the fragment asked.
fragment_mismatches() { # FRAGMENT CONFIG
	awk '
		NR == FNR {
			if ($0 ~ /^CONFIG_[A-Za-z0-9_]+=/) {
				k = substr($0, 1, index($0, "=") - 1); want[k] = substr($0, index($0, "=") + 1); order[++n] = k
			} else if ($0 ~ /^# CONFIG_[A-Za-z0-9_]+ is not set/) {
				want[$2] = "n"; order[++n] = $2
			}
			next
		}
		/^CONFIG_[A-Za-z0-9_]+=/ { have[substr($0, 1, index($0, "=") - 1)] = substr($0, index($0, "=") + 1) }
		END {
			for (i = 1; i <= n; i++) {
				k = order[i]; w = want[k]; h = (k in have) ? have[k] : "n"
				if (w == "n" ? (h == "y" || h == "m") : (h != w))
					printf "  %s: fragment wants %s, .config has %s\n", k, w, h
			}
		}' "$1" "$2"
}

kconfig_hint() { # SYMBOL: where it is defined and what it depends on
	local sym=${1#CONFIG_}
	grep -rn --include='Kconfig*' -A12 "^\(menu\)\?config $sym\$" "$SRC" 2>/dev/null |
		sed -n '1p; /depends on/p; /select/p' | sed "s|$SRC/|    |" | head -n8 || true
}

# ---- fast path: already built ---------------------------------------------------
if [ -f "$OUT/bzImage" ] && [ -f "$OUT/vmlinux" ] && [ -f "$OUT/config" ]; then
	report
	exit 0
fi

mkdir -p "$CACHE"
exec 9>"$OUT.lock"
flock 9 # another run with the same key finishes first; then we reuse it
if [ -f "$OUT/bzImage" ] && [ -f "$OUT/vmlinux" ] && [ -f "$OUT/config" ]; then
	report
	exit 0
fi

# ---- source tree, shared by every configuration of this version ---------------
if [ ! -f "$SRC/.vyoma-extracted" ]; then
	say "extracting $TARBALL into $SRC"
	rm -rf "$SRC.tmp"
	mkdir -p "$SRC.tmp"
	tar -xJf "$TARBALL" -C "$SRC.tmp" --strip-components=1 ||
		die "could not extract $TARBALL"
	rm -rf "$SRC"
	mv "$SRC.tmp" "$SRC"
	touch "$SRC/.vyoma-extracted"
fi
got=$(make -s -C "$SRC" kernelversion 2>/dev/null) || die "$SRC is not a kernel tree"
[ "$got" = "$VERSION" ] || die "$TARBALL holds kernel $got, deps.lock pins $VERSION"

# ---- configure, check, build ------------------------------------------------------
OBJ="$OUT/obj"
mkdir -p "$OBJ"
say "configuring $VERSION (key $KEY) in $OBJ"
make -s -C "$SRC" O="$OBJ" KCONFIG_ALLCONFIG="$FRAG" allnoconfig >"$OUT/configure.log" 2>&1 ||
	{ tail -n 30 "$OUT/configure.log" >&2; die "allnoconfig failed, see $OUT/configure.log"; }

bad=$(fragment_mismatches "$FRAG" "$OBJ/.config")
if [ -n "$bad" ]; then
	printf 'kernel: error: the resolved .config differs from kernel/vyoma.config\n' >&2
	printf '%s\n' "$bad" >&2
	printf 'kernel: their Kconfig entries (a symbol is dropped when a "depends on" is unmet):\n' >&2
	while read -r sym _; do kconfig_hint "${sym%:}" >&2; done <<<"$bad"
	printf 'kernel: (an enclosing "if"/"menuconfig" block of that Kconfig file can hide it too)\n' >&2
	die "fix kernel/vyoma.config (full config: $OBJ/.config)"
fi
say "all $(grep -c -E '^(CONFIG_|# CONFIG_.* is not set)' "$FRAG") fragment symbols resolved as asked"

say "building bzImage with -j$JOBS (log: $OUT/build.log)"
start=$(date +%s)
make -C "$SRC" O="$OBJ" -j"$JOBS" bzImage >"$OUT/build.log" 2>&1 ||
	{ tail -n 40 "$OUT/build.log" >&2; die "kernel build failed, see $OUT/build.log"; }
secs=$(($(date +%s) - start))

# The same check on the config the build really used (the build may resync it).
bad=$(fragment_mismatches "$FRAG" "$OBJ/.config")
[ -z "$bad" ] || { printf '%s\n' "$bad" >&2; die "the .config changed during the build"; }

cp "$OBJ/.config" "$OUT/config.tmp" && mv "$OUT/config.tmp" "$OUT/config"
# vmlinux without its symbol table (KALLSYMS keeps the names panics print);
# the PVH note (.notes) stays, QEMU finds the entry point through it.
objcopy --strip-all "$OBJ/vmlinux" "$OUT/vmlinux.tmp" && mv "$OUT/vmlinux.tmp" "$OUT/vmlinux"
cp "$OBJ/arch/x86/boot/bzImage" "$OUT/bzImage.tmp" && mv "$OUT/bzImage.tmp" "$OUT/bzImage"
say "built in ${secs}s"
report
