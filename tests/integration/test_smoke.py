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


def test_runner_arguments_follow_the_contract():
    apps = [App.scripted("files", "args", "ready", "serve", caps=("stdio", "filesystem"),
                         memory_mb=32),
            App.scripted("plain", "args", "ready", "serve", caps=("stdio", "display"))]
    with System(apps, extra_args=["--cache", "/tmp/vyoma-cache-x"]) as s:
        c = s.console()
        c.wait_ready()
        got = [l[5:] for l in c.log("files") if l.startswith("arg: ")]
        check(got[1:] == ["--name", "files", "--cap", "stdio,filesystem", "--memory-mb", "32",
                          "--data", s.root + "/data", "--cache", "/tmp/vyoma-cache-x",
                          s.app_path("files", "files.wasm")], got)
        got = [l[5:] for l in c.log("plain") if l.startswith("arg: ")]
        check(got[1:] == ["--name", "plain", "--cap", "stdio,display", "--memory-mb", "64",
                          "--cache", "/tmp/vyoma-cache-x", s.app_path("plain", "plain.wasm")],
              "no --data without filesystem: %s" % got)
