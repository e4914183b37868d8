"""The wallpaper and app icons (issue 16 item 7).

- /data/wallpaper.png is the desktop's picture, scaled to cover it; else
  the image's /etc/vyoma/wallpaper.png; a bad or oversized file is refused
  with a clear log line and the next one (or the plain gradient) is used.
- An app's icon.png (its folder of the apps dir) shows on its taskbar
  button and its launcher row; without one, or with a bad one (logged), a
  default icon: a rounded square in the app's accent colour.

The PNGs are written here, with the standard library."""

import os
import struct
import zlib

from harness import App, System, check, wait_for
from screen import CACHE, STRIP_H, SCREEN_H, accent_of, boot_text, desktop, screenshot, windows

C_STRIP = 0x14171C


def png(w, h, pixel):
    """A w x h RGBA PNG; pixel(x, y) -> (r, g, b, a)."""
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(w)) for y in range(h))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def put(s, rel, data):
    path = os.path.join(s.root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return path


def window_app(name):
    return App.scripted(name, "say VYOMA_DRAW:clear:2e3440", "say VYOMA_DRAW:flush", "ready",
                        "serve", caps=("stdio", "display"))


def system(apps, entries):
    return System(apps, boot_text=boot_text(entries), extra_args=["--cache", CACHE])


def test_data_wallpaper_covers_the_desktop():
    s = system([window_app("a")], [("a", 300, 200, 200, 100)])
    put(s, "data/wallpaper.png", png(8, 8, lambda x, y: (0x33, 0x66, 0x99, 0xFF)))
    put(s, "etc/vyoma/wallpaper.png", png(8, 8, lambda x, y: (0x99, 0x00, 0x00, 0xFF)))
    with s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "a" in windows(c)[0], 20, what="a's window")
        shot = screenshot(s, c, "wall.png")
        for x, y in ((0, 0), (10, 10), (1023, SCREEN_H - STRIP_H - 1), (700, 600)):
            check(shot.px(x, y) == 0x336699, "(%d,%d) is the wallpaper's: %06x" % (x, y, shot.px(x, y)))
        check(shot.px(600, SCREEN_H - 2) == C_STRIP, "the strip is drawn over it")
        check(shot.px(400, 260) == 0x2E3440, "the window over it")
        check("wallpaper: %s/data/wallpaper.png (8x8, scaled to 1024x744)" % s.root in s.output(),
              "the log says which file")


def test_a_bad_wallpaper_is_refused_with_a_clear_line():
    s = system([window_app("a")], [("a", 300, 200, 200, 100)])
    put(s, "data/wallpaper.png", b"not a png at all")
    put(s, "etc/vyoma/wallpaper.png", png(4, 2, lambda x, y: (0x22, 0x44, 0x66, 0xFF)))
    with s:
        c = s.console()
        c.wait_ready(30)
        shot = screenshot(s, c, "fallback.png")
        check("wallpaper: %s/data/wallpaper.png refused: png: not a PNG file" % s.root in s.output(),
              "a clear line: %s" % [l for l in s.output().splitlines() if "wallpaper" in l])
        check(shot.px(100, 100) == 0x224466, "the image's wallpaper instead: %06x" % shot.px(100, 100))
    # Too many pixels (refused before any pixel memory is taken), and no other: the gradient.
    s = system([window_app("a")], [("a", 300, 200, 200, 100)])
    put(s, "data/wallpaper.png", png(5000, 1, lambda x, y: (0x22, 0x44, 0x66, 0xFF)))
    with s:
        c = s.console()
        c.wait_ready(30)
        shot = screenshot(s, c, "plain.png")
        out = s.output()
        check("data/wallpaper.png refused:" in out and "wallpaper: none usable; the plain desktop" in out,
              [l for l in out.splitlines() if "wallpaper" in l])
        for y in (5, 400, 700):
            check(shot.px(5, y) == desktop(y), "the plain gradient at y=%d" % y)


def test_icons_on_the_taskbar_and_in_the_launcher():
    apps = [window_app("red"), window_app("plain"), window_app("broken")]
    s = system(apps, [("red", 20, 20, 200, 100), ("plain", 300, 20, 200, 100),
                      ("broken", 600, 20, 200, 100)])
    # A 32x32 icon: red, its top-left quarter transparent.
    put(s, "apps/red/icon.png",
        png(32, 32, lambda x, y: (0, 0, 0, 0) if x < 16 and y < 16 else (0xE0, 0x20, 0x20, 0xFF)))
    put(s, "apps/broken/icon.png", b"\x89PNG\r\n\x1a\nbroken")
    with s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: {"red", "plain", "broken"} <= set(windows(c)[0]), 20, what="windows")
        bs = {}
        for l in c.test("taskbar"):
            f = l.split()
            if f[0] == "button":
                bs[f[1]] = {k: int(v) for k, v in (p.split("=", 1) for p in f[2:])
                            if v.lstrip("-").isdigit()}
        shot = screenshot(s, c, "icons.png")
        b = bs["red"]
        ix, iy = b["x"] + 3, b["y"] + (b["h"] - 16) // 2
        check(shot.px(ix + 12, iy + 12) == 0xE02020, "red's icon: %06x" % shot.px(ix + 12, iy + 12))
        check(shot.px(ix + 2, iy + 2) != 0xE02020, "its transparent quarter shows the button")
        for name in ("plain", "broken"):
            b = bs[name]
            ix, iy = b["x"] + 3, b["y"] + (b["h"] - 16) // 2
            check(shot.px(ix + 2, iy) == accent_of(name),
                  "%s: the default icon in its accent: %06x" % (name, shot.px(ix + 2, iy)))
        check("broken: icon: %s/apps/broken/icon.png refused:" % s.root in s.output()
              or "icon: %s/apps/broken/icon.png refused:" % s.root in s.output(),
              "the bad icon is logged: %s" % [l for l in s.output().splitlines() if "icon" in l])
        c.test("key F1")
        entries = {l.split()[1]: l for l in c.test("launcher")[1:]}
        check("icon=png" in entries["red"] and "icon=default" in entries["plain"]
              and "icon=default" in entries["broken"], entries)
        head = dict(p.split("=") for p in c.test("launcher")[0].split()[1:])
        row = int(entries["red"].split("row=")[1].split()[0])
        shot = screenshot(s, c, "launcher-icons.png")
        lx, ly = int(head["x"]) + 28, int(head["y"]) + 44 + 22 * row + 3
        check(shot.px(lx + 12, ly + 12) == 0xE02020, "red's icon in the launcher: %06x"
              % shot.px(lx + 12, ly + 12))
