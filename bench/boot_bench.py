#!/usr/bin/env python3
"""boot_bench: how long VyomaOS takes to boot in QEMU, measured from the host.

For each accelerator (KVM when scripts/qemu.sh says it works, as for `make
run`, whose line saying which and why it prints; TCG always) it boots the
image RUNS times, headless, and takes from the serial console, in seconds
after QEMU was started:
  kernel  the kernel's start: min over console lines of (arrival - the
          guest uptime printed in the line); output only lags, so the
          minimum is the closest estimate
  first   the supervisor's first line
  ready   the readiness line "VYOMA: ready <n> apps in <s>s since kernel
          start" (its own figure is printed too: "ready(k)")
  cpu     QEMU's CPU time (every thread) when the readiness line arrives:
          what the boot cost, which the machine's load changes far less
and prints the median (min-max) of each. Under TCG it then alternates
boots as scripts/qemu.sh does them with five baselines: SeaBIOS instead of
qboot, no TCG boot options, the compressed bzImage instead of vmlinux
through its PVH entry, no device options (vyoma_dev_boot_args), and every
CPU started by the kernel instead of one (vyoma_cpu_boot_args). Then
one more TCG boot with the kernel's messages on (loglevel=8) gives the
kernel-time breakdown: where the time goes. Numbers only; nothing passes or fails.

With --precompile WITH WITHOUT (two builds of the QEMU test image, with and
without the precompiled components of /var/cache/vyoma), it also boots each
RUNS times under TCG and compares when the apps really run: the kernel-clock
time of the last of the apps' first lines (each prints one as soon as its
code runs), beside the readiness line.

usage: boot_bench.py IMAGE RUNS [--precompile WITH WITHOUT]
"""

import os
import re
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "qemu"))
from vm import VM  # noqa: E402

READY_RE = r"^VYOMA: ready (\d+) apps in (\d+\.\d+)s since kernel start"
SUP_RE = r"^\[\s*\d+\.\d+\] \S+\s+vyoma: "


# An app's echoed line: "name: 1> text" (supervisor/svc/sys.c: the app's own
# words carry no time or level; older supervisors wrote "[t] info  name: 1> ").
APP_LINE_RE = r"^(?:\[\s*\d+\.\d+\] info  )?([a-z][a-z0-9-]*): [12]> "


def all_apps_spoke(vm):
    started = {m.group(1) for t in vm.text() for m in [re.search(r"\] info  (\S+): started pid", t)] if m}
    spoke = {m.group(1) for t in vm.text() for m in [re.match(APP_LINE_RE, t)] if m}
    return started and started <= spoke


def boot(image, data, accel, log, append=None, settle=0, extra_env=None):
    """One boot to the readiness line; returns (vm, row) with row a dict of
    times, or None when it did not get there. settle: seconds to wait after
    it for every app's first line (stdout or stderr)."""
    with VM(image, data, log, accel=accel, append=append, extra_env=extra_env) as vm:
        ready = vm.wait_boot(READY_RE, 120)
        cpu = qemu_cpu(vm)
        deadline = time.monotonic() + settle
        while ready and time.monotonic() < deadline and not all_apps_spoke(vm):
            time.sleep(0.1)
        try:
            vm.qmp("quit")
        except OSError:
            pass
        vm.wait_exit(15)
        if not ready:
            return vm, None
        first = vm.wait_line(SUP_RE, 0)
        k = vm.kernel_start()
        return vm, {
            "kernel": k - vm.t_start,
            "first": first[1] - vm.t_start if first else float("nan"),
            "ready": ready[1] - vm.t_start,
            "ready(k)": float(ready[2].group(2)),
            "apps": int(ready[2].group(1)),
            "cpu": cpu,
        }


def qemu_cpu(vm):
    """QEMU's CPU time so far (user + system, every thread), in seconds:
    what the boot cost, which a loaded machine changes far less than the
    wall time (it only waits longer for a CPU)."""
    try:
        with open("/proc/%d/stat" % vm.proc.pid) as f:
            fields = f.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def stats(xs):
    return "%5.2f s (%.2f-%.2f)" % (statistics.median(xs), min(xs), max(xs))


def ktime(text):
    m = re.match(r"^\[\s*(\d+\.\d+)\]", text)
    return float(m.group(1)) if m else None


def breakdown(vm):
    """(milestone, kernel-clock time) of a loglevel=8 boot, in time order."""
    marks = [
        ("memory set up", r"\] Memory: "),
        ("CPUs up at boot (smp: Brought up)", r"\] smp: Brought up"),
        ("initramfs unpack starts", r"\] Unpacking initramfs"),
        ("network configured (ip=)", r"\] IP-Config: Complete"),
        ("initramfs unpacked", r"\] Freeing initrd memory"),
        ("/init starts", r"\] Run /init as init process"),
        ("supervisor's first line", SUP_RE),
        ("display up (DRM mode set)", r"\] info  vyoma: display: \S+ backend"),
        ("first app spawned", r"\] info  \S+: started pid"),
        ("readiness line", r"\] info  vyoma: ready: "),
        ("wallpaper shown (after readiness)", r"\] info  vyoma: wallpaper: "),
        ("other CPUs online (after readiness)", r"\] info  vyoma: cpus: .* online after "),
    ]
    rows = [("kernel start", 0.0)]
    for name, pat in marks:
        hit = vm.wait_line(pat, 0)
        if hit and ktime(hit[2].string) is not None:
            rows.append((name, ktime(hit[2].string)))
    # each app's first line (stdout, or stderr for a refused app): the
    # moment its code really runs, after the runner has loaded
    # (an echoed line has no time of its own: its arrival on the host, on
    # the kernel's clock)
    seen = set()
    k0 = vm.kernel_start()
    with vm.cond:
        lines = list(vm.lines)
    for host_t, text in lines:
        m = re.match(APP_LINE_RE, text)
        if m and m.group(1) not in seen and k0 is not None:
            seen.add(m.group(1))
            rows.append(("first line from " + m.group(1), host_t - k0))
    return sorted(rows, key=lambda r: r[1])


def apps_running(image, data, runs, logdir, tag):
    """Median kernel-clock times: readiness line, last first-line of an app."""
    ready, last = [], []
    for i in range(runs):
        vm, row = boot(image, data, "tcg", os.path.join(logdir, "%s-%d.log" % (tag, i)), settle=60)
        if not row:
            continue
        firsts = [t for name, t in breakdown(vm) if name.startswith("first line from ")]
        if firsts and all_apps_spoke(vm):
            ready.append(row["ready(k)"])
            last.append(max(firsts))
    return ready, last


def main():
    if len(sys.argv) not in (3, 6) or (len(sys.argv) == 6 and sys.argv[3] != "--precompile"):
        sys.exit(__doc__)
    image, runs = sys.argv[1], int(sys.argv[2])
    data = tempfile.mkdtemp(prefix="bootbench.", dir=os.path.join(os.path.dirname(image)))
    logdir = os.path.join(os.path.dirname(image), "bench")
    os.makedirs(logdir, exist_ok=True)
    # KVM or TCG as for `make run`: scripts/qemu.sh decides and says why
    probe = VM(image, data, os.path.join(logdir, "probe.log"))
    print("  " + probe.accel_line)
    print("  load average %.1f %.1f %.1f (the machine is shared: wall times grow with it, CPU times far less)"
          % os.getloadavg())
    accels = ["kvm", "tcg"] if probe.accel == "kvm" else ["tcg"]
    if probe.accel != "kvm":
        print("  so emulation (TCG, -cpu max) only")
    try:
        for accel in accels:
            rows = []
            for i in range(runs):
                vm, row = boot(image, data, accel, os.path.join(logdir, "%s-%d.log" % (accel, i)))
                if row:
                    rows.append(row)
                elif vm.kvm_error:
                    print("  KVM: the guest died after the probe passed (%s; %s): no more KVM boots"
                          % (vm.kvm_error.strip(), vm.log_path))
                    break
            if not rows:
                print("  %s: no boot reached the readiness line (logs in %s)" % (accel, logdir))
                continue
            print("  %s, median of %d boots (min-max), seconds after QEMU starts:" % (accel.upper(), len(rows)))
            for key, what in (("kernel", "kernel starts"), ("first", "supervisor's first line"),
                              ("ready", "readiness line (%d apps)" % rows[0]["apps"])):
                print("    %-34s %s" % (what, stats([r[key] for r in rows])))
            print("    %-34s %s" % ("readiness, since kernel start", stats([r["ready(k)"] for r in rows])))
            print("    %-34s %s" % ("QEMU's CPU time until readiness", stats([r["cpu"] for r in rows])))
            if accel == "tcg":
                # the baselines, alternated with as many boots of today's
                # setup (same kernel and image): SeaBIOS instead of qboot
                # (scripts/qemu.sh, vyoma_firmware_args), and no TCG boot
                # options (vyoma_tcg_boot_args)
                bz = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "bzImage")
                setups = (("now", {}), ("seabios", {"VYOMA_FIRMWARE": "seabios"}),
                          ("slow", {"VYOMA_TCG_FAST": "0"}), ("bzimage", {"VYOMA_KERNEL": bz}),
                          ("nodev", {"VYOMA_DEV_FAST": "0"}), ("allcpus", {"VYOMA_LATE_CPUS": "0"}))
                alt = {name: [] for name, _ in setups}
                for i in range(runs):
                    for name, env in setups:
                        _, r = boot(image, data, "tcg", os.path.join(logdir, "alt-%s-%d.log" % (name, i)),
                                    extra_env=env)
                        if r:
                            alt[name].append(r)
                if all(alt.values()):
                    print("    alternated boots (load %.1f), readiness after QEMU starts / QEMU's CPU time until it:"
                          % os.getloadavg()[0])
                    for name, what in (("now", "as scripts/qemu.sh boots"),
                                       ("seabios", "SeaBIOS (VYOMA_FIRMWARE=seabios)"),
                                       ("slow", "no TCG boot options (VYOMA_TCG_FAST=0)"),
                                       ("bzimage", "bzImage, not vmlinux (VYOMA_KERNEL=...)"),
                                       ("nodev", "no device options (VYOMA_DEV_FAST=0)"),
                                       ("allcpus", "every CPU at boot (VYOMA_LATE_CPUS=0)")):
                        print("      %-40s %s / %s" % (what, stats([r["ready"] for r in alt[name]]),
                                                      stats([r["cpu"] for r in alt[name]])))
                    print("      target: readiness <= 1.0 s after QEMU starts (issue 15)")
        vm, row = boot(image, data, "tcg", os.path.join(logdir, "breakdown.log"), append="loglevel=8",
                       settle=20)
        if row:
            print("  where the time goes (TCG, one boot with kernel messages on; guest clock):")
            kernel = vm.argv[vm.argv.index("-kernel") + 1]
            what = ("QEMU, firmware, loading and unpacking bzImage" if kernel.endswith("bzImage")
                    else "QEMU, firmware, loading %s (PVH)" % os.path.basename(kernel))
            print("    %-44s %6.2f s before the kernel starts" % (what, row["kernel"]))
            prev = 0.0
            for name, t in breakdown(vm):
                print("    %-44s %6.2f s  (+%.2f)" % (name, t, t - prev))
                prev = t
        if len(sys.argv) == 6:
            print("  precompiled components (the QEMU test image, TCG, %d boots each; guest clock):" % runs)
            for tag, img in (("with", sys.argv[4]), ("without", sys.argv[5])):
                ready, last = apps_running(img, data, runs, logdir, "precompile-" + tag)
                if not ready:
                    print("    %-8s no boot where every app spoke (logs in %s)" % (tag, logdir))
                    continue
                print("    %-8s readiness %s, every app running (its first line) %s"
                      % (tag, stats(ready), stats(last)))
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
