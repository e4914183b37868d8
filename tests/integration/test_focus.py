"""Focus at boot (docs/input.md, "Focus at boot"): the boot focus, the
boot.toml entry with `focus = true` or else its first app with a window,
has the focus once boot is over, whatever order the windows open in.
Windows that open meanwhile (later in the list, restarted, started by hand)
open under the focused one; once every boot window is open, a new window
takes the focus as before. Talkers with `display` open their window when
told to write a draw line, so each test decides the order windows open in;
the default desktop is checked with its real apps."""

from harness import App, System, check, wait_for
from screen import windows

DRAW = "say VYOMA_DRAW:fill_rect:0,0,8,8,ff0000"
OVER = "has the focus at the end of boot (every boot window is open)"


def talker(name, restart=None, boot=True):
    return App.real(name, "talker", caps=("stdio", "display"), restart=restart, boot=boot)


def focused(c):
    """The one focused window, which is also the top one."""
    wins = windows(c)[0]
    f = [n for n, w in wins.items() if w["focused"] == 1]
    check(len(f) == 1, "one focused window: %s" % wins)
    check(max(wins, key=lambda n: wins[n]["z"]) == f[0], "the focused window is on top: %s" % wins)
    return f[0]


def open_window(c, name):
    """Make `name` open its window; the name of the focused window after."""
    c.send("@%s: %s" % (name, DRAW))
    wait_for(lambda: name in windows(c)[0], 10, what="a window for " + name)
    return focused(c)


def test_the_first_of_the_boot_list_wins_whatever_the_window_order():
    s = System([talker(n) for n in ("a", "b", "c", "d")])
    with s:
        c = s.console()
        c.wait_ready()
        check(not windows(c)[0], "no window before the first draw")
        check(open_window(c, "c") == "c", "the first window takes the focus: nobody has it")
        check(open_window(c, "d") == "c", "d comes after c in boot.toml: it opens under c")
        check(windows(c)[0]["d"]["z"] < windows(c)[0]["c"]["z"], windows(c))
        check(open_window(c, "b") == "b", "b comes before c: it takes the focus")
        check(OVER not in s.output(), "boot is not over while a has no window")
        check(open_window(c, "a") == "a", "a, first in boot.toml, takes the focus last")
        wait_for(lambda: "a: " + OVER in s.output(), 5, what="the end-of-boot line")
        # After boot, a window the user starts takes the focus, as it always did.
        s.add_app(talker("e", boot=False))
        c.must("start e")
        c.wait_state("e", "running")
        check(open_window(c, "e") == "e", "after boot a new window takes the focus")


def test_focus_true_overrides_the_boot_order():
    text = ('[[app]]\nname = "a"\n[[app]]\nname = "b"\n'
            '[[app]]\nname = "c"\nfocus = true\n[[app]]\nname = "d"\n')
    s = System([talker(n) for n in ("a", "b", "c", "d")], boot_text=text)
    with s:
        c = s.console()
        c.wait_ready()
        check(open_window(c, "b") == "b", "nobody has it")
        check(open_window(c, "c") == "c", "focus = true outranks b")
        check(open_window(c, "a") == "c", "and a, first in the list")
        check(open_window(c, "d") == "c", "and d")
        wait_for(lambda: "c: " + OVER in s.output(), 5, what="the end-of-boot line")
        c.test("key F9")  # the user still moves the focus as before
        check(focused(c) != "c", windows(c))


def test_restarts_and_starts_during_boot_do_not_steal_the_focus():
    # c never opens its window until the end, so boot lasts through all this.
    s = System([talker("a"), talker("b", restart="always"), talker("c")])
    with s:
        c = s.console()
        c.wait_ready()
        check(open_window(c, "a") == "a", "a has it")
        check(open_window(c, "b") == "a", "b opens under a")
        c.send("@b: exit 1")
        wait_for(lambda: "b" not in windows(c)[0], 10, what="b's window to close")
        wait_for(lambda: c.ps()["b"]["restarts"] == 1 and c.ps()["b"]["state"] == "running", 15,
                 what="b restarted")
        check(open_window(c, "b") == "a", "the restarted b opens under a")
        s.add_app(talker("x", boot=False))
        c.must("start x")
        c.wait_state("x", "running")
        check(open_window(c, "x") == "a", "an app started by hand during boot opens under a")
        check(OVER not in s.output(), s.output()[-1500:])
        check(open_window(c, "c") == "a", "the last boot window")
        wait_for(lambda: "a: " + OVER in s.output(), 5, what="the end-of-boot line")


def test_the_default_desktop_focuses_the_shell():
    """The repository's boot.toml: the shell is its first app with a window,
    so it has the focus once every window is open (whatever the order they
    opened in), and the first key typed goes to it."""
    from apps_lib import boot_ready, system
    from test_app_desktop import boot_entries

    text, entries = boot_entries()
    names = [e["name"] for e in entries]
    check(names[0] == "shell", "the shell comes first in boot.toml: %s" % names)
    # The same desktop with the shell listed last, and `focus = true`.
    order = names[1:] + ["shell"]
    moved = "".join('[[app]]\nname = "%s"\nx = %s\ny = %s\n%s\n' % (
        e["name"], e["x"], e["y"], "focus = true" if e["name"] == "shell" else "")
        for e in sorted(entries, key=lambda e: order.index(e["name"])))
    for boot_text in (text, moved):
        with system(names, boot_text=boot_text) as s:
            c = s.console()
            boot_ready(c, len(names))
            wait_for(lambda: set(windows(c)[0]) == set(names), 30, what="every window")
            wait_for(lambda: "shell: " + OVER in s.output(), 10, what="the end-of-boot line")
            check(focused(c) == "shell", windows(c))
            for k in ("h", "i", "Enter"):
                c.test("key " + k)
            c.wait_log("shell", "> hi", timeout=10)
