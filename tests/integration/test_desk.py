"""The desktop a person can trust (issue 16): focus rules after boot, the
taskbar and its minimize, the launcher, where new windows go, notices.

Apps are copies of tests/apps/input-echo (it draws its window at start and
reports every input line to the console), so an automatic restart reopens
a window by itself, as a real app's would."""

from harness import App, check, wait_for
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
