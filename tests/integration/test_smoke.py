"""Boot, readiness, and a first round trip."""

from harness import App, System, check


def test_boot_ready_and_echo():
    apps = [App.scripted("echo", "ready", "echo"), App.scripted("quiet", "serve")]
    with System(apps) as s:
        c = s.console()
        check(c.wait_ready() == 2, "both apps ready")
        c.send("@echo: hello")
        line = c.expect("@echo: ")
        check(line == "@echo: echo hello", line)
        check("VYOMA: ready 2 apps in " in s.output(), "ready line on the console")
