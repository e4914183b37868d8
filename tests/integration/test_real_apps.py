"""The supervisor with the real runner (build/vyoma-run) and real
components from `make apps` (build/apps/<name>/): the runner contract —
arguments, stdio, exit codes 70/71/72 — end to end."""

import os

from harness import BUILD, App, System, check

RUNNER = os.path.join(BUILD, "vyoma-run")
CACHE = os.path.join(BUILD, "test-cache")


def real_system(apps, **kw):
    for a in apps:
        check(os.path.isdir(os.path.join(BUILD, "apps", a.built)),
              "build/apps/%s missing: run `make apps`" % a.built)
    check(os.access(RUNNER, os.X_OK), "build/vyoma-run missing: run `make runner`")
    os.makedirs(CACHE, exist_ok=True)
    return System(apps, runner=RUNNER, extra_args=["--cache", CACHE], **kw)


def test_hello_runs_and_exits_cleanly():
    with real_system([App("hello", built="hello")]) as s:
        c = s.console()
        c.wait_ready()
        c.wait_state("hello", "stopped", timeout=20)
        check("hello from VyomaOS" in c.log("hello"), c.log("hello"))
        log = "\n".join(c.log("supervisor", 50))
        check("hello: exited: exit 0 (success)" in log, log)


def test_runner_refusals_and_failures_reach_the_policy():
    apps = [App("trap", built="trap"), App("memhog", built="memhog"),
            App("net-undeclared", built="net-undeclared"),
            App("fs-undeclared", built="fs-undeclared")]
    with real_system(apps) as s:
        c = s.console()
        for n in ("trap", "memhog", "net-undeclared", "fs-undeclared"):
            c.wait_state(n, "failed", timeout=30)
        log = "\n".join(c.log("supervisor", 100))
        check("trap: exited: exit 72 (trap)" in log, log)
        check("memhog: exited: exit 71 (memory cap exceeded)" in log, log)
        check("net-undeclared: exited: exit 70 (refused by the import audit" in log, log)
        check("fs-undeclared: exited: exit 70 (refused by the import audit" in log, log)
        check("about to trap" in c.log("trap"), c.log("trap"))
        check(any("needs capability 'network'" in l for l in c.log("net-undeclared")),
              c.log("net-undeclared"))


def test_refused_app_is_not_restarted_even_with_always():
    toml = open(os.path.join(BUILD, "apps", "net-undeclared", "vyoma.toml")).read()
    toml = toml.replace('policy = "never"', 'policy = "always"')
    with real_system([App("net-undeclared", built="net-undeclared", manifest=toml)]) as s:
        c = s.console()
        c.wait_state("net-undeclared", "failed", timeout=20)
        import time
        time.sleep(1.5)
        check(c.ps()["net-undeclared"]["restarts"] == 0, c.ps())


def test_check_with_real_components():
    import subprocess
    from harness import supervisor_binary
    s = real_system([App("hello", built="hello"), App("net-undeclared", built="net-undeclared")])
    p = subprocess.run([supervisor_binary(), "check", s.root], capture_output=True, text=True)
    check(p.returncode == 1, p.stdout)
    check("hello/vyoma.toml: ok" in p.stdout, p.stdout)
    check("net-undeclared.wasm: refused by the import audit" in p.stdout, p.stdout)
    os.remove(os.path.join(s.root, "apps", "net-undeclared", "vyoma.toml"))
    s.write_boot(["hello"])
    p = subprocess.run([supervisor_binary(), "check", s.root], capture_output=True, text=True)
    check(p.returncode == 0, p.stdout)
