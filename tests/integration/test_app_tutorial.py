"""The tutorial (docs/tutorial.md), followed to the letter on a fresh copy
of the tree (the tracked files, no build/; the toolchain cache is shared):
its commands run in order, its code blocks become the files they name; the
app it builds is refused by the audit before the capabilities are declared
(its filesystem import, and the SDK's draw mark), builds clean after, runs
in the dev loop and saves its file, and a change to its code is on the
screen within 2 s of the rebuild."""

import os
import re
import shutil
import subprocess
import tempfile

from apps_lib import ROOT_DIR, check, read_png
from harness import DevLoop

TUTORIAL = os.path.join(ROOT_DIR, "docs", "tutorial.md")


def blocks():
    """[(info, body)] of the fenced blocks, in order."""
    text = open(TUTORIAL).read()
    return [(m.group(1).strip(), m.group(2)) for m in re.finditer(r"^```([^\n]*)\n(.*?)^```$", text, re.S | re.M)]


def fresh_tree():
    d = tempfile.mkdtemp(prefix="vyoma-tutorial-")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT_DIR, capture_output=True, check=True).stdout
    files = b"\0".join(f for f in files.split(b"\0") if f and not f.startswith(b"apps/greeter/")
                       and os.path.exists(os.path.join(ROOT_DIR.encode(), f)))
    tar = subprocess.run(["tar", "--null", "-T", "-", "-cf", "-"], cwd=ROOT_DIR, input=files,
                         capture_output=True, check=True).stdout
    subprocess.run(["tar", "-xf", "-", "-C", d], input=tar, check=True)
    return d


def sh(tree, script, timeout=900, fails=False):
    """Runs a block; a "sh fails" block must fail. Its stdout (and, when it
    fails, its stderr after it)."""
    p = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tree, capture_output=True, text=True,
                       timeout=timeout)
    check((p.returncode != 0) == fails, "tutorial command %s (%d):\n%s\n%s%s" % (
        "did not fail" if fails else "failed", p.returncode, script, p.stdout, p.stderr[-3000:]))
    return p.stdout + (p.stderr if fails else "")


GOOD = (0x7B, 0xD8, 0x8F)  # VY_THEME_GOOD


def dev_loop(tree):
    """The tutorial's fast loop on its greeter: scripts/dev.sh (make dev)
    runs it, a change to main.c is rebuilt and restarted, and the screen
    shows the new code within 2 s of the rebuild line."""
    import time
    dev = DevLoop(tree, "greeter")
    line, seen = dev.until, dev.reader.seen

    def ctl(*lines):
        r = dev.ctl(*lines)
        check(r.returncode == 0, "vyoma ctl %s: %s%s\nmake dev said, last lines:\n%s" % (
            lines, r.stdout, r.stderr, "\n".join(seen[-30:])))
        return r.stdout.splitlines()

    def greeter_has(rgb):
        deadline = time.monotonic() + 10
        while True:
            win = next((l for l in ctl("VYOMA_TEST:windows") if l.startswith("window greeter ")), None)
            if win or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        check(win, "the greeter has no window; its log: %s\n%s" % (
            ctl("@supervisor: log greeter 20"), "\n".join(seen[-20:])))
        f = dict(kv.split("=", 1) for kv in win.split()[2:])
        cx, cy, cw, ch = (int(f[k]) for k in ("cx", "cy", "cw", "ch"))
        shot = os.path.join(tree, "build", "dev", "shot.png")
        ctl("VYOMA_TEST:screenshot " + shot)
        _, _, rows = read_png(shot)
        return any(rows[y][x] == rgb for y in range(cy, cy + ch) for x in range(cx, cx + cw))

    try:
        line(lambda l: l.startswith("dev: ready: greeter runs"), 120, "make dev did not get ready")
        ctl("VYOMA_TEST:wait-ready")
        time.sleep(0.3)
        check(not greeter_has(GOOD), "before the change no green in the greeter's window")
        src = os.path.join(tree, "apps", "greeter", "main.c")
        code = open(src).read()
        check("VY_THEME_ACCENT, VY_TEXT_L, \"Hello!\"" in code, "the tutorial's greeting line")
        with open(src, "w") as f:
            f.write(code.replace("VY_THEME_ACCENT, VY_TEXT_L, \"Hello!\"", "VY_THEME_GOOD, VY_TEXT_L, \"Hello!\""))
        l = line(lambda l: l.startswith("dev: rebuilt greeter") or "build failed" in l, 120, "no rebuild")
        check(l.startswith("dev: rebuilt greeter"), l)
        t0 = time.monotonic()
        while not greeter_has(GOOD):
            check(time.monotonic() - t0 < 2, "the new code on screen within 2 s of the rebuild")
            time.sleep(0.1)
    finally:
        dev.stop()


def test_tutorial_on_a_fresh_tree():
    bl = blocks()
    check(any(i.startswith("c apps/greeter/") for i, _ in bl), "tutorial has no main.c block")
    tree = fresh_tree()
    try:
        makes = []
        booted = None
        for i, (info, body) in enumerate(bl):
            words = info.split()
            if not words:
                continue
            if words[0] == "sh" and (len(words) == 1 or words[1:] == ["fails"]):
                out = sh(tree, body, fails=words[1:] == ["fails"])
                if body.strip() == "make apps":
                    makes.append(out)
                if body.startswith("make new-app"):
                    for f in ("main.c", "vyoma.toml"):
                        check(os.path.isfile(os.path.join(tree, "apps", "greeter", f)), "scaffold lacks " + f)
            elif words[0] == "sh" and words[1:] == ["boot"]:
                # whatever happens, the background supervisor does not outlive the block
                booted = sh(tree, "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + body, timeout=900)
                want = bl[i + 1][1].strip() if i + 1 < len(bl) and bl[i + 1][0] == "text" else None
                check(want and booted.strip() == want, "hosted boot said %r, the tutorial %r" % (booted, want))
            elif words[0] in ("c", "toml") and len(words) == 2:
                path = os.path.join(tree, words[1])
                check(os.path.isdir(os.path.dirname(path)), "tutorial writes into a missing folder: " + words[1])
                with open(path, "w") as f:
                    f.write(body)
        check(len(makes) == 3, "expected three 'make apps' steps, ran %d" % len(makes))
        row = lambda out: next((l.strip() for l in out.splitlines() if l.strip().startswith("greeter ")), "")  # noqa: E731
        check(row(makes[0]) and "REFUSED" not in row(makes[0]) and "wasi:filesystem" not in row(makes[0]),
              "scaffold build: " + row(makes[0]))
        check("REFUSED" in row(makes[1]), "undeclared filesystem not flagged: " + makes[1][-2000:])
        check(re.search(r"greeter: refused: import 'wasi:filesystem/types@0\.2\.\d+' needs capability "
                        r"'filesystem', which vyoma.toml does not declare", makes[1]), makes[1][-2000:])
        check("make apps: 1 app(s) of apps/ would be refused at boot: greeter" in makes[1], makes[1][-2000:])
        # the SDK's draw mark: drawing without `display` is caught at build time
        check("the component draws (SDK mark 'draw'), which needs capability 'display', which vyoma.toml "
              "does not declare" in makes[1], makes[1][-2000:])
        check("REFUSED" not in row(makes[2]) and "greeter REFUSED" not in makes[2], makes[2][-2000:])
        check("stdio,filesystem,display" in row(makes[2]), row(makes[2]))
        check(booted is not None, "the tutorial has no hosted boot block")

        dev_loop(tree)

        # make apps tells the truth about a broken manifest too: it fails,
        # names the source file (not the build copy) and the nearest key,
        # and buries it under no usage text; and about a wrong name.
        toml = os.path.join(tree, "apps", "greeter", "vyoma.toml")
        good = open(toml).read()
        with open(toml, "w") as f:
            f.write(good.replace("filesystem = true", "filesytem = true"))
        out = sh(tree, "make apps", fails=True)
        check(re.search(r"greeter: apps/greeter/vyoma\.toml:\d+:1: unknown key 'capabilities\.filesytem' "
                        r"\(did you mean 'filesystem'\?\)", out), out[-2000:])
        check("usage:" not in out and "build/apps/greeter/vyoma.toml" not in out, out[-2000:])
        with open(toml, "w") as f:
            f.write(good.replace('name = "greeter"', 'name = "greetr"'))
        out = sh(tree, "make apps", fails=True)
        check('apps/greeter/vyoma.toml: name "greetr" does not match its folder "greeter"' in out, out[-2000:])
    finally:
        shutil.rmtree(tree, ignore_errors=True)
