"""The size guard of the apps of apps/ (scripts/app-size.sh, called by each
app's build in mk/apps.mk): an app is held to 10 KB, or to the figure of a
"Size: up to N KB, because ..." line in its header (at most 20 KB), or to
APP_SIZE_MAX_<app>; a header line on an app that is under 10 KB fails the
build, so no app can grow back over 10 KB behind a stale claim. Run on
stand-in apps in a scratch folder (a source file and a component of the
size the case needs), then on every real app as built."""

import os
import subprocess
import tempfile

from harness import BUILD, ROOT, check

GUARD = os.path.join(ROOT, "scripts", "app-size.sh")
CLAIM = "/* demo\n * Size: up to %d KB, because it is a test.\n */\nint main(void) { return 0; }\n"


def guard(size, claim=None, env=None):
    """Runs the guard on a stand-in app of SIZE bytes: (exit status, stderr)."""
    with tempfile.TemporaryDirectory() as t:
        os.makedirs(os.path.join(t, "apps", "demo"))
        with open(os.path.join(t, "apps", "demo", "main.c"), "w") as f:
            f.write(CLAIM % claim if claim else "int main(void) { return 0; }\n")
        wasm = os.path.join(t, "demo.wasm")
        with open(wasm, "wb") as f:
            f.write(b"\0asm" + b"\0" * (size - 4))
        r = subprocess.run(["bash", GUARD, "demo", wasm], cwd=t, capture_output=True, text=True,
                           env=dict(os.environ, **(env or {})))
        return r.returncode, r.stderr


def test_guard_holds_an_app_to_10_kb():
    rc, err = guard(10240)
    check(rc == 0, "10,240 bytes refused: %s" % err)
    rc, err = guard(10241)
    check(rc != 0 and "over its limit of 10240" in err, "10,241 bytes passed: rc %d %r" % (rc, err))


def test_guard_takes_a_header_claim_for_an_app_that_needs_it():
    rc, err = guard(11000, claim=11)
    check(rc == 0, "11,000 bytes under an 11 KB claim refused: %s" % err)
    rc, err = guard(11265, claim=11)
    check(rc != 0 and "over its limit of 11264" in err, "over the claim passed: rc %d %r" % (rc, err))
    rc, err = guard(11000, claim=21)
    check(rc != 0 and "over the 20 KB" in err, "a 21 KB claim taken: rc %d %r" % (rc, err))


def test_guard_refuses_a_stale_claim():
    rc, err = guard(9000, claim=12)
    check(rc != 0 and "no longer" in err and "needed" in err,
          "a 12 KB claim on a 9,000-byte app passed: rc %d %r" % (rc, err))


def test_guard_takes_the_makefile_limit():
    rc, err = guard(12000, env={"APP_SIZE_MAX": "12288"})
    check(rc == 0, "APP_SIZE_MAX not taken: %s" % err)


def test_every_built_app_passes_its_guard():
    apps = sorted(d for d in os.listdir(os.path.join(ROOT, "apps"))
                  if os.path.exists(os.path.join(ROOT, "apps", d, "vyoma.toml")))
    limits = {}
    with open(os.path.join(ROOT, "mk", "apps.mk")) as f:
        for line in f:
            if line.startswith("APP_SIZE_MAX_"):
                name, _, value = line.partition(":=")
                limits[name.strip()[len("APP_SIZE_MAX_"):]] = value.strip()
    failed = []
    for a in apps:
        wasm = os.path.join(BUILD, "apps", a, a + ".wasm")
        check(os.path.exists(wasm), "%s not built" % wasm)
        env = dict(os.environ)
        if a in limits:
            env["APP_SIZE_MAX"] = limits[a]
        r = subprocess.run(["bash", GUARD, a, wasm], cwd=ROOT, capture_output=True, text=True, env=env)
        if r.returncode != 0:
            failed.append(r.stderr.strip())
    check(not failed, "apps refused by their guard: %s" % failed)
