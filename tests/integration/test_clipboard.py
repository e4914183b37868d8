"""The clipboard and the notices apps cause (issue 16 items 4 and 5).

- Clipboard (docs/input.md, "Clipboard"): an app with `display` copies
  with VYOMA_CLIP:set:; another gets the text only as a
  VYOMA_INPUT:paste: line after the user's paste key (Ctrl+v, Shift+Insert)
  in its own focused window, never as a key; an app that asks
  (VYOMA_CLIP:get) gets the refusal and nothing else; an app without
  `display` cannot copy; more than 16 KiB is refused, the clipboard kept.
- Notices: VYOMA_DRAW:notify: shows "<app>: <text>", one per 2 s per app;
  a message to a minimized or hidden window posts a notice and marks its
  taskbar button.

The apps are scripted (tests/fixtures/fakeapp.c): they log every line
they read ("got: ..."), so exactly what reached each one is checked."""

from harness import App, System, check, wait_for
from screen import CACHE, boot_text, windows

DRAW = ("say VYOMA_DRAW:clear:2e3440", "say VYOMA_DRAW:flush")
COPIED = "hello\\nworld \\\\ caf\u00e9\\ttab"  # as escaped on the line


def app(name, *script, caps=("stdio", "display")):
    return App.scripted(name, *(DRAW if "display" in caps else ()), "ready", *script, "serve",
                        caps=caps)


def system(apps, entries):
    return System(apps, boot_text=boot_text(entries), extra_args=["--cache", CACHE])


def clip(c):
    f = c.test("clip")[0].split()
    return dict(p.split("=", 1) for p in f[1:])


def got(c, name):
    return [l.split("got: ", 1)[1] for l in c.log(name, 400) if "got: " in l]


def sync(c, name, tag):
    c.send("@%s: %s" % (name, tag))
    c.wait_log(name, "got: @console: " + tag)


def test_paste_only_after_the_users_paste_key():
    apps = [app("copier", "until copy", "say VYOMA_CLIP:set:" + COPIED, "until big",
                "bigline 16385 VYOMA_CLIP:set:"),
            app("snoop", "until ask", "say VYOMA_CLIP:get", "say VYOMA_CLIP:peek:x"),
            app("plain", "until copy", "say VYOMA_CLIP:set:stolen", caps=("stdio",))]
    entries = [("copier", 40, 40, 300, 200), ("snoop", 400, 40, 300, 200), ("plain", None, None,
                                                                             None, None)]
    with system(apps, entries) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: {"copier", "snoop"} <= set(windows(c)[0]), 20, what="windows")
        check(clip(c)["bytes"] == "0", "empty at first: %s" % clip(c))
        c.send("@copier: copy")
        wait_for(lambda: clip(c)["bytes"] != "0", 10, what="the copy")
        info = clip(c)
        check(info["bytes"] == str(len("hello\nworld \\ caf\u00e9\ttab".encode())) and
              info["from"] == "copier", "copier's text is on the clipboard: %s" % info)
        # An app that asks gets the refusal, and nothing else.
        c.send("@snoop: ask")
        c.wait_log("snoop", "got: @supervisor: error: clipboard: no such verb 'get'")
        c.wait_log("snoop", "got: @supervisor: error: clipboard: no such verb 'peek:x'")
        sync(c, "snoop", "after-ask")
        check(not any("paste" in l or "hello" in l for l in got(c, "snoop")
                      if not l.startswith("@supervisor: error:")),
              "snoop read nothing of the clipboard: %s" % got(c, "snoop"))
        # An app without display cannot copy.
        c.send("@plain: copy")
        c.wait_log("plain", "needs the display capability")
        check(clip(c)["from"] == "copier", "plain changed nothing: %s" % clip(c))
        # The user's paste key in snoop's window: the text, instead of the key.
        c.test("focus snoop")
        c.test("key Ctrl+v")
        c.wait_log("snoop", "got: VYOMA_INPUT:paste:" + COPIED)
        c.test("key Shift+Insert")
        sync(c, "snoop", "after-paste")
        pastes = [l for l in got(c, "snoop") if l.startswith("VYOMA_INPUT:paste:")]
        check(pastes == ["VYOMA_INPUT:paste:" + COPIED] * 2, "two pastes: %s" % pastes)
        check(not any(l.startswith("VYOMA_INPUT:key:") for l in got(c, "snoop")),
              "the paste keys were not sent as keys: %s" % got(c, "snoop"))
        # Other keys still go as keys; copier, not focused, got no paste.
        c.test("key v")
        c.wait_log("snoop", "got: VYOMA_INPUT:key:v")
        check(not any("paste" in l for l in got(c, "copier")), "copier got no paste")
        # Over 16 KiB: refused with a reason, the clipboard unchanged.
        c.send("@copier: big")
        c.wait_log("copier", "clipboard: text over 16384 bytes refused; the clipboard is unchanged")
        check(clip(c)["bytes"] == info["bytes"], "unchanged: %s" % clip(c))
        out = s.output()
        check("hello" not in out and "world" not in out, "the log never shows the text")


def test_notify_is_shown_and_rate_limited():
    apps = [app("notifier", "until go", "say VYOMA_DRAW:notify:build finished\tok",
                "say VYOMA_DRAW:notify:second one", "say @console: said", "until again",
                "say VYOMA_DRAW:notify:" + "x" * 200)]
    with system(apps, [("notifier", 40, 40, 300, 200)]) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "notifier" in windows(c)[0], 20, what="the window")
        c.send("@notifier: go")
        c.expect(lambda l: l == "@notifier: said", 20, "notifier's lines read")
        check(notices(c) == ["notifier: build finished ok"], "one shown: %s" % notices(c))
        # The next, 2 s later or more, is shown; cut to 120 bytes.
        import time
        time.sleep(2.1)
        c.send("@notifier: again")
        wait_for(lambda: len(notices(c)) == 2, 10, what="the second notice")
        check(notices(c)[1] == "notifier: " + "x" * 120, notices(c))
        check("notice: 1 dropped" in s.output(), "the dropped one is counted in the log")


def notices(c):
    return [l.split(" ", 4)[4] for l in c.test("notices")]


def test_a_message_for_a_hidden_or_minimized_window_is_noticed():
    apps = [app("front"), app("under"), app("mini")]
    entries = [("front", 40, 40, 500, 400), ("under", 100, 100, 200, 150),
               ("mini", 600, 40, 200, 150)]
    with system(apps, entries) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: {"front", "under", "mini"} <= set(windows(c)[0]), 20, what="windows")
        c.test("focus under")
        c.test("focus front")  # under is now wholly under front
        c.test("focus mini")
        c.test("key Alt+F9")   # minimized
        wins = windows(c)[0]
        check(wins["mini"]["minimized"] == 1 and wins["under"]["z"] < wins["front"]["z"], wins)
        c.send("@front: visible")
        c.wait_log("front", "got: @console: visible")
        check(notices(c) == [], "no notice for a visible window: %s" % notices(c))
        c.send("@mini: hello")
        c.send("@under: hello")
        wait_for(lambda: len(notices(c)) == 2, 10, what="two notices")
        check(notices(c) == ["mini: a message from console (its window is minimized)",
                             "under: a message from console (its window is hidden)"], notices(c))
        wins = windows(c)[0]
        check(wins["mini"]["attention"] == 1 and wins["under"]["attention"] == 1,
              "their taskbar buttons ask for attention: %s" % wins)
        # Once per window per 10 s: a second message adds none.
        c.send("@mini: again")
        c.wait_log("mini", "got: @console: again")
        check(len(notices(c)) == 2, notices(c))


def test_shell_pastes_into_its_input_line():
    """The shell takes a paste into its input line (UTF-8 kept; a line
    break or tab becomes a space, so a paste never runs a command by
    itself), and runs nothing until Enter."""
    from apps_lib import state
    apps = [app("copier", "until copy", "say VYOMA_CLIP:set:" + COPIED),
            App("shell", built="shell")]
    entries = [("shell", 20, 20, None, None), ("copier", 620, 40, 300, 200)]
    with system(apps, entries) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: {"copier", "shell"} <= set(windows(c)[0]), 20, what="windows")
        c.send("@copier: copy")
        wait_for(lambda: clip(c)["bytes"] != "0", 10, what="the copy")
        c.test("focus shell")
        c.test("key Ctrl+v")
        want = "input hello world \\ caf\u00e9 tab"
        wait_for(lambda: state(c, "shell").endswith(want), 10, what="the paste in the input line")
        check("job idle" in state(c, "shell"), "nothing ran: %s" % state(c, "shell"))


def test_ctrl_shift_c_copies_the_shells_last_output():
    """Ctrl+Shift+c (the key Ctrl+C) in the shell's window: the supervisor
    copies the output of the last line from the shell's transcript; a paste
    gives it back (its line break a space). Not the line itself, nor older
    output; a shell with no output yet copies nothing."""
    from apps_lib import state
    apps = [App("shell", built="shell")]
    with system(apps, [("shell", 20, 20, None, None)]) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: "shell" in windows(c)[0], 20, what="the window")
        c.test("focus shell")
        c.test("key Ctrl+C")
        check(clip(c)["bytes"] == "0", "nothing to copy before a line ran: %s" % clip(c))
        for line in ("@nosuch hi", "frobnicate"):
            for ch in line:
                c.test("key " + ("Space" if ch == " " else ch))
            c.test("key Enter")
        want = "error: frobnicate: no such command"
        wait_for(lambda: "job idle" in state(c, "shell") and
                 any(want in l for l in c.log("shell", 50)), 10, what="the line's output")
        c.test("key Ctrl+C")
        got_clip = clip(c)
        check(got_clip["bytes"] == str(len(want) + 1) and got_clip["from"] == "shell", got_clip)
        c.test("key Ctrl+v")
        wait_for(lambda: state(c, "shell").rstrip().endswith("input " + want), 10, what="the paste")
