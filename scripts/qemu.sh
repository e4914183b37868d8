#!/usr/bin/env bash
# Boots VyomaOS in QEMU: build/bzImage + build/initramfs.cpio.lz4 on a q35
# machine with virtio-gpu, virtio keyboard/tablet, virtio-net (user mode,
# HTTP forwarded from the host), the host folder data/ over 9P and a QMP
# socket for tests and screenshots. KVM when it really works, TCG otherwise.
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
#   VYOMA_HTTP_PORT=P   host port forwarded to guest port 80 (default 8080)
#   VYOMA_HOSTFWD=R,..  more forwards, e.g. tcp:127.0.0.1:2323-:23
#   VYOMA_DATA=DIR      host folder shared as /data (default data/)
#   VYOMA_KERNEL, VYOMA_INITRAMFS   images (default build/bzImage, build/initramfs.cpio.lz4)
#   VYOMA_ACCEL=auto|kvm|tcg        (default auto: KVM if the probe passes)
#   VYOMA_MEM=1G  VYOMA_SMP=2       guest memory and CPUs
#   VYOMA_APPEND="..."  extra kernel command line
#   VYOMA_SERIAL=SPEC   serial backend (default mon:stdio)
#   VYOMA_DISK=FILE     a raw image as virtio-blk (/dev/vda)
#
# Other scripts reuse the argument list: `source scripts/qemu.sh` defines
# vyoma_qemu_args (fills the QEMU_ARGS array) without booting anything, and
# `scripts/qemu.sh --print-args` prints the command, one argument a line.
set -euo pipefail

VYOMA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QEMU=${QEMU:-qemu-system-x86_64}
# The guest address comes from the kernel (CONFIG_IP_PNP), so PID 1 needs no
# DHCP client or netlink code: QEMU user networking is 10.0.2.0/24 with the
# gateway at .2 and DNS at .3.
VYOMA_IP="ip=10.0.2.15::10.0.2.2:255.255.255.0:vyoma:eth0:off"

vyoma_qemu_die() { printf 'qemu: error: %s\n' "$*" >&2; exit 1; }

# Prints kvm or tcg. /dev/kvm can exist and still not run a guest (nested
# virtualisation without vmx/svm hangs in KVM_RUN), so the probe boots
# SeaBIOS with no boot device and a zero reboot timeout: it resets at once
# and -no-reboot makes QEMU exit 0. Anything else within 5 s means TCG. The
# answer is remembered per host boot in build/.kvm-probe.
vyoma_accel() {
	local want=${VYOMA_ACCEL:-auto} memo="$VYOMA_ROOT/build/.kvm-probe" boot_id result
	case $want in
	kvm | tcg) echo "$want"; return ;;
	auto) ;;
	*) vyoma_qemu_die "VYOMA_ACCEL must be auto, kvm or tcg, not '$want'" ;;
	esac
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo tcg
		return
	fi
	boot_id=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo unknown)
	if [ -f "$memo" ] && [ "$(cut -d' ' -f1 "$memo")" = "$boot_id" ]; then
		cut -d' ' -f2 "$memo"
		return
	fi
	result=tcg
	if timeout -k 1 5 "$QEMU" -accel kvm -machine q35 -cpu host -m 32 -nodefaults \
		-no-user-config -display none -no-reboot -boot strict=on,reboot-timeout=0 \
		</dev/null >/dev/null 2>&1; then
		result=kvm
	fi
	mkdir -p "$(dirname "$memo")"
	printf '%s %s\n' "$boot_id" "$result" >"$memo"
	echo "$result"
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

# Fills the QEMU_ARGS array (without the qemu binary itself); sets
# VYOMA_VNC_DISPLAY to the VNC display number when there is one.
vyoma_qemu_args() {
	local kernel=${VYOMA_KERNEL:-$VYOMA_ROOT/build/bzImage}
	local initrd=${VYOMA_INITRAMFS:-$VYOMA_ROOT/build/initramfs.cpio.lz4}
	local data=${VYOMA_DATA:-$VYOMA_ROOT/data}
	local qmp=${VYOMA_QMP:-$VYOMA_ROOT/build/qmp.sock}
	local port=${VYOMA_HTTP_PORT:-8080}
	local accel fwd r extra

	[ -f "$kernel" ] || vyoma_qemu_die "no kernel at $kernel (run 'make kernel')"
	[ -f "$initrd" ] || vyoma_qemu_die "no initramfs at $initrd (run 'make rootfs')"
	case $port in '' | *[!0-9]*) vyoma_qemu_die "VYOMA_HTTP_PORT must be a port number" ;; esac
	mkdir -p "$data" "$(dirname "$qmp")"
	# 9P paths with a comma would split QEMU's option string.
	case $data in *,*) vyoma_qemu_die "VYOMA_DATA must not contain a comma: $data" ;; esac

	accel=$(vyoma_accel)
	VYOMA_VNC_DISPLAY=
	QEMU_ARGS=(-name VyomaOS -machine q35 -m "${VYOMA_MEM:-1G}" -smp "${VYOMA_SMP:-2}"
		-nodefaults -no-user-config -no-reboot)
	if [ "$accel" = kvm ]; then
		QEMU_ARGS+=(-accel kvm -cpu host)
	else
		QEMU_ARGS+=(-accel tcg -cpu max)
	fi
	# Words after "--" are PID 1's arguments: the supervisor's cache of
	# precompiled components, which the image carries (scripts/rootfs.sh).
	local append="console=ttyS0 quiet panic=-1 $VYOMA_IP${VYOMA_APPEND:+ $VYOMA_APPEND}"
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

	fwd="hostfwd=tcp:127.0.0.1:$port-:80"
	if [ -n "${VYOMA_HOSTFWD:-}" ]; then
		IFS=, read -r -a extra <<<"$VYOMA_HOSTFWD"
		for r in "${extra[@]}"; do fwd+=",hostfwd=$r"; done
	fi
	QEMU_ARGS+=(-netdev "user,id=n0,$fwd" -device virtio-net-pci,netdev=n0)

	if [ -n "${VYOMA_DISK:-}" ]; then
		[ -f "$VYOMA_DISK" ] || vyoma_qemu_die "VYOMA_DISK $VYOMA_DISK does not exist"
		QEMU_ARGS+=(-drive "file=$VYOMA_DISK,if=virtio,format=raw")
	fi
}

vyoma_qemu_main() {
	command -v "$QEMU" >/dev/null || vyoma_qemu_die "$QEMU is not installed (run 'make deps')"
	vyoma_qemu_args
	if [ "${1:-}" = --print-args ]; then
		printf '%s\n' "$QEMU" "${QEMU_ARGS[@]}"
		return
	fi
	[ $# -eq 0 ] || vyoma_qemu_die "unknown argument '$1' (only --print-args)"
	local how=window
	if [ -z "${DISPLAY:-}" ] || [ "${HEADLESS:-0}" = 1 ]; then
		how="headless, no VNC (VYOMA_VNC=off)"
		[ -z "$VYOMA_VNC_DISPLAY" ] ||
			how="headless: the screen is on VNC at 127.0.0.1:$((5900 + VYOMA_VNC_DISPLAY)) (e.g. vncviewer 127.0.0.1:$VYOMA_VNC_DISPLAY)"
	fi
	printf 'qemu: %s, %s; Ctrl-A X quits, Ctrl-A C toggles the monitor\n' \
		"$(printf '%s\n' "${QEMU_ARGS[@]}" | grep -m1 -x -E 'kvm|tcg')" "$how" >&2
	exec "$QEMU" "${QEMU_ARGS[@]}"
}

# Sourced: only define the functions. Run: boot.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	vyoma_qemu_main "$@"
fi
