"""vm: boot VyomaOS in QEMU from a test or a benchmark and watch it.

The command line comes from scripts/qemu.sh (`--print-args`, with the
environment below), so tests boot exactly what `make run` boots, headless,
with the serial console on a pipe (its input too with keyboard=True:
vm.type() types into it). Every console line is kept with the host
time it arrived (time.monotonic()) and written to a log file. QMP is on a
socket of our own. A VM is always used as a context manager: leaving the
block kills QEMU if it still runs, so no test leaves one behind.

    with VM(initramfs, data_dir, log="build/qemu/x.log") as vm:
        vm.wait_line(r"^VYOMA: ready", 60)
        vm.qmp("screendump", filename="/tmp/s.ppm", device="gpu0")
        rc = vm.wait_exit(60)

Python 3 standard library only.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# "[    2.470] info ..." (supervisor log) or "[    2.470123] ..." (printk):
# the guest's CLOCK_BOOTTIME/printk time, i.e. seconds since kernel start.
UPTIME_RE = re.compile(r"^\[\s*(\d+\.\d+)\]")
# QEMU's report when KVM cannot run the guest on (stderr, which VM merges
# into the console lines); QEMU then pauses the guest instead of exiting.
KVM_ERROR_RE = r"KVM internal error"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def qemu_command(env):
    """(argv, line) of scripts/qemu.sh with this environment: the QEMU argv
    it would run and its line saying which accelerator and why, e.g.
    "qemu: TCG (VYOMA_ACCEL=tcg)"."""
    out = subprocess.run(["bash", os.path.join(ROOT, "scripts", "qemu.sh"), "--print-args"],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError("scripts/qemu.sh --print-args: " + out.stderr.strip())
    why = [ln for ln in out.stderr.splitlines() if ln.startswith("qemu: ")]
    return out.stdout.splitlines(), why[0] if why else ""


class VM:
    def __init__(self, initramfs, data_dir, log, accel=None, http_port=None,
                 append=None, extra_env=None, keyboard=False):
        self.keyboard = keyboard  # the serial console reads what vm.type() writes
        self.log_path = log
        self.qmp_path = log + ".qmp"
        self.http_port = http_port or free_port()
        env = dict(os.environ)
        env.update({
            "HEADLESS": "1",
            "VYOMA_SERIAL": "stdio",
            "VYOMA_INITRAMFS": initramfs,
            "VYOMA_DATA": data_dir,
            "VYOMA_QMP": self.qmp_path,
            "VYOMA_HTTP_PORT": str(self.http_port),
        })
        env["VYOMA_VNC"] = "off"  # no VNC server for tests; QMP screendump still works
        # The system's own state (installed packages) in a folder of the
        # test's, never the user's state/.
        self.own_state = data_dir.rstrip("/") + ".state"
        env["VYOMA_STATE"] = self.own_state
        if accel:
            env["VYOMA_ACCEL"] = accel
        if append:
            env["VYOMA_APPEND"] = append
        env.update(extra_env or {})
        if env["VYOMA_STATE"] != self.own_state:
            self.own_state = None  # the caller's: it keeps it
        self.argv, self.accel_line = qemu_command(env)
        self.accel = "kvm" if "kvm" in self.argv else "tcg"
        self.lines = []  # (host monotonic time, text)
        self.cond = threading.Condition()
        self.proc = None
        self.t_start = None
        self.t_exit = None
        self.returncode = None
        self.kvm_error = None

    # ---- process ---------------------------------------------------------------
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.kill()
        if self.own_state:
            shutil.rmtree(self.own_state, ignore_errors=True)
        return False

    def start(self):
        if os.path.exists(self.qmp_path):
            os.unlink(self.qmp_path)
        self.logf = open(self.log_path, "w")
        self.t_start = time.monotonic()
        stdin = subprocess.PIPE if self.keyboard else subprocess.DEVNULL
        self.proc = subprocess.Popen(self.argv, stdin=stdin, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for raw in self.proc.stdout:
            now = time.monotonic()
            text = raw.decode("utf-8", "replace").rstrip("\r\n")
            self.logf.write("%9.3f %s\n" % (now - self.t_start, text))
            self.logf.flush()
            with self.cond:
                self.lines.append((now, text))
                self.cond.notify_all()
        rc = self.proc.wait()
        with self.cond:
            self.t_exit = time.monotonic()
            self.returncode = rc
            self.cond.notify_all()

    def running(self):
        return self.returncode is None

    def wait_exit(self, timeout):
        """QEMU's exit code, or None if it still runs after timeout (then it is killed)."""
        with self.cond:
            self.cond.wait_for(lambda: self.returncode is not None, timeout)
            rc = self.returncode
        if rc is None:
            self.kill()
        self.reader.join(5)
        return rc

    def kill(self):
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass
            self.proc.wait()
        if self.proc:
            self.reader.join(5)
        if getattr(self, "logf", None) and not self.logf.closed:
            # the reader may still be writing its last line
            try:
                self.logf.flush()
            except ValueError:
                pass

    # ---- console ------------------------------------------------------------------
    def type(self, data):
        """Bytes into the serial console, as typed in the terminal of
        `make run` (VM(keyboard=True) only)."""
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def wait_line(self, pattern, timeout, start=0):
        """The first console line (from index start) matching pattern:
        (index, host time, re.Match), or None at timeout or QEMU's exit."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        i = start
        with self.cond:
            while True:
                while i < len(self.lines):
                    m = rx.search(self.lines[i][1])
                    if m:
                        return i, self.lines[i][0], m
                    i += 1
                left = deadline - time.monotonic()
                if left <= 0 or self.returncode is not None:
                    return None
                self.cond.wait(left)

    def wait_boot(self, pattern, timeout):
        """wait_line(pattern, timeout), but when QEMU reports a KVM internal
        error first it kills QEMU at once, sets self.kvm_error to QEMU's
        line and returns None (for the caller to boot again under TCG)."""
        hit = self.wait_line("(?:%s)|%s" % (pattern, KVM_ERROR_RE), timeout)
        if hit and not re.search(pattern, hit[2].string):
            self.kvm_error = hit[2].string
            self.kill()
            return None
        return hit

    def text(self):
        with self.cond:
            return [t for _, t in self.lines]

    def grep(self, pattern):
        rx = re.compile(pattern)
        return [t for t in self.text() if rx.search(t)]

    def kernel_start(self):
        """Host time of the kernel's start: min over lines of (arrival -
        guest uptime printed in the line). Output only lags, so the minimum
        is the closest estimate. None without timestamped lines."""
        best = None
        with self.cond:
            for t, text in self.lines:
                m = UPTIME_RE.match(text)
                if m and float(m.group(1)) > 0:
                    est = t - float(m.group(1))
                    best = est if best is None else min(best, est)
        return best

    # ---- QMP ------------------------------------------------------------------------
    def qmp(self, command, **arguments):
        """One QMP command on a fresh connection; returns the reply dict."""
        q = QmpConn(self.qmp_path, time.monotonic() + 10, self.running)
        try:
            return q.call(command, **arguments)
        finally:
            q.close()


class QmpConn:
    """A QMP connection (QEMU takes one at a time): connected with retries
    until `deadline` while `alive()` holds, greeted, capabilities sent; kept
    open for as many calls as its user makes (bench/boot_prof.py samples
    through one)."""

    def __init__(self, path, deadline, alive=lambda: True, retry=0.1):
        while True:
            self.sock = socket.socket(socket.AF_UNIX)
            self.sock.settimeout(30)
            try:
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline or not alive():
                    raise
                time.sleep(retry)
        self.f = self.sock.makefile("rw")
        self.f.readline()  # greeting
        self.call("qmp_capabilities")

    def call(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.f.write(json.dumps(msg) + "\n")
        self.f.flush()
        while True:
            line = self.f.readline()
            if not line:
                raise OSError("QMP connection closed")
            r = json.loads(line)
            if "return" in r or "error" in r:
                return r

    def close(self):
        self.f.close()
        self.sock.close()


# A line the shell wrote, as the console shows it (docs/run.md).
SHELL_ANSWER = r"^shell: 1> \| "


def shell_command(vm, text, start, verb, timeout=60):
    """Type `text` and Enter into the shell through the serial console; the
    lines of its answer, from after its "> text" echo up to and including
    "ok <verb>" or "error: ...", or None when they do not come."""
    vm.type(text.encode() + b"\r")
    typed = vm.wait_line(SHELL_ANSWER + "> " + re.escape(text) + "$", timeout, start)
    if not typed:
        return None
    done = vm.wait_line(SHELL_ANSWER + r"(ok %s|error: )" % verb, timeout, typed[0])
    if not done:
        return None
    return vm.text()[typed[0] + 1:done[0] + 1]


class Tally:
    """A QEMU test's PASS/FAIL lines and their counts:
    result = Tally(); result(ok, "what"); ...; sys.exit(result.finish())."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        self.passed, self.failed = self.passed + bool(ok), self.failed + (not ok)
        print("%s %s" % ("PASS" if ok else "FAIL", what), flush=True)
        return ok

    def finish(self):
        """Print the closing line; the exit code."""
        print("%d passed, %d failed" % (self.passed, self.failed), flush=True)
        return 1 if self.failed else 0


def image_path(kind):
    """build/qemu/<kind>.cpio.<ext>, in the format of the default image
    (scripts/rootfs.sh picks the compression from the name; the kernel must
    be able to unpack it)."""
    text = open(os.path.join(ROOT, "scripts", "rootfs.sh")).read()
    m = re.search(r"^OUT=\$\{VYOMA_INITRAMFS:-\$B/initramfs(\.cpio(?:\.\w+)?)\}", text, re.M)
    return os.path.join(ROOT, "build", "qemu", kind + (m.group(1) if m else ".cpio.zst"))


def build_image(out, apps, boot_toml):
    """An image of the supervisor with only `apps` (names in build/apps) and
    the boot list `boot_toml` (a path under the repository); exits saying
    why when scripts/rootfs.sh fails."""
    env = dict(os.environ, VYOMA_INIT=os.path.join(ROOT, "build", "vyoma"),
               VYOMA_APPS=" ".join(apps), VYOMA_BOOT_TOML=boot_toml, VYOMA_INITRAMFS=out)
    r = subprocess.run(["bash", "scripts/rootfs.sh"], cwd=ROOT, env=env, capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit("image build failed:\n" + r.stdout + r.stderr)


def test_image(kind, apps, boot_toml):
    """The image a test boots: argv[1] when given, else one built now."""
    if len(sys.argv) > 1:
        return sys.argv[1]
    os.makedirs(os.path.join(ROOT, "build", "qemu"), exist_ok=True)
    out = image_path(kind)
    build_image(out, apps, boot_toml)
    return out


def no_crash(vm, result):
    """The closing check of a boot: no panic, oops or sanitizer report."""
    trouble = vm.grep(r"Kernel panic|BUG:|Oops|AddressSanitizer|segfault")
    result(not trouble, "no panic or crash on the console" + (": " + trouble[0] if trouble else ""))


def run_main(main, result):
    """Run a QEMU test's main, print its time and tally; exit with it."""
    t0 = time.monotonic()
    main()
    print("INFO %.1fs" % (time.monotonic() - t0))
    sys.exit(result.finish())


def read_ppm(path):
    """(width, height, bytes) of a binary PPM (P6, maxval 255) as QEMU writes it."""
    with open(path, "rb") as f:
        data = f.read()
    parts = []
    pos = 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        parts.append(data[pos:end])
        pos = end
    pos += 1
    if parts[0] != b"P6" or parts[3] != b"255":
        raise ValueError("%s: not a P6 PPM with maxval 255" % path)
    w, h = int(parts[1]), int(parts[2])
    pix = data[pos:pos + 3 * w * h]
    if len(pix) != 3 * w * h:
        raise ValueError("%s: truncated" % path)
    return w, h, pix
