"""Installing software at run time (issue 12, the supervisor's side): a
signed repository (real bundles of the echo test app made by `vyoma pkg`)
in the root's repo/, the trusted key in etc/vyoma/keys/. `pkg search`,
`install`, `start` and use, an upgrade that asks for a new capability
refused until accepted, rollback, remove; tampered and unsigned bundles
refused with nothing installed; what is installed survives a restart of
the supervisor (a reboot, hosted)."""

import os
import shutil
import subprocess
import tempfile

from harness import BUILD, App, System, check, supervisor_binary


def pkg(*args):
    p = subprocess.run([supervisor_binary(), "pkg"] + list(args), capture_output=True, text=True,
                       timeout=60)
    check(p.returncode == 0, "vyoma pkg %s: %s%s" % (" ".join(args), p.stdout, p.stderr))
    return p.stdout


def bundle(work, repo, key, seq, caps=("stdio",), name="echo", description="Echoes what it is sent"):
    """echo's component as package `name` (default 'echo'), sequence seq,
    with caps."""
    d = os.path.join(work, "%s-%d" % (name, seq))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "vyoma.toml"), "w") as f:
        f.write('name = "%s"\nversion = "1.%d.0"\ndescription = "%s"\n[capabilities]\n%s\n'
                % (name, seq, description, "\n".join("%s = true" % c for c in caps)))
    pkg("build", d, "--key", key, "--seq", str(seq), "--out", repo,
        "--component", os.path.join(BUILD, "apps", "echo", "echo.wasm"))


def index(repo, key):
    pkg("index", repo, "--key", key)


def signed_system(work):
    """A System (the image's app "a") that trusts a fresh key, with an
    empty repo/ in its root: (system, key, repo)."""
    key = os.path.join(work, "k")
    pkg("keygen", "--out", key)
    s = System([App.real("a", "talker")])
    repo = os.path.join(s.root, "repo")
    os.makedirs(repo)
    os.makedirs(os.path.join(s.root, "etc", "vyoma", "keys"), exist_ok=True)
    shutil.copy(key + ".pub", os.path.join(s.root, "etc", "vyoma", "keys"))
    return s, key, repo


def test_install_use_upgrade_consent_rollback_remove():
    work = tempfile.mkdtemp(prefix="vyoma-pkgi-")
    try:
        s, key, repo = signed_system(work)
        stranger = os.path.join(work, "stranger")
        pkg("keygen", "--out", stranger)
        bundle(work, repo, key, 1)
        # a bundle of an app the system has (the image's "a"): listed as such
        bundle(work, repo, key, 1, name="a", description="the image has it")
        index(repo, key)
        store = os.path.join(s.root, "var", "lib", "vyoma", "packages")
        with s:
            c = s.console()
            c.wait_ready()
            lines = c.must("pkg search")
            check(any(l.startswith("echo ") and "Echoes what it is sent" in l and "[" not in l
                      for l in lines), lines)
            check(any(l.startswith("a ") and l.endswith("[part of the system]") for l in lines), lines)
            ok, lines = c.cmd("start echo")
            check(not ok, "not installed yet: %s" % lines)
            lines = c.must("pkg install echo")
            check("pkg: installed echo 1.1.0 (seq 1) caps stdio" in lines, lines)
            check(os.readlink(os.path.join(store, "echo", "current")) == "s1", "current -> s1")
            c.must("start echo")
            c.send("@echo: hello")
            check(c.expect("@echo: ") == "@echo: echo hello", "the installed app answers")
            check(any(l.startswith("echo ") and "1.1.0" in l for l in c.must("pkg list")), "listed")

            # seq 2 asks for network too: refused until accepted, nothing changed
            bundle(work, repo, key, 2, caps=("stdio", "network"))
            index(repo, key)
            check(any("upgrade available" in l for l in c.must("pkg list")), "upgrade shown")
            ok, lines = c.cmd("pkg upgrade echo")
            check(not ok and "network" in lines[-1] and "new capabilities" in lines[-1], lines)
            check(os.readlink(os.path.join(store, "echo", "current")) == "s1", "still s1")
            lines = c.must("pkg upgrade echo --accept network")
            check("pkg: upgraded echo 1.2.0 (seq 2) caps stdio,network" in lines, lines)
            check("pkg: restarting echo on the new version" in lines, lines)
            c.wait_state("echo", "running")
            check(c.ps()["echo"]["caps"] == "stdio,network", c.ps()["echo"])
            info = c.must("pkg info echo")
            check(any("previous: 1.1.0 seq 1" in l for l in info), info)

            # rollback, and a downgrade by install refused (seq 1 < 2 is what
            # rollback is for, not install)
            lines = c.must("pkg rollback echo")
            check("pkg: echo is back to 1.1.0 (seq 1)" in lines, lines)
            c.wait_state("echo", "running")
            check(c.ps()["echo"]["caps"] == "stdio", c.ps()["echo"])

            # tampered bundle and a stranger's key: refused, nothing changed
            tampered = os.path.join(work, "tampered.vpk")
            data = bytearray(open(os.path.join(repo, "echo.vpk"), "rb").read())
            data[len(data) // 2] ^= 1
            open(tampered, "wb").write(bytes(data))
            ok, lines = c.cmd("pkg install " + tampered)
            check(not ok, "tampered bundle refused: %s" % lines)
            other = os.path.join(work, "other")
            os.makedirs(other)
            bundle(work, other, stranger, 9)
            ok, lines = c.cmd("pkg install " + os.path.join(other, "echo.vpk"))
            check(not ok and ("unknown" in lines[-1] or "not trusted" in lines[-1] or "key" in lines[-1]), lines)
            check(os.readlink(os.path.join(store, "echo", "current")) == "s1", "unchanged")
            # an image app's name is never a package's: the bundle named "a"
            ok, lines = c.cmd("pkg install a")
            check(not ok and "'a' is the name of a system app" in lines[-1], lines)

            # what is installed survives a restart of the system
            check(s.stop() == 0, "orderly stop")
            s.start()
            c = s.console()
            c.wait_ready()
            c.must("start echo")
            c.send("@echo: again")
            check(c.expect("@echo: ") == "@echo: echo again", "still installed after a restart")

            # remove: stop first; afterwards no file is left of it
            ok, lines = c.cmd("pkg remove echo")
            check(not ok and "running" in lines[-1], lines)
            c.must("stop echo")
            # its files under /data stay unless --purge
            mine = os.path.join(s.root, "data", "echo")
            os.makedirs(os.path.join(mine, "sub"))
            open(os.path.join(mine, "sub", "notes.txt"), "w").write("keep me?")
            other = os.path.join(s.root, "data", "other.txt")
            open(other, "w").write("not echo's")
            lines = c.must("pkg remove echo --purge")
            check("pkg: removed echo" in lines and "pkg: purged /data/echo" in lines, lines)
            check(not os.path.exists(mine) and os.path.exists(other), "only echo's folder purged")
            # without --purge its files stay
            c.must("pkg install echo")
            os.makedirs(mine)
            open(os.path.join(mine, "kept.txt"), "w").write("kept")
            check("pkg: removed echo" in c.must("pkg remove echo"), "removed again")
            check(os.path.exists(os.path.join(mine, "kept.txt")), "the app's /data stays without --purge")
            check(not os.path.exists(os.path.join(store, "echo")), os.listdir(store))
            check(os.listdir(store) == [], "nothing left: %s" % os.listdir(store))
            ok, lines = c.cmd("start echo")
            check(not ok, lines)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_boot_list_overlay():
    """`pkg boot NAME on|off`: an installed app joins the boot list through
    the overlay on the state volume (var/lib/vyoma/boot.toml), starts at
    the next boot, leaves it again; the image's list is never changed and
    its apps cannot be taken off; remove drops the name too."""
    work = tempfile.mkdtemp(prefix="vyoma-pkgb-")
    try:
        s, key, repo = signed_system(work)
        bundle(work, repo, key, 1)
        index(repo, key)
        image_list = open(os.path.join(s.root, "etc", "vyoma", "boot.toml")).read()
        overlay = os.path.join(s.root, "var", "lib", "vyoma", "boot.toml")
        with s:
            c = s.console()
            c.wait_ready()
            ok, lines = c.cmd("pkg boot echo on")
            check(not ok and "not installed" in lines[-1], lines)
            c.must("pkg install echo")
            lines = c.must("pkg boot echo on")
            check(any("echo starts at boot" in l for l in lines), lines)
            check('apps = ["echo"]' in open(overlay).read(), open(overlay).read())
            ok, lines = c.cmd("pkg boot a off")
            check(not ok and "image's boot list, which is read-only" in lines[-1], lines)
            ok, lines = c.cmd("pkg boot echo maybe")
            check(not ok and "usage: pkg boot <name> on|off" in lines[-1], lines)

            check(s.stop() == 0, "orderly stop")
            s.start()
            c = s.console()
            c.wait_ready()
            c.wait_state("echo", "running")
            c.send("@echo: at boot")
            check(c.expect("@echo: ") == "@echo: echo at boot", "echo started at boot")
            check(open(os.path.join(s.root, "etc", "vyoma", "boot.toml")).read() == image_list,
                  "the image's boot.toml is untouched")

            lines = c.must("pkg boot echo off")
            check(any("echo no longer starts at boot" in l for l in lines), lines)
            check('apps = []' in open(overlay).read(), open(overlay).read())
            c.must("pkg boot echo on")
            c.must("stop echo")
            lines = c.must("pkg remove echo")
            check(any("echo no longer starts at boot" in l for l in lines), lines)
            check(s.stop() == 0, "orderly stop")
            s.start()
            c = s.console()
            c.wait_ready()
            check("echo" not in c.ps(), "removed: not in the boot list any more: %s" % c.ps())
            # a broken overlay is skipped with a warning; the image's apps still boot
            open(overlay, "w").write("apps = [1]\n")
            check(s.stop() == 0, "orderly stop")
            s.start()
            c = s.console()
            c.wait_ready()
            check(c.state("a") == "running", c.ps())
    finally:
        shutil.rmtree(work, ignore_errors=True)
