"""Lifecycle: restart policies with backoff and give-up, runner exit codes,
the watchdog, process groups and orphans."""

import os
import re
import time

from harness import App, System, check, wait_for


def start_times(out, name):
    """Boot-clock times of the "<name>: started pid" log lines."""
    return [float(m.group(1)) for m in
            re.finditer(r"^\[\s*([\d.]+)\] info  %s: started pid" % re.escape(name), out, re.M)]


def test_on_failure_backs_off_then_gives_up():
    apps = [App.scripted("crash", "exit 1", restart="on-failure", max_failures=4, window_secs=60)]
    with System(apps) as s:
        c = s.console()
        c.wait_state("crash", "failed", timeout=15)
        ps = c.ps()["crash"]
        check(ps["restarts"] == 3, ps)
        t = start_times(s.output(), "crash")
        check(len(t) == 4, t)
        gaps = [b - a for a, b in zip(t, t[1:])]
        for got, want in zip(gaps, (1.0, 2.0, 4.0)):
            check(want - 0.05 <= got <= want + 1.0, "backoff gaps %s" % gaps)
        log = c.log("supervisor", 100)
        check(any("gave up after 4 failures within 60 s" in l for l in log), log)
        check(any("restart in 1000 ms (policy on-failure)" in l for l in log), log)
        time.sleep(1.2)
        check(c.ps()["crash"]["restarts"] == 3, "no restart after giving up")
        # an explicit start forgets the history
        check(c.must("start crash")[-1].startswith("ok start crash"), "start again")


def test_on_failure_leaves_a_clean_exit_alone():
    apps = [App.scripted("done", "ready", "sleep 100", "exit 0", restart="on-failure")]
    with System(apps) as s:
        c = s.console()
        c.wait_state("done", "stopped")
        time.sleep(1.3)
        check(c.ps()["done"]["restarts"] == 0, "not restarted")
        check(any("exited: exit 0 (success)" in l for l in c.log("supervisor")), "logged")


def test_never_restarts_nothing():
    apps = [App.scripted("ok0", "exit 0", restart="never"),
            App.scripted("bad1", "exit 1", restart="never")]
    with System(apps) as s:
        c = s.console()
        c.wait_state("ok0", "stopped")
        c.wait_state("bad1", "failed")
        time.sleep(1.3)
        ps = c.ps()
        check(ps["ok0"]["restarts"] == 0 and ps["bad1"]["restarts"] == 0, ps)


def test_always_restarts_clean_exits_with_backoff():
    apps = [App.scripted("loop", "say hi", "exit 0", restart="always")]
    with System(apps) as s:
        c = s.console()
        wait_for(lambda: c.ps()["loop"]["restarts"] >= 2, 6, what="two restarts")
        t = start_times(s.output(), "loop")
        check(t[1] - t[0] >= 0.95 and t[2] - t[1] >= 1.95, "at least 1 s, then 2 s: %s" % t)
        check(c.state("loop") in ("backoff", "starting", "running"), "never failed")


def test_always_gives_up_on_failures():
    apps = [App.scripted("flaky", "exit 3", restart="always", max_failures=2, window_secs=30)]
    with System(apps) as s:
        c = s.console()
        c.wait_state("flaky", "failed", timeout=8)
        check(c.ps()["flaky"]["restarts"] == 1, c.ps())


def test_exit_70_is_never_retried():
    apps = [App.scripted("refused", "err audit: wasi:sockets needs network", "exit 70",
                         restart="always")]
    with System(apps) as s:
        c = s.console()
        c.wait_state("refused", "failed")
        time.sleep(1.3)
        check(c.ps()["refused"]["restarts"] == 0, "not restarted")
        log = c.log("supervisor", 50)
        check(any("exit 70 (refused by the import audit or bad arguments); not restarted" in l
                  for l in log), log)
        check(any("audit: wasi:sockets needs network" in l for l in c.log("refused")),
              "the runner's stderr is in the app's log")


def test_runner_exit_codes_are_explained():
    apps = [App.scripted("m", "exit 71", restart="never"),
            App.scripted("t", "exit 72", restart="never"),
            App.scripted("r", "exit 73", restart="never")]
    with System(apps) as s:
        c = s.console()
        for n in ("m", "t", "r"):
            c.wait_state(n, "failed")
        log = "\n".join(c.log("supervisor", 100))
        for text in ("exit 71 (memory cap exceeded)", "exit 72 (trap)",
                     "exit 73 (runtime setup failure)"):
            check(text in log, text)


def test_missing_runner_is_a_failure_not_a_crash():
    apps = [App.scripted("a", "serve", restart="on-failure", max_failures=2)]
    s = System(apps, runner="/nonexistent/vyoma-run")
    with s:
        c = s.console()
        c.wait_state("a", "failed", timeout=6)
        check(any("spawn failed: cannot run /nonexistent/vyoma-run" in l
                  for l in c.log("supervisor")), "logged")


def test_watchdog_kills_a_silent_app():
    apps = [App.scripted("sleeper", "ready", "hang", watchdog=1, restart="on-failure"),
            App.scripted("ticker", "tick 200", watchdog=1)]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        wait_for(lambda: c.ps()["sleeper"]["restarts"] >= 1, 5, what="watchdog restart")
        log = c.log("supervisor", 100)
        check(any("sleeper: watchdog: no output for 1 s, killing" in l for l in log), log)
        check(any("signal 9 (Killed) by the watchdog" in l for l in log), log)
        time.sleep(1.5)
        check(c.ps()["ticker"]["restarts"] == 0, "a chatty app is left alone")


def children_of(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except OSError:
                pass
    return out


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_killing_an_app_takes_its_process_group():
    apps = [App.scripted("parent", "child", "ready", "serve")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        pid = int(c.ps()["parent"]["pid"])
        kids = wait_for(lambda: children_of(pid), 5, what="the app's child")
        c.must("stop parent")
        wait_for(lambda: not any(alive(k) for k in kids), 3, what="child killed with the group")


def test_escaped_orphans_do_not_survive_shutdown():
    # double fork + setsid: outside the app's group; the supervisor is the
    # subreaper, so the orphan is its child and is killed at shutdown
    apps = [App.scripted("escaper", "orphan", "ready", "serve")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        wait_for(lambda: len(s.tagged_pids()) >= 3, 5, what="the orphan")
    # System.stop() failed the test if any tagged process were left
