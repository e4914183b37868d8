#!/usr/bin/env python3
"""display_input: the display and input modules on real (virtual) hardware.
Boots an image with the supervisor as PID 1 and tests/apps/input-echo (the
boot list tests/qemu/display.toml), headless, and checks from the host:

- DRM/KMS: the supervisor set a mode on virtio-gpu itself (its log line)
  and a QMP screendump shows the window where boot.toml put it, with the
  content colour, the focused border in the app's accent, the desktop and
  the status strip;
- evdev keyboard: QMP key events on the virtio keyboard reach the app as
  VYOMA_INPUT:key lines (plain, shifted, Ctrl, Enter, F5), and F12 shows
  the shortcut overlay on the screen, Escape hides it;
- evdev tablet: absolute QMP pointer events are scaled to the screen and
  reach the app in content coordinates (move, down, up); a drag of the
  title bar moves the window on the screen.
- /dev/fb0: a second boot with VYOMA_FB=fbdev on the kernel command line
  (the fallback when DRM cannot be used) shows the window as well.

usage: display_input.py [IMAGE]   (default: build it as build/qemu/display.cpio.*)
Prints PASS/FAIL lines, then "N passed, N failed"; exit 1 on any failure.
environment: VYOMA_ACCEL, SMOKE_BOOT_BUDGET (s, default 90).
"""

import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import ROOT, VM, no_crash, read_ppm  # noqa: E402

BUDGET = float(os.environ.get("SMOKE_BOOT_BUDGET", "90"))
WIN_X, WIN_Y, WIN_W, WIN_H = 200, 150, 400, 300  # tests/qemu/display.toml
CONTENT = (WIN_X + 2, WIN_Y + 2 + 24)            # docs/display.md: border 2, title bar 24
ECHO_RGB = (0x2E, 0x34, 0x40)                    # ECHO_RGB in tests/apps/input-echo/main.c
STRIP_RGB = (0x14, 0x17, 0x1C)
KEY_RGB = (0xEB, 0xCB, 0x8B)                     # the overlay's key column
ABS_MAX = 0x7FFF                                 # QEMU's absolute axis range 0..0x7fff
ACCENTS = [0x5E81AC, 0x88C0D0, 0xA3BE8C, 0xEBCB8B, 0xD08770, 0xB48EAD, 0x8FBCBB, 0xBF616A]

passed = failed = 0


def result(ok, what):
    global passed, failed
    passed, failed = passed + bool(ok), failed + (not ok)
    print("%s %s" % ("PASS" if ok else "FAIL", what), flush=True)
    return ok


def accent(name):
    h = 2166136261
    for b in name.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    c = ACCENTS[h % 8]
    return (c >> 16, c >> 8 & 0xFF, c & 0xFF)


class Screen:
    def __init__(self, vm, path):
        r = vm.qmp("screendump", filename=path, device="gpu0")
        if "error" in r:
            raise RuntimeError("screendump: %s" % r["error"])
        self.w, self.h, self.pix = read_ppm(path)

    def px(self, x, y):
        o = 3 * (self.w * y + x)
        return tuple(self.pix[o:o + 3])

    def count(self, rgb, x0, y0, x1, y1):
        return sum(1 for y in range(y0, y1) for x in range(x0, x1) if self.px(x, y) == rgb)


def key(vm, *qcodes):
    """Press the keys in order, release them in reverse (a chord)."""
    ev = [{"type": "key", "data": {"down": True, "key": {"type": "qcode", "data": q}}}
          for q in qcodes]
    ev += [{"type": "key", "data": {"down": False, "key": {"type": "qcode", "data": q}}}
           for q in reversed(qcodes)]
    return vm.qmp("input-send-event", events=ev)


def abs_value(p, size):
    """An axis value that the guest scales back exactly to pixel p (its
    formula: v * (size - 1) / ABS_MAX, rounded down)."""
    return -(-p * ABS_MAX // (size - 1))


def move(vm, scr, x, y):
    return vm.qmp("input-send-event", events=[
        {"type": "abs", "data": {"axis": "x", "value": abs_value(x, scr.w)}},
        {"type": "abs", "data": {"axis": "y", "value": abs_value(y, scr.h)}}])


def button(vm, down):
    return vm.qmp("input-send-event", events=[
        {"type": "btn", "data": {"down": down, "button": "left"}}])


def image_name():
    """build/qemu/display.cpio.<ext>, in the format of the default image
    (scripts/rootfs.sh picks the compression from the name; the kernel must
    be able to unpack it)."""
    text = open(os.path.join(ROOT, "scripts", "rootfs.sh")).read()
    m = re.search(r"^OUT=\$\{VYOMA_INITRAMFS:-\$B/initramfs(\.cpio(?:\.\w+)?)\}", text, re.M)
    return os.path.join(ROOT, "build", "qemu", "display" + (m.group(1) if m else ".cpio.zst"))


def build_image(out):
    env = dict(os.environ, VYOMA_INIT=os.path.join(ROOT, "build", "vyoma"),
               VYOMA_APPS="input-echo", VYOMA_BOOT_TOML="tests/qemu/display.toml",
               VYOMA_INITRAMFS=out)
    r = subprocess.run(["bash", "scripts/rootfs.sh"], cwd=ROOT, env=env, capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit("display_input: image build failed:\n" + r.stdout + r.stderr)


def expect_echo(vm, line, start, timeout=20):
    got = vm.wait_line(r"input-echo: 2> input " + re.escape(line) + "$", timeout, start)
    return got


def main():
    w = os.path.join(ROOT, "build", "qemu")
    os.makedirs(w, exist_ok=True)
    image = sys.argv[1] if len(sys.argv) > 1 else image_name()
    if len(sys.argv) == 1:
        build_image(image)
    shot = os.path.join(w, "display.ppm")
    with tempfile.TemporaryDirectory(prefix="display-data.", dir=w) as data, \
            VM(image, data, os.path.join(w, "display.log")) as vm:
        print("INFO QEMU %s, console log %s" % (vm.accel, vm.log_path), flush=True)
        ready = vm.wait_line(r"^VYOMA: ready", BUDGET)
        if not result(ready, "ready within %.0fs" % BUDGET):
            return
        mode = vm.grep(r"display: /dev/dri/card0 connector \d+, mode \S+ \d+x\d+")
        result(mode and vm.grep(r"display: drm backend"),
               "DRM backend, mode set by PID 1: %s" % (mode[0].split("vyoma: ")[-1] if mode else "-"))
        devs = vm.grep(r"input: /dev/input/event\d+ ")
        result(any("keyboard" in d for d in devs) and any("tablet" in d for d in devs),
               "evdev keyboard and tablet found: %d devices" % len(devs))
        focus = expect_echo(vm, "VYOMA_INPUT:focus:1", 0, 30)
        result(focus, "the window opened and took the focus")

        # ---- the screen --------------------------------------------------------------
        time.sleep(0.5)
        scr = Screen(vm, shot)
        cx, cy = CONTENT
        inside = scr.count(ECHO_RGB, cx + 100, cy + 40, cx + WIN_W, cy + WIN_H)
        result(inside == (WIN_W - 100) * (WIN_H - 40),
               "screendump %dx%d: content colour where boot.toml put it (%d px)" % (scr.w, scr.h, inside))
        result(scr.px(WIN_X, WIN_Y + 100) == accent("input-echo") and
               scr.px(WIN_X + WIN_W + 3, WIN_Y + 100) == accent("input-echo"),
               "focused border in the app's accent %s" % (accent("input-echo"),))
        result(scr.px(5, scr.h - 5) == STRIP_RGB, "status strip at the bottom")
        result(scr.px(WIN_X - 10, WIN_Y + 10) not in (ECHO_RGB, (0, 0, 0)), "desktop around it")

        # ---- keyboard -------------------------------------------------------------------
        n0 = len(vm.text())
        for chord, want in ((("a",), "a"), (("shift", "a"), "A"), (("ctrl", "c"), "Ctrl+c"),
                            (("ret",), "Enter"), (("f5",), "F5"), (("shift", "tab"), "Shift+Tab")):
            r = key(vm, *chord)
            got = expect_echo(vm, "VYOMA_INPUT:key:" + want, n0)
            result("error" not in r and got, "key %s -> VYOMA_INPUT:key:%s" % ("+".join(chord), want))
        base = scr.count(KEY_RGB, 0, 0, scr.w, scr.h - 24)  # the accent may share the colour
        key(vm, "f12")
        time.sleep(1.0)
        scr = Screen(vm, shot)
        keys = scr.count(KEY_RGB, 0, 0, scr.w, scr.h - 24) - base
        key(vm, "esc")
        time.sleep(1.0)
        after = Screen(vm, shot)
        result(keys > 100 and after.count(KEY_RGB, 0, 0, after.w, after.h - 24) == base,
               "F12 shows the shortcut overlay (%d px of its key colour), Escape hides it" % keys)
        result(not vm.grep(r"input VYOMA_INPUT:key:(F12|Escape)$"), "shortcuts not delivered")

        # ---- tablet ------------------------------------------------------------------------
        n0 = len(vm.text())
        px, py = cx + 37, cy + 21
        move(vm, scr, px, py)
        got_move = expect_echo(vm, "VYOMA_INPUT:mouse:37,21,0,move", n0)
        button(vm, True)
        got_down = expect_echo(vm, "VYOMA_INPUT:mouse:37,21,1,down", n0)
        button(vm, False)
        got_up = expect_echo(vm, "VYOMA_INPUT:mouse:37,21,1,up", n0)
        result(got_move and got_down and got_up,
               "tablet at screen (%d, %d) -> content (37, 21): move, down, up" % (px, py))
        # The tablet's wheel: QEMU sends REL_WHEEL, +1 away from the user;
        # the app hears notches towards the user as positive (docs/input.md).
        for b in ("wheel-down", "wheel-down", "wheel-up"):
            vm.qmp("input-send-event", events=[{"type": "btn", "data": {"down": True, "button": b}}])
            vm.qmp("input-send-event", events=[{"type": "btn", "data": {"down": False, "button": b}}])
        got_wd = expect_echo(vm, "VYOMA_INPUT:mouse:37,21,1,wheel", n0)
        got_wu = expect_echo(vm, "VYOMA_INPUT:mouse:37,21,-1,wheel", n0)
        result(got_wd and got_wu, "the tablet's wheel -> wheel lines, down +1 and up -1")
        # drag the title bar by (+150, +100)
        tx, ty = WIN_X + 80, WIN_Y + 14
        move(vm, scr, tx, ty)
        button(vm, True)
        for k in range(1, 6):
            move(vm, scr, tx + 30 * k, ty + 20 * k)
            time.sleep(0.1)
        button(vm, False)
        time.sleep(1.0)
        scr = Screen(vm, shot)
        nx, ny = cx + 150, cy + 100
        moved = scr.count(ECHO_RGB, nx + 100, ny + 40, nx + WIN_W, ny + WIN_H)
        left = scr.count(ECHO_RGB, cx, cy, cx + 100, cy + 90)
        result(moved == (WIN_W - 100) * (WIN_H - 40) and left == 0,
               "title bar drag moved the window by (150, 100) on the screen (%d px there, %d left)"
               % (moved, left))
        no_crash(vm, result)


def fbdev_boot(image, w):
    """The /dev/fb0 backend, pinned with VYOMA_FB=fbdev (init's environment)."""
    shot = os.path.join(w, "display-fbdev.ppm")
    with tempfile.TemporaryDirectory(prefix="display-data.", dir=w) as data, \
            VM(image, data, os.path.join(w, "display-fbdev.log"), append="VYOMA_FB=fbdev") as vm:
        ready = vm.wait_line(r"^VYOMA: ready", BUDGET)
        if not result(ready, "fbdev boot: ready within %.0fs" % BUDGET):
            return
        fb = vm.grep(r"display: /dev/fb0 \d+x\d+")
        result(fb and vm.grep(r"display: fbdev backend"),
               "fbdev boot: /dev/fb0 backend: %s" % (fb[0].split("vyoma: ")[-1] if fb else "-"))
        result(expect_echo(vm, "VYOMA_INPUT:focus:1", 0, 30), "fbdev boot: the window opened")
        deadline, inside = time.monotonic() + 20, 0
        cx, cy = CONTENT
        while time.monotonic() < deadline:
            scr = Screen(vm, shot)
            inside = scr.count(ECHO_RGB, cx + 100, cy + 40, cx + WIN_W, cy + WIN_H)
            if inside == (WIN_W - 100) * (WIN_H - 40):
                break
            time.sleep(0.5)
        result(inside == (WIN_W - 100) * (WIN_H - 40),
               "fbdev boot: screendump %dx%d shows the window's content (%d px)" % (scr.w, scr.h, inside))


if __name__ == "__main__":
    t0 = time.monotonic()
    main()
    fbdev_boot(sys.argv[1] if len(sys.argv) > 1 else image_name(), os.path.join(ROOT, "build", "qemu"))
    print("INFO %.1fs" % (time.monotonic() - t0))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
