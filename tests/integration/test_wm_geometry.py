"""Window geometry (issue 16 item 3): resizing by an edge or a corner and
by keys, maximize and restore (a key, a double click on the title),
minimize by key, move by keys; the app hears `VYOMA_INPUT:resize:<w>,<h>`
and its redrawn layout is on screen. And the wheel (item 4).

The resize tests run tests/apps/resizer: a frame along its content's
edges and a bar across its middle row, laid out again for every resize
line, which it reports to the console as "resized <w> <h>". The wheel
test runs scripted apps (tests/fixtures/fakeapp.c) that log every line
they read, so the protocol line itself is checked."""

from harness import App, System, check, wait_for
from screen import CACHE, boot_text, display_system, screenshot, windows

BG, FRAME, BAR = 0x2E3440, 0xA3BE8C, 0x88C0D0
DESK_W, DESK_H = 1024, 744  # the 1024x768 screen minus the strip


def resizer(name="resizer"):
    toml = ('name = "%s"\ncomponent = "resizer.wasm"\n\n[capabilities]\nstdio = true\n'
            'display = true\n\n[window]\nwidth = 300\nheight = 200\n\n[restart]\npolicy = "never"\n'
            % name)
    return App(name, built="resizer", manifest=toml)


def resized(c, w, h, app="resizer"):
    want = "@%s: resized %d %d" % (app, w, h)
    c.expect(lambda l: l == want, 20, want)


def drag(c, x0, y0, x1, y1):
    c.test("mouse %d %d 1 down" % (x0, y0))
    c.test("mouse %d %d 1 move" % (x1, y1))
    c.test("mouse %d %d 1 up" % (x1, y1))


def layout_on_screen(shot, win, what):
    """The resizer's layout for the window's current content size."""
    cx, cy, cw, ch = win["cx"], win["cy"], win["cw"], win["ch"]
    for (x, y), want in (((0, 0), FRAME), ((cw - 1, ch - 1), FRAME), ((cw - 1, 1), FRAME),
                         ((1, ch - 1), FRAME), ((cw // 2, ch // 2), BAR),
                         ((cw // 2, ch // 2 - 6), BG), ((cw - 5, ch - 5), BG)):
        got = shot.px(cx + x, cy + y)
        check(got == want, "%s: content (%d,%d) of %dx%d is %06x, want %06x"
              % (what, x, y, cw, ch, got, want))


def test_resize_by_corner_and_edge_reaches_the_app_and_its_layout():
    with display_system([resizer()], [("resizer", 100, 100, None, None)]) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "resizer" in windows(c)[0], 20, what="the window")
        w = windows(c)[0]["resizer"]
        check((w["cw"], w["ch"]) == (300, 200), "the manifest's size: %s" % w)
        shot = screenshot(s, c, "before.png")
        layout_on_screen(shot, w, "at 300x200")
        # The bottom-right corner, on the border: both edges follow.
        x1, y1 = w["x"] + w["w"] - 1, w["y"] + w["h"] - 1
        drag(c, x1, y1, x1 + 100, y1 + 60)
        resized(c, 400, 260)
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"], w["cw"], w["ch"]) == (100, 100, 400, 260), "corner drag: %s" % w)
        c.send("@resizer: sync a")
        c.expect(lambda l: l == "@resizer: sync a", 20, "sync")
        shot = screenshot(s, c, "corner.png")
        layout_on_screen(shot, w, "after the corner drag")
        check(shot.px(w["cx"] + 299, w["cy"] + 100) == BG, "the old right edge is redrawn over")
        # The left edge, grabbed just outside the border: x and width change.
        drag(c, w["x"] - 3, w["y"] + 120, w["x"] - 53, w["y"] + 130)
        resized(c, 450, 260)
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"], w["cw"], w["ch"]) == (50, 100, 450, 260), "left edge drag: %s" % w)
        # Absurd drags are bounded: never under 16 pixels, never over the desktop.
        drag(c, w["x"] + w["w"] - 1, w["y"] + w["h"] - 1, -5000, -5000)
        resized(c, 16, 16)
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"], w["cw"], w["ch"]) == (50, 100, 16, 16), "the smallest: %s" % w)
        drag(c, w["x"] + w["w"] - 1, w["y"] + w["h"] - 1, 100000, 100000)
        w = windows(c)[0]["resizer"]
        check(w["w"] <= DESK_W and w["h"] <= DESK_H,
              "never larger than the desktop: %s" % w)
        resized(c, w["cw"], w["ch"])


def test_a_fast_resize_drag_sends_at_most_one_resize_a_frame():
    """40 pointer moves of one drag arrive together (one write to the
    control socket): the app hears a few resize lines, not 40, and the last
    one is the final size."""
    with display_system([resizer()], [("resizer", 100, 100, None, None)]) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "resizer" in windows(c)[0], 20, what="the window")
        w = windows(c)[0]["resizer"]
        x1, y1 = w["x"] + w["w"] - 1, w["y"] + w["h"] - 1
        moves = ["VYOMA_TEST:mouse %d %d 1 move" % (x1 + i, y1 + i) for i in range(1, 41)]
        c.send("\n".join(["VYOMA_TEST:mouse %d %d 1 down" % (x1, y1)] + moves +
                          ["VYOMA_TEST:mouse %d %d 1 up" % (x1 + 40, y1 + 40)]))
        for _ in range(42):
            c.expect(lambda l: l.startswith("VYOMA_TEST:"), 20, "the answers to the batch")
        resized(c, 340, 240)
        c.send("@resizer: sync f")
        c.expect(lambda l: l == "@resizer: sync f", 20, "sync")
        heard = [l for l in c.backlog if l.startswith("@resizer: resized ")]
        check(1 <= len(heard) <= 4, "resize lines for 40 moves (one a frame): %d %s" % (len(heard), heard))
        check(windows(c)[0]["resizer"]["cw"] == 340, "the final size on the window")


def test_keys_resize_move_maximize_minimize_and_double_click_restores():
    with display_system([resizer()], [("resizer", 100, 100, None, None)]) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "resizer" in windows(c)[0], 20, what="the window")
        c.test("focus resizer")
        # Alt+F8: arrows change the size, 16 pixels a press, Shift: 1; Enter keeps it.
        for k in ("Alt+F8", "Right", "Right", "Down", "Shift+Down", "Enter"):
            c.test("key " + k)
        resized(c, 332, 217)
        w = windows(c)[0]["resizer"]
        check((w["cw"], w["ch"]) == (332, 217), "Alt+F8 and arrows: %s" % w)
        # Escape puts it back.
        for k in ("Alt+F8", "Left", "Left", "Left", "Escape"):
            c.test("key " + k)
        w = windows(c)[0]["resizer"]
        check((w["cw"], w["ch"]) == (332, 217), "Escape undoes the resize: %s" % w)
        # Alt+F7: the arrows move it.
        for k in ("Alt+F7", "Left", "Up", "Enter"):
            c.test("key " + k)
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"]) == (84, 84), "Alt+F7 and arrows move it: %s" % w)
        # Alt+F10 maximizes: the desktop, chrome included.
        c.test("key Alt+F10")
        cw, ch = DESK_W - 4, DESK_H - 4 - 24
        resized(c, cw, ch)
        w = windows(c)[0]["resizer"]
        check(w["maximized"] == 1 and (w["x"], w["y"], w["w"], w["h"]) == (0, 0, DESK_W, DESK_H),
              "maximized: %s" % w)
        c.send("@resizer: sync m")
        c.expect(lambda l: l == "@resizer: sync m", 20, "sync")
        shot = screenshot(s, c, "maximized.png")
        layout_on_screen(shot, w, "maximized")
        # A double click on its title restores it.
        c.test("mouse 300 10 1 down")
        c.test("mouse 300 10 1 up")
        c.test("mouse 300 10 1 down")
        c.test("mouse 300 10 1 up")
        resized(c, 332, 217)
        w = windows(c)[0]["resizer"]
        check(w["maximized"] == 0 and (w["x"], w["y"], w["cw"], w["ch"]) == (84, 84, 332, 217),
              "restored where it was: %s" % w)
        # ... and another maximizes it again; a title drag ends the maximized state.
        c.backlog = [l for l in c.backlog if not l.startswith("@resizer: resized ")]
        c.test("mouse 200 100 1 down")
        c.test("mouse 200 100 1 up")
        c.test("mouse 200 100 1 down")
        c.test("mouse 200 100 1 up")
        check(windows(c)[0]["resizer"]["maximized"] == 1, "a double click maximizes")
        c.test("key Alt+F10")
        check(windows(c)[0]["resizer"]["maximized"] == 0, "Alt+F10 again restores")
        # Maximized and restored within a frame, the app may hear only the
        # last size, or nothing when that is the one it has (one resize a
        # frame): whatever it hears last is 332x217. A line held to the
        # frame's end can come after the sync (which is not held), so a
        # maximized size heard last must be followed by the restored one.
        c.send("@resizer: sync d")
        c.expect(lambda l: l == "@resizer: sync d", 20, "sync")
        heard = [l for l in c.backlog if l.startswith("@resizer: resized ")]
        c.backlog = [l for l in c.backlog if not l.startswith("@resizer: resized ")]
        if heard and heard[-1] != "@resizer: resized 332 217":
            check(heard[-1] == "@resizer: resized %d %d" % (cw, ch), heard)
            resized(c, 332, 217)
            c.send("@resizer: sync e")
            c.expect(lambda l: l == "@resizer: sync e", 20, "sync")
            late = [l for l in c.backlog if l.startswith("@resizer: resized ")]
            check(not late, "nothing after the restored size: %s" % late)
        # A restarted app gets its window back where and as large as the user
        # left it, and hears the size at once (it is not its manifest's).
        c.must("restart resizer")
        wait_for(lambda: windows(c)[0].get("resizer", {}).get("flushes", 0) >= 2, 20,
                 what="the new window, redrawn")
        resized(c, 332, 217)
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"], w["cw"], w["ch"]) == (84, 84, 332, 217), "remembered: %s" % w)
        # Alt+F9 minimizes.
        c.test("key Alt+F9")
        w = windows(c)[0]["resizer"]
        check(w["minimized"] == 1 and w["focused"] == 0, "Alt+F9 minimizes: %s" % w)


def scripted_window(name, caps=("stdio", "display", "mouse")):
    return App.scripted(name, "say VYOMA_DRAW:clear:2e3440", "say VYOMA_DRAW:flush", "ready",
                        "serve", caps=caps)


def mixed_system(apps, entries):
    """Scripted (fakeapp) and built apps together, with the display."""
    return System(apps, boot_text=boot_text(entries), extra_args=["--cache", CACHE])


def test_the_wheel_reaches_the_focused_window_under_the_pointer():
    apps = [scripted_window("w"), scripted_window("nomouse", caps=("stdio", "display"))]
    with mixed_system(apps, [("w", 40, 40, 300, 200), ("nomouse", 500, 40, 300, 200)]) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: {"w", "nomouse"} <= set(windows(c)[0]), 20, what="both windows")
        c.test("focus w")
        w = windows(c)[0]["w"]
        c.test("wheel %d %d 3" % (w["cx"] + 10, w["cy"] + 20))
        c.test("wheel %d %d -2" % (w["cx"] + 11, w["cy"] + 21))
        c.wait_log("w", "got: VYOMA_INPUT:mouse:10,20,3,wheel")
        c.wait_log("w", "got: VYOMA_INPUT:mouse:11,21,-2,wheel")
        # Over the title bar or another window: nothing.
        c.test("wheel %d %d 1" % (w["cx"] + 5, w["y"] + 5))
        c.test("wheel 600 150 1")
        # An app without `mouse` never gets one, focused and under the pointer.
        c.test("focus nomouse")
        n = windows(c)[0]["nomouse"]
        c.test("wheel %d %d 4" % (n["cx"] + 5, n["cy"] + 5))
        c.send("@w: mark")
        c.wait_log("w", "got: @console: mark")
        c.send("@nomouse: mark")
        c.wait_log("nomouse", "got: @console: mark")
        wheels = [l for l in c.log("w", 200) if ",wheel" in l]
        check(len(wheels) == 2, "w got exactly its two wheel lines: %s" % wheels)
        check(not any("VYOMA_INPUT:mouse" in l for l in c.log("nomouse", 200)),
              "nomouse got no mouse line")
        bad = ["wheel 1 2", "wheel 1 2 0", "wheel a 2 3", "wheel 1 2 99999"]
        for v in bad:
            try:
                c.test(v)
                check(False, "%s accepted" % v)
            except AssertionError as e:
                check("usage: wheel" in str(e), "%s: %s" % (v, e))


def test_places_are_kept_across_boots_in_one_file_and_a_bad_file_is_ignored():
    """Issue 16: a window's place and size survive a reboot (the supervisor
    stopped and started again on the same /data): kept in /data/.windows,
    written atomically; a corrupt file is ignored with one log line."""
    import os
    s = display_system([resizer()], [("resizer", 100, 100, None, None)])
    path = os.path.join(s.root, "data", ".windows")

    def boot(first):
        """Start the supervisor on the same root; stop it when the block ends."""
        s.start()
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "resizer" in windows(c)[0], 20, what="the window")
        return c

    c = boot(True)
    try:
        c.test("focus resizer")
        for k in ("Alt+F8", "Right", "Down", "Enter", "Alt+F7", "Right", "Right", "Down", "Enter"):
            c.test("key " + k)
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"], w["cw"], w["ch"]) == (132, 116, 316, 216), "moved and resized: %s" % w)
        # written within a second or two while the window is still open
        wait_for(lambda: os.path.exists(path) and "resizer 132 116 316 216\n" in open(path).read(), 10,
                 what="the place in /data/.windows")
    finally:
        check(s.stop() == 0, "the first boot's exit")
    check(os.listdir(os.path.dirname(path)) == [".windows"],
          "one file, no temporary left: %s" % os.listdir(os.path.dirname(path)))
    # the next boot: boot.toml says 100,100 at 300x200; the user's place wins
    c = boot(False)
    try:
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"], w["cw"], w["ch"]) == (132, 116, 316, 216), "restored at boot: %s" % w)
        # the app heard the size and laid itself out for it
        c.send("@resizer: sync r")
        c.expect(lambda l: l == "@resizer: sync r", 20, "sync")
        layout_on_screen(screenshot(s, c, "reboot.png"), w, "after the reboot")
    finally:
        check(s.stop() == 0, "the second boot's exit")
    # a corrupt file: ignored whole, one log line, boot.toml's place again
    with open(path, "w") as f:
        f.write("resizer 1 2 3\n\x01garbage\n")
    with s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "resizer" in windows(c)[0], 20, what="the window with a bad file")
        w = windows(c)[0]["resizer"]
        check((w["x"], w["y"], w["cw"], w["ch"]) == (100, 100, 300, 200), "bad file ignored: %s" % w)
        bad = [l for l in c.log("supervisor", 200) if "window places" in l and "ignored" in l]
        check(len(bad) == 1 and "line 1" in bad[0], bad)
