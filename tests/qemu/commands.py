#!/usr/bin/env python3
"""commands: pipelines typed on the serial console (issue 13). Boots an
image with the shell and command apps, writes notes.txt into the host's
data folder (the guest's /data), and checks as a person at `make run`'s
terminal would:

- `cat notes.txt | grep milk | wc -l > count.txt` typed on the serial
  console makes data/count.txt on the host, with the count in it;
- the output of a pipeline shows on the console as the shell's lines;
- `$?` on the console is grep's own status: 1 for no match, 2 for an
  unknown option (exit-with-code, docs/commands.md);
- Ctrl+C stops `yes | cat`: every stage is killed, `$?` says 137, and ps
  lists no instance afterwards; the system stays up and powers off.

The commands are the real ones (apps/cat, apps/grep, apps/wc, apps/yes)
when they exist, else the test commands tests/apps/t-*.

usage: commands.py [IMAGE]   (default: build it as build/qemu/commands.cpio.*)
Prints PASS/FAIL lines, then "N passed, N failed"; exit 1 on any failure.
environment: VYOMA_ACCEL, SMOKE_BOOT_BUDGET (s, default 90)."""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import (ROOT, SHELL_ANSWER as ANSWER, VM, Tally, no_crash, run_main,  # noqa: E402
                shell_command, test_image)

BUDGET = float(os.environ.get("SMOKE_BOOT_BUDGET", "90"))
result = Tally()


def cmd(name):
    """The real command when it is built, else the test one."""
    real = os.path.join(ROOT, "build", "apps", name, "vyoma.toml")
    if os.path.isfile(real) and "command = true" in open(real).read():
        return name
    return "t-" + name


CAT, GREP, WC, YES = cmd("cat"), cmd("grep"), cmd("wc"), cmd("yes")


def wait_file(path, want, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path, "rb") as f:
                if f.read() == want:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def main():
    image = test_image("commands", ["shell", CAT, GREP, WC, YES, "t-echo"],
                       "tests/qemu/commands.toml")
    w = os.path.dirname(image) if len(sys.argv) == 1 else os.path.join(ROOT, "build", "qemu")
    with tempfile.TemporaryDirectory(prefix="commands-data.", dir=w) as data:
        with open(os.path.join(data, "notes.txt"), "w") as f:
            f.write("buy milk\neggs\nmilk and honey\nbread\n")
        with VM(image, data, os.path.join(w, "commands.log"), keyboard=True) as vm:
            print("INFO QEMU %s, console log %s, commands %s %s %s %s" %
                  (vm.accel, vm.log_path, CAT, GREP, WC, YES), flush=True)
            ready = vm.wait_line(r"^VYOMA: ready 1 apps", BUDGET)
            if not result(ready, "the shell is ready within %.0fs" % BUDGET):
                return
            vm.wait_line(r"\] info  shell: has the focus at the end of boot", 60)

            line = "%s notes.txt | %s milk | %s -l > count.txt" % (CAT, GREP, WC)
            start = len(vm.text())
            vm.type(line.encode() + b"\r")
            typed = vm.wait_line(ANSWER + "> " + re.escape(line) + "$", 60, start)
            result(typed, "the pipeline typed on the serial console reaches the shell")
            result(wait_file(os.path.join(data, "count.txt"), b"2\n"),
                   "data/count.txt on the host holds the count of milk lines (2)")

            start = len(vm.text())
            vm.type(("%s milk < notes.txt" % GREP).encode() + b"\r")
            got = vm.wait_line(ANSWER + "milk and honey$", 60, start)
            result(got and vm.grep(ANSWER + "buy milk$"),
                   "a pipeline's output shows on the console as the shell's lines")

            # POSIX statuses reach $? whole (exit-with-code): 1 no match, 2 trouble
            for args, want in (("zzz < notes.txt", "1"), ("-y milk < notes.txt", "2")):
                start = len(vm.text())
                vm.type(("%s %s; t-echo status $?" % (GREP, args)).encode() + b"\r")
                st = vm.wait_line(ANSWER + r"status (\d+)$", 60, start)
                got_st = st[2].group(1) if st else None
                result(got_st == want, "%s %s: $? is %s (want %s)" % (GREP, args, got_st, want))

            start = len(vm.text())
            vm.type(("%s | %s" % (YES, CAT)).encode() + b"\r")
            flowing = vm.wait_line(ANSWER + "y$", 60, start)
            result(flowing, "%s | %s floods the shell" % (YES, CAT))
            vm.type(b"\x03")
            stopped = vm.wait_line(ANSWER + r"\^C$", 30, start)
            start = len(vm.text())
            vm.type(b"t-echo status $?\r")
            st = vm.wait_line(ANSWER + r"status (\d+)$", 60, start)
            result(stopped and st and st[2].group(1) == "137",
                   "Ctrl+C stops it: $? is %s" % (st[2].group(1) if st else None))
            table = shell_command(vm, "ps", len(vm.text()), "ps", 60) or []
            left = [l for l in table if "#" in l]
            result(table and not left, "ps lists no command instance after Ctrl+C: %s" % left[:3])

            vm.type(b"poweroff\r")
            rc = vm.wait_exit(60)
            result(rc == 0, "poweroff typed on the console: QEMU exits %s" % rc)
            no_crash(vm, result)


if __name__ == "__main__":
    run_main(main, result)
