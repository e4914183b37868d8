#!/usr/bin/env python3
"""serial_console: the terminal of `make run` is a keyboard. Boots the
image `make run` boots (build/initramfs.cpio.lz4: the desktop of ./boot.toml,
shell first) headless, with the serial console on pipes both ways, as a
person at that terminal would use it, and checks from the host:

- PID 1 took the console as a keyboard (raw mode, its log line);
- when boot is over the shell, first in boot.toml, has the focus (the
  supervisor's line), whatever order the four windows opened in;
- `ps` and Enter typed into the serial console reach the shell, whose
  answer, the ps table naming every app of the desktop as running, comes
  back on the console as plain `shell: 1> | ...` lines, with no escape
  sequence;
- Ctrl-C typed there is a key for the shell, not a signal: nothing stops;
- `poweroff` typed there powers the system off: QEMU exits with 0;
- every CPU of the machine is online once boot is over: under TCG the
  kernel starts one (maxcpus=1, scripts/qemu.sh) and PID 1 brings the
  others up after the readiness line (supervisor/svc/cpuup.c), which the
  kernel's own list of online CPUs and every vCPU's registers (QMP: in
  64-bit mode, not waiting at the reset vector) confirm.

usage: serial_console.py [IMAGE]   (default build/initramfs.cpio.lz4, `make rootfs`)
Prints PASS/FAIL lines, then "N passed, N failed"; exit 1 on any failure.
environment: VYOMA_ACCEL, SMOKE_BOOT_BUDGET (s, default 90).
"""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import ROOT, SHELL_ANSWER as ANSWER, VM, Tally, no_crash, run_main, shell_command  # noqa: E402

BUDGET = float(os.environ.get("SMOKE_BOOT_BUDGET", "90"))
DESKTOP = ("shell", "snake", "monitor", "clock")  # ./boot.toml

result = Tally()


def ps_table(vm, start, timeout=60):
    """Type ps + Enter; the shell's answer lines (after its "> ps" line, up
    to "ok ps"), or None."""
    lines = shell_command(vm, "ps", start, "ps", timeout)
    return lines[:-1] if lines and lines[-1].endswith("ok ps") else None


def cpus_online(vm, ready):
    """Every vCPU online after the readiness line (index ready)."""
    smp = int(vm.argv[vm.argv.index("-smp") + 1])
    append = vm.argv[vm.argv.index("-append") + 1].split()
    want = "0-%d" % (smp - 1) if smp > 1 else "0"
    if "maxcpus=1" in append and smp > 1:
        up = vm.wait_line(r"\] info  vyoma: cpus: (.+) online after \d+ ms; online now: (\S+)$", 60)
        result(up and up[0] > ready and up[2].group(2) == want,
               "one CPU at boot, all %d online after readiness (kernel: %s): %s"
               % (smp, want, up[2].group(0) if up else vm.grep(r"vyoma: cpus: ")))
    # EFER.LMA (bit 10): the CPU runs the 64-bit kernel; a CPU never
    # started waits at the reset vector in real mode with EFER 0
    regs = vm.qmp("human-monitor-command", **{"command-line": "info registers -a"}).get("return", "")
    efer = [int(e, 16) for e in re.findall(r"EFER=([0-9a-f]+)", regs)]
    result(len(efer) == smp and all(e & 0x400 for e in efer),
           "QMP: all %d vCPUs run the kernel in 64-bit mode (EFER %s)" % (smp, ["%x" % e for e in efer]))


def main():
    image = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build",
                                                               "initramfs.cpio.lz4")
    w = os.path.join(ROOT, "build", "qemu")
    os.makedirs(w, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="serial-data.", dir=w) as data, \
            VM(image, data, os.path.join(w, "serial.log"), keyboard=True) as vm:
        print("INFO QEMU %s, console log %s" % (vm.accel, vm.log_path), flush=True)
        ready = vm.wait_line(r"^VYOMA: ready 4 apps", BUDGET)
        if not result(ready, "the default desktop is ready within %.0fs" % BUDGET):
            return
        result(vm.grep(r"vyoma: input: keyboard from the console \(raw mode"),
               "PID 1 reads the serial console as a keyboard")
        focus = vm.wait_line(r"\] info  (\S+): has the focus at the end of boot", 60)
        result(focus and focus[2].group(1) == "shell",
               "the shell has the focus when boot is over: %s" % (focus[2].group(0) if focus else
                                                                  "no end-of-boot line"))

        cpus_online(vm, ready[0])

        t0 = time.monotonic()
        table = ps_table(vm, ready[0])
        result(table is not None, "ps + Enter typed on the serial console reach the shell "
               "(its answer in %.2fs)" % (time.monotonic() - t0))
        table = table or []
        rows = [l for l in table if re.match(ANSWER, l)]
        result(rows and re.match(ANSWER + r"NAME\s+PID\s+STATE", rows[0]),
               "the answer is plain lines 'shell: 1> | ...': %s" % (rows[:1],))
        running = [n for n in DESKTOP if any(re.match(ANSWER + n + r"\s+\d+ running ", l)
                                             for l in rows)]
        result(len(running) == len(DESKTOP),
               "ps names every app of the desktop as running: %s" % running)
        result(not any("\x1b" in l for l in vm.text()), "no escape sequence on the console")

        # Ctrl-C is a key for the shell; Backspace edits; ps again.
        start = len(vm.text())
        vm.type(b"\x03")
        vm.type(b"x\x7f")
        again = ps_table(vm, start, 30)
        result(again is not None and not vm.grep(r"vyoma: signal \d+"),
               "Ctrl-C typed on the console stops nothing: the shell still answers")

        # poweroff typed on the console powers off.
        vm.type(b"poweroff\r")
        rc = vm.wait_exit(60)
        result(rc == 0 and vm.grep(r"vyoma: powering off"),
               "poweroff typed on the console: QEMU exits %s" % rc)
        no_crash(vm, result)


if __name__ == "__main__":
    run_main(main, result)
