"""The desktop a person can trust (issue 16): focus rules after boot, the
taskbar and its minimize, the launcher, where new windows go, notices.

Apps are copies of tests/apps/input-echo (it draws its window at start and
reports every input line to the console), so an automatic restart reopens
a window by itself, as a real app's would."""

from harness import App, System, check, wait_for
from screen import ask, display_system, screenshot, windows

OVER = "has the focus at the end of boot"


def echo(name, restart="on-failure", boot=True, desc=None):
    toml = 'name = "%s"\ncomponent = "input-echo.wasm"\n' % name
    if desc:
        toml += 'description = "%s"\n' % desc
    toml += '\n[capabilities]\nstdio = true\ndisplay = true\nmouse = true\n'
    toml += '\n[restart]\npolicy = "%s"\n' % restart
    return App(name, built="input-echo", manifest=toml, boot=boot)


def keys_of(c, app):
    """The keys app has reported so far (after a sync round trip)."""
    ask(c, app, "sync k", "sync k")
    got = [l.split("VYOMA_INPUT:key:", 1)[1] for l in c.backlog
           if l.startswith("@%s: input VYOMA_INPUT:key:" % app)]
    c.backlog = [l for l in c.backlog if not l.startswith("@%s: input " % app)]
    return got


def focused(c):
    wins = windows(c)[0]
    f = [n for n, w in wins.items() if w["focused"] == 1]
    check(len(f) <= 1, "at most one focused window: %s" % wins)
    return f[0] if f else None


def desk(apps, entries):
    s = display_system(apps, entries)
    return s


def booted(s, names):
    c = s.console()
    c.wait_ready(30)
    wait_for(lambda: set(names) <= set(windows(c)[0]), 30, what="windows of %s" % names)
    wait_for(lambda: OVER in s.output(), 10, what="the end of boot")
    return c


def test_a_background_restart_does_not_take_the_focus_and_start_does():
    apps = [echo("a"), echo("b"), echo("c", boot=False)]
    with desk(apps, [("a", 16, 16, 300, 200), ("b", 400, 16, 300, 200)]) as s:
        c = booted(s, ["a", "b"])
        check(focused(c) == "a", "the first boot window has the focus: %s" % windows(c)[0])
        pid = c.ps()["b"]["pid"]
        c.must("kill b")
        wait_for(lambda: "b" not in windows(c)[0], 10, what="b's window to go")
        wait_for(lambda: c.ps()["b"]["pid"] not in ("-", pid) and "b" in windows(c)[0], 20,
                 what="b restarted by its policy, with a window")
        wins = windows(c)[0]
        check(focused(c) == "a", "a keeps the focus after b's restart: %s" % wins)
        check(wins["b"]["z"] < wins["a"]["z"], "b opened under a: %s" % wins)
        check(wins["b"]["attention"] == 1 and wins["a"]["attention"] == 0,
              "b asks for attention: %s" % wins)
        # Its taskbar button blinks (two tints, half a second each).
        import time
        b = dict(buttons(c)[0])["b"]
        check(b["attention"] == 1, b)
        seen = set()
        for i in range(4):
            seen.add(screenshot(s, c, "blink%d.png" % i).px(b["x"] + b["w"] - 6, b["y"] + 3))
            time.sleep(0.3)
        check(len(seen) == 2, "b's button blinks between two tints: %s" % [hex(x) for x in seen])
        keys_of(c, "a"), keys_of(c, "b")
        c.test("key x")
        check(keys_of(c, "a") == ["x"] and keys_of(c, "b") == [], "the key went to a")
        # A start from the console: the person asked for c, it takes the focus.
        c.must("start c")
        wait_for(lambda: "c" in windows(c)[0], 20, what="c's window")
        check(focused(c) == "c", "c, started by hand, has the focus: %s" % windows(c)[0])
        c.test("key y")
        check(keys_of(c, "c") == ["y"], "the key went to c")
        # Focusing b (a click, the taskbar) clears its attention mark.
        c.test("focus b")
        check(windows(c)[0]["b"]["attention"] == 0, windows(c)[0])
        # `restart` is asked for too: a's new window takes the focus.
        c.must("restart a")
        wait_for(lambda: "a" in windows(c)[0] and focused(c) == "a", 20,
                 what="a, restarted by hand, with the focus")
        # A crash of c (started by hand) restarts it in the background.
        c.must("kill c")
        wait_for(lambda: "c" not in windows(c)[0], 10, what="c's window to go")
        wait_for(lambda: "c" in windows(c)[0], 20, what="c back")
        check(focused(c) == "a", "c's automatic restart leaves a the focus: %s" % windows(c)[0])
        shot = screenshot(s, c, "focus.png")
        check(shot.w > 0, "a screenshot")


def buttons(c):  # noqa: E302 (used above, defined here with the taskbar tests)
    """[(name, {x, y, w, h, state, focused, attention})], left to right; and the logo."""
    out, logo = [], {}
    for l in c.test("taskbar"):
        f = l.split()
        kv = dict(p.split("=", 1) for p in f[2 if f[0] == "button" else 1:])
        kv = {k: int(v) if v.lstrip("-").isdigit() else v for k, v in kv.items()}
        if f[0] == "button":
            out.append((f[1], kv))
        else:
            logo = kv
    return out, logo


def click(c, x, y):
    c.test("mouse %d %d 1 down" % (x, y))
    c.test("mouse %d %d 1 up" % (x, y))


def click_button(c, name):
    b = dict(buttons(c)[0])[name]
    click(c, b["x"] + b["w"] // 2, b["y"] + b["h"] // 2)


def test_taskbar_click_raises_then_minimizes_then_restores():
    apps = [echo("a"), echo("b")]
    with desk(apps, [("a", 40, 40, 400, 300), ("b", 200, 120, 400, 300)]) as s:
        c = booted(s, ["a", "b"])
        bs, logo = buttons(c)
        check(sorted(n for n, _ in bs) == ["a", "b"], "a button per window: %s" % bs)
        check(all(b["state"] == "running" for _, b in bs), bs)
        check(dict(bs)["a"]["focused"] == 1 and dict(bs)["b"]["focused"] == 0, bs)
        check(logo["logo_x"] + logo["logo_w"] <= bs[0][1]["x"], "the buttons follow VyomaOS")
        # b is under a after boot; a click on its button raises and focuses it.
        click_button(c, "b")
        wins = windows(c)[0]
        check(wins["b"]["focused"] == 1 and wins["b"]["z"] > wins["a"]["z"], wins)
        keys_of(c, "b")
        c.test("key q")
        check(keys_of(c, "b") == ["q"], "keys go to b")
        shot = screenshot(s, c, "raised.png")
        check(shot.px(420, 300) != shot.px(30, 600), "b's window is drawn over a's corner")
        # A second click on the focused one minimizes it: a has the focus.
        inside_b = shot.px(560, 380)
        click_button(c, "b")
        wins = windows(c)[0]
        check(wins["b"]["minimized"] == 1 and wins["b"]["focused"] == 0, wins)
        check(wins["a"]["focused"] == 1, "the focus passes to a: %s" % wins)
        check(dict(buttons(c)[0])["b"]["state"] == "minimized", buttons(c))
        shot = screenshot(s, c, "minimized.png")
        check(shot.px(560, 380) != inside_b, "b is no longer drawn")
        # F9 skips a minimized window; a click where b was goes to the desktop.
        c.test("key F9")
        check(windows(c)[0]["a"]["focused"] == 1, "F9 skips minimized b")
        click(c, 560, 380)
        check(windows(c)[0]["b"]["minimized"] == 1, "a minimized window takes no click")
        # A third click restores it, focused.
        click_button(c, "b")
        wins = windows(c)[0]
        check(wins["b"]["minimized"] == 0 and wins["b"]["focused"] == 1, wins)
        shot = screenshot(s, c, "restored.png")
        check(shot.px(560, 380) == inside_b, "b is drawn again")


def test_launcher_opens_lists_and_starts():
    apps = [echo("a", desc="The first test app"), echo("zed", boot=False, desc="Started from the launcher")]
    with desk(apps, [("a", 40, 40, 300, 200)]) as s:
        c = booted(s, ["a"])
        check(c.test("launcher")[0].startswith("launcher shown=0"), "hidden at first")
        c.test("key F1")
        lines = c.test("launcher")
        check(lines[0].startswith("launcher shown=1"), lines)
        entries = {l.split()[1]: l for l in lines[1:]}
        check({"a", "zed"} <= set(entries), "every app of the apps dir: %s" % lines)
        check("desc=Started from the launcher" in entries["zed"], entries["zed"])
        check("running=1" in entries["a"] and "running=0" in entries["zed"], lines)
        screenshot(s, c, "launcher.png")
        # Keys go to the launcher while it is shown, not to the focused app.
        keys_of(c, "a")
        names = [l.split()[1] for l in lines[1:]]
        for _ in range(names.index("zed")):
            c.test("key Down")
        check(keys_of(c, "a") == [], "the launcher took the keys")
        check("sel=%d" % names.index("zed") in c.test("launcher")[0], c.test("launcher"))
        c.test("key Enter")
        check(c.test("launcher")[0].startswith("launcher shown=0"), "Enter closes it")
        wait_for(lambda: "zed" in windows(c)[0], 20, what="zed's window")
        check(focused(c) == "zed", "the app started from the launcher has the focus")
        # A click on VyomaOS opens it; Escape and a click outside close it.
        _, logo = buttons(c)
        click(c, logo["logo_x"] + 10, logo["logo_y"] + 5)
        check(c.test("launcher")[0].startswith("launcher shown=1"), "a click opens it")
        c.test("key Escape")
        check(c.test("launcher")[0].startswith("launcher shown=0"), "Escape closes it")
        click(c, logo["logo_x"] + 10, logo["logo_y"] + 5)
        click(c, 1000, 20)
        check(c.test("launcher")[0].startswith("launcher shown=0"), "a click outside closes it")
        # A row click on a running app raises its window.
        c.test("key F1")
        head = dict(p.split("=") for p in c.test("launcher")[0].split()[1:])
        row = [l.split()[1] for l in c.test("launcher")[1:]].index("a")
        click(c, int(head["x"]) + 40, int(head["y"]) + 44 + 22 * row + 10)
        check(focused(c) == "a", "a row of a running app focuses its window")


def test_new_windows_never_share_a_corner():
    names = ["p%d" % i for i in range(6)]
    apps = [echo(n) for n in names]
    with desk(apps, [(n, None, None, 300, 200) for n in names]) as s:
        c = booted(s, names)
        wins = windows(c)[0]
        corners = [(w["x"], w["y"]) for w in wins.values()]
        check(len(set(corners)) == len(corners), "no two windows at one corner: %s" % corners)
        # Six 304x228 windows fit on a 1024x744 desktop: none overlaps another.
        rects = [(w["x"], w["y"], w["w"], w["h"]) for w in wins.values()]
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                check(a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1]
                      or b[1] + b[3] <= a[1], "%s overlaps %s" % (a, b))
        # Started by hand, and the screen full: still a corner of its own.
        extra = ["q%d" % i for i in range(8)]
        for n in extra:
            s.add_app(echo(n, boot=False))
            c.must("start " + n)
            wait_for(lambda: n in windows(c)[0], 20, what=n + "'s window")
        corners = [(w["x"], w["y"]) for w in windows(c)[0].values()]
        check(len(set(corners)) == len(corners), "no two windows at one corner: %s" % corners)
        screenshot(s, c, "placed.png")


def notices(c):
    return [l.split(" ", 4)[4] for l in c.test("notices")]


def test_a_crash_shows_a_notice_that_expires():
    apps = [echo("a"), App(
        "b", built="input-echo", boot=True,
        manifest='name = "b"\ncomponent = "input-echo.wasm"\n\n[capabilities]\nstdio = true\n'
                 'display = true\n\n[restart]\npolicy = "on-failure"\nmax_failures = 2\n'
                 'window_secs = 60\n')]
    with desk(apps, [("a", 40, 40, 300, 200), ("b", 400, 40, 300, 200)]) as s:
        c = booted(s, ["a", "b"])
        check(notices(c) == [], "no notice at boot")
        c.must("kill b")
        wait_for(lambda: notices(c), 10, what="a notice")
        n = notices(c)
        check(n[0].startswith("b crashed") and "restart in 1 s" in n[0], n)
        check(dict(buttons(c)[0]).get("b", {}).get("state") == "restarting",
              "%s %s" % (buttons(c), c.ps()["b"]))
        shot = screenshot(s, c, "notice.png")
        check(shot.px(1024 - 8 - 440 + 2, 744 - 8 - 26 + 13) == 0xEBCB8B, "the warning bar is drawn")
        wait_for(lambda: "b" in windows(c)[0], 20, what="b back")
        check(dict(buttons(c)[0])["b"]["state"] == "running", buttons(c))
        # The second failure within the window: it gives up.
        c.must("kill b")
        wait_for(lambda: any("gave up" in x for x in notices(c)), 10, what="a give-up notice")
        check(any(x.startswith("b gave up after 2 failures") for x in notices(c)), notices(c))
        wait_for(lambda: dict(buttons(c)[0]).get("b", {}).get("state") == "failed", 10,
                 what="b's button says failed")
        # A click on a failed app's button starts it again, with the focus.
        click_button(c, "b")
        wait_for(lambda: "b" in windows(c)[0], 20, what="b started from its button")
        check(focused(c) == "b", windows(c)[0])
        # Notices go by themselves.
        wait_for(lambda: notices(c) == [], 12, what="the notices to expire")
        shot = screenshot(s, c, "notice-gone.png")
        check(shot.px(1024 - 8 - 440 + 2, 744 - 8 - 26 + 13) != 0xEBCB8B, "the box is gone")


def test_closing_the_last_shell_asks_first():
    # shell and monitor both have `shell`: closing one of them is done at
    # once; closing the last one is asked about first (a notice), and the
    # same close again does it.
    with System([App.real("shell"), App.real("monitor")]) as s:
        c = s.console()
        c.wait_ready()
        wait_for(lambda: {"shell", "monitor"} <= set(windows(c)[0]), 15, what="both windows")
        c.must("focus monitor")
        c.test("key F10")
        c.wait_state("monitor", "stopped")
        check(notices(c) == [], "no question for a shell that is not the last")
        c.must("focus shell")
        c.test("key F10")
        wait_for(lambda: any("shell is the last shell" in n for n in notices(c)), 5,
                 what="the question as a notice")
        check(c.state("shell") == "running", "the first close only asks")
        c.test("key F10")
        c.wait_state("shell", "stopped")
