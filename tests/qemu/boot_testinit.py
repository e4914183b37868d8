#!/usr/bin/env python3
"""boot_testinit: boots the kernel with tests/qemu/testinit.c as PID 1 (the
image tests/qemu/boot_smoke.sh builds) and checks the kernel and devices
from the host: the init's banner within the budget, each of its own checks
(devtmpfs, proc, sysfs, 9P, /dev/fb0, /dev/dri/card0, input devices, the
network, the runner's sandbox check in the guest, the escape probes of a
runner jailed under an app uid (issue 11), apps that trap or pass their
memory cap), the virtio keyboard and tablet, the colour it paints on
/dev/fb0 in a QMP screendump of the virtio-gpu device, the file it writes
to /data seen by the host, QEMU exiting 0 on its power-off, no panic.
Prints PASS/FAIL/INFO lines, then "N passed, N failed".

usage: boot_testinit.py IMAGE DATA_DIR LOG
environment: SMOKE_BOOT_BUDGET (default 60), SMOKE_TIMEOUT (default 180).
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import VM, read_ppm  # noqa: E402

BUDGET = float(os.environ.get("SMOKE_BOOT_BUDGET", "60"))
TIMEOUT = float(os.environ.get("SMOKE_TIMEOUT", "180"))
BANNER = "VYOMA-TESTINIT: PID 1 is alive"
INIT_RGB = b"\x33\x66\x99"  # VYOMA_TESTINIT_RGB in testinit.c
TROUBLE_RE = r"Kernel panic|BUG:|Oops|Call Trace|general protection"

passed = failed = 0


def result(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print("%s test init: %s" % ("PASS" if ok else "FAIL", what), flush=True)


def centre_colour(vm, path):
    """Screendumps of gpu0 until the centre pixel has the init's colour (the
    fbdev emulation flushes asynchronously): (ok, description)."""
    got = b""
    for _ in range(20):
        r = vm.qmp("screendump", filename=path, device="gpu0")
        if "error" in r:
            return False, "screendump: " + r["error"].get("desc", "?")
        w, h, pix = read_ppm(path)
        o = 3 * (w * (h // 2) + w // 2)
        got = pix[o:o + 3]
        if got == INIT_RGB:
            break
        time.sleep(0.25)
    return got == INIT_RGB, "%dx%d, centre #%s (%s)" % (w, h, got.hex(), path)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    image, data, log = sys.argv[1:]
    token = "%d-%d" % (os.getpid(), int(time.time()))
    shot = os.path.splitext(log)[0] + ".ppm"
    with VM(image, data, log, append="VYOMA_SMOKE=" + token) as vm:
        banner = vm.wait_line(re.escape(BANNER), BUDGET)
        if banner:
            result(True, "banner after %.2fs from QEMU start (%s; budget %.0fs)"
                   % (banner[1] - vm.t_start, vm.accel, BUDGET))
        else:
            result(False, "banner %r never appeared within %.0fs (%s)" % (BANNER, BUDGET, log))
        # The init waits (for /data/boot_smoke.shot) while we take the picture.
        ready = vm.wait_line(r"VYOMA-TESTINIT: screen ready", 60)
        if ready:
            ok, what = centre_colour(vm, shot)
        else:
            ok, what = False, "no 'screen ready' line from the init"
        open(os.path.join(data, "boot_smoke.shot"), "w").close()
        result(ok, "QMP screendump of virtio-gpu shows the init's colour: " + what)
        rc = vm.wait_exit(TIMEOUT)
        result(rc == 0, "QEMU (%s) exited %s after %.2fs" % (vm.accel, rc, time.monotonic() - vm.t_start))
        text = vm.text()

    for t in text:
        if t.startswith("testinit: uptime "):
            print("INFO test init: kernel uptime when the init read /proc/uptime: %ss" % t.split()[2])
            break
    for t in text:  # each check of the init is one result here
        m = re.match(r"^testinit: ([a-z]+ (ok|FAIL).*)", t)
        if m:
            result(m.group(2) == "ok", "guest: " + m.group(1))
        elif re.match(r"^testinit: (input /dev|runner .* skipped)", t):
            print("INFO test init: " + t[len("testinit: "):])
    result(any(re.match(r"^testinit: done \d+ ok 0 failed", t) for t in text),
           "the init finished with 0 failed")
    # issue 11: the escape probes of `vyoma-run --sandbox-check --uid ...`
    if any(t.startswith("testinit: runner ok escape") or t.startswith("testinit: runner FAIL escape")
           for t in text):
        probes = [t for t in text if t.startswith("probe ")]
        bad = [t for t in probes if ": blocked (" not in t and ": skipped (" not in t]
        result(len(probes) >= 38 and not bad,
               "guest: %d escape probes from a jailed runner with an app uid, all blocked%s"
               % (len(probes), (": " + "; ".join(bad)) if bad else ""))
    if any(t.startswith("testinit: runner ok app-hello") for t in text):
        result("hello from VyomaOS" in text, "app hello printed its line in the guest")
    for dev in ("QEMU Virtio Keyboard", "QEMU Virtio Tablet"):
        result(any(re.match(r"^testinit: input .*: %s$" % dev, t) for t in text), "input device %r" % dev)
    bad = [t for t in text if re.search(TROUBLE_RE, t)]
    result(not bad, "no panic, oops or BUG on the console" + (": " + bad[0] if bad else ""))
    path = os.path.join(data, "boot_smoke.txt")
    got = open(path).read().strip() if os.path.exists(path) else None
    result(got == "vyoma-smoke " + token, "host sees boot_smoke.txt written by the init over 9P (%r)" % got)
    if failed:
        print("---- last lines of %s ----" % log)
        print("\n".join(text[-60:]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
