#!/usr/bin/env bash
# Packs the VyomaOS initramfs: the supervisor as /init, the app runner (both
# static: no shared library, no dynamic loader), the apps, the boot
# configuration and the few device nodes PID 1 needs before devtmpfs is
# mounted. No shell, no busybox, no interpreter. The archive is built by
# scripts/mkcpio.py (sorted, fixed mtime/uid/gid/inodes) and compressed
# deterministically (`lz4 -l -9` by default), so two builds from the same
# inputs have the same SHA-256. The apps' components are precompiled into
# /var/cache/vyoma for a CPU baseline. See docs/image.md.
#
# Environment (all optional; tests use them to build other images):
#   VYOMA_INIT       /init: a file, or "test" for tests/qemu/testinit.c
#                    (default build/vyoma; "test" when that does not exist)
#   VYOMA_RUNNER     the app runner (default build/vyoma-run; skipped if absent)
#   VYOMA_APPS       app names to include from build/apps (default: every
#                    apps/<name>/vyoma.toml; test apps only when named here)
#   VYOMA_APPS_DIR   where the VYOMA_APPS are (default build/apps; make bench's
#                    1,000 apps are generated elsewhere)
#   VYOMA_BOOT_TOML  /etc/vyoma/boot.toml (default boot.toml at the repo root)
#   VYOMA_INITRAMFS  output (default build/initramfs.cpio.lz4); its name
#                    says the format: .lz4 (lz4 -l -9: fastest to unpack,
#                    the default), .zst (zstd: smallest) or .cpio (none)
#   VYOMA_ZSTD_LEVEL zstd level for a .zst output (default 19)
#   VYOMA_PRECOMPILE 1 (default) precompiles the apps' components into
#                    /var/cache/vyoma; 0 leaves the cache empty
#   VYOMA_PRECOMPILE_CPU  the CPU baseline they are compiled for (default
#                    x86-64-v2; vyoma-run --cpu)
#   SOURCE_DATE_EPOCH  mtime of every entry (default 0)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
B="$ROOT/build"
OUT=${VYOMA_INITRAMFS:-$B/initramfs.cpio.lz4}
STAGE="$OUT.stage" # stripped copies and generated files (not *.d: the Makefile includes those)
LIST="$OUT.list"
INIT=${VYOMA_INIT:-$B/vyoma}
RUNNER=${VYOMA_RUNNER:-$B/vyoma-run}
BOOT_TOML=${VYOMA_BOOT_TOML:-$ROOT/boot.toml}
PRECOMPILE=${VYOMA_PRECOMPILE:-1}
PRE_CPU=${VYOMA_PRECOMPILE_CPU:-x86-64-v2}
case $PRECOMPILE in 0 | 1) ;; *) printf 'rootfs: error: VYOMA_PRECOMPILE must be 0 or 1\n' >&2; exit 1 ;; esac
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0}
export LC_ALL=C

say()  { printf 'rootfs: %s\n' "$*" >&2; }
warn() { printf 'rootfs: warning: %s\n' "$*" >&2; }
die()  { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }

for tool in python3 strip readelf sha256sum; do
	command -v "$tool" >/dev/null || die "'$tool' is not installed"
done

rm -rf "$STAGE"
mkdir -p "$STAGE" "$(dirname "$OUT")"
: >"$LIST"
entry() { printf '%s\n' "$*" >>"$LIST"; }

# add_elf IMAGE_PATH HOST_FILE: a stripped copy (symbols are not needed at
# run time; .eh_frame, which Rust unwinding needs, is kept).
add_elf() {
	local staged="$STAGE/${1#/}"
	mkdir -p "$(dirname "$staged")"
	strip --strip-unneeded -o "$staged" "$2" || die "could not strip $2"
	entry file "$1" 755 "$staged"
}

# ---- /init ------------------------------------------------------------------------
build_testinit() { # static glibc: musl-gcc has no <linux/fb.h>
	local out="$B/qemu/testinit"
	mkdir -p "$B/qemu"
	gcc -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
		-Wmissing-prototypes -Wvla -Os -static -o "$out" "$ROOT/tests/qemu/testinit.c" ||
		die "could not build tests/qemu/testinit.c"
	printf '%s\n' "$out"
}
if [ "$INIT" = test ] || { [ -z "${VYOMA_INIT:-}" ] && [ ! -e "$INIT" ]; }; then
	[ "$INIT" = test ] || warn "build/vyoma does not exist yet: /init is the test init"
	INIT=$(build_testinit)
fi
[ -f "$INIT" ] || die "/init source $INIT does not exist"
readelf -lW "$INIT" | grep -q 'Requesting program interpreter' &&
	die "$INIT is dynamically linked; PID 1 must be static (nothing is loaded before it)"
add_elf /init "$INIT"

# ---- /bin/vyoma-run -----------------------------------------------------------------
# The runner is static, Wasmtime linked in (docs/runner.md): the image holds
# no shared library and no dynamic loader (checked on the whole archive
# below, by scripts/elfcheck.py).
if [ -f "$RUNNER" ]; then
	readelf -lW "$RUNNER" | grep -q 'Requesting program interpreter' &&
		die "$RUNNER is dynamically linked; the image has no dynamic loader (make runner links it static)"
	add_elf /bin/vyoma-run "$RUNNER"
else
	warn "no runner at $RUNNER: the image cannot run apps"
fi

# ---- /apps/<name>/ ---------------------------------------------------------------
if [ -n "${VYOMA_APPS+set}" ]; then
	read -r -a apps <<<"$VYOMA_APPS"
else
	apps=()
	for m in "$ROOT"/apps/*/vyoma.toml; do
		[ -f "$m" ] && apps+=("$(basename "$(dirname "$m")")")
	done
fi
n_apps=0
app_dirs=()
for app in "${apps[@]}"; do
	dir="${VYOMA_APPS_DIR:-$B/apps}/$app"
	if [ ! -f "$dir/vyoma.toml" ]; then
		warn "app '$app' is not built ($dir/vyoma.toml missing): left out"
		continue
	fi
	entry dir "/apps/$app" 755
	entry file "/apps/$app/vyoma.toml" 644 "$dir/vyoma.toml"
	for w in "$dir"/*.wasm; do
		[ -f "$w" ] && entry file "/apps/$app/$(basename "$w")" 644 "$w"
	done
	n_apps=$((n_apps + 1))
	app_dirs+=("$dir")
done
entry dir /apps 755

# ---- /var/cache/vyoma: precompiled components --------------------------------------
# The supervisor passes --cache /var/cache/vyoma to every runner (scripts/qemu.sh
# gives PID 1 that option), so an app whose artifact is here starts without
# compiling. They are compiled for a CPU baseline ($PRE_CPU, Cranelift's
# x86-64-v2 preset: SSE4.2, POPCNT, CMPXCHG16B), not for the build machine:
# the guest CPU (QEMU's TCG "max" model, or the KVM host) is another CPU, and
# Wasmtime refuses an artifact that uses a feature the CPU lacks (a build
# machine with AVX-512 gives artifacts TCG refuses). A baseline also makes the
# image the same on every build machine. The directory is always there: the initramfs is writable, so a
# runner that finds no usable artifact compiles and leaves one for the next
# start of that app.
entry dir /var/cache/vyoma 755
n_pre=0
if [ "$PRECOMPILE" = 1 ] && [ -f "$RUNNER" ]; then
	mkdir -p "$STAGE/cache"
	declare -A pre_done=() # one run per component: 1,000 copies of one app compile once
	for dir in "${app_dirs[@]}"; do
		sum=$(cat "$dir"/*.wasm 2>/dev/null | sha256sum | cut -c1-64)
		[ -z "${pre_done[$sum]:-}" ] || { n_pre=$((n_pre + 1)); continue; }
		pre_done[$sum]=1
		if ! pre_out=$("$RUNNER" --app "$dir" --precompile --cpu "$PRE_CPU" --cache "$STAGE/cache" 2>&1); then
			# An app the import audit refuses is in the image (the supervisor
			# reports the refusal at boot) but has nothing to precompile.
			warn "no precompiled component for $(basename "$dir"): ${pre_out:0:200}"
			continue
		fi
		n_pre=$((n_pre + 1))
	done
	for c in "$STAGE/cache"/*.cwasm; do
		[ -f "$c" ] && entry file "/var/cache/vyoma/$(basename "$c")" 644 "$c"
	done
	python3 "$ROOT/scripts/cidx-index.py" "$STAGE/cache" "$STAGE/index" && entry file /var/cache/vyoma/index 644 "$STAGE/index" || die "scripts/cidx-index.py failed" # the image's cache index (docs/runner.md)
fi

# ---- /etc ------------------------------------------------------------------------
entry dir /etc/vyoma 755
# The keys packages must be signed by (make packages puts the development
# key's public half in build/packages/keys/; docs/packages.md).
KEYS_DIR=${VYOMA_KEYS_DIR:-$B/packages/keys}
if compgen -G "$KEYS_DIR/*.pub" >/dev/null; then
	entry dir /etc/vyoma/keys 755
	for k in "$KEYS_DIR"/*.pub; do entry file "/etc/vyoma/keys/$(basename "$k")" 644 "$k"; done
fi
# The default wallpaper (a /data/wallpaper.png replaces it; docs/display.md),
# made by scripts/wallpaper.py, deterministic, again only when the script changed.
if [ ! -f "$B/wallpaper.png" ] || [ "$ROOT/scripts/wallpaper.py" -nt "$B/wallpaper.png" ]; then
	python3 "$ROOT/scripts/wallpaper.py" "$B/wallpaper.png" || die "scripts/wallpaper.py failed"
fi
entry file /etc/vyoma/wallpaper.png 644 "$B/wallpaper.png"
if [ -f "$BOOT_TOML" ]; then
	entry file /etc/vyoma/boot.toml 644 "$BOOT_TOML"
else
	warn "no $BOOT_TOML: the image has no /etc/vyoma/boot.toml"
fi
# QEMU user networking: the guest is 10.0.2.15 (set by the kernel from ip=,
# see scripts/qemu.sh), the DNS forwarder is 10.0.2.3. Read by glibc's
# resolver inside the runner for apps with the network capability.
printf 'nameserver 10.0.2.3\n' >"$STAGE/resolv.conf"
printf '127.0.0.1 localhost\n' >"$STAGE/hosts"
entry file /etc/resolv.conf 644 "$STAGE/resolv.conf"
entry file /etc/hosts 644 "$STAGE/hosts"

# ---- mount points and the nodes needed before devtmpfs ----------------------------
# The kernel opens /dev/console for PID 1's stdin/stdout/stderr before any
# filesystem is mounted, so the node must be in the archive.
entry dir /dev 755
entry nod /dev/console 600 c 5 1
entry nod /dev/null 666 c 1 3
for d in proc sys data; do entry dir "/$d" 755; done
entry dir /tmp 1777

# ---- pack and compress ------------------------------------------------------------
CPIO="$STAGE/initramfs.cpio"
python3 "$ROOT/scripts/mkcpio.py" --top 8 -o "$CPIO" "$LIST" | sed 's/^mkcpio: /rootfs: /'
# No file of the image may need a dynamic loader or be a shared library.
python3 "$ROOT/scripts/elfcheck.py" --static-only --cpio "$CPIO" >"$OUT.elf" ||
	die "the image holds a shared library or a dynamic executable:
$(grep -E '^(dynamic|shared) ' "$OUT.elf")"
# The format follows the output's name: .zst (zstd -19, the smallest), .lz4
# (lz4 -9 in the legacy frame the kernel reads: 3-4 times faster to unpack,
# which is what counts under emulation, docs/image.md) or .cpio (none).
case $OUT in
*.zst)
	command -v zstd >/dev/null || die "'zstd' is not installed"
	level=${VYOMA_ZSTD_LEVEL:-19}
	case $level in [1-9] | 1[0-9]) ;; *) die "VYOMA_ZSTD_LEVEL must be 1..19, not '$level'" ;; esac
	how="zstd-$level $(zstd -V)"
	compress() { zstd -q -f -"$level" -T1 -o "$2" "$1"; }
	;;
*.lz4)
	command -v lz4 >/dev/null || die "'lz4' is not installed"
	how="lz4-l9 $(lz4 -V 2>&1 | head -n1)"
	compress() { lz4 -q -f -l -9 "$1" "$2"; }
	;;
*.cpio)
	how=none
	compress() { cp "$1" "$2"; }
	;;
*) die "VYOMA_INITRAMFS must end in .zst, .lz4 or .cpio (the format), not ${OUT##*/}" ;;
esac
# The archive is deterministic, so its hash says whether the compressed
# output (the slow part) is already what this run would produce.
key="$(sha256sum <"$CPIO" | cut -d' ' -f1) $how"
if [ -f "$OUT" ] && [ "$(cat "$OUT.key" 2>/dev/null)" = "$key" ]; then
	say "archive unchanged: keeping ${OUT#"$ROOT"/}"
else
	rm -f "$OUT.key"
	compress "$CPIO" "$OUT.tmp" || die "compressing with ${how%% *} failed"
	mv -f "$OUT.tmp" "$OUT"
	printf '%s\n' "$key" >"$OUT.key"
fi
rm -f "$CPIO"
size=$(stat -c %s "$OUT")
printf 'rootfs: %s: %d bytes (%s KiB) %s, %d app(s) (%d precompiled), /init from %s\n' \
	"${OUT#"$ROOT"/}" "$size" "$((size / 1024))" "${how%% *}" "$n_apps" "$n_pre" "${INIT#"$ROOT"/}"
printf 'rootfs: sha256 %s\n' "$(sha256sum "$OUT" | cut -d' ' -f1)"
