"""scripts/qemu.sh's choice between KVM and TCG (issue 9), against a fake QEMU.

Each test copies scripts/qemu.sh into a temporary root (so build/.kvm-probe
and build/kvm-error.log are its own), with a dummy kernel and initramfs, a
plain file as /dev/kvm (VYOMA_KVM_DEV) and QEMU=a script that imitates what
a real one does with our kernel under KVM:
  boot   prints the kernel's panic line on the serial file and exits 0
         (the kernel booted; panic=-1 + -no-reboot end QEMU)
  die    "KVM internal error. Suberror: 1 ... emulation failure" on stderr,
         then stays (a real QEMU pauses the guest and keeps running)
  frozen as die, and stops its parent, the probe's timeout(1): a loaded
         machine that does not run timeout before the probe's SIGKILL
  stall  prints nothing and stays
  banner prints the kernel's first line and stays
  fail   an error on stderr, exit 1
  ready  (the boot of `make run`) "VYOMA: ready" on stdout, then echoes a
         line read from stdin, exit 0
The probe's mode is FAKE_PROBE; a boot with an initramfs takes FAKE_RUN_KVM
or FAKE_RUN_TCG by its -accel. Every call is logged to calls.log.
"""

import os
import re
import shutil
import subprocess
import tempfile
import time

from harness import ROOT, check

FAKE_QEMU = r"""#!/usr/bin/env bash
echo "$$ $*" >>"$FAKE_DIR/calls.log"
if [ "${1:-}" = --version ]; then echo "QEMU emulator version 9.9.9 (fake)"; exit 0; fi
serial= accel= initrd=
while [ $# -gt 0 ]; do
	case $1 in
	-serial) serial=$2; shift ;;
	-accel) accel=$2; shift ;;
	-initrd) initrd=$2; shift ;;
	esac
	shift
done
mode=$FAKE_PROBE
if [ -n "$initrd" ]; then
	if [ "$accel" = kvm ]; then mode=$FAKE_RUN_KVM; else mode=$FAKE_RUN_TCG; fi
fi
echo "$$" >"$FAKE_DIR/last.pid"
case $mode in
boot)
	printf 'Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n' >"${serial#file:}"
	exit 0 ;;
die)
	printf 'KVM internal error. Suberror: 1\nextra data[0]: 0x0000000000000000\nemulation failure\nEAX=00000000 EBX=00000000\n' >&2
	exec sleep 30 ;;
frozen)
	printf 'KVM internal error. Suberror: 1\nemulation failure\n' >&2
	kill -STOP "$PPID"
	exec sleep 30 ;;
stall) exec sleep 30 ;;
banner)
	printf 'Linux version 6.12.117 (vyoma@vyoma)\r\n' >"${serial#file:}"
	exec sleep 30 ;;
fail)
	echo "qemu-system-x86_64: -accel kvm: failed to initialize kvm: Permission denied" >&2
	exit 1 ;;
ready)
	echo "VYOMA: ready 4 apps in 1.000s since kernel start"
	IFS= read -r line || line="(no stdin)"
	echo "got: $line"
	exit 0 ;;
esac
echo "fake qemu: unknown mode '$mode'" >&2
exit 9
"""


class Root:
    """A temporary copy of scripts/qemu.sh with a fake QEMU and /dev/kvm."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="accel.")
        os.makedirs(os.path.join(self.dir, "scripts"))
        os.makedirs(os.path.join(self.dir, "build"))
        shutil.copy(os.path.join(ROOT, "scripts", "qemu.sh"), os.path.join(self.dir, "scripts"))
        self.kernel = os.path.join(self.dir, "build", "vmlinux")  # scripts/qemu.sh's default
        self.set_kernel(b"not really a kernel\n")
        with open(os.path.join(self.dir, "build", "initramfs.cpio.lz4"), "wb") as f:
            f.write(b"not really an image\n")
        self.kvm = os.path.join(self.dir, "kvm")
        open(self.kvm, "w").close()
        self.qemu = os.path.join(self.dir, "fake-qemu")
        with open(self.qemu, "w") as f:
            f.write(FAKE_QEMU)
        os.chmod(self.qemu, 0o755)

    def set_kernel(self, data):
        with open(self.kernel, "wb") as f:
            f.write(data)

    def env(self, **kw):
        env = dict(os.environ)
        for k in ("VYOMA_ACCEL", "VYOMA_KERNEL", "VYOMA_INITRAMFS", "VYOMA_KVM_BUDGET", "DISPLAY"):
            env.pop(k, None)
        env.update({"QEMU": self.qemu, "FAKE_DIR": self.dir, "VYOMA_KVM_DEV": self.kvm,
                    "HEADLESS": "1", "VYOMA_VNC": "off", "VYOMA_SERIAL": "stdio",
                    "VYOMA_QMP": os.path.join(self.dir, "qmp.sock"), "FAKE_PROBE": "boot",
                    "FAKE_RUN_KVM": "ready", "FAKE_RUN_TCG": "ready"})
        env.update(kw)
        return env

    def run(self, args, stdin=b"", timeout=30, **kw):
        """(exit code, stdout, stderr, seconds) of scripts/qemu.sh ARGS."""
        t0 = time.monotonic()
        p = subprocess.run(["bash", os.path.join(self.dir, "scripts", "qemu.sh")] + args,
                           input=stdin, env=self.env(**kw), capture_output=True, timeout=timeout)
        return (p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"),
                time.monotonic() - t0)

    def accel(self, **kw):
        """(kvm|tcg, the stderr line, seconds) of `qemu.sh --accel`."""
        code, out, err, secs = self.run(["--accel"], **kw)
        check(code == 0, "qemu.sh --accel exited %d: %s" % (code, err))
        lines = [ln for ln in err.splitlines() if ln.startswith("qemu: ")]
        check(len(lines) == 1, "one line on stderr, not: %r" % err)
        return out.strip(), lines[0], secs

    def probes(self):
        """The fake's calls that were KVM probes (no initramfs)."""
        with open(os.path.join(self.dir, "calls.log")) as f:
            calls = [ln.split(" ", 1) for ln in f.read().splitlines()]
        return [c[1] for c in calls if len(c) > 1 and "-kernel" in c[1] and "-initrd" not in c[1]]

    def last_fake_gone(self):
        with open(os.path.join(self.dir, "last.pid")) as f:
            pid = int(f.read())
        # Gone, or a zombie waiting for whoever reaps it (its parent,
        # `timeout`, may have been killed first); 5 s for a loaded machine.
        for _ in range(100):
            try:
                with open("/proc/%d/stat" % pid) as f:
                    if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                        return True
            except OSError:
                return True
            time.sleep(0.05)
        return False

    def memo(self):
        with open(os.path.join(self.dir, "build", ".kvm-probe")) as f:
            return f.read()

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def with_root(fn):
    def test():
        r = Root()
        try:
            fn(r)
        finally:
            r.close()
    test.__name__ = fn.__name__
    return test


@with_root
def test_accel_probe_boots_our_kernel_under_kvm(r):
    accel, line, _ = r.accel()
    check(accel == "kvm", line)
    check(re.fullmatch(r"qemu: KVM \(probe booted our kernel to its last console line in \d+\.\d s\)", line), line)
    probes = r.probes()
    check(len(probes) == 1, probes)
    for flag in ("-accel kvm", "-machine q35", "-cpu host", "-no-reboot", "-kernel " + r.kernel,
                 "panic=-1"):
        check(flag in probes[0], "the probe runs with %s: %s" % (flag, probes[0]))
    # remembered: no second probe, and the line says so
    accel, line, _ = r.accel()
    check(accel == "kvm" and line.endswith("; cached for this host boot)"), line)
    check(len(r.probes()) == 1, "cached verdict probed again")
    # another kernel is probed again
    r.set_kernel(b"another kernel\n")
    accel, line, _ = r.accel(FAKE_PROBE="die")
    check(accel == "tcg" and "cached" not in line, line)
    check(len(r.probes()) == 2, "a new kernel was not probed")
    # the boot command follows the verdict
    code, out, err, _ = r.run(["--print-args"])
    check(code == 0 and "-accel\ntcg\n-cpu\nmax\n" in out, out + err)


@with_root
def test_accel_probe_guest_dies_of_kvm_internal_error(r):
    accel, line, secs = r.accel(FAKE_PROBE="die", VYOMA_KVM_BUDGET="20")
    check(accel == "tcg", line)
    check(re.fullmatch(r"qemu: TCG \(KVM probe: guest died after \d+\.\d s: KVM internal error, "
                       r"emulation failure\)", line), line)
    check(secs < 10, "the probe saw the error at once, not at the 20 s budget: %.1f s" % secs)
    check(r.last_fake_gone(), "the probe left its QEMU running")
    check("\ttcg\tKVM probe: guest died" in r.memo(), r.memo())
    log = open(os.path.join(r.dir, "build", "kvm-probe.log")).read()
    check("emulation failure" in log and "EAX=" in log, "probe log keeps QEMU's report: " + log)
    accel, line, _ = r.accel(FAKE_PROBE="boot")
    check(accel == "tcg" and line.endswith("emulation failure; cached for this host boot)"), line)


@with_root
def test_accel_probe_stops_its_qemu_even_when_timeout_cannot(r):
    # The probe's QEMU runs under timeout(1), which passes our SIGTERM on.
    # On a loaded machine timeout may not run before our SIGKILL (seen in
    # CI: "the probe left its QEMU running"); the SIGKILL goes to timeout's
    # process group, so QEMU ends all the same.
    accel, line, _ = r.accel(FAKE_PROBE="frozen", VYOMA_KVM_BUDGET="20")
    check(accel == "tcg" and "emulation failure" in line, line)
    check(r.last_fake_gone(), "the probe left its QEMU running after its timeout(1) was killed")


@with_root
def test_accel_probe_guest_stalls(r):
    accel, line, secs = r.accel(FAKE_PROBE="stall", VYOMA_KVM_BUDGET="1")
    check(accel == "tcg", line)
    check(line == "qemu: TCG (KVM probe: guest stalled: our kernel did not finish booting within 1 s"
                  " (no console output))", line)
    check(secs < 5, "budget 1 s, took %.1f s" % secs)
    check(r.last_fake_gone(), "the probe left its QEMU running")
    r.set_kernel(b"another kernel\n")
    accel, line, secs = r.accel(FAKE_PROBE="banner", VYOMA_KVM_BUDGET="1")
    check(accel == "tcg" and line.endswith(
        "within 1 s (its last console line: Linux version 6.12.117 (vyoma@vyoma)))"), line)


@with_root
def test_accel_probe_qemu_fails(r):
    accel, line, _ = r.accel(FAKE_PROBE="fail")
    check(accel == "tcg", line)
    check("QEMU exited with status 1" in line and "failed to initialize kvm: Permission denied" in line, line)


@with_root
def test_accel_without_kvm_or_when_told(r):
    accel, line, _ = r.accel(VYOMA_KVM_DEV=os.path.join(r.dir, "nowhere"))
    check(accel == "tcg" and line == "qemu: TCG (no %s)" % os.path.join(r.dir, "nowhere"), line)
    accel, line, _ = r.accel(VYOMA_ACCEL="kvm", FAKE_PROBE="die")
    check(accel == "kvm" and line == "qemu: KVM (VYOMA_ACCEL=kvm)", line)
    accel, line, _ = r.accel(VYOMA_ACCEL="tcg")
    check(accel == "tcg" and line == "qemu: TCG (VYOMA_ACCEL=tcg)", line)
    check(not os.path.exists(os.path.join(r.dir, "calls.log")) or not r.probes(), "probed anyway")
    code, _, err, _ = r.run(["--accel"], VYOMA_ACCEL="fast")
    check(code != 0 and "VYOMA_ACCEL must be auto, kvm or tcg" in err, err)


@with_root
def test_run_boots_again_under_tcg_when_the_kvm_guest_dies(r):
    # the probe passes, then the real boot dies of a KVM internal error
    code, out, err, secs = r.run([], stdin=b"typed\n", FAKE_RUN_KVM="die")
    lines = err.splitlines()
    check(code == 0, "exit %d: %s" % (code, err))
    check(lines[0].startswith("qemu: KVM (probe booted our kernel"), err)
    check(any(re.match(r"qemu: the KVM guest died after \d+\.\d s \(KVM internal error, emulation failure; "
                       r"QEMU's report: build/kvm-error.log\): booting again under TCG", ln) for ln in lines), err)
    check(re.match(r"qemu: TCG \(a KVM guest of make run died after \d+\.\d s: KVM internal error, "
                   r"emulation failure\)", lines[-1]), err)
    check("EAX=" not in err and "Suberror" not in err, "register dump kept off the terminal: " + err)
    check("EAX=" in open(os.path.join(r.dir, "build", "kvm-error.log")).read(), "kvm-error.log")
    check("VYOMA: ready" in out and "got: typed" in out, "the TCG boot had the terminal: " + out)
    check(secs < 15, "%.1f s" % secs)
    # the next run goes straight to TCG, saying why
    accel, line, _ = r.accel()
    check(accel == "tcg" and "a KVM guest of make run died" in line and "cached" in line, line)
    code, out, err, _ = r.run([], stdin=b"again\n")
    check(code == 0 and err.splitlines()[0].startswith("qemu: TCG (a KVM guest") and "got: again" in out,
          out + err)


@with_root
def test_run_under_kvm_keeps_stdin_and_exit_status(r):
    code, out, err, _ = r.run([], stdin=b"hello\n")
    check(code == 0 and "got: hello" in out, out + err)
    check(err.splitlines()[0].startswith("qemu: KVM (probe booted"), err)
    check("booting again" not in err, err)


@with_root
def test_tcg_boot_skips_calibration_and_kvm_does_not(r):
    """Under TCG the kernel command line carries the options that skip what
    emulation makes slow and wrong to calibrate (lpj from the kernel's HZ);
    VYOMA_TCG_FAST=0 leaves them out; KVM never gets them."""
    with open(os.path.join(r.dir, "build", "kernel.config"), "w") as f:
        f.write("CONFIG_HZ=100\n")

    def append(**kw):
        code, out, err, _ = r.run(["--print-args"], **kw)
        check(code == 0, err)
        args = out.splitlines()
        return args[args.index("-append") + 1]

    line = append(VYOMA_ACCEL="tcg")
    for opt in ("noapictimer", "tsc=reliable", "no_timer_check", "cpu_init_udelay=0", "nogbpages"):
        check(" %s " % opt in line, "%s missing: %s" % (opt, line))
    m = re.search(r" lpj=(\d+) ", line)
    mhz = [l for l in open("/proc/cpuinfo") if l.startswith("cpu MHz")]
    if mhz:  # the host says its clock: lpj is it per jiffy of a HZ=100 kernel
        check(m and int(m.group(1)) == int(float(mhz[0].split(":")[1])) * 10**6 // 100, line)
    check(line.endswith(" -- --cache /var/cache/vyoma"), line)
    check("noapictimer" not in append(VYOMA_ACCEL="tcg", VYOMA_TCG_FAST="0"), "VYOMA_TCG_FAST=0")
    check("noapictimer" not in append(VYOMA_ACCEL="kvm"), "KVM got the TCG options")


@with_root
def test_tcg_boots_one_cpu_and_the_machine_keeps_smp(r):
    """Under TCG the kernel starts one CPU (maxcpus=1; PID 1 brings up the
    others after readiness) while QEMU's machine keeps -smp: VYOMA_LATE_CPUS=0
    or one CPU leaves the option out, and KVM never gets it."""
    def args(**kw):
        code, out, err, _ = r.run(["--print-args"], **kw)
        check(code == 0, err)
        a = out.splitlines()
        return a[a.index("-smp") + 1], a[a.index("-append") + 1].split()

    smp, line = args(VYOMA_ACCEL="tcg")
    check(smp == "2" and "maxcpus=1" in line and "noreplace-smp" in line, "%s %s" % (smp, line))
    smp, line = args(VYOMA_ACCEL="tcg", VYOMA_SMP="4")
    check(smp == "4" and "maxcpus=1" in line, "%s %s" % (smp, line))
    check("maxcpus=1" not in args(VYOMA_ACCEL="tcg", VYOMA_LATE_CPUS="0")[1], "VYOMA_LATE_CPUS=0")
    check("maxcpus=1" not in args(VYOMA_ACCEL="tcg", VYOMA_SMP="1")[1], "VYOMA_SMP=1")
    check("maxcpus=1" not in args(VYOMA_ACCEL="kvm")[1], "KVM got maxcpus=1")
    check("noreplace-smp" not in args(VYOMA_ACCEL="tcg", VYOMA_LATE_CPUS="0")[1], "VYOMA_LATE_CPUS=0")
