"""Reproducible apps: two clean builds in two fresh build directories give
byte-identical components, identical to the ones in build/apps."""

import hashlib
import os
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def build_into(b):
    p = subprocess.run(["make", "-s", "-C", ROOT, "B=" + b, "app-wasms"],
                       capture_output=True, timeout=900)
    if p.returncode != 0:
        raise AssertionError("build into %s failed:\n%s" % (b, p.stderr.decode()[-3000:]))
    apps = os.path.join(b, "apps")
    return {n: sha(os.path.join(apps, n, n + ".wasm")) for n in sorted(os.listdir(apps))}


def test_two_builds_same_sha256():
    with tempfile.TemporaryDirectory() as t1, tempfile.TemporaryDirectory() as t2:
        a = build_into(os.path.join(t1, "b"))
        b = build_into(os.path.join(t2, "b"))
    if not a:
        raise AssertionError("no apps were built")
    diff = [n for n in a if a[n] != b.get(n)]
    if diff:
        raise AssertionError("not reproducible: %s" % diff)
    built = os.path.join(ROOT, "build", "apps")
    for n, h in a.items():
        stamp = os.path.join(built, n, n + ".wasm.sha256")
        if os.path.exists(stamp):
            with open(stamp) as f:
                if f.read().strip() != h:
                    raise AssertionError("%s differs from build/apps/%s" % (n, n))
