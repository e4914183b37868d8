#!/usr/bin/env python3
"""make screenshot: boot the default image (./boot.toml) headless, wait until
every boot app runs and has had time to draw, then use it as a person would
from the serial console: run `ps` in the shell, start notes from it, open
the launcher (F1); take a QMP screendump of the virtio-gpu device and
write it as docs/screenshot.png. Python 3 stdlib only; uses the same QEMU
command line as `make run` (tests/qemu/vm.py)."""

import os
import struct
import sys
import tempfile
import time
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))
from vm import VM, read_ppm, shell_command  # noqa: E402

IMAGE = os.path.join(ROOT, "build", "initramfs.cpio.lz4")
OUT = os.path.join(ROOT, "docs", "screenshot.png")


def write_png(path, w, h, rgb):
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    rows = b"".join(b"\0" + rgb[y * w * 3:(y + 1) * w * 3] for y in range(h))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(png)
    os.replace(tmp, path)


def shoot(data, log):
    """One boot: the screendump's (w, h, rgb), or None when the guest died of
    a KVM internal error (QEMU said so); exits on any other failure."""
    with VM(IMAGE, data, log, keyboard=True) as vm:
        print(vm.accel_line, file=sys.stderr, flush=True)
        if vm.wait_boot(r"^VYOMA: ready", 120) is None:
            if vm.kvm_error:
                return None
            sys.exit("screenshot: no readiness line; see %s" % log)
        # Under emulation apps draw about a second after readiness.
        time.sleep(float(os.environ.get("VYOMA_SHOT_DELAY", "6")))
        # A desktop in use: the shell's answer to ps, notes started from
        # the shell (it opens in the free place and takes the focus), and
        # the launcher open (F1, typed as xterm sends it).
        shell_command(vm, "ps", len(vm.text()), "ps", 60)
        shell_command(vm, "start notes", len(vm.text()), "start", 60)
        time.sleep(3)
        vm.type(b"\x1bOP")
        time.sleep(2)
        ppm = os.path.join(data, "screen.ppm")
        r = vm.qmp("screendump", filename=ppm, device="gpu0")
        if "error" in r:
            sys.exit("screenshot: screendump: %s" % r["error"].get("desc", r))
        for _ in range(50):
            if os.path.exists(ppm) and os.path.getsize(ppm) > 0:
                break
            time.sleep(0.1)
        return read_ppm(ppm)[:3]


def main():
    if not os.path.exists(IMAGE):
        sys.exit("screenshot: %s missing: run `make rootfs`" % IMAGE)
    os.makedirs(os.path.join(ROOT, "build", "qemu"), exist_ok=True)
    log = os.path.join(ROOT, "build", "qemu", "screenshot.log")
    # KVM or TCG as for `make run` (scripts/qemu.sh, which says which and
    # why); a guest that dies of KVM after its probe passed is booted again
    # under TCG, unless VYOMA_ACCEL asked for KVM.
    with tempfile.TemporaryDirectory() as data:
        shot = shoot(data, log)
        if shot is None and os.environ.get("VYOMA_ACCEL", "auto") == "auto":
            os.replace(log, log.replace(".log", "-kvm.log"))
            print("screenshot: the KVM guest died (QEMU: KVM internal error; see %s): booting again under TCG"
                  % os.path.relpath(log.replace(".log", "-kvm.log"), ROOT), file=sys.stderr, flush=True)
            os.environ["VYOMA_ACCEL"] = "tcg"
            shot = shoot(data, log)
        if shot is None:
            sys.exit("screenshot: the KVM guest died (QEMU: KVM internal error); see %s" % log)
    w, h, rgb = shot
    write_png(OUT, w, h, rgb)
    print("screenshot: %s (%dx%d)" % (os.path.relpath(OUT, ROOT), w, h))


if __name__ == "__main__":
    main()
