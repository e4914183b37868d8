"""native: compile an app's plain-C logic file for the host with a small
driver, and run it. App logic (game rules, parsers) is tested this way in
addition to the hosted tests that drive the whole app."""

import os
import subprocess
import tempfile

from harness import ROOT, check


def build(app_files, driver_src, name):
    """Compile apps/<files> + driver; return the executable path."""
    d = tempfile.mkdtemp(prefix="vyoma-native-")
    drv = os.path.join(d, "driver.c")
    with open(drv, "w") as f:
        f.write(driver_src)
    exe = os.path.join(d, name)
    srcs = [os.path.join(ROOT, "apps", p) for p in app_files]
    incs = sorted({"-I" + os.path.dirname(s) for s in srcs})
    p = subprocess.run(["gcc", "-std=c17", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
                        "-fsanitize=address,undefined", "-fno-sanitize-recover=all"] + incs
                       + ["-o", exe, drv] + srcs + ["-lm"], capture_output=True, text=True)
    check(p.returncode == 0, "native build failed:\n" + p.stderr)
    return exe


def run(exe, stdin=""):
    p = subprocess.run([exe], input=stdin, capture_output=True, text=True, timeout=60)
    check(p.returncode == 0, "%s failed (%d):\n%s%s" % (exe, p.returncode, p.stdout, p.stderr))
    return p.stdout
