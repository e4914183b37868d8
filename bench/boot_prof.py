#!/usr/bin/env python3
"""boot_prof: where the guest's CPUs are while VyomaOS boots under TCG, by
sampling. One headless boot (the kernel's messages on); every few
milliseconds QMP's `info registers -a` gives each vCPU's instruction
pointer, which the kernel's symbol table (`nm` of the unstripped vmlinux in
the kernel's cache directory, scripts/kernel.sh) turns into a function
name. Prints, per 100 ms of guest time since the kernel started, the three
most frequent functions of each vCPU, and the kernel's milestones beside
them. A rough picture: under TCG a vCPU's instruction pointer is only
brought up to date when it leaves a translated block, and every sample
pauses the guest briefly. Numbers only; nothing passes or fails
(docs/perf.md "Boot" used it for the initramfs unpack).

usage: boot_prof.py VMLINUX_WITH_SYMBOLS [SECONDS]   (default 6)
  e.g. boot_prof.py ~/.cache/vyoma/kernel-6.12.117-<key>/obj/vmlinux
"""

import bisect
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "qemu"))
sys.path.insert(0, HERE)
from boot_bench import breakdown  # noqa: E402
from vm import VM, QmpConn  # noqa: E402

ROOT = os.path.join(HERE, "..")
REGS_RE = re.compile(r"CPU#(\d+)\s*\nRAX.*?RIP=([0-9a-f]+)", re.S)


def symbols(vmlinux):
    """Sorted (address, name) of the text symbols of VMLINUX."""
    out = subprocess.run(["nm", "-n", vmlinux], capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    if not syms:
        sys.exit("boot_prof: %s has no symbol table (the stripped build/vmlinux has none)" % vmlinux)
    return syms


def sample(secs):
    """One boot; returns (samples [(host time, cpu, rip)], vm)."""
    data = tempfile.mkdtemp(prefix="bootprof.", dir=os.path.join(ROOT, "build"))
    log = os.path.join(ROOT, "build", "bench", "prof.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    image = os.path.join(ROOT, "build", "initramfs.cpio.lz4")
    samples = []
    try:
        return sample_boot(image, data, log, secs, samples)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def sample_boot(image, data, log, secs, samples):
    with VM(image, data, log, accel="tcg", append="loglevel=8") as vm:
        qmp = QmpConn(vm.qmp_path, time.monotonic() + 10, vm.running, retry=0.01)
        end = time.monotonic() + secs
        while time.monotonic() < end and vm.running():
            r = qmp.call("human-monitor-command", **{"command-line": "info registers -a"})
            t = time.monotonic()
            for cpu, rip in REGS_RE.findall(r.get("return", "")):
                samples.append((t, int(cpu), int(rip, 16)))
            time.sleep(0.002)
        try:
            qmp.call("quit")
        except OSError:
            pass
        vm.wait_exit(15)
    return samples, vm


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    syms = symbols(sys.argv[1])
    addrs = [a for a, _ in syms]
    secs = float(sys.argv[2]) if len(sys.argv) == 3 else 6.0
    samples, vm = sample(secs)
    k0 = vm.kernel_start()
    if k0 is None:
        sys.exit("boot_prof: the kernel printed nothing (log: build/bench/prof.log)")

    def name(rip):
        i = bisect.bisect_right(addrs, rip) - 1
        return syms[i][1] if i >= 0 else hex(rip)

    marks = collections.defaultdict(list)
    for what, t in breakdown(vm):
        marks[int(t * 10)].append(what)
    print("  %d samples; per 100 ms of guest time since the kernel started, top functions per vCPU:"
          % len(samples))
    cpus = sorted({c for _, c, _ in samples})
    buckets = collections.defaultdict(collections.Counter)
    for t, cpu, rip in samples:
        buckets[(int((t - k0) * 10), cpu)][name(rip)] += 1
    for b in sorted({b for b, _ in buckets}):
        cols = []
        for cpu in cpus:
            top = buckets.get((b, cpu), collections.Counter()).most_common(3)
            cols.append("cpu%d %s" % (cpu, " ".join("%s:%d" % x for x in top) or "-"))
        print("  %5.1f  %s%s" % (b / 10, " | ".join(cols),
                                 "   <- " + ", ".join(marks[b]) if b in marks else ""))


if __name__ == "__main__":
    main()
