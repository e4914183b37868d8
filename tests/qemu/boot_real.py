#!/usr/bin/env python3
"""boot_real: boots the real VyomaOS image (the supervisor as /init, the
boot list tests/qemu/boot.toml) twice, headless, and checks it from the
host. Run by tests/qemu/boot_smoke.sh, which builds the image; prints one
PASS/FAIL line per check and INFO lines with figures, then
"N passed, N failed".

Boot 1: the readiness line; the import audit refuses net-undeclared (no
`network` declared) and the supervisor says so; tcp-echo (declares
`network`) answers the host through the forwarded port; the window of
qemu-win in a QMP screendump of the virtio-gpu device (window chrome and
content), or, while the supervisor has no display module, its draw lines
accepted; qemu-ctl writes /data/persist.txt; escaper's escape sequences
(window title, screen clear, backspaces, CR, C1 CSI) are on the serial
console as \x1b... text, with no raw control byte; the precompiled components
load (no recompiling in the guest). Then the host asks qemu-ctl (through a
file in the shared folder) to print `ps` and send `@supervisor: poweroff`:
every boot app is in the state expected, QEMU exits 0, the supervisor
powered off, no panic. The host sees persist.txt in the data folder.
Boot 2: qemu-ctl prints what it read from /data: what boot 1 wrote.

usage: boot_real.py IMAGE DATA_DIR LOG_PREFIX
environment: SMOKE_BOOT_BUDGET (s, default 60), SMOKE_TIMEOUT (s, default
180), VYOMA_ACCEL.
"""

import os
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import ROOT, VM, free_port, read_ppm  # noqa: E402

BUDGET = float(os.environ.get("SMOKE_BOOT_BUDGET", "60"))
TIMEOUT = float(os.environ.get("SMOKE_TIMEOUT", "180"))
WIN_RGB = (0x2A, 0x9D, 0x8F)  # QEMU_WIN_RGB in tests/apps/qemu-win/main.c
WIN_X, WIN_Y, WIN_W, WIN_H = 240, 160, 480, 300  # its place in tests/qemu/boot.toml
READY_RE = r"^VYOMA: ready (\d+) apps in (\d+\.\d+)s since kernel start"
SUP_LINE_RE = r"^\[\s*\d+\.\d+\] \S+\s+vyoma: "
TROUBLE_RE = r"Kernel panic|BUG:|Oops|Call Trace|general protection|segfault"
# The state every boot app must be in when qemu-ctl prints `ps`.
EXPECT_PS = {"qemu-ctl": "running", "tcp-echo": "running", "qemu-win": "running",
             "net-undeclared": "failed", "httpd": "running", "escaper": "running"}

passed = failed = 0


def result(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print("%s %s" % ("PASS" if ok else "FAIL", what), flush=True)
    return ok


def info(what):
    print("INFO " + what, flush=True)


def has_display():
    """Whether build/vyoma links the display module (it defines
    display_draw_line)."""
    out = subprocess.run(["nm", "--defined-only", os.path.join(ROOT, "build", "vyoma")],
                         capture_output=True, text=True, check=False).stdout
    return re.search(r" T display_draw_line$", out, re.M) is not None


def tcp_ask(port, line, timeout=20):
    """Send one line to the guest's port 80 through the forwarded host port;
    the first answer line, or an error string in brackets."""
    deadline = time.monotonic() + timeout
    err = "no attempt"
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(line.encode() + b"\n")
                data = b""
                while b"\n" not in data:
                    chunk = s.recv(256)
                    if not chunk:
                        break
                    data += chunk
                if data:
                    return data.split(b"\n")[0].decode("utf-8", "replace")
                err = "connection closed without an answer"
        except OSError as e:
            err = str(e)
        time.sleep(0.5)
    return "[%s]" % err


def check_screen(vm, path, deadline):
    """Screendumps until qemu-win's window shows with chrome: a block of its
    colour at least half its requested size where boot.toml placed it (the
    title bar above it), white text inside, and above it a title bar
    (several colours, none of them the window's)."""
    why = "no screendump"
    while time.monotonic() < deadline:
        r = vm.qmp("screendump", filename=path, device="gpu0")
        if "error" in r:
            return False, "screendump: " + r["error"].get("desc", "?")
        w, h, pix = read_ppm(path)
        n, white = 0, 0
        x0 = y0 = 1 << 30
        x1 = y1 = -1
        for y in range(h):
            row = pix[3 * w * y:3 * w * (y + 1)]
            start = 0
            while True:
                i = row.find(bytes(WIN_RGB), start)
                if i < 0:
                    break
                if i % 3 == 0:
                    x = i // 3
                    n += 1
                    x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
                start = i + 1
        if n == 0:
            why = "%dx%d screen without the window colour #%02x%02x%02x" % ((w, h) + WIN_RGB)
        else:
            bw, bh = x1 - x0 + 1, y1 - y0 + 1
            for y in range(y0, y1 + 1):
                white += pix[3 * (w * y + x0):3 * (w * y + x1 + 1)].count(b"\xff\xff\xff")
            bar = set()
            for y in range(max(0, y0 - 14), y0):
                for x in range(x0, x1 + 1):
                    o = 3 * (w * y + x)
                    bar.add(pix[o:o + 3])
            detail = ("window colour in a %dx%d box at %d,%d (%d px), %d white px inside, "
                      "%d colours in the 14 rows above" % (bw, bh, x0, y0, n, white, len(bar)))
            # The content is where boot.toml put the window, below its title bar.
            placed = abs(x0 - WIN_X) <= 8 and WIN_Y < y0 <= WIN_Y + 48
            ok = (bw * bh >= WIN_W * WIN_H // 2 and n >= 0.8 * bw * bh and white >= 50
                  and placed and len(bar) >= 2 and bytes(WIN_RGB) not in bar)
            if ok:
                return True, detail
            why = detail
        time.sleep(0.5)
    return False, why


def http_get(port, raw, timeout=20):
    """Send raw bytes to httpd (guest :8080) through the forwarded host port;
    the whole answer, or b"" when nothing came back in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(raw)
                s.shutdown(socket.SHUT_WR)
                data = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                if data:
                    return data
        except OSError:
            pass
        time.sleep(0.5)
    return b""


def check_httpd(vm, web_port):
    """httpd serves /data/www over the forwarded port: a real client (curl)
    gets the page with a right Content-Length; a malformed request gets 400;
    and it still serves afterwards."""
    if not result(vm.wait_line(r"httpd: 1> httpd: listening on port 8080", 60) is not None,
                  "boot 1: httpd listens on guest port 8080"):
        return
    url = "http://127.0.0.1:%d/" % web_port
    r = subprocess.run(["curl", "-s", "-i", "--max-time", "20", "--retry", "3", url],
                       capture_output=True, timeout=90)
    head, _, body = r.stdout.partition(b"\r\n\r\n")
    m = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    result(r.returncode == 0 and head.startswith(b"HTTP/1.1 200") and m is not None
           and int(m.group(1)) == len(body) and b"VyomaOS" in body,
           "boot 1: curl %s -> 200 with a right Content-Length (%r)" % (url, head.split(b"\r\n")[0]))
    bad = http_get(web_port, b"GARBAGE / NONSENSE\r\n\r\n")
    result(bad.startswith(b"HTTP/1.1 400"), "boot 1: a malformed request gets 400 (%r)" % bad[:40])
    r = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20", url],
                       capture_output=True, timeout=60)
    result(r.stdout == b"200", "boot 1: httpd still serves after it (%r)" % r.stdout)


def boot1(image, data, log, display):
    echo_port = free_port()
    with VM(image, data, log + "-1.log",
            extra_env={"VYOMA_HOSTFWD": "tcp:127.0.0.1:%d-:80" % echo_port}) as vm:
        web_port = vm.http_port  # the forward make run sets up for httpd (docs/run.md)
        info("boot 1: QEMU %s, console log %s" % (vm.accel, vm.log_path))
        ready = vm.wait_line(READY_RE, BUDGET)
        if not result(ready is not None, "boot 1: readiness line within %.0fs of QEMU start" % BUDGET):
            return vm, None
        _, t_ready, m = ready
        sup = vm.wait_line(SUP_LINE_RE, 0)
        k = vm.kernel_start()
        info("boot 1: from QEMU start: kernel %.2fs, supervisor's first line %s, ready %.2fs "
             "(\"%s\")" % (k - vm.t_start if k else float("nan"),
                           "%.2fs" % (sup[1] - vm.t_start) if sup else "?",
                           t_ready - vm.t_start, m.group(0)))
        result(int(m.group(1)) >= 3, "boot 1: ready with %s apps (qemu-ctl, tcp-echo, qemu-win at least)"
               % m.group(1))

        # network: the app that declares it serves the host
        listening = vm.wait_line(r"tcp-echo: 1> tcp-echo: listening on :80", 60)
        if result(listening is not None, "boot 1: tcp-echo listens on guest port 80"):
            token = "vyoma-%d-%d" % (os.getpid(), int(time.time()))
            got = tcp_ask(echo_port, token)
            result(got == "vyoma-echo " + token,
                   "boot 1: host 127.0.0.1:%d -> guest :80 answered %r" % (echo_port, got))

        check_httpd(vm, web_port)

        # the app that does not declare network is refused by the audit
        refused = vm.wait_line(r"net-undeclared: exited: exit 70 \(refused by the import audit", 30)
        why = vm.grep(r"net-undeclared: 2> vyoma-run: net-undeclared: refused: import "
                      r"'wasi:sockets/[a-z-]+@[0-9.]+' needs capability 'network'")
        result(refused is not None and why,
               "boot 1: net-undeclared (wasi:sockets without `network`) refused by the import audit, "
               "supervisor log says so")

        # an app's escape sequences are shown as text on the serial console
        shown = vm.wait_line(r"escaper: 2> escaper: title \\x1b\]0;owned\\x07 clear \\x1b\[2J back "
                             r"x\\x08\\x08\\x0dCR csi \\xc2\\x9b31m end$", 60)
        raw = [l for l in vm.text() if l.startswith("escaper:") and re.search(r"[\x00-\x1f\x7f\x9b]", l)]
        result(shown is not None and vm.grep(r"escaper: 1> escaper: out \\x1b\[31mred") and not raw,
               "boot 1: escaper's escape sequences reach the serial console as text (\\x1b...)%s"
               % (": raw: %r" % raw[:2] if raw else ""))

        # persistence, first half
        wrote = vm.wait_line(r"qemu-ctl: 1> qemu-ctl: persist wrote (vyoma-persist 1 \S+)$", 60)
        result(vm.grep(r"qemu-ctl: persist read none") and wrote is not None,
               "boot 1: qemu-ctl found no /data/persist.txt and wrote %r"
               % (wrote[2].group(1) if wrote else None))
        written = wrote[2].group(1) if wrote else None

        # the screen
        drawn = vm.wait_line(r"qemu-win: 1> qemu-win: drawn, (\d+) errors", 60)
        shot = log + "-1.ppm"
        if display:
            ok, detail = check_screen(vm, shot, time.monotonic() + 20)
            result(ok, "boot 1: screendump of gpu0 (%s): %s" % (shot, detail))
        else:
            result(drawn is not None and drawn[2].group(1) == "0",
                   "boot 1: console transcript: qemu-win drew its window, 0 draw errors "
                   "(no display module in build/vyoma yet: screendump not checked)")
            r = vm.qmp("screendump", filename=shot, device="gpu0")
            if "error" not in r:
                w, h, _ = read_ppm(shot)
                info("boot 1: screendump %dx%d saved to %s" % (w, h, shot))

        settled = vm.wait_line(r"qemu-ctl: 1> qemu-ctl: settled after", 60)
        result(settled is not None, "boot 1: qemu-ctl saw no app starting, stopping or in backoff")

        # clean shutdown, asked for through the shared folder
        with open(os.path.join(data, "qemu-ctl.cmd"), "w") as f:
            f.write("poweroff\n")
        t_ask = time.monotonic()
        rc = vm.wait_exit(60)
        result(rc == 0, "boot 1: `@supervisor: poweroff` from qemu-ctl: QEMU exited %s %.1fs after the "
               "order" % (rc, time.monotonic() - t_ask))
        rows = {}
        for t in vm.grep(r"qemu-ctl: 1> qemu-ctl: ps "):
            words = t.split("qemu-ctl: ps ", 1)[1].split()
            if len(words) >= 3 and words[0] != "NAME":
                rows[words[0]] = words[2]
        info("boot 1: ps: " + ", ".join("%s %s" % kv for kv in sorted(rows.items())))
        result(rows == EXPECT_PS, "boot 1: ps shows every boot app as expected (%s)"
               % ", ".join("%s %s" % kv for kv in sorted(EXPECT_PS.items())))
        result(vm.grep(r"vyoma: supervisor exits \(poweroff\)") and vm.grep(r"reboot: Power down"),
               "boot 1: the supervisor stopped every app and powered off")
        bad = vm.grep(r"cached artifact unusable|cache: .*(refused|compiling)|cache index: (0 |.*no precompiled)")
        result(not bad, "boot 1: the precompiled components loaded in the guest%s"
               % (": " + bad[0] if bad else " (no recompiling)"))
        # the image's index (scripts/cidx-index.py) vouched for every artifact:
        # none hashed at boot, none of its entries without its file
        ok = vm.grep(r"cache index: [1-9]\d* precompiled components in \S+ \((\d+) from the "
                     r"image's index, 0 hashed\)")
        bad = vm.grep(r"cache index: (the image's index|\d+ entries of the image's index)")
        result(ok and not bad, "boot 1: the cache index sealed from the image's index, no artifact "
               "hashed at boot%s" % (": " + bad[0] if bad else ""))
        return vm, written


def boot2(image, data, log, written):
    # The order is there before the boot: qemu-ctl powers off once settled.
    with open(os.path.join(data, "qemu-ctl.cmd"), "w") as f:
        f.write("poweroff\n")
    with VM(image, data, log + "-2.log") as vm:
        read = vm.wait_line(r"qemu-ctl: 1> qemu-ctl: persist read (.*)$", BUDGET)
        got = read[2].group(1) if read else None
        result(written is not None and got == written,
               "boot 2: qemu-ctl read back what boot 1 wrote to /data (%r)" % got)
        rc = vm.wait_exit(120)
        result(rc == 0, "boot 2: QEMU exited %s after the poweroff" % rc)
        return vm


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    image, data, log = sys.argv[1:]
    display = has_display()
    info("display module in build/vyoma: %s" % ("yes" if display else "no"))
    t0 = time.monotonic()
    vms = []
    vm, written = boot1(image, data, log, display)
    vms.append(vm)
    if written is not None:
        path = os.path.join(data, "persist.txt")
        host = open(path).read() if os.path.exists(path) else None
        result(host == written, "host sees %s with what the guest wrote (%r)" % (path, host))
        if time.monotonic() - t0 < TIMEOUT:
            vms.append(boot2(image, data, log, written))
    for v in vms:
        trouble = [t for t in v.text() if re.search(TROUBLE_RE, t)]
        result(not trouble, "%s: no panic, oops or BUG on the console%s"
               % (os.path.basename(v.log_path), ": " + trouble[0] if trouble else ""))
    if failed:
        for v in vms:
            print("---- last lines of %s ----" % v.log_path)
            for t in v.text()[-40:]:
                print(t)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
