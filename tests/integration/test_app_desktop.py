"""The default desktop (boot.toml at the repo root): every app in it boots,
its window is where boot.toml puts it, the windows do not overlap and fit
the 1280x800 screen of `make run` (QEMU's virtio-gpu) above the status
strip, and every app has drawn."""

import os
import re

from apps_lib import ROOT_DIR, boot_ready, check, screenshot, system, wait_for, windows


def boot_entries():
    text = open(os.path.join(ROOT_DIR, "boot.toml")).read()
    entries = []
    for block in text.split("[[app]]")[1:]:
        e = dict(re.findall(r'^(\w+) = "?([\w-]+)"?', block, re.M))
        entries.append(e)
    return text, entries


def test_default_desktop_boots_laid_out():
    text, entries = boot_entries()
    names = [e["name"] for e in entries]
    check({"shell", "clock", "monitor"} <= set(names), names)
    desk = system(names, boot_text=text)
    desk.extra_args += ["--size", "1280x800"]
    with desk as s:
        c = s.console()
        boot_ready(c, len(names))
        # Readiness does not wait for first frames: wait for every window.
        wait_for(lambda: set(windows(c)) == set(names)
                 and all(w["flushes"] > 0 for w in windows(c).values()), 15, what="every app drew")
        ws = windows(c)
        check(set(ws) == set(names), ws)
        rects = []
        for e in entries:
            w = ws[e["name"]]
            check((w["x"], w["y"]) == (int(e["x"]), int(e["y"])), (e, w))
            check(w["x"] >= 0 and w["y"] >= 0 and w["x"] + w["w"] <= 1280 and w["y"] + w["h"] <= 776,
                  "%s is off the desktop: %s" % (e["name"], w))
            rects.append((e["name"], w["x"], w["y"], w["x"] + w["w"], w["y"] + w["h"]))
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                check(a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2], "%s overlaps %s" % (a, b))
        check(sum(w["focused"] for w in ws.values()) == 1, "one window has the focus")
        _, _, rows = screenshot(c, s)
        for name, w in ws.items():
            inside = {rows[w["cy"] + y][w["cx"] + x] for y in range(0, w["ch"], 7) for x in range(0, w["cw"], 7)}
            check(len(inside) >= 3, "%s looks empty: %s" % (name, inside))
