"""store: the app store, driven by keys and the mouse against a real signed
repository (issue 12, item 6). It lists the repository's apps (one of them
the name of a system app), installs one with Enter, asks before an app that
would use the network is installed (n cancels, a click on Allow goes on),
shows an upgrade after the repository gets a new version and asks for its
new capability, removes with a click on Remove, and shows the supervisor's
refusal when the app runs. The screenshots show the list with its marks and
the question; with VYOMA_DOCS_SHOT=1 the window is written to
docs/store.png."""

import os
import shutil
import struct
import tempfile
import zlib

from apps_lib import (boot_ready, check, colours_in, fields, key, mouse, screenshot, state,
                      system, wait_state, windows)
from harness import ROOT
from test_pkg_install import bundle, index, pkg

GOOD, WARN, BAD = (0x7B, 0xD8, 0x8F), (0xFF, 0xD8, 0x66), (0xFF, 0x6B, 0x6B)
# apps/store/main.c: geometry of the buttons (content coordinates)
W, H, BTN_W, BTN_H = 560, 360, 110, 24
BTN_Y = H - 22 - 30
ASK_X, ASK_Y, ASK_W, ASK_H = 60, 90, W - 120, 140


def marks(c):
    return fields(state(c, "store"))["marks"]


def until(c, pred, what):
    return wait_state(c, "store", lambda t: pred(fields(t)), timeout=20, what=what)


def window_rows(c, s, name):
    """The store window's content, from a screenshot: rows of (r,g,b)."""
    w = windows(c)["store"]
    _, _, rows = screenshot(c, s, name)
    return [r[w["cx"]:w["cx"] + w["cw"]] for r in rows[w["cy"]:w["cy"] + w["ch"]]]


def write_png(path, rows):
    raw = b"".join(b"\0" + bytes(v for px in r for v in px) for r in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", len(rows[0]), len(rows),
                                                                  8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def test_store_installs_upgrades_removes_by_keys_and_mouse():
    work = tempfile.mkdtemp(prefix="vyoma-store-")
    try:
        key_file = os.path.join(work, "k")
        pkg("keygen", "--out", key_file)
        s = system(["store"])
        repo = os.path.join(s.root, "repo")
        os.makedirs(repo)
        os.makedirs(os.path.join(s.root, "etc", "vyoma", "keys"), exist_ok=True)
        shutil.copy(key_file + ".pub", os.path.join(s.root, "etc", "vyoma", "keys"))
        bundle(work, repo, key_file, 1)
        bundle(work, repo, key_file, 1, caps=("stdio", "network"), name="echo-net",
               description="Echoes what it is sent, and could use the network")
        bundle(work, repo, key_file, 1, name="store", description="A store of the same name")
        index(repo, key_file)
        store = os.path.join(s.root, "var", "lib", "vyoma", "packages")
        with s:
            c = s.console()
            boot_ready(c, 1)
            until(c, lambda f: f["apps"] == "3", "the repository listed")
            check(marks(c) == "echo:a,echo-net:a,store:s", marks(c))

            # Enter installs the selected echo: it asks for nothing new
            key(c, "store", "Enter")
            until(c, lambda f: f["marks"].startswith("echo:i"), "echo installed")
            check(os.readlink(os.path.join(store, "echo", "current")) == "s1", "in the store")

            # echo-net would use the network: asked first; n cancels
            key(c, "store", "Down", "Enter")
            check(fields(state(c, "store"))["asking"] == "1", state(c, "store"))
            rows = window_rows(c, s, "ask.png")
            check(WARN in colours_in(rows, ASK_X - 2, ASK_Y - 2, ASK_W, 2), "the question's frame")
            key(c, "store", "n")
            check(fields(state(c, "store"))["asking"] == "0" and
                  not os.path.exists(os.path.join(store, "echo-net")), "cancelled: nothing installed")
            # ... a click on Allow installs it
            key(c, "store", "Enter")
            mouse(c, "store", ASK_X + 12 + 20, ASK_Y + ASK_H - 36 + 10, 1, "down")
            mouse(c, "store", ASK_X + 12 + 20, ASK_Y + ASK_H - 36 + 10, 1, "up")
            until(c, lambda f: "echo-net:i" in f["marks"], "echo-net installed after Allow")

            # a new echo that asks for the network: an upgrade, asked, accepted
            bundle(work, repo, key_file, 2, caps=("stdio", "network"))
            index(repo, key_file)
            key(c, "store", "u")
            until(c, lambda f: f["marks"].startswith("echo:u"), "the upgrade shown")
            mouse(c, "store", 20, 26 + 5, 1, "down")  # a click on the first row selects echo
            check(fields(state(c, "store"))["selected"] == "echo", state(c, "store"))
            rows = window_rows(c, s, "list.png")
            check(GOOD in colours_in(rows, 0, 26, W, 60) and WARN in colours_in(rows, 0, 26, W, 60),
                  "installed (green) and upgrade (yellow) rows on the screen")
            if os.environ.get("VYOMA_DOCS_SHOT") == "1":
                write_png(os.path.join(ROOT, "docs", "store.png"), rows)
            key(c, "store", "Enter")
            check(fields(state(c, "store"))["asking"] == "1", "the new capability is asked for")
            key(c, "store", "y")
            until(c, lambda f: f["marks"].startswith("echo:i") and f["busy"] == "0", "upgraded")
            check(os.readlink(os.path.join(store, "echo", "current")) == "s2", "current is s2")

            # Remove with the mouse
            mouse(c, "store", 16 + BTN_W + 10, BTN_Y + 10, 1, "down")
            until(c, lambda f: f["marks"].startswith("echo:a"), "echo removed")
            check(not os.path.exists(os.path.join(store, "echo")), os.listdir(store))

            # a refusal is shown: echo-net runs, so it cannot be removed
            c.must("start echo-net")
            key(c, "store", "Down", "Delete")
            st = until(c, lambda f: f["failed"] == "1", "the refusal shown")
            check("echo-net is running: stop it first" in st, st)
            rows = window_rows(c, s, "error.png")
            check(BAD in colours_in(rows, 0, H - 22, W, 22), "the error in red in the status line")
            check(os.path.exists(os.path.join(store, "echo-net")), "nothing removed")
    finally:
        shutil.rmtree(work, ignore_errors=True)
