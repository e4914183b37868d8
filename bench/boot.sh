#!/usr/bin/env bash
# make bench (scripts/bench.sh runs every bench/*.sh): boot time in QEMU and
# the sizes of what boots. Builds the kernel (cached) and the image if
# needed: the image `make run` boots (./boot.toml) when there is a boot
# list, else the QEMU test image (tests/qemu/boot.toml). Boots are headless
# and bounded (bench/boot_bench.py); BENCH_BOOT_RUNS boots per accelerator
# (default 5). Numbers only; nothing here passes or fails.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${BENCH_BOOT_RUNS:-5}
case $RUNS in '' | *[!0-9]* | 0) echo "boot: BENCH_BOOT_RUNS must be a positive number" >&2; exit 1 ;; esac

bash scripts/kernel.sh >/dev/null
if [ -f boot.toml ]; then
	IMG=build/initramfs.cpio.lz4
	what="the default image (boot.toml)"
	bash scripts/rootfs.sh >build/bench-rootfs.log 2>&1 || { cat build/bench-rootfs.log; exit 1; }
else
	IMG=build/qemu/boot-test.cpio.lz4
	what="the QEMU test image (tests/qemu/boot.toml: no ./boot.toml yet)"
	VYOMA_APPS="qemu-ctl tcp-echo qemu-win net-undeclared" VYOMA_BOOT_TOML=tests/qemu/boot.toml \
		VYOMA_INITRAMFS="$ROOT/$IMG" bash scripts/rootfs.sh >build/bench-rootfs.log 2>&1 ||
		{ cat build/bench-rootfs.log; exit 1; }
fi
raw=$(lz4 -d -c "$IMG" | wc -c)
echo "  image: $what"
printf '  %-34s %10d bytes\n' "kernel (build/bzImage)" "$(stat -c %s build/bzImage)"
printf '  %-34s %10d bytes (%s bytes unpacked)\n' "initramfs ($IMG)" "$(stat -c %s "$IMG")" "${raw:-?}"
sed -n 's/^rootfs: largest files.*/  largest files in the initramfs:/p; s/^    /      /p' build/bench-rootfs.log | head -7
# The test image with and without precompiled components (its apps print a
# line as soon as they run).
TAPPS="qemu-ctl tcp-echo qemu-win net-undeclared"
for pre in 1 0; do
	VYOMA_PRECOMPILE=$pre VYOMA_APPS="$TAPPS" VYOMA_BOOT_TOML=tests/qemu/boot.toml \
		VYOMA_INITRAMFS="$ROOT/build/qemu/bench-pre$pre.cpio.lz4" bash scripts/rootfs.sh \
		>build/bench-rootfs-pre.log 2>&1 || { cat build/bench-rootfs-pre.log; exit 1; }
done
python3 bench/boot_bench.py "$ROOT/$IMG" "$RUNS" --precompile \
	"$ROOT/build/qemu/bench-pre1.cpio.lz4" "$ROOT/build/qemu/bench-pre0.cpio.lz4"
