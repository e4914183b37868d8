#!/usr/bin/env python3
"""many_guest: 1,000 apps at once in the QEMU guest (make bench, through
bench/boot.sh). Numbers only; nothing passes or fails.

Builds an image whose boot list is N copies of tests/apps/pong (a000,
a001, ...; one component, precompiled once) and tests/apps/fanout, which
messages every other app until each has answered and then asks the
supervisor for `mem`. Boots it (TCG when KVM does not work, as for make run)
with VYOMA_MEM of memory (default 4G: PSS is about 1.2 MiB per app) and
prints, from the serial console:
  the readiness line (N + 1 apps, guest clock since the kernel's start),
  how many answered and how long the fanout took,
  the supervisor's RSS and the apps' PSS and private bytes per app.

usage: many_guest.py [N]   (default BENCH_GUEST_APPS or 1000)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))
from vm import VM  # noqa: E402

B = os.path.join(ROOT, "build")
READY_RE = r"VYOMA: ready (\d+) apps in (\d+\.\d+)s since kernel start"


def make_apps(n, where):
    """where/apps/{fanout,a000,...}: the pong component linked, not copied."""
    apps = os.path.join(where, "apps")
    shutil.rmtree(apps, ignore_errors=True)
    os.makedirs(apps)
    shutil.copytree(os.path.join(B, "apps", "fanout"), os.path.join(apps, "fanout"))
    pong = os.path.join(B, "apps", "pong", "pong.wasm")
    names = ["a%03d" % i for i in range(n)]
    for name in names:
        d = os.path.join(apps, name)
        os.makedirs(d)
        os.link(pong, os.path.join(d, "pong.wasm"))
        with open(os.path.join(d, "vyoma.toml"), "w") as f:
            f.write('name = "%s"\ncomponent = "pong.wasm"\n\n[capabilities]\nstdio = true\n' % name)
    boot = os.path.join(where, "boot.toml")
    with open(boot, "w") as f:
        for name in names + ["fanout"]:
            f.write('[[app]]\nname = "%s"\n\n' % name)
    return apps, boot, names


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_GUEST_APPS", "1000"))
    where = os.path.join(B, "bench", "many")
    os.makedirs(where, exist_ok=True)
    apps, boot, names = make_apps(n, where)
    image = os.path.join(B, "qemu", "many.cpio.lz4")
    env = dict(os.environ, VYOMA_APPS_DIR=apps, VYOMA_APPS=" ".join(["fanout"] + names),
               VYOMA_BOOT_TOML=boot, VYOMA_INITRAMFS=image)
    with open(os.path.join(where, "rootfs.log"), "w") as log:
        if subprocess.run(["bash", os.path.join(ROOT, "scripts", "rootfs.sh")], env=env,
                          stdout=log, stderr=subprocess.STDOUT).returncode != 0:
            print("  many apps: the image did not build (%s)" % log.name)
            return
    mem = os.environ.get("VYOMA_MEM", "4G")
    os.environ["VYOMA_MEM"] = mem
    print("  image: %d pong apps + fanout, %d bytes; guest memory %s, %s CPUs"
          % (n, os.path.getsize(image), mem, os.environ.get("VYOMA_SMP", "2")))
    data = tempfile.mkdtemp(prefix="many.", dir=where)
    try:
        with VM(image, data, os.path.join(where, "console.log")) as vm:
            print("  " + vm.accel_line)
            done = vm.wait_line(r"fanout: (done|no ps answer)", 1800)
            ready = vm.wait_line(READY_RE, 0)
            t_done = (done[1] - vm.t_start) if done else None
            try:
                vm.qmp("quit")
            except OSError:
                pass
            vm.wait_exit(30)
            text = "\n".join(vm.text())
    finally:
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(data.rstrip("/") + ".state", ignore_errors=True)
    if ready:
        print("  readiness: %s apps ready %.2f s after the kernel started" % (ready[2].group(1),
                                                                           float(ready[2].group(2))))
    else:
        print("  readiness: no readiness line (console: %s)" % vm.log_path)
    m = re.search(r"fanout: answered (\d+) of (\d+) in (\d+) ms \((\d+) rounds\)", text)
    if m:
        print("  answered: %s of %s apps answered a message; the fanout took %.2f s (%s rounds);"
              " done %.1f s after QEMU started"
              % (m.group(1), m.group(2), int(m.group(3)) / 1000, m.group(4), t_done or float("nan")))
    else:
        print("  answered: the fanout did not report (console: %s)" % vm.log_path)
    s = re.search(r"fanout: mem supervisor rss=(-?\d+) pss=(-?\d+)", text)
    a = re.search(r"fanout: mem apps running=(\d+) pss=(-?\d+) private=(-?\d+) per_app_pss=(-?\d+)"
                  r" per_app_private=(-?\d+)", text)
    if s and a:
        print("  memory: supervisor RSS %d KiB; %s apps running, per app PSS %.2f MiB, private %.2f MiB"
              % (int(s.group(1)), a.group(1), int(a.group(4)) / 1024, int(a.group(5)) / 1024))
    trouble = [l for l in text.splitlines() if re.search(r"Kernel panic|Out of memory|oom-kill|"
                                                          r"error  vyoma|too many open files", l, re.I)]
    for l in trouble[:5]:
        print("  trouble: " + l.strip()[:160])


if __name__ == "__main__":
    main()
