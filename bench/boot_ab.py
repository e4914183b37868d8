#!/usr/bin/env python3
"""boot_ab: compares boot setups under TCG by alternating them (A/B/A/B...),
so that a loaded machine slows each about as much.

Each setup is a label and environment assignments for scripts/qemu.sh, e.g.
  boot_ab.py 5 'old: VYOMA_KERNEL=/tmp/old/bzImage VYOMA_INITRAMFS=/tmp/old.cpio.lz4' \
             'new: VYOMA_APPEND="quiet loglevel=3"'
(one argument per setup, its assignments split as a shell would).
For each it prints the median (min-max) of the readiness line's arrival
after QEMU starts (the definition of bench/boot_bench.py), the kernel's
start, the readiness line's own figure (since kernel start) and QEMU's CPU
time until readiness (what a loaded machine changes least), plus the load
average before and after. Numbers only; nothing passes or fails.

usage: boot_ab.py RUNS 'LABEL: VAR=VALUE ...' ...
"""

import os
import shlex
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from boot_bench import boot, stats  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def setup(arg):
    label, _, assigns = arg.partition(":")
    env = {}
    for a in shlex.split(assigns):
        k, eq, v = a.partition("=")
        if not eq:
            sys.exit("boot_ab: '%s' is not VAR=VALUE" % a)
        env[k] = v
    env.setdefault("VYOMA_INITRAMFS", os.path.join(ROOT, "build", "initramfs.cpio.lz4"))
    return label, env


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    setups = [setup(a) for a in sys.argv[2:]]
    logdir = os.path.join(ROOT, "build", "bench", "ab")
    os.makedirs(logdir, exist_ok=True)
    data = tempfile.mkdtemp(prefix="bootab.", dir=logdir)
    rows = {label: [] for label, _ in setups}
    print("  load before: %.1f %.1f %.1f" % os.getloadavg())
    try:
        for i in range(runs):
            for label, env in setups:
                log = os.path.join(logdir, "%s-%d.log" % (label, i))
                _, row = boot(env["VYOMA_INITRAMFS"], data, "tcg", log, extra_env=env)
                if row:
                    rows[label].append(row)
                else:
                    print("  %s: boot %d did not reach readiness (%s)" % (label, i, log))
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print("  load after:  %.1f %.1f %.1f" % os.getloadavg())
    print("  TCG, %d alternated boots each, median (min-max), seconds:" % runs)
    print("    %-12s %-22s %-22s %-22s %s" % ("setup", "ready after QEMU start", "kernel starts",
                                           "ready since kernel", "QEMU CPU to ready"))
    for label, _ in setups:
        r = rows[label]
        if not r:
            print("    %-12s no boot reached readiness" % label)
            continue
        print("    %-12s %-22s %-22s %-22s %s" % (label, stats([x["ready"] for x in r]), stats([x["kernel"] for x in r]),
                                               stats([x["ready(k)"] for x in r]), stats([x["cpu"] for x in r])))


if __name__ == "__main__":
    main()
