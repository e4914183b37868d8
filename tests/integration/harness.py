"""harness: run the hosted supervisor on a throwaway root and drive it.

A test builds a `System` from app specs, starts it, talks to it through
`Console` connections on the control socket (the pseudo-app "console"), and
always stops it at the end (`with System(...) as s:`), which also checks
that no process it started is left behind.

Apps are real ones: WebAssembly components built by `make apps` into
build/apps/<kind>/ (tests/apps/talker and its siblings are the test apps)
and run by the real runner, build/vyoma-run (`App.real(name, kind)`). A
few tests still use scripted stand-ins run by the native fixture
tests/fixtures/fakeapp.c (`App.scripted`), where no component can do the
job (each says why). When a system mixes the two, or a real app asks for a
runner hook (`hooks=`: things only a native process can do, such as
ignoring SIGTERM), the supervisor's runner is a small shell wrapper that
applies the hooks and execs vyoma-run (or the fixture, for a scripted
app) with the very same arguments. Python 3 standard library only.
"""

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(ROOT, "build")
FIXTURE_SRC = os.path.join(ROOT, "tests", "fixtures", "fakeapp.c")
FIXTURE_BIN = os.path.join(BUILD, "fixtures", "fakeapp")
RUNNER = os.path.join(BUILD, "vyoma-run")
# Precompiled components, shared by every test. Runners only read a cache;
# System.start() fills it first, as the image build does (precompile()).
TEST_CACHE = os.path.join(BUILD, "test-cache")
# magic, component-model version 0x0d, layer 1: a component with no sections
EMPTY_COMPONENT = b"\0asm\x0d\x00\x01\x00"


def supervisor_binary():
    """build/asan/vyoma when it exists (sanitizers catch more), else build/vyoma."""
    env = os.environ.get("VYOMA_BIN")
    if env:
        return env
    for p in (os.path.join(BUILD, "asan", "vyoma"), os.path.join(BUILD, "vyoma")):
        if os.path.exists(p):
            return p
    raise RuntimeError("no supervisor binary: run `make supervisor`")


def fixture_binary():
    """Compile the fixture runner if it is missing or older than its source."""
    if (not os.path.exists(FIXTURE_BIN)
            or os.path.getmtime(FIXTURE_BIN) < os.path.getmtime(FIXTURE_SRC)):
        os.makedirs(os.path.dirname(FIXTURE_BIN), exist_ok=True)
        tmp = FIXTURE_BIN + ".%d.%d" % (os.getpid(), threading.get_ident())
        subprocess.run(["gcc", "-O1", "-o", tmp, FIXTURE_SRC], check=True)
        os.replace(tmp, FIXTURE_BIN)
    return FIXTURE_BIN


def fixture_static_binary():
    """The fixture linked statically, for a chroot with no libc in it."""
    out = FIXTURE_BIN + "-static"
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(FIXTURE_SRC):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        tmp = out + ".%d.%d" % (os.getpid(), threading.get_ident())
        subprocess.run(["gcc", "-O1", "-static", "-o", tmp, FIXTURE_SRC], check=True)
        os.replace(tmp, out)
    return out


def real_runner():
    check(os.access(RUNNER, os.X_OK), "build/vyoma-run missing: run `make runner`")
    return RUNNER


_precompile_lock = threading.Lock()


def artifact(cache, kind):
    """The path of build/apps/<kind>'s artifact in cache, or None."""
    import hashlib
    with open(os.path.join(BUILD, "apps", kind, kind + ".wasm"), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    for name in os.listdir(cache) if os.path.isdir(cache) else ():
        if name.startswith(sha + "-wasmtime-") and name.endswith(".cwasm"):
            return os.path.join(cache, name)
    return None


def precompile(cache, kinds):
    """`vyoma-run --precompile` for each built app kind that has no artifact
    in cache newer than the runner: the one way artifacts are made (the
    image build does the same; runners never write a cache, and the
    supervisor's cache index lists what is there when it starts). An app the
    audit refuses has none."""
    os.makedirs(cache, exist_ok=True)
    with _precompile_lock:
        for kind in sorted(set(kinds)):
            a = artifact(cache, kind)
            if a and os.path.getmtime(a) >= os.path.getmtime(RUNNER):
                continue
            subprocess.run([RUNNER, "--app", os.path.join(BUILD, "apps", kind), "--precompile",
                            "--cache", cache], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=120)


def built_apps():
    d = os.path.join(BUILD, "apps")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


class TestFailure(AssertionError):
    pass


def check(cond, msg="check failed"):
    if not cond:
        raise TestFailure(msg)


def wait_for(pred, timeout=10.0, interval=0.05, what="condition"):
    """Poll pred() until it returns something true; return that value."""
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TestFailure("timed out after %.1fs waiting for %s" % (timeout, what))
        time.sleep(interval)


# What the runner wrapper can do before it execs the real runner (see
# System.write_wrapper): things a WebAssembly component cannot do itself.
HOOKS = ("args", "ignore-term", "child", "orphan")


class App:
    """One app of the test root."""

    def __init__(self, name, script=None, built=None, caps=None, restart=None,
                 max_failures=None, window_secs=None, watchdog=None, memory_mb=None,
                 manifest=None, boot=True, extra_toml="", hooks=()):
        self.name = name
        self.script = script
        self.built = built
        # A built app keeps its own vyoma.toml unless a test says otherwise.
        self.custom = any(v is not None for v in (caps, restart, max_failures, window_secs,
                                                   watchdog, memory_mb)) or bool(extra_toml)
        self.caps = caps if caps is not None else ("stdio",)
        for h in hooks:
            check(h in HOOKS, "unknown runner hook " + h)
        self.hooks = tuple(hooks)
        self.restart = restart
        self.max_failures = max_failures
        self.window_secs = window_secs
        self.watchdog = watchdog
        self.memory_mb = memory_mb
        self.manifest = manifest  # raw vyoma.toml text, overrides the rest
        self.boot = boot
        self.extra_toml = extra_toml

    @classmethod
    def scripted(cls, name, *lines, **kw):
        return cls(name, script="\n".join(lines) + "\n", **kw)

    @classmethod
    def real(cls, name, kind=None, **kw):
        """The component build/apps/<kind>/<kind>.wasm under the name `name`,
        with a manifest made from the keywords (defaults: stdio only, the
        default restart policy)."""
        kind = kind or name
        check(os.path.isfile(os.path.join(BUILD, "apps", kind, kind + ".wasm")),
              "build/apps/%s missing: run `make apps`" % kind)
        app = cls(name, built=kind, **kw)
        app.custom = app.custom or kind != name
        return app

    def component(self):
        return (self.built or self.name) + ".wasm"

    def toml(self):
        if self.manifest is not None:
            return self.manifest
        comp = self.component()
        out = ['name = "%s"' % self.name, 'component = "%s"' % comp, "", "[capabilities]"]
        for c in self.caps:
            out.append("%s = true" % c)
        if self.watchdog is not None:
            out.append("watchdog_secs = %d" % self.watchdog)
        if self.restart or self.max_failures or self.window_secs:
            out.append("")
            out.append("[restart]")
            if self.restart:
                out.append('policy = "%s"' % self.restart)
            if self.max_failures:
                out.append("max_failures = %d" % self.max_failures)
            if self.window_secs:
                out.append("window_secs = %d" % self.window_secs)
        if self.memory_mb:
            out += ["", "[limits]", "memory_mb = %d" % self.memory_mb]
        return "\n".join(out) + "\n" + self.extra_toml

    def write(self, apps_dir):
        d = os.path.join(apps_dir, self.name)
        if self.built:
            shutil.copytree(os.path.join(BUILD, "apps", self.built), d, dirs_exist_ok=True)
            if self.built != self.name or self.manifest is not None or self.custom:
                with open(os.path.join(d, "vyoma.toml"), "w") as f:
                    f.write(self.toml())
            if getattr(self, "unmarked", None):  # bytes of a component built by hand
                with open(os.path.join(d, self.component()), "wb") as f:
                    f.write(self.unmarked)
            return
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "vyoma.toml"), "w") as f:
            f.write(self.toml())
        # An empty but valid component (passes `vyoma check`); the fixture
        # runner reads its script from the file beside it.
        with open(os.path.join(d, self.name + ".wasm"), "wb") as f:
            f.write(EMPTY_COMPONENT)
        with open(os.path.join(d, self.name + ".wasm.script"), "w") as f:
            f.write(self.script or "serve\n")


def boot_toml(names):
    return "".join('[[app]]\nname = "%s"\n\n' % n for n in names)


class Console:
    """One control-socket connection: the pseudo-app "console"."""

    def __init__(self, path, timeout=10.0):
        # The socket file exists from bind(), a moment before listen().
        deadline = time.monotonic() + 5
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(path)
                break
            except ConnectionRefusedError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
        self.buf = b""
        self.backlog = []  # lines read but not yet consumed
        self.timeout = timeout

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def send(self, line):
        data = line.encode() if isinstance(line, str) else line
        self.sock.sendall(data + b"\n")

    def _read_line(self, deadline):
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                raise TestFailure("control connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode(errors="replace")

    def expect(self, pred, timeout=None, what="line"):
        """Return the first line (backlog first) for which pred(line) is true."""
        if isinstance(pred, str):
            text = pred
            pred = lambda l: text in l  # noqa: E731
        for i, l in enumerate(self.backlog):
            if pred(l):
                del self.backlog[i]
                return l
        deadline = time.monotonic() + (timeout if timeout is not None else self.timeout)
        while True:
            l = self._read_line(deadline)
            if l is None:
                raise TestFailure("timed out waiting for %s; got %r" % (what, self.backlog[-8:]))
            if pred(l):
                return l
            self.backlog.append(l)

    def drain(self, quiet=0.2):
        """Read whatever arrives until quiet for `quiet` seconds; return it all."""
        lines = list(self.backlog)
        self.backlog = []
        while True:
            l = self._read_line(time.monotonic() + quiet)
            if l is None:
                return lines
            lines.append(l)

    def messages(self, sender=None):
        """Backlog messages "@sender: msg", removed from the backlog."""
        out, keep = [], []
        for l in self.backlog:
            m = re.match(r"@([a-z][a-z0-9-]*): (.*)$", l)
            if m and m.group(1) != "supervisor" and (sender is None or m.group(1) == sender):
                out.append((m.group(1), m.group(2)))
            else:
                keep.append(l)
        self.backlog = keep
        return out

    def cmd(self, command, timeout=None):
        """`@supervisor: command`; returns (ok, [answer lines without the prefix])."""
        self.send("@supervisor: " + command)
        verb = command.split()[0] if command.split() else ""
        lines = []
        while True:
            l = self.expect(lambda x: x.startswith("@supervisor: "), timeout, "answer to " + command)
            text = l[len("@supervisor: "):]
            if text.startswith("error: "):
                return False, lines + [text]
            if text == "ok " + verb or text.startswith("ok " + verb + " "):
                return True, lines + [text]
            lines.append(text)

    def must(self, command, timeout=None):
        ok, lines = self.cmd(command, timeout)
        check(ok, "%s failed: %s" % (command, lines))
        return lines

    def test(self, verb, timeout=None):
        """`VYOMA_TEST:verb`; returns the answer lines (without the prefix)."""
        self.send("VYOMA_TEST:" + verb)
        name = re.split(r"[: ]", verb)[0]
        lines = []
        while True:
            l = self.expect(lambda x: x.startswith("VYOMA_TEST:"), timeout, "answer to " + verb)
            text = l[len("VYOMA_TEST:"):]
            if text.startswith("error"):
                raise TestFailure("VYOMA_TEST:%s: %s" % (verb, text))
            if text == "ok " + name:
                return lines
            lines.append(text)

    def wait_ready(self, timeout=20.0):
        lines = self.test("wait-ready", timeout)
        m = re.match(r"ready (\d+) ([\d.]+)", lines[0])
        return int(m.group(1))

    def stats(self):
        out = {}
        for l in self.test("stats"):
            fields = dict(kv.split("=", 1) for kv in l.split()[1:])
            for k, v in fields.items():
                if re.fullmatch(r"-?\d+", v):
                    fields[k] = int(v)
            out[fields["app"]] = fields
        return out

    def ps(self):
        """{name: {pid, state, uptime, restarts, caps, mem, drops}}"""
        lines = self.must("ps")
        apps = {}
        for l in lines[1:-1]:
            f = l.split()
            apps[f[0]] = {"pid": f[1], "state": f[2], "uptime": f[3], "restarts": int(f[4]),
                          "caps": f[5], "mem": f[6], "drops": int(f[7])}
        return apps

    def state(self, name):
        return self.ps().get(name, {}).get("state")

    def wait_state(self, name, states, timeout=10.0):
        if isinstance(states, str):
            states = (states,)
        return wait_for(lambda: self.state(name) in states, timeout,
                        what="%s in state %s" % (name, "/".join(states)))

    def log(self, name, n=50):
        return [l[2:] if l.startswith("| ") else l
                for l in self.must("log %s %d" % (name, n))[:-1]]

    def wait_log(self, name, text, timeout=10.0, n=200):
        """Wait until a line of `log name` contains text; return that line."""
        def find():
            for l in self.log(name, n):
                if text in l:
                    return l
            return None
        return wait_for(find, timeout, what="%r in the log of %s" % (text, name))


class System:
    """A hosted supervisor on a temporary root."""

    def __init__(self, apps, boot=None, runner=None, extra_args=(), boot_text=None, pid1=False,
                 nofile=None, slow_console=None, fill_cache=True):
        self.pid1 = pid1
        self.fill_cache = fill_cache  # precompile the apps into --cache DIR at start
        # Bytes per second: the supervisor's stdout and stderr are one pipe
        # that a thread drains at this rate (a serial console), into the
        # output file. None: a plain file, as fast as the disk.
        self.slow_console = slow_console
        self.drainer = None
        self.drain_fast = False
        self.nofile = nofile  # RLIMIT_NOFILE (soft = hard) for the supervisor
        self.apps = {a.name: a for a in apps}
        self.boot = boot if boot is not None else [a.name for a in apps if a.boot]
        self.boot_text = boot_text
        self.runner = runner
        self.extra_args = list(extra_args)
        self.proc = None
        self.consoles = []
        self.tag = uuid.uuid4().hex
        self.dir = tempfile.mkdtemp(prefix="vyoma-it-")
        self.root = os.path.join(self.dir, "root")
        self.sock = os.path.join(self.dir, "ctl.sock")
        self.out_path = os.path.join(self.dir, "supervisor.out")
        scripted = any(a.script is not None for a in apps)
        real = any(a.built for a in apps)
        hooks = any(a.hooks for a in apps)
        if runner is None and (hooks or (scripted and real)):
            self.runner = self.write_wrapper(apps)
        elif runner is None and scripted:
            self.runner = fixture_binary()
        elif runner is None and real:
            self.runner = real_runner()
        if real and runner is None and "--cache" not in self.extra_args:
            os.makedirs(TEST_CACHE, exist_ok=True)
            self.extra_args += ["--cache", TEST_CACHE]
        self.build_root()

    def write_wrapper(self, apps):
        """The runner wrapper: applies the app's hooks (the file hooks/<name>),
        then execs the fixture for a scripted app (COMPONENT.script exists)
        or the real runner, with the supervisor's arguments unchanged."""
        hooks_dir = os.path.join(self.dir, "hooks")
        os.makedirs(hooks_dir, exist_ok=True)
        for a in apps:
            if a.hooks:
                with open(os.path.join(hooks_dir, a.name), "w") as f:
                    f.write(" ".join(a.hooks))
        fixture = fixture_binary() if any(a.script is not None for a in apps) else "/bin/false"
        path = os.path.join(self.dir, "runner-wrapper")
        with open(path, "w") as f:
            f.write("""#!/bin/sh
# Written by tests/integration/harness.py: hooks, then exec the runner.
name= comp= prev=
for a in "$@"; do
    [ "$prev" = --name ] && name=$a
    prev=$a comp=$a
done
hooks=" $(cat '%(hooks)s'/"$name" 2>/dev/null) "
case $hooks in *" args "*) for a in "$@"; do echo "arg: $a" >&2; done ;; esac
case $hooks in *" ignore-term "*) trap '' TERM ;; esac
# a process in the app's group, as if the runner had spawned it
case $hooks in *" child "*) sleep 1000 > /dev/null 2>&1 < /dev/null & ;; esac
# double fork + setsid: a process outside the app's group
case $hooks in *" orphan "*) (setsid sleep 1000 > /dev/null 2>&1 < /dev/null &) ;; esac
[ -e "$comp.script" ] && exec '%(fixture)s' "$@"
exec '%(runner)s' "$@"
""" % {"hooks": hooks_dir, "fixture": fixture, "runner": real_runner()})
        os.chmod(path, 0o755)
        return path

    # -- the root ------------------------------------------------------------
    def build_root(self):
        os.makedirs(os.path.join(self.root, "etc", "vyoma"), exist_ok=True)
        os.makedirs(os.path.join(self.root, "data"), exist_ok=True)
        for a in self.apps.values():
            a.write(os.path.join(self.root, "apps"))
        os.makedirs(os.path.join(self.root, "apps"), exist_ok=True)
        self.write_boot(self.boot)

    def write_boot(self, names, text=None):
        text = text if text is not None else (self.boot_text or boot_toml(names))
        with open(os.path.join(self.root, "etc", "vyoma", "boot.toml"), "w") as f:
            f.write(text)

    def add_app(self, app):
        self.apps[app.name] = app
        app.write(os.path.join(self.root, "apps"))
        if app.hooks:
            check(os.path.isdir(os.path.join(self.dir, "hooks")), "hooks need the runner wrapper")
            with open(os.path.join(self.dir, "hooks", app.name), "w") as f:
                f.write(" ".join(app.hooks))

    def app_path(self, name, *rest):
        return os.path.join(self.root, "apps", name, *rest)

    # -- the process ---------------------------------------------------------
    def start(self, wait_socket=True):
        if self.fill_cache and "--cache" in self.extra_args:
            precompile(self.extra_args[self.extra_args.index("--cache") + 1],
                       [a.built for a in self.apps.values() if a.built])
        args = [supervisor_binary(), "--pid1" if self.pid1 else "--hosted", "--root", self.root,
                "--control", self.sock]
        if self.runner:
            args += ["--runner", self.runner]
        args += self.extra_args
        env = dict(os.environ)
        env["VYOMA_TEST_TAG"] = self.tag
        # A small quarantine, so RSS measures the supervisor, not ASan.
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1:quarantine_size_mb=8:malloc_context_size=10")
        self.out = open(self.out_path, "wb")
        pre = None
        if self.nofile:
            import resource
            lim = self.nofile
            pre = lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (lim, lim))  # noqa: E731
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE if self.slow_console else self.out,
                                     stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True, preexec_fn=pre)
        if self.slow_console:
            self.drainer = threading.Thread(target=self._drain_slowly, daemon=True)
            self.drainer.start()
        if wait_socket:
            wait_for(lambda: os.path.exists(self.sock) or self.proc.poll() is not None, 10,
                     what="control socket")
            check(self.proc.poll() is None, "supervisor exited at start:\n" + self.output())
        return self

    def _drain_slowly(self):
        """Read the supervisor's console pipe at self.slow_console bytes/s
        (as fast as it comes once drain_fast is set, at the end)."""
        tick = 0.02
        fd = self.proc.stdout.fileno()
        while True:
            want = 65536 if self.drain_fast else max(1, int(self.slow_console * tick))
            try:
                chunk = os.read(fd, want)
            except OSError:
                return
            if not chunk:
                return
            self.out.write(chunk)
            self.out.flush()
            if not self.drain_fast:
                time.sleep(tick)

    def console(self):
        c = Console(self.sock)
        self.consoles.append(c)
        return c

    def output(self):
        try:
            with open(self.out_path, "rb") as f:
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def pid(self):
        return self.proc.pid

    def cpu_secs(self, pid=None):
        """User + system CPU time of the supervisor so far."""
        pid = pid or self.proc.pid
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_kib(self, pid=None):
        pid = pid or self.proc.pid
        with open("/proc/%d/status" % pid) as f:
            for l in f:
                if l.startswith("VmRSS:"):
                    return int(l.split()[1])
        return -1

    def tagged_pids(self):
        """Every live process (not a zombie) that carries this system's tag."""
        found = []
        me = os.getpid()
        for d in os.listdir("/proc"):
            if not d.isdigit() or int(d) == me:
                continue
            try:
                with open("/proc/%s/environ" % d, "rb") as f:
                    env = f.read()
                with open("/proc/%s/stat" % d) as f:
                    st = f.read().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if ("VYOMA_TEST_TAG=" + self.tag).encode() in env and st != "Z":
                found.append(int(d))
        return found

    def stop(self, sig=signal.SIGTERM, timeout=15.0):
        """Stop the supervisor, return its exit code; fail on leftovers."""
        for c in self.consoles:
            c.close()
        self.consoles = []
        if self.proc is None:
            return None
        self.drain_fast = True
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
                raise TestFailure("supervisor did not exit within %.0fs of signal %d" % (timeout, sig))
        code = self.proc.returncode
        if self.drainer:
            self.drainer.join(10)
            self.proc.stdout.close()
        self.out.close()
        deadline = time.monotonic() + 3
        left = self.tagged_pids()
        while left and time.monotonic() < deadline:
            time.sleep(0.05)
            left = self.tagged_pids()
        if left:
            for p in left:
                try:
                    os.kill(p, signal.SIGKILL)
                except OSError:
                    pass
            raise TestFailure("orphans left after the supervisor exited: %s" % left)
        return code

    def wait_exit(self, timeout=15.0):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise TestFailure("supervisor still running after %.0fs" % timeout)

    def check_clean_output(self):
        out = self.output()
        for bad in ("AddressSanitizer", "runtime error:", "LeakSanitizer"):
            check(bad not in out, "sanitizer report in supervisor output:\n" + out[-4000:])

    def __enter__(self):
        return self.start()

    def __exit__(self, et, ev, tb):
        try:
            code = self.stop()
            if et is None:
                self.check_clean_output()
                check(code == 0, "supervisor exit code %s\n%s" % (code, self.output()[-3000:]))
        finally:
            if et is None and not os.environ.get("VYOMA_KEEP"):
                shutil.rmtree(self.dir, ignore_errors=True)
            elif et is not None:
                print("    (supervisor output kept in %s)" % self.out_path)
        return False


class LineReader:
    """The lines of a running process's stdout, read until one matches.
    A thread reads them, so a process that goes quiet fails the test when
    its time is up instead of blocking it in readline."""

    def __init__(self, proc):
        self.proc = proc
        self.seen = []
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, pred, secs, what):
        """The first line (from now) for which pred holds; fails the test
        with the last lines read when none comes within secs."""
        deadline = time.monotonic() + secs
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                what += " (none within %g s)" % secs
                break
            if line is None:
                self.lines.put(None)  # the end stays the end for the next call
                what += " (the output ended)"
                break
            self.seen.append(line)
            if pred(line):
                return line
        raise TestFailure("%s:\n%s" % (what, "\n".join(self.seen[-40:])))


class DevLoop:
    """scripts/dev.sh NAME (what `make dev APP=NAME` runs) in the tree
    `tree`, headless, looking for changes every 0.1 s; with its output
    lines, its control socket, and a stop that ends it all."""

    def __init__(self, tree, name):
        self.tree = tree
        self.sock = os.path.join(tree, "build", "dev", name, "ctl.sock")
        self.proc = subprocess.Popen(["bash", os.path.join(tree, "scripts", "dev.sh"), name], cwd=tree,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env=dict(os.environ, HEADLESS="1", DEV_POLL="0.1"),
                                     start_new_session=True)
        self.reader = LineReader(self.proc)
        self.until = self.reader.until

    def ctl(self, *lines):
        """`build/vyoma ctl SOCK LINE...` of the tree: the finished process."""
        return subprocess.run([os.path.join(self.tree, "build", "vyoma"), "ctl", self.sock] + list(lines),
                              capture_output=True, text=True, timeout=30)

    def stop(self):
        """Ctrl-C, as a person ends it (SIGKILL after 10 s); its exit status."""
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

