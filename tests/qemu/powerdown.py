#!/usr/bin/env python3
"""powerdown: the ACPI power button and httpd at the address docs/run.md
gives (issue 16 item 8). Boots the image `make run` boots
(build/initramfs.cpio.lz4, the desktop of ./boot.toml) headless, as
`make run` would, and checks from the host:

- the supervisor took ACPI's "Power Button" as an input device (a device
  with a power key alone: before this it was skipped, so QMP
  system_powerdown did nothing);
- `start httpd` typed into the shell (serial console) starts httpd, and a
  page comes back from http://127.0.0.1:<VYOMA_HTTP_PORT>/, the forward
  docs/run.md documents (host port -> guest 8080, where httpd listens);
- QMP `system_powerdown` (the power button) makes an orderly shutdown:
  the supervisor logs the power button, stops the apps, powers off, and
  QEMU exits with 0.

usage: powerdown.py [IMAGE]   (default build/initramfs.cpio.lz4, `make rootfs`)
Prints PASS/FAIL lines, then "N passed, N failed"; exit 1 on any failure.
environment: VYOMA_ACCEL, SMOKE_BOOT_BUDGET (s, default 90).
"""

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import ROOT, VM, Tally, no_crash, run_main, shell_command  # noqa: E402

BUDGET = float(os.environ.get("SMOKE_BOOT_BUDGET", "90"))

result = Tally()


def fetch(url, tries=20):
    """The status line and body of GET url with curl, retrying while httpd
    comes up; (b"", b"") when nothing answered."""
    for _ in range(tries):
        r = subprocess.run(["curl", "-s", "-i", "--max-time", "10", url],
                           capture_output=True, timeout=60)
        head, _, body = r.stdout.partition(b"\r\n\r\n")
        if r.returncode == 0 and head:
            return head.split(b"\r\n")[0], body
        time.sleep(1)
    return b"", b""


def main():
    image = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build",
                                                               "initramfs.cpio.lz4")
    w = os.path.join(ROOT, "build", "qemu")
    os.makedirs(w, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="powerdown-data.", dir=w) as data, \
            VM(image, data, os.path.join(w, "powerdown.log"), keyboard=True) as vm:
        print("INFO QEMU %s, console log %s" % (vm.accel, vm.log_path), flush=True)
        ready = vm.wait_line(r"^VYOMA: ready ", BUDGET)
        if not result(ready, "the default desktop is ready within %.0fs" % BUDGET):
            return
        button = vm.grep(r'vyoma: input: \S+ "Power Button": power key')
        result(button, "the supervisor reads ACPI's power button: %s" % (button[:1],))
        vm.wait_line(r"\] info  (\S+): has the focus at the end of boot", 60)

        answer = shell_command(vm, "start httpd", len(vm.text()), "start")
        result(answer and "ok start httpd" in answer[-1],
               "start httpd typed into the shell: %s" % (answer[-1:] if answer else None))
        url = "http://127.0.0.1:%d/" % vm.http_port
        status, body = fetch(url)
        result(status.startswith(b"HTTP/1.1 200") and b"<" in body,
               "GET %s (docs/run.md's address, forwarded to httpd's port 8080): %r, %d bytes"
               % (url, status, len(body)))

        start = len(vm.text())
        vm.qmp("system_powerdown")
        pressed = vm.wait_line(r"power button: powering off", 60, start)
        result(pressed, "QMP system_powerdown reaches the supervisor as the power key")
        rc = vm.wait_exit(90)
        result(rc == 0 and vm.grep(r"vyoma: powering off"),
               "the power button powers off in order: QEMU exits %s" % rc)
        no_crash(vm, result)


if __name__ == "__main__":
    run_main(main, result)
