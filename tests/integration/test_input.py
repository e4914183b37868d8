"""Input routing in hosted mode, through the same path as the devices
(VYOMA_TEST:key and VYOMA_TEST:mouse): keys reach the focused app only, in
the form of docs/input.md; mouse lines reach only `mouse` apps, in content
coordinates, with grabs; shortcuts never reach an app; click-to-focus,
drag-to-move and the close box change the screen as expected. The app
tests/apps/input-echo reports every input line it reads to the console."""

from harness import App, System, check, wait_for
from screen import (BORDER, CLOSE_W, TITLE_H, Ref, accent_of, ask, content_origin, copy_app,
                    desktop, display_system, expect_content, expect_px, screenshot, windows)


def echoes(c, app):
    """The input lines app has reported so far (after a sync round trip)."""
    ask(c, app, "sync x", "sync x")
    got = [l.split(": input ", 1)[1] for l in c.backlog if l.startswith("@%s: input " % app)]
    c.backlog = [l for l in c.backlog if not l.startswith("@%s: input " % app)]
    return got


def refused(c, verb):
    c.send("VYOMA_TEST:" + verb)
    l = c.expect(lambda x: x.startswith("VYOMA_TEST:error") or x.startswith("VYOMA_TEST:ok"),
                 what="answer to " + verb)
    check(l.startswith("VYOMA_TEST:error"), "%s accepted: %s" % (verb, l))


def two_echoes(first_caps=("stdio", "display"), second_caps=("stdio", "display")):
    apps = [copy_app("first", "input-echo", first_caps), copy_app("second", "input-echo", second_caps)]
    return display_system(apps, [("first", 100, 100, 300, 200), ("second", 500, 100, 300, 200)])


def wait_windows(c, n=2):
    return wait_for(lambda: len(windows(c)[0]) == n and windows(c)[0], 20, what="%d windows" % n)


KEYS = ["a", "A", "z", "0", "!", ":", ",", "+", "é", "€", "Space", "Enter", "Backspace", "Tab",
        "Escape", "Delete", "Insert", "Home", "End", "PageUp", "PageDown", "Up", "Down", "Left",
        "Right", "F2", "F5", "F11", "Ctrl+c", "Ctrl+C", "Alt+x", "Ctrl+Alt+Delete", "Shift+Tab",
        "Shift+Up", "Ctrl+Space", "Ctrl++", "Alt+Enter"]


def test_keys_reach_the_focused_app_only():
    with two_echoes() as s:
        c = s.console()
        c.wait_ready(30)
        wins = wait_windows(c)
        focused = [n for n, w in wins.items() if w["focused"] == 1]
        check(len(focused) == 1, wins)
        top = focused[0]
        other = "first" if top == "second" else "second"
        for k in KEYS:
            c.test("key " + k)
        got_top, got_other = echoes(c, top), echoes(c, other)
        check([l for l in got_top if "key:" in l] == ["VYOMA_INPUT:key:" + k for k in KEYS],
              "the focused app got every key in order: %s" % got_top)
        check(not [l for l in got_other if "key:" in l], "the other got no key: %s" % got_other)
        # F9 moves the focus: focus lines both ways, and the keys follow
        c.test("key F9")
        c.test("key q")
        got_top, got_other = echoes(c, top), echoes(c, other)
        check(got_top == ["VYOMA_INPUT:focus:0"], got_top)
        check(got_other == ["VYOMA_INPUT:focus:1", "VYOMA_INPUT:key:q"], got_other)
        _, disp = windows(c)
        check(disp["keys"] == len(KEYS) + 1 and disp["keys_dropped"] == 0, disp)


def test_bad_key_names_are_refused():
    with two_echoes() as s:
        c = s.console()
        c.wait_ready(30)
        wait_windows(c)
        for bad in ("", "space", "Shift+a", "shift+Tab", "Alt+Ctrl+x", "ab", "F13", "Ctrl+",
                    "Enter ", "\u0007", "Ctrl+Ctrl+a", "a+b"):
            refused(c, "key " + bad)
        for bad in ("1 2 3", "1 2 3 press", "1 2 3 down", "x 2 1 down", "1 2 8 move",
                    "1 2 1 down extra"):
            refused(c, "mouse " + bad)
        check(windows(c)[1]["keys"] == 0, "nothing delivered")


def test_shortcuts_never_reach_apps():
    with two_echoes() as s:
        c = s.console()
        c.wait_ready(30)
        wins = wait_windows(c)
        top = [n for n, w in wins.items() if w["focused"]][0]
        echoes(c, top)
        for k in ("F12", "Escape", "F12", "F12", "Alt+Tab", "Shift+F9", "F12"):
            c.test("key " + k)
        got = echoes(c, top)
        check(not [l for l in got if "key:" in l], "no shortcut delivered: %s" % got)
        _, disp = windows(c)
        check(disp["shortcuts"] == 7 and disp["overlay"] == 1, disp)
        check(windows(c)[0][top]["focused"] == 1, "next, then previous: back to %s" % top)
        c.test("key Escape")  # closes the overlay and is not delivered either
        check(not [l for l in echoes(c, top) if "key:" in l], "Escape with the overlay shown")
        c.test("key Escape")  # now it is an ordinary key
        check(echoes(c, top)[-1] == "VYOMA_INPUT:key:Escape", "Escape delivered")


def test_mouse_only_to_mouse_apps_in_content_coordinates():
    with two_echoes(first_caps=("stdio", "display", "mouse")) as s:
        c = s.console()
        c.wait_ready(30)
        wait_windows(c)
        fx, fy = content_origin(100, 100)  # first: the mouse app
        px, py = content_origin(500, 100)  # second: no mouse
        # a click in the plain app's content focuses it; no mouse line for it
        c.test("mouse %d %d 1 down" % (px + 10, py + 10))
        c.test("mouse %d %d 1 up" % (px + 10, py + 10))
        c.test("mouse %d %d 0 move" % (px + 20, py + 20))
        echoes(c, "first")
        # click, hover, and a grab that leaves the window
        steps = [("mouse %d %d 1 down" % (fx + 48, fy + 24), "VYOMA_INPUT:mouse:48,24,1,down"),
                 ("mouse %d %d 1 up" % (fx + 48, fy + 24), "VYOMA_INPUT:mouse:48,24,1,up"),
                 ("mouse %d %d 0 move" % (fx + 58, fy + 44), "VYOMA_INPUT:mouse:58,44,0,move"),
                 ("mouse %d %d 2 down" % (fx + 5, fy + 6), "VYOMA_INPUT:mouse:5,6,2,down"),
                 ("mouse %d %d 0 move" % (50, 40), "VYOMA_INPUT:mouse:%d,%d,2,move" % (50 - fx, 40 - fy)),
                 ("mouse %d %d 1 down" % (50, 40), "VYOMA_INPUT:mouse:%d,%d,1,down" % (50 - fx, 40 - fy)),
                 ("mouse %d %d 0 move" % (60, 45), "VYOMA_INPUT:mouse:%d,%d,3,move" % (60 - fx, 45 - fy)),
                 ("mouse %d %d 2 up" % (60, 45), "VYOMA_INPUT:mouse:%d,%d,2,up" % (60 - fx, 45 - fy)),
                 ("mouse %d %d 1 up" % (60, 45), "VYOMA_INPUT:mouse:%d,%d,1,up" % (60 - fx, 45 - fy)),
                 # no grab: moves outside the content, on the title bar, over the other window
                 ("mouse 60 45 0 move", None),
                 ("mouse %d %d 0 move" % (fx + 10, fy - 5), None),
                 ("mouse %d %d 0 move" % (px + 10, py + 10), None),
                 # a press on the title bar is the window manager's
                 ("mouse %d %d 1 down" % (fx + 30, fy - 10), None),
                 ("mouse %d %d 1 up" % (fx + 30, fy - 10), None),
                 ("mouse %d %d 0 move" % (fx + 1, fy + 1), "VYOMA_INPUT:mouse:1,1,0,move")]
        for verb, _ in steps:
            c.test(verb)
        got = echoes(c, "first")
        want = ["VYOMA_INPUT:focus:1"] + [w for _, w in steps if w]
        check(got == want, "mouse lines:\n got %s\nwant %s" % (got, want))
        plain = echoes(c, "second")
        check(not [l for l in plain if "mouse:" in l], "the plain app got no mouse line: %s" % plain)
        st = c.stats()
        check(st["second"]["refused"] == 0, "nothing even tried for the plain app: %s" % st["second"])
        _, disp = windows(c)
        check(disp["mouse"] == len([w for _, w in steps if w]) and disp["mouse_dropped"] == 0, disp)


def test_click_to_focus_and_drag_to_move_change_the_screen():
    # "high" is first in boot.toml: it has the focus at boot, so it is on top.
    apps = [copy_app("high", "draw-scene"), copy_app("low", "draw-scene")]
    with display_system(apps, [("high", 250, 180, 300, 200), ("low", 100, 100, 300, 200)]) as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "low", "solid aa3333", "drawn solid")
        ask(c, "high", "solid 3333aa", "drawn solid")
        overlap = (300, 250)
        shot = screenshot(s, c, "1.png")
        expect_px(shot, *overlap, 0x3333AA, "high on top")
        # click the visible part of the low window's content: it comes up, focused
        lx, ly = content_origin(100, 100)
        c.test("mouse %d %d 1 down" % (lx + 20, ly + 20))
        c.test("mouse %d %d 1 up" % (lx + 20, ly + 20))
        shot = screenshot(s, c, "2.png")
        expect_px(shot, *overlap, 0xAA3333, "low raised by the click")
        expect_px(shot, 100, 200, accent_of("low"), "low focused")
        expect_px(shot, 250 + 303, 300, 0x3B4252, "high unfocused")
        expect_content(shot, lx, ly, Ref(300, 200, 0xAA3333), "low, whole")
        # drag the low window by its title bar by (+450, +320)
        tx, ty = 100 + 60, 100 + BORDER + TITLE_H // 2
        c.test("mouse %d %d 1 down" % (tx, ty))
        for k in range(1, 11):
            c.test("mouse %d %d 0 move" % (tx + 45 * k, ty + 32 * k))
        c.test("mouse %d %d 1 up" % (tx + 450, ty + 320))
        w = windows(c)[0]["low"]
        check((w["x"], w["y"]) == (550, 420), "moved: %s" % w)
        shot = screenshot(s, c, "3.png")
        expect_content(shot, *content_origin(550, 420), Ref(300, 200, 0xAA3333), "low, moved")
        expect_px(shot, 550, 450, accent_of("low"), "its border came along")
        for x, y in ((110, 110), (lx + 20, ly + 20), (140, 200)):
            expect_px(shot, x, y, desktop(y), "desktop where it was")
        hx, hy = content_origin(250, 180)
        expect_content(shot, hx, hy, Ref(300, 200, 0x3333AA), "high, uncovered again")


def test_close_box_and_keyboard_close_and_restart():
    apps = [copy_app("boxed", "draw-scene"), copy_app("keyed", "draw-scene")]
    with display_system(apps, [("boxed", 100, 100, 200, 150), ("keyed", 400, 100, 200, 150)]) as s:
        c = s.console()
        c.wait_ready(30)
        ask(c, "boxed", "solid 112233", "drawn solid")
        ask(c, "keyed", "solid 445566", "drawn solid")
        # the close box of "boxed": press there, release elsewhere first (nothing), then properly
        bx, by = 100 + 204 - BORDER - CLOSE_W // 2, 100 + BORDER + TITLE_H // 2
        c.test("mouse %d %d 1 down" % (bx, by))
        c.test("mouse %d %d 1 up" % (bx - 100, by))
        check(c.state("boxed") == "running", "a release away from the box does nothing")
        c.test("mouse %d %d 1 down" % (bx, by))
        c.test("mouse %d %d 1 up" % (bx, by))
        c.wait_state("boxed", "stopped")
        wait_for(lambda: "boxed" not in windows(c)[0], 10, what="boxed window gone")
        shot = screenshot(s, c)
        expect_px(shot, 150, 150, desktop(150), "desktop where boxed was")
        # keyed is the focused one now: Shift+F10 restarts it, F10 closes it
        check(windows(c)[0]["keyed"]["focused"] == 1, windows(c))
        pid = c.ps()["keyed"]["pid"]
        c.test("key Shift+F10")
        wait_for(lambda: c.ps()["keyed"]["pid"] not in (pid, "-") and c.state("keyed") == "running",
                 20, what="keyed restarted")
        check("keyed" not in windows(c)[0], "the restarted app has no window until it draws")
        ask(c, "keyed", "solid 445566", "drawn solid")
        w = windows(c)[0]["keyed"]
        check((w["x"], w["y"], w["focused"]) == (400, 100, 1), "same place, focused: %s" % w)
        c.test("key F10")
        c.wait_state("keyed", "stopped")
        wait_for(lambda: not windows(c)[0], 10, what="no windows")
        log = "\n".join(c.log("supervisor", 100))
        check("boxed: close by the window manager" in log and
              "keyed: restart by the window manager" in log, log)


def test_keys_with_no_window_are_dropped():
    with System([App.scripted("plain", "ready", "serve")]) as s:
        c = s.console()
        c.wait_ready()
        c.send("VYOMA_TEST:key a")
        answer = c.expect(lambda l: l.startswith("VYOMA_TEST:"))
        check(answer == "VYOMA_TEST:error key a went nowhere: no window has the focus", answer)
        c.test("mouse 10 10 1 down")
        c.test("mouse 10 10 1 up")
        _, disp = windows(c)
        check(disp["keys"] == 0 and disp["keys_dropped"] == 1 and disp["mouse"] == 0, disp)
        check(not [l for l in c.log("plain") if "VYOMA_INPUT" in l], c.log("plain"))


def test_terminal_keyboard_in_raw_mode():
    """Hosted, with a terminal as stdin in the foreground: its bytes become
    key presses (docs/input.md), and the terminal's settings come back at
    exit. The terminal is a pty the test holds the master side of."""
    import fcntl
    import os
    import pty
    import subprocess
    import termios
    import time

    class TtySystem(System):
        def start(self, wait_socket=True):
            from harness import supervisor_binary
            self.master, slave = pty.openpty()
            self.before = termios.tcgetattr(slave)
            self.slave = slave
            args = [supervisor_binary(), "--hosted", "--root", self.root, "--control", self.sock,
                    "--runner", self.runner] + self.extra_args
            env = dict(os.environ, VYOMA_TEST_TAG=self.tag)
            self.out = open(self.out_path, "wb")
            # a session of its own with the pty as its controlling terminal
            self.proc = subprocess.Popen(args, stdin=slave, stdout=self.out, stderr=subprocess.STDOUT,
                                         env=env, start_new_session=True,
                                         preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
            wait_for(lambda: os.path.exists(self.sock) or self.proc.poll() is not None, 10,
                     what="control socket")
            return self

    base = display_system([copy_app("typist", "input-echo")], [("typist", 50, 50, 300, 200)])
    s = TtySystem(list(base.apps.values()), runner=base.runner, boot_text=base.boot_text,
                  extra_args=base.extra_args)
    with s:
        c = s.console()
        c.wait_ready(30)
        wait_windows(c, 1)
        check("keyboard from the terminal" in s.output(), s.output()[-2000:])
        raw = termios.tcgetattr(s.slave)
        check(not raw[3] & termios.ICANON and not raw[3] & termios.ECHO, "raw input mode")
        check(raw[3] & termios.ISIG and raw[1] & termios.OPOST, "signals and output kept")
        echoes(c, "typist")
        for chunk in (b"aA", b"\x1b[A", b"\x1b[1;5C", b"\r", b"\x1bx", "é".encode(), b"\x7f",
                      b"\x1b[15~", b"\x1bOQ", b"\x01", b" ", b"\x1b[24~"):
            os.write(s.master, chunk)
            time.sleep(0.05)
        os.write(s.master, b"\x1b")  # Escape alone: known after 40 ms; hides the overlay
        time.sleep(0.3)
        os.write(s.master, b"\x1b")
        time.sleep(0.3)
        got = [l for l in echoes(c, "typist") if "key:" in l]
        want = ["a", "A", "Up", "Ctrl+Right", "Enter", "Alt+x", "é", "Backspace", "F5", "F2",
                "Ctrl+a", "Space", "Escape"]
        check(got == ["VYOMA_INPUT:key:" + k for k in want], "terminal keys: %s" % got)
        check(windows(c)[1]["shortcuts"] == 2, "F12 and the Escape that hid the overlay")
    check(termios.tcgetattr(s.slave) == s.before, "terminal settings restored at exit")
    os.close(s.master)
    os.close(s.slave)


def test_power_button_shuts_down_in_order():
    # QMP system_powerdown reaches the VM as the power key; the supervisor
    # treats it as `@supervisor: poweroff`, never as an app's key.
    s = System([App.real("e", "echo")]).start()
    try:
        c = s.console()
        c.wait_ready()
        c.send("VYOMA_TEST:key Power")
        code = s.wait_exit(15)
        check(code == 0, "exit code %s" % code)
        out = s.output()
        check("power button: powering off" in out, out)
        check("every app has stopped" in out, out)
    finally:
        s.stop()
