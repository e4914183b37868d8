#!/usr/bin/env bash
# Boots VyomaOS in QEMU: build/vmlinux + build/initramfs.cpio.lz4 on a q35
# machine with virtio-gpu, virtio keyboard/tablet, virtio-net (user mode,
# HTTP forwarded from the host), the host folder data/ over 9P and a QMP
# socket for tests and screenshots.
#
# KVM or TCG: KVM only when our own kernel, booted under KVM with the real
# machine and CPU flags, reaches the end of its boot within a budget (the
# probe, vyoma_accel below; the verdict is cached in build/.kvm-probe per
# host boot, kernel and QEMU). A guest that dies of a KVM internal error
# later anyway is booted again under TCG by itself. The first line printed
# says which and why, e.g.
#   qemu: TCG (KVM probe: guest died after 0.3 s: KVM internal error, emulation failure)
#   qemu: KVM (probe booted our kernel to its last console line in 0.4 s)
#
# Quitting: Ctrl-A X on the serial console (the terminal), closing the QEMU
# window, `quit` on the QMP socket, or the guest powering off (PID 1 calling
# reboot(RB_POWER_OFF)); a guest reboot or kernel panic also ends QEMU
# (-no-reboot, panic=-1). Ctrl-A C switches the terminal between the serial
# console and the QEMU monitor.
#
# Environment (all optional):
#   HEADLESS=1          no window even if $DISPLAY is set
#   VYOMA_VNC=N|auto|off  headless: serve the screen by VNC on 127.0.0.1:5900+N;
#                       auto (the default) takes the first free display from
#                       :0 and says which; off serves none (tests: the screen
#                       is still there for QMP screendump)
#   VYOMA_QMP=PATH      QMP socket (default build/qmp.sock)
#   VYOMA_HTTP_PORT=P   host port forwarded to guest port 8080, where apps/httpd
#                       listens (default 8080: http://127.0.0.1:8080)
#   VYOMA_HOSTFWD=R,..  more forwards, e.g. tcp:127.0.0.1:2323-:23
#   VYOMA_GUESTFWD=R    one guest-side forward, e.g. tcp:10.0.2.100:8000-cmd:CMD
#                       (tests/qemu/packages.py: the HTTP package repository)
#   VYOMA_NET_RESTRICT=1  restrict=on: the guest reaches no address but the
#                       forwards (not the host, not the outside)
#   VYOMA_DATA=DIR      host folder shared as /data (default data/)
#   VYOMA_STATE=DIR     host folder shared as /var/lib/vyoma: installed packages (default state/)
#   VYOMA_REPO=DIR      package repository shared read-only as /repo (default build/packages/)
#   VYOMA_KERNEL, VYOMA_INITRAMFS   images (default build/vmlinux, booted through
#                       its PVH entry, and build/initramfs.cpio.lz4; see
#                       vyoma_kernel). VYOMA_KERNEL=build/bzImage boots the same
#                       kernel compressed (it unpacks itself under emulation)
#   VYOMA_ACCEL=auto|kvm|tcg        (default auto: KVM if the probe passes; kvm or
#                       tcg: no probe and no fallback)
#   VYOMA_KVM_BUDGET=5  seconds the probe's kernel has to finish booting
#   VYOMA_KVM_GRACE=60  a KVM guest dying within this many seconds of the
#                       start is booted again under TCG (later: QEMU stops)
#   VYOMA_MEM=1G  VYOMA_SMP=2       guest memory and CPUs
#   VYOMA_APPEND="..."  extra kernel command line
#   VYOMA_TCG_FAST=0    under TCG, boot without the calibration-skipping options
#                       (vyoma_tcg_boot_args; make bench compares)
#   VYOMA_DEV_FAST=0    boot without the device options of vyoma_dev_boot_args
#                       (make bench compares)
#   VYOMA_LATE_CPUS=0   under TCG, boot with every CPU online (default 1: the
#                       kernel starts one, PID 1 the others once the system is
#                       ready; vyoma_cpu_boot_args, make bench compares)
#   VYOMA_FIRMWARE=qboot|seabios  the firmware (default qboot: see vyoma_firmware_args)
#   VYOMA_SERIAL=SPEC   serial backend (default mon:stdio)
#   VYOMA_DISK=FILE     a raw image as virtio-blk (/dev/vda)
#
# Other scripts reuse the argument list: `source scripts/qemu.sh` defines
# vyoma_qemu_args (fills the QEMU_ARGS array) without booting anything,
# `scripts/qemu.sh --print-args` prints the command, one argument a line,
# and `scripts/qemu.sh --accel` prints only the decision (kvm or tcg), each
# with the line saying which and why on stderr.
set -euo pipefail

VYOMA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QEMU=${QEMU:-qemu-system-x86_64}
# The guest address comes from the kernel (CONFIG_IP_PNP), so PID 1 needs no
# DHCP client or netlink code: QEMU user networking is 10.0.2.0/24 with the
# gateway at .2 and DNS at .3.
VYOMA_IP="ip=10.0.2.15::10.0.2.2:255.255.255.0:vyoma:eth0:off"

vyoma_qemu_die() { printf 'qemu: error: %s\n' "$*" >&2; exit 1; }

# The kernel QEMU boots. By default build/vmlinux: the uncompressed ELF that
# scripts/kernel.sh keeps beside build/bzImage (the same build). QEMU loads
# its segments itself and, finding the PVH note, has the firmware enter the
# kernel at its PVH entry (32-bit protected mode): no real-mode setup and no
# decompression, which under TCG is emulated (the bzImage's zstd payload,
# 14 MB unpacked). The file is 14 MB where the bzImage is 2.5 MB:
# docs/kernel.md "Sizes".
vyoma_kernel() {
	printf '%s\n' "${VYOMA_KERNEL:-$VYOMA_ROOT/build/vmlinux}"
}

# ---- KVM or TCG ------------------------------------------------------------
# vyoma_accel decides and sets VYOMA_ACCEL_USED (kvm or tcg) and
# VYOMA_ACCEL_WHY (the reason, for the launcher's first line).
#
# /dev/kvm can exist and still not run our guest: here (nested
# virtualisation) a firmware-only probe passes, then our kernel crawls (no
# console line; still decompressing after 8 s) and 25-30 s in dies with
# "KVM internal error. Suberror: 1 ... emulation failure"; on other hosts
# KVM_RUN may hang. So the probe boots what the real boot boots,
# our own kernel (VYOMA_KERNEL), with the same accelerator, machine, CPU
# model, memory and CPUs (-accel kvm -machine q35 -cpu host), but with no
# initramfs and no devices: the kernel runs its whole boot (decompression,
# every CPU brought up, PCI, drivers, the console) and then panics for want
# of a root file system. That "Kernel panic - not syncing" line on ttyS0 is
# late enough to prove the guest really runs, and quick: with panic=-1 the
# kernel resets at once and -no-reboot makes QEMU exit (1.1 s from QEMU's
# start even under TCG on the 2-core build machine). quiet keeps the console short (under nested KVM each byte
# written to the UART is an exit to QEMU); the panic prints at any loglevel.
# Verdicts: the panic line within VYOMA_KVM_BUDGET seconds (default 5): KVM.
# "KVM internal error" on QEMU's stderr (QEMU then pauses the guest, it does
# not exit, so we look while it runs): TCG at once. Nothing by the budget (a
# stall), another exit, or no panic line: TCG. The verdict and its reason
# are remembered in build/.kvm-probe keyed by the host's boot id, the
# kernel's SHA-256 and QEMU's version; the probe's console and stderr are
# kept in build/kvm-probe.log.
#
# A guest can still die later, in code the probe does not run (user space).
# vyoma_qemu_main watches QEMU's stderr when it chose KVM by itself and, on
# a KVM internal error, boots again under TCG and remembers that instead.
KVM_DEV=${VYOMA_KVM_DEV:-/dev/kvm} # tests point it at a file
KVM_PANIC_RE='Kernel panic - not syncing'
KVM_ERROR_RE='KVM internal error'

vyoma_usec() { # microseconds, monotonic enough for a budget of seconds
	local t=$EPOCHREALTIME
	echo $((10#${t//[!0-9]/}))
}

vyoma_secs() { # USEC -> "0.4"
	printf '%d.%d' $(($1 / 1000000)) $(($1 / 100000 % 10))
}

# "KVM internal error. Suberror: N" -> what N means (linux/kvm.h).
vyoma_kvm_error() { # STDERR_FILE
	local sub
	sub=$(sed -n 's/.*KVM internal error\. Suberror: \([0-9]*\).*/\1/p' "$1" | head -n1)
	case $sub in
	1) echo "KVM internal error, emulation failure" ;;
	2) echo "KVM internal error, simultaneous exceptions" ;;
	3) echo "KVM internal error, failure delivering an event" ;;
	4) echo "KVM internal error, unexpected exit" ;;
	*) echo "KVM internal error${sub:+ (suberror $sub)}" ;;
	esac
}

# PID: SIGTERM (QEMU exits cleanly, restoring the terminal), then SIGKILL
# to PID's process group and PID. The probe's PID is timeout(1), which leads
# a group of its own holding QEMU: killing timeout alone would leave a QEMU
# that ignored the SIGTERM running (timeout's own -k and our second here
# race on a loaded machine).
vyoma_stop_pid() {
	local i
	kill -TERM "$1" 2>/dev/null || return 0
	for i in $(seq 20); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.05
	done
	kill -KILL -- "-$1" 2>/dev/null || true
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# Fills PROBE_ARGS: the probe's QEMU arguments but the accelerator and CPU
# model (tests/qemu/boot_smoke.sh boots them under TCG: the kernel must
# print KVM_PANIC_RE there too, or no probe could ever pass).
vyoma_probe_args() { # KERNEL CONSOLE_FILE
	vyoma_firmware_args
	PROBE_ARGS=(-machine q35 "${FW_ARGS[@]}" -m "${VYOMA_MEM:-1G}" -smp "${VYOMA_SMP:-2}" -nodefaults
		-no-user-config -display none -no-reboot -serial "file:$2"
		-kernel "$1" -append "console=ttyS0 quiet panic=-1")
}

# Boots KERNEL under KVM (see above); sets VYOMA_ACCEL_USED and VYOMA_ACCEL_WHY.
vyoma_kvm_probe() { # KERNEL
	local kernel=$1 budget=${VYOMA_KVM_BUDGET:-5} dir pid rc= t0 el=0 first last
	case $budget in '' | *[!0-9]* | 0) vyoma_qemu_die "VYOMA_KVM_BUDGET must be a number of seconds, not '$budget'" ;; esac
	dir=$(mktemp -d "${TMPDIR:-/tmp}/vyoma-kvm-probe.XXXXXX")
	# Both exist before QEMU starts: the loop below reads them at once.
	: >"$dir/console"
	: >"$dir/err"
	t0=$(vyoma_usec)
	vyoma_probe_args "$kernel" "$dir/console"
	# timeout: should this shell be killed mid-probe, QEMU still ends soon.
	timeout -k 1 $((budget + 5)) "$QEMU" -accel kvm -cpu host "${PROBE_ARGS[@]}" \
		</dev/null >/dev/null 2>"$dir/err" &
	pid=$!
	while :; do
		el=$(($(vyoma_usec) - t0))
		if ! kill -0 "$pid" 2>/dev/null; then
			wait "$pid" && rc=0 || rc=$?
			break
		fi
		grep -q "$KVM_ERROR_RE" "$dir/err" && break
		[ "$el" -lt $((budget * 1000000)) ] || break
		sleep 0.05
	done
	[ -n "$rc" ] || vyoma_stop_pid "$pid"
	mkdir -p "$VYOMA_ROOT/build"
	{
		echo "== KVM probe: $QEMU -accel kvm -machine q35 -cpu host, $kernel; $(vyoma_secs "$el") s, exit ${rc:-killed}"
		echo "== console (ttyS0)"
		cat "$dir/console"
		echo "== QEMU stderr"
		cat "$dir/err"
	} >"$VYOMA_ROOT/build/kvm-probe.log"
	VYOMA_ACCEL_USED=tcg
	if grep -q "$KVM_PANIC_RE" "$dir/console"; then
		VYOMA_ACCEL_USED=kvm
		VYOMA_ACCEL_WHY="probe booted our kernel to its last console line in $(vyoma_secs "$el") s"
	elif grep -q "$KVM_ERROR_RE" "$dir/err"; then
		VYOMA_ACCEL_WHY="KVM probe: guest died after $(vyoma_secs "$el") s: $(vyoma_kvm_error "$dir/err")"
	elif [ -z "$rc" ]; then
		last=$(grep -a . "$dir/console" | tail -n1 | tr -d '\r' | cut -c1-80 || true)
		VYOMA_ACCEL_WHY="KVM probe: guest stalled: our kernel did not finish booting within $budget s"
		VYOMA_ACCEL_WHY+=" (${last:+its last console line: }${last:-no console output})"
	else
		first=$(grep -m1 . "$dir/err" || true)
		VYOMA_ACCEL_WHY="KVM probe: QEMU exited with status $rc after $(vyoma_secs "$el") s before our kernel finished booting${first:+: $first}"
	fi
	rm -rf "$dir"
}

vyoma_kvm_key() { # KERNEL -> what the verdict depends on, one word
	local boot_id sum ver
	boot_id=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo unknown)
	sum=$(sha256sum <"$1" | cut -c1-16)
	ver=$("$QEMU" --version 2>/dev/null | sed -n '1s/.*version \([^ ]*\).*/\1/p')
	echo "boot=$boot_id,kernel=$sum,qemu=${ver:-unknown}"
}

vyoma_kvm_remember() { # KEY: writes the current verdict to build/.kvm-probe
	local memo="$VYOMA_ROOT/build/.kvm-probe"
	mkdir -p "$(dirname "$memo")"
	printf '%s\t%s\t%s\n' "$1" "$VYOMA_ACCEL_USED" "$VYOMA_ACCEL_WHY" >"$memo.$$"
	mv -f "$memo.$$" "$memo"
}

vyoma_accel() {
	local want=${VYOMA_ACCEL:-auto} kernel
	kernel=$(vyoma_kernel)
	local memo="$VYOMA_ROOT/build/.kvm-probe" key k v why
	case $want in
	kvm | tcg)
		VYOMA_ACCEL_USED=$want VYOMA_ACCEL_WHY="VYOMA_ACCEL=$want"
		return
		;;
	auto) ;;
	*) vyoma_qemu_die "VYOMA_ACCEL must be auto, kvm or tcg, not '$want'" ;;
	esac
	VYOMA_ACCEL_USED=tcg
	if [ ! -e "$KVM_DEV" ]; then
		VYOMA_ACCEL_WHY="no $KVM_DEV"
		return
	fi
	if [ ! -r "$KVM_DEV" ] || [ ! -w "$KVM_DEV" ]; then
		VYOMA_ACCEL_WHY="$KVM_DEV is not readable and writable by $(id -un) (group kvm?)"
		return
	fi
	[ -f "$kernel" ] || vyoma_qemu_die "no kernel at $kernel (run 'make kernel')"
	key=$(vyoma_kvm_key "$kernel")
	if [ -f "$memo" ] && IFS=$'\t' read -r k v why <"$memo" && [ "$k" = "$key" ] &&
		{ [ "$v" = kvm ] || [ "$v" = tcg ]; } && [ -n "$why" ]; then
		VYOMA_ACCEL_USED=$v VYOMA_ACCEL_WHY="$why; cached for this host boot"
		return
	fi
	vyoma_kvm_probe "$kernel"
	vyoma_kvm_remember "$key"
}

vyoma_accel_line() { # the launcher's first line
	local name=TCG
	[ "$VYOMA_ACCEL_USED" = kvm ] && name=KVM
	printf 'qemu: %s (%s)\n' "$name" "$VYOMA_ACCEL_WHY" >&2
}

# Prints the first VNC display number (0..99) whose port 5900+N nobody
# listens on at 127.0.0.1.
vyoma_free_vnc() {
	local n
	for n in $(seq 0 99); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$((5900 + n))") 2>/dev/null; then
			echo "$n"
			return
		fi
	done
	vyoma_qemu_die "no free VNC port in 5900-5999 (set VYOMA_VNC=off or a display number)"
}

# Kernel options that take the guesswork out of a TCG boot (bench/boot_bench.py
# prints where the time goes). Under TCG (-cpu max, an AMD family 0xf model
# without an invariant TSC or a TSC-deadline timer) the kernel otherwise
# spends about 0.2 s calibrating the local APIC timer only to find it fails
# its check ("APIC timer disabled due to verification failure": the ticks
# then come from the HPET anyway), and about 0.15 s bringing up the second
# CPU, most of it calibrating that CPU's delay loop (the first CPU's value
# comes from the TSC), a 10 ms INIT wait meant for old hardware, and a
# TSC synchronisation test. So, under TCG only (under KVM the APIC timer is
# the TSC-deadline timer, nothing is calibrated):
#   noapictimer        no APIC timer calibration: the HPET broadcasts ticks, as it
#                      did after the failed check
#   lpj=N              the delay loop preset for every CPU: TCG's TSC runs at the
#                      host's, so N = host MHz * 10^6 / the kernel's HZ
#   tsc=reliable       no TSC sync test and no clocksource watchdog (one clock)
#   no_timer_check     no IO-APIC timer IRQ test
#   cpu_init_udelay=0  no 10 ms wait after INIT
#   nogbpages          the kernel's direct map in 2 MiB pages, not 1 GiB: write-
#                      protecting the alias of the kernel's read-only data splits
#                      the large page around it, and deciding to split one checks
#                      the protections of each 4 KiB page in it (262,144 for
#                      1 GiB, 512 for 2 MiB): 0.2 s under TCG between the last
#                      initcall and /init. Protections unchanged (rodata=noalias,
#                      which skips the alias, would save the same and weaken them)
vyoma_tcg_boot_args() { # KERNEL
	local mhz hz cfg
	cfg="$(dirname "$1")/kernel.config"
	hz=$(sed -n 's/^CONFIG_HZ=\([0-9]*\)$/\1/p' "$cfg" 2>/dev/null || true)
	mhz=$(sed -n 's/^cpu MHz[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p' /proc/cpuinfo 2>/dev/null | head -n1)
	printf 'noapictimer tsc=reliable no_timer_check cpu_init_udelay=0 nogbpages'
	case $mhz in '' | *[!0-9]* | 0) ;; *) printf ' lpj=%d' $((mhz * 1000000 / ${hz:-250})) ;; esac
	printf '\n'
}

# Kernel options for devices (bench/boot_bench.py prints where the time
# goes; docs/perf.md "Boot"). The 8250 driver otherwise registers and probes
# four legacy UARTs, three of them absent, in an initcall /init waits for:
# serial8250_init took 56-100 ms under TCG, 16-71 ms with one (initcall_debug,
# alternated boots at load 8).
#   8250.nr_uarts=1     ttyS0 only, the console
vyoma_dev_boot_args() {
	printf '8250.nr_uarts=1\n'
}

# One CPU at boot under TCG, the others brought online by PID 1 once the
# system is ready (supervisor/svc/cpuup.c; docs/kernel.md "One CPU at
# boot"). Under emulation the second CPU costs the boot more than it gives:
# the kernel brings it up before the initcalls (0.1-0.2 s), stop_machine
# and every TLB flush then wait for both vCPUs, and the four boot runners
# gain little from a second vCPU on a host whose CPUs QEMU shares. The
# machine keeps its CPUs (-smp is unchanged): after readiness the scheduler
# has them all, and PID 1 brings them up at once for a boot list longer
# than one CPU starts at a time.
#   maxcpus=1       only the boot CPU is started; the rest stay present and
#                   offline until written online (CONFIG_HOTPLUG_CPU)
#   noreplace-smp   the kernel keeps its SMP instructions (lock prefixes)
#                   while one CPU runs instead of patching them out and back
#                   in when the next comes up: patching back rewrites code
#                   QEMU has translated, which took the CPU's bring-up after
#                   readiness 0.5-1.8 s instead of 0.7-1.1 s at load 7
#                   (verbose boots; readiness unchanged within the noise)
vyoma_cpu_boot_args() {
	[ "${VYOMA_LATE_CPUS:-1}" = 0 ] || [ "${VYOMA_SMP:-2}" = 1 ] || printf 'maxcpus=1 noreplace-smp\n'
}

# Fills FW_ARGS: the firmware. qboot (Debian's qemu-system-data), not
# SeaBIOS: it loads the kernel, the initramfs and QEMU's ACPI tables from
# fw_cfg and jumps to the kernel, with no boot menu, no option ROMs and no
# disk probing. Under TCG the kernel started 0.1-1.4 s sooner (medians of
# three rounds of alternated boots on the shared machine at load 12-17:
# bench/boot_ab.py, docs/perf.md "Boot"; make bench compares again). Same
# q35 machine, same devices, same ACPI (the power button of
# tests/qemu/powerdown.py). VYOMA_FIRMWARE=seabios boots QEMU's default.
vyoma_firmware_args() {
	case ${VYOMA_FIRMWARE:-qboot} in
	qboot) FW_ARGS=(-bios qboot.rom) ;;
	seabios) FW_ARGS=() ;;
	*) vyoma_qemu_die "VYOMA_FIRMWARE must be qboot or seabios, not '$VYOMA_FIRMWARE'" ;;
	esac
}

# Fills the QEMU_ARGS array (without the qemu binary itself); sets
# VYOMA_VNC_DISPLAY to the VNC display number when there is one.
vyoma_qemu_args() {
	local kernel
	kernel=$(vyoma_kernel)
	local initrd=${VYOMA_INITRAMFS:-$VYOMA_ROOT/build/initramfs.cpio.lz4}
	local data=${VYOMA_DATA:-$VYOMA_ROOT/data}
	local state=${VYOMA_STATE:-$VYOMA_ROOT/state}
	local repo=${VYOMA_REPO:-$VYOMA_ROOT/build/packages}
	local qmp=${VYOMA_QMP:-$VYOMA_ROOT/build/qmp.sock}
	local port=${VYOMA_HTTP_PORT:-8080}
	local fwd r extra

	[ -f "$kernel" ] || vyoma_qemu_die "no kernel at $kernel (run 'make kernel')"
	[ -f "$initrd" ] || vyoma_qemu_die "no initramfs at $initrd (run 'make rootfs')"
	case $port in '' | *[!0-9]*) vyoma_qemu_die "VYOMA_HTTP_PORT must be a port number" ;; esac
	mkdir -p "$data" "$state" "$(dirname "$qmp")"
	# 9P paths with a comma would split QEMU's option string.
	case $data$state$repo in *,*) vyoma_qemu_die "VYOMA_DATA, VYOMA_STATE and VYOMA_REPO must not contain a comma" ;; esac

	# Decided once per run: vyoma_qemu_main's fallback sets tcg and calls again.
	[ -n "${VYOMA_ACCEL_USED:-}" ] || vyoma_accel
	VYOMA_VNC_DISPLAY=
	QEMU_ARGS=(-name VyomaOS -machine q35 -m "${VYOMA_MEM:-1G}" -smp "${VYOMA_SMP:-2}"
		-nodefaults -no-user-config -no-reboot)
	vyoma_firmware_args
	QEMU_ARGS+=("${FW_ARGS[@]}")
	local fast= dev= cpus=
	[ "${VYOMA_DEV_FAST:-1}" = 0 ] || dev=$(vyoma_dev_boot_args)
	if [ "$VYOMA_ACCEL_USED" = kvm ]; then
		QEMU_ARGS+=(-accel kvm -cpu host)
	else
		QEMU_ARGS+=(-accel tcg -cpu max)
		[ "${VYOMA_TCG_FAST:-1}" = 0 ] || fast=$(vyoma_tcg_boot_args "$kernel")
		cpus=$(vyoma_cpu_boot_args)
	fi
	# Words after "--" are PID 1's arguments: the supervisor's cache of
	# precompiled components, which the image carries (scripts/rootfs.sh).
	local append="console=ttyS0 quiet panic=-1 $VYOMA_IP${dev:+ $dev}${fast:+ $fast}${cpus:+ $cpus}${VYOMA_APPEND:+ $VYOMA_APPEND}"
	append+=" -- --cache /var/cache/vyoma"
	QEMU_ARGS+=(-kernel "$kernel" -initrd "$initrd" -append "$append")

	# Screen: virtio-gpu only, so QMP screendump and VNC show what PID 1 draws.
	QEMU_ARGS+=(-vga none -device virtio-gpu-pci,id=gpu0)
	if [ -n "${DISPLAY:-}" ] && [ "${HEADLESS:-0}" != 1 ]; then
		QEMU_ARGS+=(-display gtk)
	else
		QEMU_ARGS+=(-display none)
		case ${VYOMA_VNC:-auto} in
		off) ;;
		auto) VYOMA_VNC_DISPLAY=$(vyoma_free_vnc) ;;
		'' | *[!0-9]*) vyoma_qemu_die "VYOMA_VNC must be a display number, auto or off" ;;
		*) VYOMA_VNC_DISPLAY=$VYOMA_VNC ;;
		esac
		[ -z "$VYOMA_VNC_DISPLAY" ] || QEMU_ARGS+=(-vnc "127.0.0.1:$VYOMA_VNC_DISPLAY")
	fi
	QEMU_ARGS+=(-device virtio-keyboard-pci -device virtio-tablet-pci
		-device virtio-rng-pci)

	# Serial console on the terminal, multiplexed with the monitor (Ctrl-A C).
	QEMU_ARGS+=(-serial "${VYOMA_SERIAL:-mon:stdio}" -monitor none
		-qmp "unix:$qmp,server=on,wait=off")

	# Host folder as the 9P tag "data", mounted by PID 1 at /data.
	QEMU_ARGS+=(-fsdev "local,id=data,path=$data,security_model=none"
		-device virtio-9p-pci,fsdev=data,mount_tag=data)
	# What the system keeps (installed packages) as "state" at
	# /var/lib/vyoma, and the package repository, read-only, as "packages"
	# at /repo (docs/packages.md).
	QEMU_ARGS+=(-fsdev "local,id=state,path=$state,security_model=none"
		-device virtio-9p-pci,fsdev=state,mount_tag=state)
	if [ -d "$repo" ]; then
		QEMU_ARGS+=(-fsdev "local,id=packages,path=$repo,security_model=none,readonly=on"
			-device virtio-9p-pci,fsdev=packages,mount_tag=packages)
	fi

	fwd="hostfwd=tcp:127.0.0.1:$port-:8080"
	if [ -n "${VYOMA_HOSTFWD:-}" ]; then
		IFS=, read -r -a extra <<<"$VYOMA_HOSTFWD"
		for r in "${extra[@]}"; do fwd+=",hostfwd=$r"; done
	fi
	[ -z "${VYOMA_GUESTFWD:-}" ] || fwd+=",guestfwd=$VYOMA_GUESTFWD"
	[ "${VYOMA_NET_RESTRICT:-0}" = 0 ] || fwd+=",restrict=on"
	# romfile=: no PXE option ROM (the kernel comes from -kernel, and
	# qboot runs no option ROMs anyway).
	QEMU_ARGS+=(-netdev "user,id=n0,$fwd" -device virtio-net-pci,netdev=n0,romfile=)

	if [ -n "${VYOMA_DISK:-}" ]; then
		[ -f "$VYOMA_DISK" ] || vyoma_qemu_die "VYOMA_DISK $VYOMA_DISK does not exist"
		QEMU_ARGS+=(-drive "file=$VYOMA_DISK,if=virtio,format=raw")
	fi
}

# Copies QEMU's stderr (on stdin) to ours until a line says "KVM internal
# error"; then writes the time since T0 (microseconds) to DIR/died, sends
# that line and the register dump after it to build/kvm-error.log instead of
# the terminal, and stops QEMU (it would only pause the guest). QEMU writes
# the dump a line at a time: it is stopped once no line has come for half a
# second, so the log has the whole report.
vyoma_watch_stderr() { # QEMU_PID DIR T0
	local line log="$VYOMA_ROOT/build/kvm-error.log"
	while IFS= read -r line; do
		if [[ $line == *"$KVM_ERROR_RE"* ]]; then
			printf '%s\n' "$line" >"$log"
			echo $(($(vyoma_usec) - $3)) >"$2/died.tmp"
			mv "$2/died.tmp" "$2/died"
			while IFS= read -r -t 0.5 line; do printf '%s\n' "$line" >>"$log"; done
			kill -TERM "$1" 2>/dev/null || true
			cat >>"$log"
			return 0
		fi
		printf '%s\n' "$line" >&2
	done
}

# Runs QEMU_ARGS under KVM with QEMU's stderr watched. Returns QEMU's exit
# status when the guest did not die of a KVM internal error. When it did, the
# verdict becomes TCG (remembered like the probe's) and: within
# VYOMA_KVM_GRACE seconds of the start (default 60) it returns 200, for the
# caller to boot again under TCG; later (someone may have been using the
# system) it says so and exits 1.
vyoma_run_watched() {
	local grace=${VYOMA_KVM_GRACE:-60} dir pid wpid rc=0 tty= t0 el kernel
	kernel=$(vyoma_kernel)
	case $grace in '' | *[!0-9]*) vyoma_qemu_die "VYOMA_KVM_GRACE must be a number of seconds, not '$grace'" ;; esac
	dir=$(mktemp -d "${TMPDIR:-/tmp}/vyoma-run.XXXXXX")
	mkfifo "$dir/err"
	if [ -t 0 ]; then tty=$(stty -g 2>/dev/null || true); fi
	# Ctrl-C on the serial console goes to the guest; a SIGINT to the process
	# group (e.g. Ctrl-C with VYOMA_SERIAL elsewhere) ends QEMU, and this
	# shell waits for it instead of dying first and leaving it behind.
	trap '' INT QUIT
	t0=$(vyoma_usec)
	# A background job's stdin would be /dev/null: hand it the terminal.
	"$QEMU" "${QEMU_ARGS[@]}" <&0 2>"$dir/err" &
	pid=$!
	vyoma_watch_stderr "$pid" "$dir" "$t0" <"$dir/err" &
	wpid=$!
	wait "$pid" || rc=$?
	wait "$wpid" || true
	trap - INT QUIT
	[ -z "$tty" ] || stty "$tty" 2>/dev/null || true
	if [ ! -f "$dir/died" ]; then
		rm -rf "$dir"
		return "$rc"
	fi
	el=$(cat "$dir/died")
	rm -rf "$dir"
	VYOMA_ACCEL_USED=tcg
	VYOMA_ACCEL_WHY="a KVM guest of make run died after $(vyoma_secs "$el") s: $(vyoma_kvm_error "$VYOMA_ROOT/build/kvm-error.log")"
	vyoma_kvm_remember "$(vyoma_kvm_key "$kernel")"
	if [ "$el" -lt $((grace * 1000000)) ]; then
		printf '\nqemu: the KVM guest died after %s s (%s; QEMU'"'"'s report: build/kvm-error.log): booting again under TCG\n' \
			"$(vyoma_secs "$el")" "$(vyoma_kvm_error "$VYOMA_ROOT/build/kvm-error.log")" >&2
		return 200
	fi
	printf '\nqemu: the KVM guest died after %s s (%s; QEMU'"'"'s report: build/kvm-error.log); QEMU stopped. The next make run uses TCG.\n' \
		"$(vyoma_secs "$el")" "$(vyoma_kvm_error "$VYOMA_ROOT/build/kvm-error.log")" >&2
	exit 1
}

vyoma_qemu_main() {
	command -v "$QEMU" >/dev/null || vyoma_qemu_die "$QEMU is not installed (run 'make deps')"
	case ${1:-} in
	'' | --print-args) ;;
	--accel)
		# only the decision: kvm or tcg on stdout, the reason on stderr
		vyoma_accel
		vyoma_accel_line
		echo "$VYOMA_ACCEL_USED"
		return
		;;
	*) vyoma_qemu_die "unknown argument '$1' (only --print-args or --accel)" ;;
	esac
	[ $# -le 1 ] || vyoma_qemu_die "unknown argument '$2'"
	vyoma_qemu_args
	vyoma_accel_line
	if [ "${1:-}" = --print-args ]; then
		printf '%s\n' "$QEMU" "${QEMU_ARGS[@]}"
		return
	fi
	local how="the screen is in a QEMU window"
	if [ -z "${DISPLAY:-}" ] || [ "${HEADLESS:-0}" = 1 ]; then
		how="headless, no VNC (VYOMA_VNC=off)"
		[ -z "$VYOMA_VNC_DISPLAY" ] ||
			how="headless: the screen is on VNC at 127.0.0.1:$((5900 + VYOMA_VNC_DISPLAY)) (e.g. vncviewer 127.0.0.1:$VYOMA_VNC_DISPLAY)"
	fi
	printf 'qemu: %s; Ctrl-A X quits, Ctrl-A C toggles the monitor\n' "$how" >&2
	# KVM chosen by the probe: watch for the guest dying of it after all.
	if [ "$VYOMA_ACCEL_USED" = kvm ] && [ "${VYOMA_ACCEL:-auto}" = auto ]; then
		local rc=0
		vyoma_run_watched || rc=$?
		[ "$rc" = 200 ] || exit "$rc"
		vyoma_qemu_args
		vyoma_accel_line
	fi
	exec "$QEMU" "${QEMU_ARGS[@]}"
}

# Sourced: only define the functions. Run: boot.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	vyoma_qemu_main "$@"
fi
