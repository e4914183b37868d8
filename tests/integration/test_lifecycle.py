"""Lifecycle: restart policies with backoff and give-up, runner exit codes,
the watchdog, process groups and orphans, on real components run by
vyoma-run (crasher exits 1 at once, quitter exits 0 at once, silent never
writes, ticker writes every 200 ms)."""

import os
import re
import time

from harness import EMPTY_COMPONENT, App, System, check, wait_for


def start_times(out, name):
    """Boot-clock times of the "<name>: started pid" log lines."""
    return [float(m.group(1)) for m in
            re.finditer(r"^\[\s*([\d.]+)\] info  %s: started pid" % re.escape(name), out, re.M)]


def test_on_failure_backs_off_then_gives_up():
    apps = [App.real("crash", "crasher", restart="on-failure", max_failures=4, window_secs=60)]
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
    apps = [App.real("done", "quitter", restart="on-failure")]
    with System(apps) as s:
        c = s.console()
        c.wait_state("done", "stopped")
        time.sleep(1.3)
        check(c.ps()["done"]["restarts"] == 0, "not restarted")
        check(any("exited: exit 0 (success)" in l for l in c.log("supervisor")), "logged")
        check("quitter: done" in c.log("done"), "it ran: %s" % c.log("done"))


def test_never_restarts_nothing():
    apps = [App.real("ok0", "quitter", restart="never"),
            App.real("bad1", "crasher", restart="never")]
    with System(apps) as s:
        c = s.console()
        c.wait_state("ok0", "stopped")
        c.wait_state("bad1", "failed")
        time.sleep(1.3)
        ps = c.ps()
        check(ps["ok0"]["restarts"] == 0 and ps["bad1"]["restarts"] == 0, ps)


def test_always_restarts_clean_exits_with_backoff():
    apps = [App.real("loop", "quitter", restart="always")]
    with System(apps) as s:
        c = s.console()
        wait_for(lambda: c.ps()["loop"]["restarts"] >= 2, 6, what="two restarts")
        t = start_times(s.output(), "loop")
        check(t[1] - t[0] >= 0.95 and t[2] - t[1] >= 1.95, "at least 1 s, then 2 s: %s" % t)
        check(c.state("loop") in ("backoff", "starting", "running"), "never failed")


def test_always_gives_up_on_failures():
    apps = [App.real("flaky", "crasher", restart="always", max_failures=2, window_secs=30)]
    with System(apps) as s:
        c = s.console()
        c.wait_state("flaky", "failed", timeout=8)
        check(c.ps()["flaky"]["restarts"] == 1, c.ps())


def test_exit_70_is_never_retried():
    # net-undeclared imports wasi:sockets; this manifest does not declare
    # network, so the runner's import audit refuses it (exit 70)
    apps = [App.real("refused", "net-undeclared", restart="always")]
    with System(apps) as s:
        c = s.console()
        c.wait_state("refused", "failed")
        time.sleep(1.3)
        check(c.ps()["refused"]["restarts"] == 0, "not restarted")
        log = c.log("supervisor", 50)
        check(any("exit 70 (refused by the import audit or bad arguments); not restarted" in l
                  for l in log), log)
        check(any("needs capability 'network'" in l for l in c.log("refused")),
              "the runner's stderr is in the app's log: %s" % c.log("refused"))


def test_runner_exit_codes_are_explained():
    # memhog passes its 16 MiB cap (71), trap traps (72), and a valid
    # component that is not a command (no wasi:cli/run) cannot be run (73)
    apps = [App.real("m", "memhog", restart="never", memory_mb=16),
            App.real("t", "trap", restart="never"),
            App.real("r", "quitter", restart="never")]
    s = System(apps)
    with open(s.app_path("r", "quitter.wasm"), "wb") as f:
        f.write(EMPTY_COMPONENT)
    with s:
        c = s.console()
        for n in ("m", "t", "r"):
            c.wait_state(n, "failed", timeout=20)
        log = "\n".join(c.log("supervisor", 100))
        for text in ("m: exited: exit 71 (memory cap exceeded)", "t: exited: exit 72 (trap)",
                     "r: exited: exit 73 (runtime setup failure)"):
            check(text in log, text + "\n" + log)
        check(any("memory cap of 16 MiB exceeded" in l for l in c.log("m")), c.log("m"))
        check(any("no wasi:cli/run" in l for l in c.log("r")), c.log("r"))


def test_missing_runner_is_a_failure_not_a_crash():
    apps = [App.real("a", "talker", restart="on-failure", max_failures=2)]
    s = System(apps, runner="/nonexistent/vyoma-run")
    with s:
        c = s.console()
        c.wait_state("a", "failed", timeout=6)
        check(any("spawn failed: cannot run /nonexistent/vyoma-run" in l
                  for l in c.log("supervisor")), "logged")


def test_watchdog_kills_a_silent_app():
    apps = [App.real("sleeper", "silent", watchdog=1, restart="on-failure"),
            App.real("ticker", "ticker", watchdog=1)]
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
    # a component cannot fork: the runner wrapper's "child" hook starts a
    # process in the app's group, then execs the real runner
    apps = [App.real("parent", "talker", hooks=("child",))]
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
    apps = [App.real("escaper", "talker", hooks=("orphan",))]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        wait_for(lambda: len(s.tagged_pids()) >= 3, 5, what="the orphan")
    # System.stop() failed the test if any tagged process were left
