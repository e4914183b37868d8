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
