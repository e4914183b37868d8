"""Latin-1 and the text size on screen (issue 14 item 4, the font part;
issue 16 item 7): an app draws é, € and "m4" in the sizes m and t, and
every pixel of those cells matches the glyphs of the generated headers
(supervisor/svc/font8x16.h, font6x12.h), not the replacement box."""

import os
import re

from harness import ROOT, App, System, check, wait_for
from screen import CACHE, boot_text, screenshot, windows


def glyphs(header):
    """{label: rows} from a generated font header ('x' or U+XXXX labels)."""
    text = open(os.path.join(ROOT, "supervisor", "svc", header)).read()
    out = {}
    for rows, label in re.findall(r"\{ ((?:0x[0-9a-f]{2}(?:, )?)+) \}, /\* (.*?) \*/", text):
        out[label] = [int(v, 16) for v in rows.split(", ")]
    repl = re.search(r"_replacement\[\d+\] = \{ (.*?) \}", text).group(1)
    out["box"] = [int(v, 16) for v in repl.split(", ")]
    return out


def expect_cell(shot, x0, y0, rows, w, what):
    bad = [(x, y) for y, r in enumerate(rows) for x in range(w)
           if (shot.px(x0 + x, y0 + y) == 0xFFFFFF) != bool(r >> (7 - x) & 1)]
    check(not bad, "%s: %d pixels differ, first %s" % (what, len(bad), bad[:4]))


def test_latin1_and_the_text_size_are_drawn():
    app = App.scripted("writer", "say VYOMA_DRAW:clear:000000",
                       "say VYOMA_DRAW:draw_text:0,0,ffffff,m,\u00e9\u20ac",
                       "say VYOMA_DRAW:draw_text:0,20,ffffff,t,m4\u00e9",
                       "say VYOMA_DRAW:flush", "ready", "serve", caps=("stdio", "display"))
    with System([app], boot_text=boot_text([("writer", 40, 40, 200, 100)]),
                extra_args=["--cache", CACHE]) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: windows(c)[0].get("writer", {}).get("flushes", 0) >= 1, 20,
                 what="writer's frame")
        w = windows(c)[0]["writer"]
        shot = screenshot(s, c, "fonts.png")
        vga, term = glyphs("font8x16.h"), glyphs("font6x12.h")
        check(vga["U+00E9"] != vga["box"] and term["U+00E9"] != term["box"], "é has glyphs")
        expect_cell(shot, w["cx"], w["cy"], vga["U+00E9"], 8, "é, size m")
        expect_cell(shot, w["cx"] + 8, w["cy"], vga["U+20AC"], 8, "€, size m")
        expect_cell(shot, w["cx"], w["cy"] + 20, term["'m'"], 6, "m, size t")
        expect_cell(shot, w["cx"] + 6, w["cy"] + 20, term["'4'"], 6, "4, size t")
        expect_cell(shot, w["cx"] + 12, w["cy"] + 20, term["U+00E9"], 6, "é, size t")
