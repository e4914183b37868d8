"""The package repository over HTTP (issue 12, item 3; docs/packages.md,
"HTTP"): repos.toml on the state volume names a loopback URL; a plain
python http.server serves a signed repository; `pkg search`, `install`,
`start` work as from the folder. Then a server that misbehaves on the
bundle (garbage, a truncated body, a Content-Length past the index's size,
a slowloris that never finishes, a chunked body of other bytes, nothing
listening) and one that sends garbage for INDEX: each gives a clear error
line, nothing is written to the package store, and the supervisor answers
other commands while a slow fetch waits (a second `pkg` is told it is
busy)."""

import functools
import http.server
import os
import shutil
import socket
import tempfile
import threading
import time

from harness import App, System, check
from test_pkg_install import bundle, index, pkg


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """python's http.server on 127.0.0.1, an ephemeral port, in a thread."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=directory))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


class BadServer:
    """Serves dir's files properly, except those ending in `target`, which get
    the misbehaviour `mode`."""

    def __init__(self, directory):
        self.dir = directory
        self.mode, self.target = "ok", ".vpk"
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stop = False
        threading.Thread(target=self.loop, daemon=True).start()

    def loop(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.one, args=(conn,), daemon=True).start()

    def one(self, conn):
        try:
            req = b""
            while b"\r\n\r\n" not in req:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                req += chunk
            path = req.split(b" ")[1].decode().lstrip("/")
            data = open(os.path.join(self.dir, os.path.basename(path)), "rb").read()
            if not path.endswith(self.target) or self.mode == "ok":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
            elif self.mode == "garbage":
                conn.sendall(b"SSH-2.0-OpenSSH_9.2 this is not HTTP at all\r\n\r\n" + data[:100])
            elif self.mode == "truncated":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(data) +
                             data[:len(data) // 2])
            elif self.mode == "oversize":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (len(data) + 1) +
                             data + b"x")
            elif self.mode == "chunked-other":
                other = bytes(reversed(data))
                conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
                             b"%x\r\n" % len(other) + other + b"\r\n0\r\n\r\n")
            elif self.mode == "slowloris":
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                for _ in range(40):
                    if self.stop:
                        break
                    conn.sendall(b"X-Slow: 1\r\n")
                    time.sleep(0.25)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.stop = True
        self.sock.close()


def repos_toml(root, port, timeout=3):
    d = os.path.join(root, "var", "lib", "vyoma")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "repos.toml"), "w") as f:
        f.write('# test repository\nurl = "http://127.0.0.1:%d/repo/"\ntimeout = %d\n' % (port, timeout))


def test_install_over_http_and_bad_servers():
    work = tempfile.mkdtemp(prefix="vyoma-pkgh-")
    srv = bad = None
    try:
        key = os.path.join(work, "k")
        pkg("keygen", "--out", key)
        top = os.path.join(work, "www")
        repo = os.path.join(top, "repo")
        os.makedirs(repo)
        bundle(work, repo, key, 1)
        bundle(work, repo, key, 1, name="echo-two", description="A second echo")
        index(repo, key)
        s = System([App.real("a", "talker")])
        os.makedirs(os.path.join(s.root, "etc", "vyoma", "keys"), exist_ok=True)
        shutil.copy(key + ".pub", os.path.join(s.root, "etc", "vyoma", "keys"))
        store = os.path.join(s.root, "var", "lib", "vyoma", "packages")
        srv = serve(top)
        repos_toml(s.root, srv.server_address[1])
        with s:
            c = s.console()
            c.wait_ready()
            lines = c.must("pkg search")
            check(any(l.startswith("echo ") and "Echoes what it is sent" in l for l in lines), lines)
            lines = c.must("pkg install echo")
            check(any(l.startswith("pkg: fetching echo.vpk (") for l in lines), lines)
            check("pkg: installed echo 1.1.0 (seq 1) caps stdio" in lines, lines)
            c.must("start echo")
            c.send("@echo: over http")
            check(c.expect("@echo: ") == "@echo: echo over http", "the app installed over HTTP answers")

            # the misbehaving server: the index is fine, the bundle is not
            bad = BadServer(repo)
            repos_toml(s.root, bad.port)
            for mode, words in (("garbage", "is not HTTP/1.x"),
                                ("truncated", "cut short"),
                                ("oversize", "more than the"),
                                ("chunked-other", "not the bundle the index lists"),
                                ("slowloris", "no complete answer within 3 s")):
                bad.mode = mode
                c.send("@supervisor: pkg install echo-two")
                if mode == "slowloris":
                    # the supervisor is not blocked: another console is answered
                    # at once, and a second pkg is told to wait
                    c2 = s.console()
                    check("a" in c2.ps(), "ps answered during a slow fetch")
                    ok, lines = c2.cmd("pkg list")
                    check(not ok and "busy with pkg install" in lines[-1], lines)
                    c2.close()
                err = c.expect(lambda l: l.startswith("@supervisor: error: pkg install"), 20)
                check(words in err and "echo-two.vpk" in err, "%s: %s" % (mode, err))
                check(sorted(os.listdir(store)) == ["echo"], "%s: nothing written: %s"
                      % (mode, os.listdir(store)))
            bad.mode, bad.target = "garbage", "INDEX"
            ok, lines = c.cmd("pkg search")
            check(not ok and "INDEX: the server's answer is not HTTP/1.x" in lines[-1], lines)
            # nobody listening: a port bound and never listened on
            dead = socket.socket()
            dead.bind(("127.0.0.1", 0))
            repos_toml(s.root, dead.getsockname()[1])
            ok, lines = c.cmd("pkg install echo-two", 20)
            check(not ok and "cannot connect" in lines[-1], lines)
            # list still works without the repository, saying why there are no marks
            lines = c.must("pkg list")
            check(any(l.startswith("echo ") for l in lines), lines)
            check(any("no upgrade marks" in l for l in lines), lines)
            # a bad repos.toml is named
            with open(os.path.join(s.root, "var", "lib", "vyoma", "repos.toml"), "w") as f:
                f.write('url = "http://example.com/"\n')
            ok, lines = c.cmd("pkg search")
            check(not ok and "repos.toml" in lines[-1] and "no DNS" in lines[-1], lines)
            check(sorted(os.listdir(store)) == ["echo"], os.listdir(store))
            dead.close()
    finally:
        if srv:
            srv.shutdown()
        if bad:
            bad.close()
        shutil.rmtree(work, ignore_errors=True)
