"""The display in hosted mode (off-screen framebuffer): real apps draw known
scenes (tests/apps/draw-scene), the test takes PNG screenshots through
VYOMA_TEST:screenshot and checks them pixel by pixel against values
computed from the window's place in boot.toml, the chrome geometry of
docs/display.md and a reference renderer of docs/draw.md (screen.py).
Also: overlapping windows, chrome, status strip, the shortcut overlay,
windows going away, and hostile draw input that must not hurt anyone else."""

import time

from harness import check, wait_for
from screen import (BORDER, C_BORDER, C_LOGO, C_STRIP, C_TITLE, C_TITLE_F, SCREEN_H, SCREEN_W,
                    STRIP_H, Ref, accent_of, ask, blend, content_origin, desktop,
                    display_system, expect_content, expect_px, screenshot, copy_app, windows)

SCENES = {
    "alpha": ["clear:000000", "fill_rect:10,10,60,40,ff0000ff", "fill_rect:40,30,60,40,0000ff80",
              "fill_rect:120,10,30,30,00ff00", "fill_rect:120,50,30,30,ffffff00",
              "fill_rect:10,60,40,20,ffffff40"],
    "text": ["clear:101820", "draw_text:4,4,ffffffff,s,Vyoma 4x8",
             "draw_text:4,16,ffd700,m,Vyoma 8x16", "draw_text:4,36,80c0ffff,l,Vyoma",
             "draw_text:4,72,ffffff80,m,half"],
    "clip": ["clear:202020", "fill_rect:-20,-20,50,50,ff0000",
             "fill_rect:-999000,100,1000000,10,00ff00",
             "fill_rect:150,120,1000000,1000000,0000ff", "line:-1000,-1000,1000,1000,ffff00",
             "draw_text:-12,60,ffffff,l,XYZ"],
}


def ref_scene(name, w, h):
    r = Ref(w, h)
    for l in SCENES[name]:
        r.line(l)
    return r


def one_window(name="scene", x=100, y=80, w=200, h=150):
    return display_system([copy_app(name, "draw-scene")], [(name, x, y, w, h)])


def test_scene_alpha_exact_pixels():
    with one_window() as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "scene", "scene alpha", "drawn alpha")
        shot = screenshot(s, c)
        cx, cy = content_origin(100, 80)
        wins, disp = windows(c)
        w = wins["scene"]
        check((w["x"], w["y"], w["cx"], w["cy"], w["cw"], w["ch"]) == (100, 80, cx, cy, 200, 150),
              "geometry from boot.toml and the chrome: %s" % w)
        check(disp["backend"] == "mem" and (disp["w"], disp["h"]) == (SCREEN_W, SCREEN_H), disp)
        # hand-computed from docs/draw.md, then the whole content by the reference
        expect_px(shot, cx + 15, cy + 15, 0xFF0000, "opaque red")
        expect_px(shot, cx + 50, cy + 35, 0x7F0080, "blue 80 over red")
        expect_px(shot, cx + 80, cy + 50, 0x000080, "blue 80 over black")
        expect_px(shot, cx + 130, cy + 20, 0x00FF00, "6-digit colour is opaque")
        expect_px(shot, cx + 130, cy + 60, 0x000000, "alpha 00 draws nothing")
        expect_px(shot, cx + 20, cy + 70, 0x404040, "white 40 over black")
        expect_px(shot, cx + 9, cy + 10, 0x000000, "left of the red rect")
        expect_px(shot, cx + 69, cy + 49, 0x7F0080, "last pixel of both")
        expect_px(shot, cx + 70, cy + 49, 0x000080, "right of the red rect")
        expect_content(shot, cx, cy, ref_scene("alpha", 200, 150), "alpha scene")
        # chrome: focused border in the app's accent, title bar, status strip, desktop
        acc = accent_of("scene")
        for px, py in ((100, 80), (101, 81), (100, 150), (301 + BORDER, 200), (200, 80 + 177)):
            expect_px(shot, px, py, acc, "focused border")
        expect_px(shot, 100 + BORDER + 120, 80 + BORDER + 1, blend(C_TITLE_F, acc << 8 | 0x30),
                  "focused title bar, tinted with the accent")
        expect_px(shot, 5, SCREEN_H - 5, C_STRIP, "status strip")
        for py in (0, 300, 700):
            expect_px(shot, 900, py, desktop(py), "desktop")


def test_scene_text_all_three_sizes():
    with one_window("words", 40, 40, 320, 120) as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "words", "scene text", "drawn text")
        shot = screenshot(s, c)
        cx, cy = content_origin(40, 40)
        ref = ref_scene("text", 320, 120)
        # the glyphs are really there: each size sets pixels of its own height
        for y0, size_h, color in ((4, 8, 0xFFFFFF), (16, 16, 0xFFD700), (36, 32, 0x80C0FF)):
            lit = [y for y in range(y0, y0 + size_h) for x in range(4, 300)
                   if ref.px[y][x] == color]
            check(lit and min(lit) >= y0 and max(lit) < y0 + size_h and max(lit) - min(lit) >= size_h // 2,
                  "text of height %d at y=%d" % (size_h, y0))
        expect_content(shot, cx, cy, ref, "text scene")


def test_scene_clipped_at_window_edges():
    # clipper first in boot.toml: it has the focus (its border in its accent)
    with display_system([copy_app("clipper", "draw-scene"), copy_app("nextdoor", "draw-scene")],
                        [("clipper", 350, 100, 200, 150), ("nextdoor", 100, 100, 200, 150)]) as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "nextdoor", "solid 336699", "drawn solid")
        ask(c, "clipper", "scene clip", "drawn clip")
        shot = screenshot(s, c)
        cx, cy = content_origin(350, 100)
        ref = ref_scene("clip", 200, 150)
        expect_content(shot, cx, cy, ref, "clip scene")
        expect_px(shot, cx, cy, 0xFFFF00, "the diagonal starts in the corner")
        expect_px(shot, cx + 29, cy + 28, 0xFF0000, "rect from -20,-20 clipped to 30x30")
        expect_px(shot, cx + 199, cy + 149, 0x0000FF, "rect past the corner")
        # nothing leaks out: chrome around the content, the desktop, the neighbour
        acc = accent_of("clipper")
        for x in range(350, 350 + 204):
            expect_px(shot, x, 100 + 178 - 1, acc, "bottom border")
            expect_px(shot, x, 100 + 178, desktop(100 + 178), "desktop below")
        for y in range(cy, cy + 150):
            expect_px(shot, 350, y, acc, "left border")
            expect_px(shot, 350 + 203, y, acc, "right border")
            expect_px(shot, 350 + 204, y, desktop(y), "desktop right of it")
        expect_px(shot, cx + 100, cy - 1, 0x1C2027, "title bar separator above the content")
        expect_content(shot, *content_origin(100, 100), Ref(200, 150, 0x336699), "neighbour")


def test_overlapping_windows_and_focus_change():
    # "above" comes first in boot.toml: it has the focus at boot, so it is
    # on top, whichever window opens first.
    apps = [copy_app("above", "draw-scene"), copy_app("below", "draw-scene")]
    with display_system(apps, [("above", 200, 150, 200, 150), ("below", 100, 100, 200, 150)]) as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "below", "solid ff0000", "drawn solid")
        ask(c, "above", "solid 0000ff", "drawn solid")
        shot = screenshot(s, c, "1.png")
        overlap = (250, 200)  # in both contents
        expect_px(shot, *overlap, 0x0000FF, "the boot focus is on top")
        expect_px(shot, 150, 150, 0xFF0000, "the lower one shows where it is not covered")
        expect_px(shot, 200, 190, accent_of("above"), "focused border on top of the other")
        expect_px(shot, 100, 150, C_BORDER, "unfocused border")
        expect_px(shot, 100 + BORDER + 150, 100 + BORDER + 1, C_TITLE, "unfocused title bar")
        wins, _ = windows(c)
        check(wins["above"]["focused"] == 1 and wins["below"]["focused"] == 0, wins)
        check(wins["above"]["z"] > wins["below"]["z"], wins)
        # focus change by the keyboard: the lower one comes up
        c.test("key F9")
        shot = screenshot(s, c, "2.png")
        expect_px(shot, *overlap, 0xFF0000, "raised after the focus change")
        expect_px(shot, 100, 150, accent_of("below"), "now focused")
        expect_px(shot, 200 + 203, 200, C_BORDER, "now unfocused")
        expect_px(shot, 350, 300, 0x0000FF, "the other one still shows outside the overlap")
        expect_content(shot, *content_origin(100, 100), Ref(200, 150, 0xFF0000), "raised window")


def test_status_strip_names_the_focused_app():
    """docs/display.md, "Taskbar": VyomaOS, then a button per window; the
    focused one is lit, underlined in the app's accent, its name bright;
    its default icon (docs/display.md, "Icons") a square with cut corners
    in the accent."""
    with one_window("strip") as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "strip", "solid 000000", "drawn solid")
        shot = screenshot(s, c)
        strip_y = SCREEN_H - STRIP_H
        accent = accent_of("strip") << 8 | 0xFF
        ref = Ref(260, STRIP_H, C_STRIP)
        ref.fill(0, 0, 260, 1, 0x2B303BFF)
        ref.text(12, 4, C_LOGO << 8 | 0xFF, "m", "VyomaOS")
        ref.fill(96, 3, 150, 18, 0x2B303BFF)   # the button, focused
        ref.fill(96, 19, 150, 2, accent)        # its underline
        ref.text(118, 4, 0xECEFF4FF, "m", "strip")
        # the default icon at (99, 4): 16x16 in the accent, corners cut
        ref.fill(100, 4, 14, 16, accent)
        ref.fill(99, 5, 1, 14, accent)
        ref.fill(114, 5, 1, 14, accent)
        for y in range(STRIP_H):
            for x in range(250):
                if 104 <= x < 110 and 6 <= y < 18:
                    continue  # the initial, in the 6x12 font (tests/integration/test_fonts.py)
                expect_px(shot, x, strip_y + y, ref.px[y][x], "status strip")
        check(any(shot.px(x, strip_y + y) == 0x1B1F27 for x in range(104, 110)
                  for y in range(6, 18)), "the initial is drawn on the icon")


def test_shortcut_overlay():
    with one_window("under") as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "under", "solid 000000", "drawn solid")
        c.test("key F12")
        wins, disp = windows(c)
        check(disp["overlay"] == 1, disp)
        shot = screenshot(s, c, "overlay.png")
        # right of the text, mid-height: the panel (1b1f27 at alpha f4) over the desktop
        x, y = SCREEN_W // 2 + 250, (SCREEN_H - STRIP_H) // 2
        expect_px(shot, x, y, blend(desktop(y), 0x1B1F27F4), "overlay panel")
        c.test("key Escape")
        shot = screenshot(s, c, "gone.png")
        expect_px(shot, x, y, desktop(y), "overlay gone")
        check(windows(c)[1]["overlay"] == 0, "overlay hidden")


def test_window_goes_when_the_app_exits():
    with one_window("leaver", 300, 200, 200, 150) as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "leaver", "solid ff00ff", "drawn solid")
        cx, cy = content_origin(300, 200)
        expect_px(screenshot(s, c, "1.png"), cx + 50, cy + 50, 0xFF00FF, "drawn")
        c.must("stop leaver")
        wait_for(lambda: not windows(c)[0], 10, what="window gone")
        shot = screenshot(s, c, "2.png")
        for x, y in ((cx + 50, cy + 50), (300, 200), (300 + 203, 200 + 177)):
            expect_px(shot, x, y, desktop(y), "desktop where the window was")
        check(windows(c)[1]["windows"] == 0, "no windows")


def test_hostile_draw_input_hurts_nobody_else():
    apps = [copy_app("victim", "draw-scene"), copy_app("vandal", "draw-scene")]
    with display_system(apps, [("victim", 40, 40, 300, 200), ("vandal", 200, 120, 300, 200)]) as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "victim", "solid 00ff00", "drawn solid")
        ask(c, "vandal", "solid 000000", "drawn solid")
        # the victim, first in boot.toml, has the focus: on top, the vandal cannot cover it
        check(windows(c)[0]["victim"]["focused"] == 1, windows(c))
        t0 = time.monotonic()
        ask(c, "vandal", "bad 100000", "bad 100000", timeout=120)
        flood_secs = time.monotonic() - t0
        # its answer comes before it has read the error lines queued for it
        # (up to 1 MiB): the next message fits only once they are read
        wait_for(lambda: c.stats()["vandal"]["queued"] == 0, 60, what="the vandal's queue read")
        ask(c, "vandal", "bigtext 1048576", "bigtext", timeout=60)
        for line in ("fill_rect:999999,999999,1000000,1000000,ff0000",
                     "fill_rect:-1000000,-1000000,1000000,1000000,ff0000",
                     "fill_rect:0,0,-5,-5,ff0000", "rect:10,10,0,5,ff0000",
                     "line:-1000000,-1000000,1000000,1000000,ff0000",
                     "draw_text:-1000000,1000000,ff0000,l,far away",
                     "blit:999990,-999990,2,1,ff0000ffff0000ff", "flush"):
            c.send("@vandal: raw VYOMA_DRAW:" + line)
        ask(c, "vandal", "sync done", "sync done")
        check(c.test("ping") == ["pong"], "supervisor alive")
        shot = screenshot(s, c)
        expect_content(shot, *content_origin(40, 40), Ref(300, 200, 0x00FF00), "victim content")
        expect_px(shot, 40, 100, accent_of("victim"), "victim border")
        vx, vy = content_origin(200, 120)
        ref = Ref(300, 200, 0)
        for k in range(200):
            ref.put(k, k, 0xFF0000FF)
        # the vandal's own window: only the part the victim does not cover
        for y in range(200):
            for x in range(300):
                if not (40 <= vx + x < 40 + 304 and 40 <= vy + y < 40 + 228):
                    expect_px(shot, vx + x, vy + y, ref.px[y][x], "vandal content")
        st = c.stats()
        refused = 100000 + 1 + 2  # the flood, the 1 MB line, two negative sizes
        answer = ask(c, "vandal", "errors", "errors")
        got = int(answer.split()[-1])
        check(got + st["vandal"]["drops_in"] == refused,
              "every refusal answered or counted: %d seen + %d dropped != %d" %
              (got, st["vandal"]["drops_in"], refused))
        check(got > 0, "the app got error lines")
        wins, disp = windows(c)
        check(wins["vandal"]["errors"] == 100000 + 2, wins["vandal"])
        check(wins["victim"]["errors"] == 0 and wins["victim"]["draws"] == 2, wins["victim"])
        check(st["vandal"]["overlong"] == 1, st["vandal"])
        check(c.state("victim") == "running" and c.state("vandal") == "running", c.ps())
        check(flood_secs < 60, "100000 refusals took %.1fs" % flood_secs)


def test_viewer_shows_the_shared_frame():
    """--fb-file publishes the off-screen frame; build/vyoma-view (SDL, with
    the dummy video driver here) maps it and shows exactly what a screenshot
    shows; the file goes when the supervisor exits."""
    import os
    import subprocess
    from harness import BUILD
    viewer = os.path.join(BUILD, "vyoma-view")
    check(os.access(viewer, os.X_OK), "build/vyoma-view missing: run `make viewer`")
    s = display_system([copy_app("seen", "draw-scene")], [("seen", 100, 80, 200, 150)])
    frame = os.path.join(s.dir, "frame")
    s.extra_args += ["--fb-file", frame]
    with s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "seen", "scene alpha", "drawn alpha")
        shot = screenshot(s, c)
        check(oct(os.stat(frame).st_mode & 0o777) == "0o600", "owner only")
        ppm = os.path.join(s.dir, "view.ppm")
        env = dict(os.environ, SDL_VIDEODRIVER="dummy")
        r = subprocess.run([viewer, "--fb", frame, "--control", s.sock, "--snapshot", ppm],
                           env=env, capture_output=True, text=True, timeout=30)
        check(r.returncode == 0, "vyoma-view failed: %s" % r.stderr)
        data = open(ppm, "rb").read()
        head = b"P6\n%d %d\n255\n" % (SCREEN_W, SCREEN_H)
        check(data.startswith(head), "viewer snapshot header %r" % data[:20])
        pix = data[len(head):]
        # The status strip's clock may tick between the screenshot and the
        # viewer's frame: the viewer must match the screenshot taken just
        # before it or the one taken just after it.
        after = screenshot(s, c)

        def differ(ref):
            return [(x, y) for y in range(0, SCREEN_H, 3) for x in range(SCREEN_W)
                    if int.from_bytes(pix[3 * (y * SCREEN_W + x):3 * (y * SCREEN_W + x) + 3], "big")
                    != ref.px(x, y)]
        bad = differ(shot)
        if bad:
            bad = differ(after)
        check(not bad, "viewer differs from the screenshot at %d pixels, first %s" % (len(bad), bad[:3]))
    check(not os.path.exists(frame), "frame file removed at exit")
