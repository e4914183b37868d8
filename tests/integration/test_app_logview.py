"""logview: shows `log <app>` for the app it is pointed at, follows new
lines, and cycles through the apps ps lists."""

from apps_lib import ask, boot_ready, check, fields, key, state, system, type_text, wait_state


def test_logview_shows_and_follows_logs():
    with system(["logview", "hello", "shell"]) as s:
        c = s.console()
        boot_ready(c)
        c.wait_state("hello", "stopped", timeout=20)
        check(ask(c, "logview", "show hello") == "showing hello")
        wait_state(c, "logview", lambda t: t.endswith("last hello from VyomaOS"), what="hello's log")
        # new lines appear on the next refresh: make the shell log something
        ask(c, "logview", "show shell")
        type_text(c, "shell", "help")
        key(c, "shell", "Enter")
        wait_state(c, "logview", lambda t: "| ok help" in t, timeout=6, what="shell's new log lines")
        # the app list comes from ps (+ supervisor); Right moves along it
        st = wait_state(c, "logview", lambda t: fields(t)["apps"] == "4")
        before = fields(st)["app"]
        key(c, "logview", "Right")
        after = fields(state(c, "logview"))["app"]
        check(after != before and after in ("logview", "hello", "shell", "supervisor"), (before, after))
        ask(c, "logview", "show supervisor")
        wait_state(c, "logview", lambda t: int(fields(t)["lines"]) > 2, what="supervisor log")
        ask(c, "logview", "show nosuchapp")
        wait_state(c, "logview", lambda t: "error:" in t, what="error for an unknown app")
        check(c.state("logview") == "running")


def test_logview_tab_bar_scrolls_to_the_selected_app():
    # issue 16: the tab bar ended at "snak..." and a selected tab past the
    # edge was never shown. With twelve apps in a 300-pixel window (a resize
    # line), the first tab drawn moves so the selected one is on screen.
    from apps_lib import key, send_input
    from harness import App
    apps = ["logview"] + [App.real("app%02d" % i, "hello") for i in range(11)]
    with system(apps) as s:
        c = s.console()
        boot_ready(c)
        wait_state(c, "logview", lambda t: fields(t)["apps"] == "13", what="12 apps and the supervisor")
        send_input(c, "logview", "VYOMA_INPUT:resize:300,200")
        t0 = int(fields(state(c, "logview"))["tab"])  # the supervisor's tab, the last
        names = ["app%02d" % i for i in range(11)] + ["logview", "supervisor"]
        for k in range(1, 14):
            key(c, "logview", "Right")
            want = (t0 + k) % 13
            st = fields(wait_state(c, "logview", lambda t: fields(t)["tab"] == str(want), what="tab %d" % want))
            first = int(st["first"])
            # the selected tab and those before it from `first` fit in 300 pixels
            check(first <= want and sum(len(n) * 8 + 12 for n in names[first:want + 1]) <= 294,
                  "tab %d not on screen: %s" % (want, st))
            if want == 0:
                check(first == 0, "back at the first tab, the bar scrolls back: %s" % st)
            if want == 12:
                check(first > 0, "the bar scrolled to the last tab: %s" % st)
