#!/usr/bin/env python3
"""packages: installing software in the real VM, from the terminal. A
repository with one bundle (the echo test app, signed with the key the
image trusts: make packages' development key) is shared read-only as /repo;
a fresh state folder as /var/lib/vyoma. Boot 1: typed on the serial console
into the shell, `pkg search` lists echo, `pkg install echo` installs it,
`start echo` starts it, and poweroff. The host sees the installed version
in the state folder. Boot 2, same state: `pkg list` still lists echo and
`start echo` starts it: what is installed survives a reboot.

usage: packages.py [IMAGE]   (default build/initramfs.cpio.lz4)
Prints PASS/FAIL lines, then "N passed, N failed"; exit 1 on any failure.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
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


def boot(image, data, state, repo, log, steps):
    env = {"VYOMA_STATE": state, "VYOMA_REPO": repo}
    with VM(image, data, log, keyboard=True, extra_env=env) as vm:
        ready = vm.wait_line(r"^VYOMA: ready \d+ apps", BUDGET)
        if not result(ready, "%s: ready within %.0fs" % (os.path.basename(log), BUDGET)):
            return
        vm.wait_line(r"has the focus at the end of boot", 60)
        steps(vm, ready[0])
        vm.type(b"poweroff\r")
        rc = vm.wait_exit(60)
        result(rc == 0, "%s: poweroff, QEMU exits %s" % (os.path.basename(log), rc))


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
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    t0 = time.monotonic()
    main()
    print("INFO %.1fs" % (time.monotonic() - t0))
    sys.exit(result.finish())
