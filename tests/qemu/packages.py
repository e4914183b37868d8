#!/usr/bin/env python3
"""packages: installing software in the real VM, from the terminal. A
repository with one bundle (the echo test app, signed with the key the
image trusts: make packages' development key) is shared read-only as /repo;
a fresh state folder as /var/lib/vyoma. Boot 1: typed on the serial console
into the shell, `pkg search` lists echo, `pkg install echo` installs it,
`start echo` starts it, and poweroff. The host sees the installed version
in the state folder. Boot 2, same state: `pkg list` still lists echo and
`start echo` starts it: what is installed survives a reboot.

Then HTTP (docs/packages.md, "HTTP"): a second repository (echo seq 2,
echo-http, echo-first) served by python's http.server on the host's
loopback. QEMU's user network is restrict=on, so the guest reaches no
address at all (not the host, not the outside) but one guestfwd,
10.0.2.100:8000, whose per-connection command (relay.py) relays to that
server. Boot 3: repos.toml (in the state folder) first names the host's
loopback directly, 10.0.2.2:PORT, which must fail; then 10.0.2.100:8000:
`pkg search` lists echo-http, `pkg install echo-http` installs it over
HTTP and it starts. Boot 4, with the test hook VYOMA_PKG_CUT (the install
stops after the new version is unpacked and synced, just before `current`
moves, where a power cut would hurt most): `pkg upgrade echo` and `pkg
install echo-first` both stop there, and QEMU is killed with SIGKILL.
Boot 5: echo is still seq 1 and starts, echo-first is not visible and does
not start; `pkg upgrade echo` then completes over HTTP, and `pkg boot echo
on` adds it to the boot list overlay. Boot 6: echo runs from the boot.

usage: packages.py [IMAGE]   (default build/initramfs.cpio.lz4)
Prints PASS/FAIL lines, then "N passed, N failed"; exit 1 on any failure.
"""

import os
import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import ROOT, SHELL_ANSWER as ANSWER, VM, Tally, shell_command as command  # noqa: E402

BUDGET = float(os.environ.get("SMOKE_BOOT_BUDGET", "90"))
result = Tally()


def cache_dir():
    with open(os.path.join(ROOT, "build", "deps.mk")) as f:
        for line in f:
            if line.startswith("VYOMA_CACHE :="):
                return line.split(":=", 1)[1].strip()
    raise RuntimeError("no VYOMA_CACHE in build/deps.mk")


def vyoma(*args):
    p = subprocess.run([os.path.join(ROOT, "build", "vyoma")] + list(args), capture_output=True,
                       text=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("vyoma %s: %s%s" % (" ".join(args), p.stdout, p.stderr))


def boot(image, data, state, repo, log, steps, env=None, poweroff=True):
    env = dict(env or {}, VYOMA_STATE=state, VYOMA_REPO=repo)
    with VM(image, data, log, keyboard=True, extra_env=env) as vm:
        ready = vm.wait_line(r"^VYOMA: ready \d+ apps", BUDGET)
        if not result(ready, "%s: ready within %.0fs" % (os.path.basename(log), BUDGET)):
            return
        vm.wait_line(r"has the focus at the end of boot", 60)
        steps(vm, ready[0])
        if not poweroff:
            vm.kill()  # SIGKILL to QEMU's process group: a power cut
            result(not vm.running(), "%s: QEMU killed (SIGKILL)" % os.path.basename(log))
            return
        vm.type(b"poweroff\r")
        rc = vm.wait_exit(60)
        result(rc == 0, "%s: poweroff, QEMU exits %s" % (os.path.basename(log), rc))


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_app(d, name, version):
    os.makedirs(d)
    with open(os.path.join(d, "vyoma.toml"), "w") as f:
        f.write('name = "%s"\nversion = "%s"\ndescription = "Echoes what it is sent"\n'
                '[capabilities]\nstdio = true\n' % (name, version))


def repos_toml(state, url):
    with open(os.path.join(state, "repos.toml"), "w") as f:
        f.write('url = "%s"\ntimeout = 8\n' % url)


def main():
    image = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "initramfs.cpio.lz4")
    w = os.path.join(ROOT, "build", "qemu")
    os.makedirs(w, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="packages.", dir=w)
    try:
        repo, state, data, app = (os.path.join(tmp, d) for d in ("repo", "state", "data", "app"))
        for d in (repo, state, data, app):
            os.makedirs(d)
        with open(os.path.join(app, "vyoma.toml"), "w") as f:
            f.write('name = "echo"\nversion = "1.0.0"\ndescription = "Echoes what it is sent"\n'
                    '[capabilities]\nstdio = true\n')
        key = os.path.join(cache_dir(), "keys", "dev")
        vyoma("pkg", "build", app, "--key", key, "--seq", "1", "--out", repo,
              "--component", os.path.join(ROOT, "build", "apps", "echo", "echo.wasm"))
        vyoma("pkg", "index", repo, "--key", key)

        def first(vm, start):
            lines = command(vm, "pkg search", start, "pkg search") or []
            result(any(re.match(ANSWER + r"echo\s+1\.0\.0\s.*Echoes what it is sent", l) for l in lines),
                   "pkg search lists the repository's echo: %s" % lines[:3])
            lines = command(vm, "pkg install echo", start, "pkg install") or []
            result(any("pkg: installed echo 1.0.0 (seq 1) caps stdio" in l for l in lines),
                   "pkg install echo, typed on the console: %s" % lines[-2:])
            lines = command(vm, "start echo", start, "start") or []
            result(any(re.match(ANSWER + r"ok start echo pid \d+", l) for l in lines),
                   "the installed app starts: %s" % lines[-1:])

        boot(image, data, state, repo, os.path.join(w, "packages-1.log"), first)
        cur = os.path.join(state, "packages", "echo", "current")
        result(os.path.islink(cur) and os.readlink(cur) == "s1" and
               os.path.isfile(os.path.join(cur, "echo.wasm")),
               "installed in the host's state folder: %s" % (os.listdir(state),))

        def second(vm, start):
            lines = command(vm, "pkg list", start, "pkg list") or []
            result(any(re.match(ANSWER + r"echo\s+1\.0\.0\s+seq 1", l) for l in lines),
                   "after a reboot pkg list still lists echo: %s" % lines[:2])
            lines = command(vm, "start echo", start, "start") or []
            result(any(re.match(ANSWER + r"ok start echo pid \d+", l) for l in lines),
                   "and it starts: %s" % lines[-1:])

        boot(image, data, state, repo, os.path.join(w, "packages-2.log"), second)
        http_boots(image, tmp, data, state, repo, w)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def http_boots(image, tmp, data, state, repo, w):
    key = os.path.join(cache_dir(), "keys", "dev")
    www = os.path.join(tmp, "www")
    os.makedirs(www)
    for name, version, seq in (("echo", "2.0.0", 2), ("echo-http", "1.0.0", 1),
                               ("echo-first", "1.0.0", 1)):
        d = os.path.join(tmp, "%s-%d" % (name, seq))
        make_app(d, name, version)
        vyoma("pkg", "build", d, "--key", key, "--seq", str(seq), "--out", www,
              "--component", os.path.join(ROOT, "build", "apps", "echo", "echo.wasm"))
    vyoma("pkg", "index", www, "--key", key)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=www))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    port = srv.server_address[1]
    net = {"VYOMA_NET_RESTRICT": "1",
           "VYOMA_GUESTFWD": "tcp:10.0.2.100:8000-cmd:python3 %s 127.0.0.1 %d"
                             % (os.path.join(ROOT, "tests", "qemu", "relay.py"), port)}
    try:
        def third(vm, start):
            repos_toml(state, "http://10.0.2.2:%d/" % port)
            lines = command(vm, "pkg search", len(vm.text()), "pkg search") or []
            result(lines and re.match(ANSWER + "error: pkg search: repository", lines[-1]),
                   "restrict=on: the host's loopback (10.0.2.2:%d) is not reachable: %s"
                   % (port, lines[-1:]))
            repos_toml(state, "http://10.0.2.100:8000/")
            lines = command(vm, "pkg search", len(vm.text()), "pkg search") or []
            result(any(re.match(ANSWER + r"echo-http\s+1\.0\.0\s", l) for l in lines),
                   "pkg search over HTTP lists echo-http: %s" % lines[-3:])
            lines = command(vm, "pkg install echo-http", len(vm.text()), "pkg install") or []
            result(any("pkg: fetching echo-http.vpk" in l for l in lines) and
                   any("pkg: installed echo-http 1.0.0 (seq 1)" in l for l in lines),
                   "pkg install echo-http over HTTP: %s" % lines[-2:])
            lines = command(vm, "start echo-http", len(vm.text()), "start") or []
            result(any(re.match(ANSWER + r"ok start echo-http pid \d+", l) for l in lines),
                   "the app installed over HTTP starts: %s" % lines[-1:])

        boot(image, data, state, repo, os.path.join(w, "packages-3.log"), third, net)

        def fourth(vm, start):
            for cmd, verb in (("pkg upgrade echo", "pkg upgrade"),
                              ("pkg install echo-first", "pkg install")):
                lines = command(vm, cmd, len(vm.text()), verb) or []
                result(lines and "test hook VYOMA_PKG_CUT" in lines[-1],
                       "%s stops just before 'current' moves: %s" % (cmd, lines[-1:]))

        boot(image, data, state, repo, os.path.join(w, "packages-4.log"), fourth,
             dict(net, VYOMA_APPEND="VYOMA_PKG_CUT=1"), poweroff=False)
        pk = os.path.join(state, "packages")
        result(os.readlink(os.path.join(pk, "echo", "current")) == "s1" and
               os.path.isdir(os.path.join(pk, "echo", "s2")),
               "after the cut: echo's current is still s1, s2 lies unreferenced: %s"
               % os.listdir(os.path.join(pk, "echo")))

        def fifth(vm, start):
            lines = command(vm, "pkg list", len(vm.text()), "pkg list") or []
            result(any(re.match(ANSWER + r"echo\s+1\.0\.0\s+seq 1", l) for l in lines) and
                   not any("echo-first" in l for l in lines),
                   "after the cut and a reboot: echo is seq 1, echo-first is not listed: %s"
                   % lines[:4])
            lines = command(vm, "start echo", len(vm.text()), "start") or []
            result(any(re.match(ANSWER + r"ok start echo pid \d+", l) for l in lines),
                   "the old version starts: %s" % lines[-1:])
            lines = command(vm, "start echo-first", len(vm.text()), "start") or []
            result(lines and re.match(ANSWER + "error: ", lines[-1]),
                   "the half-installed first install does not start: %s" % lines[-1:])
            lines = command(vm, "stop echo", len(vm.text()), "stop") or []
            lines = command(vm, "pkg upgrade echo", len(vm.text()), "pkg upgrade") or []
            result(any("pkg: upgraded echo 2.0.0 (seq 2)" in l for l in lines),
                   "the upgrade done again completes: %s" % lines[-2:])
            lines = command(vm, "pkg boot echo on", len(vm.text()), "pkg boot") or []
            result(any("pkg: echo starts at boot" in l for l in lines),
                   "pkg boot echo on: %s" % lines[-2:])

        boot(image, data, state, repo, os.path.join(w, "packages-5.log"), fifth, net)
        result(os.readlink(os.path.join(state, "packages", "echo", "current")) == "s2",
               "echo's current is s2")
        result('apps = ["echo"]' in open(os.path.join(state, "boot.toml")).read(),
               "the boot list overlay is in the state folder (var/lib/vyoma/boot.toml)")

        def sixth(vm, start):
            lines = command(vm, "ps", len(vm.text()), "ps") or []
            result(any(re.match(ANSWER + r"echo\s+\d+\s+running", l) for l in lines),
                   "after a reboot echo was started from the boot list: %s"
                   % [l for l in lines if "echo" in l])

        boot(image, data, state, repo, os.path.join(w, "packages-6.log"), sixth, net)
    finally:
        srv.shutdown()


if __name__ == "__main__":
    t0 = time.monotonic()
    main()
    print("INFO %.1fs" % (time.monotonic() - t0))
    sys.exit(result.finish())
