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
printf '  %-34s %10d bytes   spec 2.3 MB   target <= 3 MB (%s)\n' "kernel (build/bzImage)" \
	"$(stat -c %s build/bzImage)" "$(sed -n 's/^CONFIG_KERNEL_\([A-Z0-9]*\)=y/\1/p' build/kernel.config | tr A-Z a-z)"
# What QEMU really loads (scripts/qemu.sh, vyoma_kernel): the same kernel
# uncompressed, through its PVH entry.
booted=$(source scripts/qemu.sh && vyoma_kernel)
printf '  %-34s %10d bytes   the file QEMU boots (%s)\n' "kernel booted (${booted#"$ROOT"/})" \
	"$(stat -c %s "$booted")" "$(case $booted in *bzImage) echo compressed ;; *) echo 'uncompressed ELF, PVH entry' ;; esac)"
printf '  %-34s %10d bytes   spec 18 MB    target <= 8 MB (%s bytes unpacked)\n' "initramfs ($IMG)" \
	"$(stat -c %s "$IMG")" "${raw:-?}"
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
# Many apps at once in the guest (BENCH_GUEST_APPS, default 1000; 0: skipped).
# Under TCG this is minutes: every runner starts under emulation.
if [ "${BENCH_GUEST_APPS:-1000}" != 0 ]; then
	echo "  ${BENCH_GUEST_APPS:-1000} apps at once in the guest (bench/many_guest.py):"
	python3 bench/many_guest.py | sed 's/^/  /'
fi
