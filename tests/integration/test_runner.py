"""Runner tests: vyoma-run on real components, with hostile apps.

Each test starts build/vyoma-run directly (no supervisor) on an app built by
`make apps` into build/apps/<name>/, and checks what it prints, its exit
code and what it did on the host.
"""

import os
import select
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUNNER = os.path.join(ROOT, "build", "vyoma-run")
APPS = os.path.join(ROOT, "build", "apps")


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def run_app(name, *args, stdin=b"", timeout=30):
    p = subprocess.run([RUNNER, "--app", os.path.join(APPS, name)] + list(args),
                       input=stdin, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_hello_prints():
    rc, out, err = run_app("hello")
    check(rc == 0, "hello exited %d: %s" % (rc, err))
    check(out == "hello from VyomaOS\n", "hello printed %r" % out)


def test_hello_small_with_minimal_imports():
    size = os.path.getsize(os.path.join(APPS, "hello", "hello.wasm"))
    check(size < 10 * 1024, "hello.wasm is %d bytes, not under 10 KB" % size)
    rc, out, err = run_app("hello", "--list-imports")
    check(rc == 0, err)
    imports = set(out.strip().split(","))
    ifaces = {i.split("@")[0] for i in imports}
    check(ifaces <= {"wasi:cli/stdout", "wasi:io/streams", "wasi:io/error"},
          "hello imports more than stdout and streams: %s" % sorted(imports))
    check("wasi:cli/stdout" in ifaces and "wasi:io/streams" in ifaces, "imports: %s" % imports)


def cache_index(cache, seal=True):
    """A cache index as the supervisor makes it (lib/cidx.c): sha256sum
    lines of the artifacts in cache, in a memfd sealed against change."""
    import fcntl
    import hashlib
    fd = os.memfd_create("test-cache-index", os.MFD_ALLOW_SEALING)
    for name in sorted(os.listdir(cache)):
        with open(os.path.join(cache, name), "rb") as f:
            os.write(fd, ("%s  %s\n" % (hashlib.sha256(f.read()).hexdigest(), name)).encode())
    if seal:
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK
                    | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE)
    return fd


def run_indexed(name, cache, fd, *args):
    p = subprocess.run([RUNNER, "--app", os.path.join(APPS, name), "--cache", cache,
                        "--cache-index", str(fd), "-v"] + list(args),
                       capture_output=True, timeout=30, pass_fds=(fd,))
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def test_precompiled_cache_is_used():
    """Issue 11, item 3: a runner only reads the cache, and loads an
    artifact only when the sealed index vouches for its bytes."""
    with tempfile.TemporaryDirectory() as cache:
        rc, out, err = run_app("hello", "--cache", cache, "-v")
        check(rc == 0 and "hello from VyomaOS" in out, err)
        check(os.listdir(cache) == [], "a runner wrote the cache: %s" % os.listdir(cache))
        rc, out, err = run_app("hello", "--precompile", "--cache", cache)
        arts = [f for f in os.listdir(cache) if f.endswith(".cwasm")]
        check(rc == 0 and len(arts) == 1, "expected one artifact in the cache, got %s" % arts)
        check("wasmtime-" in arts[0], "artifact name carries no Wasmtime version: %s" % arts[0])
        fd = cache_index(cache)
        rc, out, err = run_indexed("hello", cache, fd)
        check(rc == 0 and "loaded precompiled" in err, "the vouched artifact was not loaded: %s" % err)
        # without an index nothing is loaded
        rc, out, err = run_app("hello", "--cache", cache, "-v")
        check(rc == 0 and "loaded precompiled" not in err and "no cache index" in err, err)
        # an index anyone could still change is no index
        loose = cache_index(cache, seal=False)
        rc, out, err = run_indexed("hello", cache, loose)
        check(rc == 0 and "loaded precompiled" not in err and "no sealed cache index" in err, err)
        os.close(loose)
        # A changed artifact is refused, compiled afresh, and the app runs.
        with open(os.path.join(cache, arts[0]), "r+b") as f:
            f.seek(0)
            f.write(b"garbage!")
        rc, out, err = run_indexed("hello", cache, fd)
        check(rc == 0 and out == "hello from VyomaOS\n", "corrupt artifact broke the app: %s" % err)
        check("does not match the cache index" in err and "loaded precompiled" not in err,
              "corrupt artifact not reported: %s" % err)
        os.close(fd)


def test_audit_refuses_undeclared_filesystem():
    rc, out, err = run_app("fs-undeclared")
    check(rc == 70, "fs-undeclared exited %d, expected 70 (refused): %s" % (rc, err))
    check("wasi:filesystem" in err and "'filesystem'" in err,
          "refusal does not name the import and the capability: %s" % err)
    check("probe" not in out, "refused app ran anyway: %s" % out)


def test_audit_refuses_undeclared_network():
    rc, out, err = run_app("net-undeclared")
    check(rc == 70, "net-undeclared exited %d: %s" % (rc, err))
    check("wasi:sockets" in err and "'network'" in err, err)
    # The same component, with its capabilities overridden to none, too.
    rc, out, err = run_app("net-probe", "--cap", "stdio")
    check(rc == 70 and "wasi:sockets" in err, "net-probe without network: %d %s" % (rc, err))


def test_filesystem_only_data():
    with tempfile.TemporaryDirectory() as root:
        data = os.path.join(root, "data")
        os.mkdir(data)
        secret = os.path.join(root, "secret.txt")
        with open(secret, "w") as f:
            f.write("top secret")
        os.symlink("../secret.txt", os.path.join(data, "link-out"))
        os.symlink(root, os.path.join(data, "dir-out"))
        rc, out, err = run_app("fs-probe", "--data", data, stdin=(secret + "\n").encode())
        check(rc == 0, "fs-probe exited %d: %s" % (rc, err))
        res = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[0] == "probe":
                res[parts[1]] = parts[2]
        check("done" in res or "probe done" in out, "fs-probe did not finish: %s" % out)
        for what in ("write", "read", "save", "readsaved", "list"):
            check(res.get(what) == "ok", "%s inside /data failed: %s" % (what, out))
        for what in ("dotdot", "deepdotdot", "absolute", "symlink", "symlinkdir", "writeout"):
            check(res.get(what) == "denied", "%s escaped /data: %s" % (what, out))
        with open(os.path.join(data, "probe.txt")) as f:
            check(f.read() == "vyoma", "host does not see probe.txt")
        with open(os.path.join(data, "saved.txt")) as f:
            check(f.read() == "atomic", "host does not see saved.txt")
        check(not os.path.exists(os.path.join(data, "saved.txt.tmp")), "atomic save left its temp file")
        check(not os.path.exists(os.path.join(root, "planted.txt")), "app wrote outside /data")


def test_no_filesystem_no_preopen():
    # hello has no filesystem: even given --data, the runner preopens nothing
    # (the manifest's capabilities decide, not the flag).
    with tempfile.TemporaryDirectory() as data:
        rc, out, err = run_app("hello", "--data", data)
        check(rc == 0, err)
        check(os.listdir(data) == [], "something was written to data")


class NetProbe:
    def __init__(self, *extra):
        self.p = subprocess.Popen([RUNNER, "--app", os.path.join(APPS, "net-probe")] + list(extra),
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)

    def send(self, line):
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()

    def expect(self, prefix, timeout=15):
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.p.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not r:
                break
            line = self.p.stdout.readline().decode()
            if not line:
                break
            seen.append(line.strip())
            if line.startswith(prefix):
                return line.strip()
        raise AssertionError("net-probe never printed %r (saw %s); stderr: %s"
                             % (prefix, seen, self.stderr()))

    def stderr(self):
        try:
            self.p.kill()
            return self.p.stderr.read().decode(errors="replace")
        except Exception:
            return "?"

    def close(self):
        try:
            self.p.stdin.close()
            self.p.wait(timeout=10)
        finally:
            if self.p.poll() is None:
                self.p.kill()
                self.p.wait()


def test_network_tcp_listen_and_connect():
    app = NetProbe()
    try:
        port = free_port()
        app.send("listen %d" % port)
        app.expect("net listening")
        with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
            c.sendall(b"hello\n")
            got = b""
            while not got.endswith(b"\n"):  # the answer may come in pieces
                chunk = c.recv(100)
                if not chunk:
                    break
                got += chunk
        check(got == b"echo:hello\n", "echo server answered %r" % got)
        app.expect("net served")

        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        port2 = srv.getsockname()[1]
        result = {}

        def serve():
            conn, _ = srv.accept()
            with conn:
                conn.settimeout(10)
                got = b""
                while not got.endswith(b"\n"):
                    chunk = conn.recv(100)
                    if not chunk:
                        break
                    got += chunk
                result["got"] = got
                conn.sendall(b"pong\n")
        t = threading.Thread(target=serve)
        t.start()
        app.send("connect %d" % port2)
        line = app.expect("net got")
        t.join(10)
        srv.close()
        check(result.get("got") == b"ping\n", "server received %r" % result.get("got"))
        check(line == "net got pong", "app reported %r" % line)
    finally:
        app.close()


def test_network_is_tcp_only():
    app = NetProbe()
    try:
        app.send("udp %d" % free_port())
        line = app.expect("net udp")
        check(line.startswith("net udp denied"), "UDP was allowed: %s" % line)
    finally:
        app.close()


def test_command_status_goes_out_whole():
    """exit-with-code: a command's POSIX status is the runner's (not 0/1)."""
    for args, stdin, want in ((["grep", "milk"], b"milk\n", 0), (["grep", "zzz"], b"milk\n", 1),
                              (["grep", "-y", "milk"], b"milk\n", 2), (["expr", "1", "/", "0"], b"", 2)):
        rc, out, err = run_app(args[0], "--", *args, stdin=stdin)
        check(rc == want, "%s exited %d, expected %d: %s" % (" ".join(args), rc, want, err))


def test_stdin_pipe_read_whole():
    """A pipe on stdin is read on the app's thread (wasi_config_set_stdin_fd):
    every byte of a 1 MiB input arrives, in order, and the end is seen."""
    data = b"".join(b"line %d of the input\n" % i for i in range(50000))[:1 << 20]
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run([RUNNER, "--app", os.path.join(APPS, "cat"), "--data", d, "--", "cat"],
                           input=data, capture_output=True, timeout=60)
    check(p.returncode == 0, "cat exited %d: %s" % (p.returncode, p.stderr.decode(errors="replace")))
    check(p.stdout == data, "cat's output (%d bytes) differs from its input (%d bytes)"
          % (len(p.stdout), len(data)))


def test_memory_cap_stops_app():
    rc, out, err = run_app("memhog", timeout=60)
    check(rc == 71, "memhog exited %d, expected 71: %s" % (rc, err))
    check("memory cap of 16 MiB exceeded" in err, "no clear report: %s" % err)
    check("survived" not in out, "memhog outlived its cap")


def test_trap_is_reported():
    rc, out, err = run_app("trap")
    check(rc == 72, "trap exited %d: %s" % (rc, err))
    check("about to trap" in out, out)
    check("trap" in err.lower(), "trap not reported: %s" % err)


def test_sandbox_denies_syscalls_in_runner():
    for caps, tcp in (("stdio", "denied"), ("stdio,network", "allowed")):
        p = subprocess.run([RUNNER, "--cap", caps, "--sandbox-check"], capture_output=True, timeout=30)
        out = p.stdout.decode()
        check(p.returncode == 0, "sandbox check failed for %s:\n%s" % (caps, out))
        lines = dict(l.split()[1:3] for l in out.splitlines() if l.startswith("sandbox "))
        for sc in ("ptrace", "mount", "unshare", "bpf", "reboot", "kexec", "udp"):
            check(lines.get(sc) == "denied", "%s not denied with caps %s: %s" % (sc, caps, out))
        check(lines.get("tcp") == tcp, "tcp %s with caps %s: %s" % (lines.get("tcp"), caps, out))


def test_bad_arguments_refused():
    p = subprocess.run([RUNNER, "--cap", "stdio,teleport", os.path.join(APPS, "hello", "hello.wasm")],
                       capture_output=True, timeout=30)
    check(p.returncode == 70 and b"unknown capability 'teleport'" in p.stderr, p.stderr.decode())
    with tempfile.NamedTemporaryFile(suffix=".wasm") as f:
        f.write(b"\0asm\x01\0\0\0")  # a core module, not a component
        f.flush()
        p = subprocess.run([RUNNER, "--cap", "stdio", f.name], capture_output=True, timeout=30)
        check(p.returncode == 70, "core module not refused: %s" % p.stderr.decode())
