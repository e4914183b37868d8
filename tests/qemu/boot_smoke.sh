#!/usr/bin/env bash
# QEMU boot smoke test: boots the kernel with tests/qemu/testinit.c as PID 1
# (headless, KVM if it works, else TCG), and checks from the host that the
# init's banner appears, each of its checks passed (devtmpfs, proc, sysfs,
# 9P, /dev/fb0, /dev/dri/card0, input devices, network, Wasmtime apps), the
# screen it paints shows up in a QMP screendump of the virtio-gpu device, the
# file it wrote shows up in data/, the kernel did not panic and QEMU exited 0
# on the guest's power-off. Also checks that the initramfs build is
# reproducible. Prints the boot time and "N passed, N failed"; exits non-zero
# on any failure. The serial log is kept in build/qemu/boot_smoke.log.
#
#   SMOKE_TIMEOUT=secs     whole QEMU run (default 180)
#   SMOKE_BOOT_BUDGET=secs banner must appear within this (default 60)
#   VYOMA_ACCEL=tcg        force emulation (default auto, see scripts/qemu.sh)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
W="$ROOT/build/qemu"
LOG="$W/boot_smoke.log"
TIMEOUT=${SMOKE_TIMEOUT:-180}
BUDGET=${SMOKE_BOOT_BUDGET:-60}
BANNER='VYOMA-TESTINIT: PID 1 is alive'
mkdir -p "$W"

passed=0 failed=0
pass() { passed=$((passed + 1)); printf 'PASS %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }
finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	exit $((failed > 0))
}

# ---- images -------------------------------------------------------------------
bash scripts/kernel.sh >/dev/null || { fail "kernel build (scripts/kernel.sh)"; finish; }
pass "kernel: build/bzImage $(stat -c %s build/bzImage) bytes"

# The smoke image: test init, the runner and the apps its probes use when
# they are built. Built twice to prove the archive is reproducible.
SMOKE_APPS=
for a in hello trap memhog; do
	[ -f "build/apps/$a/vyoma.toml" ] && SMOKE_APPS+="$a "
done
smoke_image() { # OUTPUT
	VYOMA_INIT=test VYOMA_APPS="$SMOKE_APPS" VYOMA_INITRAMFS="$1" bash scripts/rootfs.sh >"$1.log" 2>&1 ||
		{ cat "$1.log"; return 1; }
}
IMG="$W/smoke.cpio.zst"
if ! smoke_image "$IMG" || ! smoke_image "$W/smoke2.cpio.zst"; then
	fail "initramfs build (scripts/rootfs.sh)"
	finish
fi
sha1=$(sha256sum <"$IMG" | cut -d' ' -f1)
sha2=$(sha256sum <"$W/smoke2.cpio.zst" | cut -d' ' -f1)
rm -rf "$W/smoke2.cpio.zst" "$W/smoke2.cpio.zst".*
if [ "$sha1" = "$sha2" ]; then
	pass "initramfs reproducible: two builds have sha256 ${sha1:0:16}..., $(stat -c %s "$IMG") bytes"
else
	fail "initramfs differs between two builds ($sha1 vs $sha2)"
fi

# screendump QMP_SOCKET OUT.ppm: dumps the virtio-gpu screen (device gpu0,
# see scripts/qemu.sh) until its centre pixel has the init's colour (the
# fbdev emulation flushes asynchronously); prints "WxH centre #rrggbb".
screendump() {
	python3 - "$1" "$2" <<'EOF'
import json, socket, sys, time
sock, out = sys.argv[1], sys.argv[2]
want = (0x33, 0x66, 0x99)  # VYOMA_TESTINIT_RGB in testinit.c
s = socket.socket(socket.AF_UNIX)
s.settimeout(10)
s.connect(sock)
f = s.makefile("rw")
def cmd(name, **args):
    f.write(json.dumps({"execute": name, "arguments": args}) + "\n")
    f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            return r
f.readline()  # greeting
cmd("qmp_capabilities")
for _ in range(20):
    r = cmd("screendump", filename=out, device="gpu0")
    if "error" in r:
        sys.exit(f"screendump: {r['error'].get('desc')}")
    with open(out, "rb") as img:  # binary PPM: P6, width height, maxval
        img.readline()
        w, h = map(int, img.readline().split())
        img.readline()
        img.seek(3 * (w * (h // 2) + w // 2), 1)
        got = tuple(img.read(3))
    if got == want:
        break
    time.sleep(0.25)
print(f"{w}x{h} centre #{got[0]:02x}{got[1]:02x}{got[2]:02x}")
sys.exit(0 if got == want else 1)
EOF
}

# ---- boot -----------------------------------------------------------------------
token="$$-$RANDOM-$(date +%s)"
rm -f data/boot_smoke.txt
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck source=../../scripts/qemu.sh
source scripts/qemu.sh
HEADLESS=1 VYOMA_SERIAL=stdio VYOMA_INITRAMFS="$IMG" VYOMA_QMP="$W/smoke-qmp.sock" \
	VYOMA_HTTP_PORT=$port VYOMA_APPEND="VYOMA_SMOKE=$token" vyoma_qemu_args
accel=$(vyoma_accel)

# QEMU runs in the background; when the init says the screen is painted we
# take a QMP screendump of the virtio-gpu device and tell the init (through
# a file in data/) that it may go on.
SHOT="$W/smoke.ppm"
rm -f "$SHOT" data/boot_smoke.shot
start=$EPOCHREALTIME
(
	set +e
	timeout -k 5 "$TIMEOUT" qemu-system-x86_64 "${QEMU_ARGS[@]}" </dev/null 2>&1 |
		while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "${line%$'\r'}"; done >"$LOG"
	exit "${PIPESTATUS[0]}"
) &
qpid=$!
shot_result="no 'screen ready' line from the init"
while kill -0 "$qpid" 2>/dev/null; do
	if grep -q 'VYOMA-TESTINIT: screen ready' "$LOG" 2>/dev/null; then
		shot_result=$(screendump "$W/smoke-qmp.sock" "$SHOT" 2>&1) && shot_result="ok $shot_result"
		touch data/boot_smoke.shot
		break
	fi
	sleep 0.1
done
set +e
wait "$qpid"
rc=$?
set -e
end=$EPOCHREALTIME
rm -f data/boot_smoke.shot
# elapsed FROM TO -> seconds with 2 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
text=$(cut -d' ' -f2- "$LOG")

case $rc in
0) pass "QEMU ($accel) exited 0 after $(elapsed "$start" "$end")s" ;;
124) fail "QEMU ($accel) still running after ${TIMEOUT}s: killed" ;;
*) fail "QEMU ($accel) exited $rc" ;;
esac

banner_at=$(awk -v b="$BANNER" 'index($0, b) { print $1; exit }' "$LOG")
if [ -n "$banner_at" ]; then
	t=$(elapsed "$start" "$banner_at")
	if awk -v t="$t" -v b="$BUDGET" 'BEGIN { exit !(t <= b) }'; then
		pass "banner after ${t}s from QEMU start ($accel; budget ${BUDGET}s)"
	else
		fail "banner after ${t}s from QEMU start: over the ${BUDGET}s budget"
	fi
	up=$(sed -n 's/^testinit: uptime \([0-9.]*\) .*/\1/p' <<<"$text" | head -n1)
	[ -z "$up" ] || printf 'INFO kernel uptime when the init read /proc/uptime: %ss\n' "$up"
else
	fail "banner '$BANNER' never appeared (log: $LOG)"
fi

# Each check of the test init is one result here.
while IFS= read -r line; do
	case $line in
	*' ok '*) pass "guest: ${line#testinit: }" ;;
	*) fail "guest: ${line#testinit: }" ;;
	esac
done < <(grep -E '^testinit: [a-z]+ (ok|FAIL)' <<<"$text" || true)
grep -q '^testinit: done [0-9]* ok 0 failed' <<<"$text" ||
	fail "test init did not finish cleanly (no 'done ... 0 failed' line)"
grep -E '^testinit: (input /dev|runner .* skipped)' <<<"$text" | sed 's/^testinit: /INFO /' || true
if grep -q '^testinit: runner ok app-hello' <<<"$text"; then
	if grep -q '^hello from VyomaOS$' <<<"$text"; then pass "app hello printed its line in the guest"; else fail "app hello ran but its line is not on the console"; fi
fi

for dev in 'QEMU Virtio Keyboard' 'QEMU Virtio Tablet'; do
	if grep -q "^testinit: input .*: $dev\$" <<<"$text"; then pass "input device '$dev'"; else fail "no input device '$dev'"; fi
done

if bad=$(grep -m3 -E 'Kernel panic|BUG:|Oops|Call Trace|general protection' <<<"$text"); then
	fail "kernel trouble in the log: $bad"
else
	pass "no panic, oops or BUG in the serial log"
fi

case $shot_result in
ok*) pass "QMP screendump of virtio-gpu shows the init's colour (${shot_result#ok }, $SHOT)" ;;
*) fail "screen: $shot_result" ;;
esac

if [ "$(cat data/boot_smoke.txt 2>/dev/null)" = "vyoma-smoke $token" ]; then
	pass "host sees data/boot_smoke.txt written by the guest over 9P"
	rm -f data/boot_smoke.txt
else
	fail "data/boot_smoke.txt missing or without token $token"
fi

[ "$failed" -eq 0 ] || { printf -- '---- serial log (%s) ----\n' "$LOG"; tail -n 60 <<<"$text"; }
finish
