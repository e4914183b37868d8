"""Boot, readiness, and a first round trip, with real components run by
build/vyoma-run."""

import shutil
import tempfile

from harness import App, System, check


def test_boot_ready_and_echo():
    apps = [App.real("echo"), App.real("quiet", "talker")]
    with System(apps) as s:
        c = s.console()
        check(c.wait_ready() == 2, "both apps ready")
        c.send("@echo: hello")
        line = c.expect("@echo: ")
        check(line == "@echo: echo hello", line)
        check("VYOMA: ready 2 apps in " in s.output(), "ready line on the console")
        check(c.ps()["quiet"]["state"] == "running", c.ps())


def test_runner_arguments_follow_the_contract():
    # The runner consumes its flags, so a component cannot see them: the
    # "args" hook of the runner wrapper records them on the app's stderr,
    # then execs the real vyoma-run with the same argv, and the app answering
    # shows the real runner accepted them.
    cache = tempfile.mkdtemp(prefix="vyoma-cache-")
    apps = [App.real("files", "echo", caps=("stdio", "filesystem"), memory_mb=32, hooks=("args",)),
            App.real("plain", "echo", caps=("stdio", "display"), hooks=("args",))]
    try:
        with System(apps, extra_args=["--cache", cache]) as s:
            c = s.console()
            c.wait_ready()
            got = [l[5:] for l in c.log("files") if l.startswith("arg: ")]
            check(got == ["--name", "files", "--cap", "stdio,filesystem", "--memory-mb", "32",
                          "--data", s.root + "/data", "--cache", cache, "--cache-index", "3",
                          s.app_path("files", "echo.wasm")], got)
            got = [l[5:] for l in c.log("plain") if l.startswith("arg: ")]
            check(got == ["--name", "plain", "--cap", "stdio,display", "--memory-mb", "64",
                          "--cache", cache, "--cache-index", "3", s.app_path("plain", "echo.wasm")],
                  "no --data without filesystem: %s" % got)
            for n in ("files", "plain"):
                c.send("@%s: are you real" % n)
                check(c.expect("@%s: " % n) == "@%s: echo are you real" % n, "answered")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
