"""Lifecycle races found by forcing hostile timing (issue 10). Each was a
bug of the code where several modules wrote an app's state: now one owner
(supervisor/app/app_life.c) takes every request as an event of its table.

The timing is forced, not hoped for: the supervisor is stopped with
SIGSTOP while the apps do their part, so that when it continues one loop
round sees everything at once; or a stop is made to last (the runner
ignores SIGTERM, so the grace period runs out) while a request arrives."""

import os
import signal
import time

from harness import App, System, check


def talker(name, **kw):
    return App.real(name, "talker", **kw)


def frozen(s, secs):
    """Stop the supervisor for `secs` (its children keep running), then let it go."""
    os.kill(s.pid(), signal.SIGSTOP)
    try:
        time.sleep(secs)
    finally:
        os.kill(s.pid(), signal.SIGCONT)


def test_restart_of_itself_as_last_words_while_another_app_exits():
    # "self" writes `@supervisor: restart self` and exits; "other" exits
    # just before. Both exits and self's last line reach the supervisor in
    # one loop round, the SIGCHLD first: the restart arrives while the
    # dead instance's pipes are being drained.
    apps = [talker("self", caps=("stdio", "shell")), talker("other")]
    with System(apps) as s:
        c = s.console()
        check(c.wait_ready() == 2, "both ready")
        old = c.ps()["self"]["pid"]
        c.send("@other: sleep 800")
        c.send("@other: exit 1")
        c.send("@self: sleep 1300")
        c.send("@self: cmd restart self")
        c.send("@self: exit 0")
        c.wait_log("other", "got: @console: sleep 800")
        c.wait_log("self", "got: @console: sleep 1300")
        frozen(s, 2.5)
        # one new instance, running, reading and writing its own pipes
        c.wait_state("self", "running", timeout=10)
        new = c.ps()["self"]["pid"]
        check(new != old, "self restarted (pid %s, was %s)" % (new, old))
        c.send("@self: send console alive")
        c.expect("@self: alive", timeout=5)
        # and it stays up: no SIGPIPE loop, no second backoff timer
        cpu0 = s.cpu_secs()
        time.sleep(3)
        cpu = s.cpu_secs() - cpu0
        ps = c.ps()
        check(ps["self"]["state"] == "running" and ps["self"]["pid"] == new,
              "self still the same running instance: %s" % ps["self"])
        check(cpu < 1.0, "supervisor busy while idle: %.2f s of CPU in 3 s" % cpu)
        c.send("@self: send console still")
        c.expect("@self: still", timeout=5)
        c.wait_state("other", "running", timeout=10)
        st = c.stats()
        check(st["supervisor"]["timers"] <= 8, "timers: %s" % st["supervisor"])


def test_start_while_a_reload_removes_the_app_is_answered():
    # The reload stops "gone", which ignores SIGTERM, so it stays stopping
    # for the 2 s grace period; `start gone` arrives meanwhile.
    apps = [talker("stay"), talker("gone", hooks=("ignore-term",))]
    with System(apps) as s:
        c = s.console()
        check(c.wait_ready() == 2, "both ready")
        s.write_boot(["stay"])
        lines = c.must("reload")
        check("reload: stopped gone" in lines, lines)
        check(c.state("gone") == "stopping", "gone is stopping: %s" % c.ps())
        ok, lines = c.cmd("start gone", timeout=8)
        check(ok and lines[-1].startswith("ok start gone pid "), lines)
        c.wait_state("gone", "running")
        c.send("@gone: send console back")
        c.expect("@gone: back", timeout=5)
