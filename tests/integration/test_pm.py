"""The process manager: every @supervisor: command, answered on the
caller's stdin (here the console), on real components run by vyoma-run."""

import re
import time

from harness import App, System, check, wait_for


def server(name, **kw):
    return App.real(name, "talker", **kw)


def test_help_lists_every_command():
    with System([server("a")]) as s:
        c = s.console()
        lines = c.must("help")
        for cmd in ("help", "ps", "start", "stop", "kill", "restart", "reload", "log",
                    "poweroff", "reboot"):
            check(any(l.startswith(cmd) for l in lines), "help mentions " + cmd)
        ok, lines = c.cmd("frobnicate")
        check(not ok and "unknown command frobnicate" in lines[-1], lines)
        ok, lines = c.cmd("stop")
        check(not ok and "usage: stop <app>" in lines[-1], lines)
        ok, lines = c.cmd("")
        check(not ok, "empty command refused")


def test_ps_columns():
    apps = [server("a", caps=("stdio", "shell")), App.real("b", "quitter", restart="never")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.wait_state("b", "stopped")
        lines = c.must("ps")
        check(lines[0].split() == ["NAME", "PID", "STATE", "UPTIME", "RESTARTS", "CAPS",
                                   "MEM(KiB)", "DROPS"], lines[0])
        ps = c.ps()
        a = ps["a"]
        check(a["state"] == "running" and int(a["pid"]) > 0, a)
        check(a["caps"] == "stdio,shell" and a["restarts"] == 0, a)
        check(int(a["mem"]) > 0 and a["uptime"].endswith("s"), a)
        check(ps["b"]["pid"] == "-" and ps["b"]["mem"] == "-", ps["b"])


def test_mem_counts_running_apps_by_pss():
    """`mem`: the supervisor's memory, and PSS/private bytes summed over the
    running apps only (a stopped app has no process to count)."""
    apps = [server("a"), server("b"), App.real("c", "quitter", restart="never")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.wait_state("c", "stopped")
        lines = c.must("mem")
        sup = re.match(r"mem supervisor rss=(\d+) pss=(\d+) private=(\d+) \(KiB\)$", lines[0])
        check(sup and int(sup.group(1)) > 0 and int(sup.group(2)) > 0, lines[0])
        m = re.match(r"mem apps running=(\d+) pss=(\d+) private=(\d+) per_app_pss=(\d+)"
                     r" per_app_private=(\d+) \(KiB\)$", lines[1])
        check(m and m.group(1) == "2", lines[1])
        pss, per = int(m.group(2)), int(m.group(4))
        check(pss > 0 and per == pss // 2, lines[1])


def test_kill_applies_the_restart_policy():
    apps = [server("phoenix", restart="on-failure"), server("mortal", restart="never")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        pid = c.ps()["phoenix"]["pid"]
        c.must("kill phoenix")
        c.must("kill mortal")
        c.wait_state("mortal", "failed")
        wait_for(lambda: c.ps()["phoenix"]["restarts"] == 1 and c.state("phoenix") == "running",
                 5, what="phoenix restarted")
        check(c.ps()["phoenix"]["pid"] != pid, "a new pid")
        ok, lines = c.cmd("kill mortal")
        check(not ok and "mortal is not running" in lines[-1], lines)
        ok, lines = c.cmd("kill ghost")
        check(not ok and "unknown app ghost" in lines[-1], lines)


def test_stop_waits_for_the_exit_and_is_not_restarted():
    apps = [server("calm", restart="always")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        pid = int(c.ps()["calm"]["pid"])
        lines = c.must("stop calm")
        check(lines[-1] == "ok stop calm", lines)
        # answered after the real exit: the process is gone already
        check(not _alive(pid), "child gone when stop answers")
        time.sleep(1.5)
        check(c.state("calm") == "stopped", "always-policy app stays stopped")
        check(c.must("stop calm")[-1] == "ok stop calm", "stopping a stopped app is fine")
        check(any("stopping pid %d (SIGTERM)" % pid in l for l in c.log("supervisor", 100)),
              "stop logged")


def test_stop_escalates_to_sigkill_after_grace():
    # A component cannot ignore a signal: the runner wrapper's "ignore-term"
    # hook sets SIGTERM to ignored and execs vyoma-run, which keeps it.
    apps = [server("stubborn", hooks=("ignore-term",))]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        t0 = time.monotonic()
        lines = c.must("stop stubborn", timeout=10)
        took = time.monotonic() - t0
        check(1.8 <= took <= 5, "SIGKILL after the 2 s grace, took %.2f" % took)
        log = c.log("supervisor", 100)
        check(any("did not stop within 2000 ms, sending SIGKILL" in l for l in log), log)
        check(any("stopped: signal 9" in l for l in log), log)
        check(any("stubborn: started pid" in l for l in log), "a real app: %s" % log)


def test_start_stopped_and_unbooted_apps():
    apps = [server("a"), server("extra", boot=False)]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        check("extra" not in c.ps(), "not booted")
        ok, lines = c.cmd("start a")
        check(not ok and "already running" in lines[-1], lines)
        c.must("stop a")
        lines = c.must("start a")
        check(lines[-1].startswith("ok start a pid "), lines)
        lines = c.must("start extra")
        check(lines[-1].startswith("ok start extra pid "), lines)
        c.wait_state("extra", "running")
        ok, lines = c.cmd("start ghost")
        check(not ok and "unknown app ghost" in lines[-1], lines)
        ok, lines = c.cmd("start ../etc")
        check(not ok and "bad app name" in lines[-1], lines)


def test_restart_gives_a_new_process():
    apps = [server("a")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        pid = c.ps()["a"]["pid"]
        lines = c.must("restart a")
        check(lines[-1].startswith("ok restart a pid "), lines)
        newpid = lines[-1].split()[-1]
        check(newpid != pid and c.ps()["a"]["pid"] == newpid, (pid, newpid))
        check(not _alive(int(pid)), "old process gone")
        # restart of a stopped app starts it
        c.must("stop a")
        check(c.must("restart a")[-1].startswith("ok restart a pid "), "restart from stopped")


def test_log_ring_of_an_app_and_of_the_supervisor():
    apps = [server("chatty")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        for i in range(500):
            c.send("@chatty: say line %d" % i)
        c.wait_log("chatty", "line 499")
        c.send("@chatty: log on stderr")
        c.wait_log("chatty", "on stderr")
        # stdout log lines and stderr lines (the talker logs each line it
        # reads there as "got: ...") share the ring
        lines = c.log("chatty", 5)
        check(len(lines) == 5 and lines[-1] == "on stderr", lines)
        ring = c.log("chatty", 1000)
        check(len(ring) < 1000, "the ring is bounded (16 KiB): %d lines" % len(ring))
        said = [int(l.split()[1]) for l in ring if re.fullmatch(r"line \d+", l)]
        check(said == list(range(500 - len(said), 500)) and len(said) > 50,
              "the newest stdout lines, in order: %s" % said)
        check(len(c.must("log chatty")) == 21, "20 lines by default")
        ok, lines = c.cmd("log chatty 0")
        check(not ok, "n must be positive")
        ok, lines = c.cmd("log ghost")
        check(not ok and "unknown app ghost" in lines[-1], lines)
        sup = c.log("supervisor", 50)
        check(any("chatty: started pid" in l and " info " in l for l in sup), sup)


def test_poweroff_stops_everything_and_exits():
    apps = [server("a"), server("b", hooks=("child",)), App.real("e", "echo")]
    s = System(apps).start()
    try:
        c = s.console()
        c.wait_ready()
        c.send("@supervisor: poweroff")
        code = s.wait_exit(10)
        check(code == 0, "exit code %s" % code)
        check(s.stop() == 0, "clean")  # also: no orphans
        out = s.output()
        check("shutdown (poweroff): stopping every app" in out, out)
        check("every app has stopped" in out, out)
    finally:
        s.stop()


def test_reboot_in_hosted_mode_exits_too():
    s = System([server("a")]).start()
    try:
        c = s.console()
        c.wait_ready()
        check(c.must("reboot")[-1] == "ok reboot", "answered before going down")
        check(s.wait_exit(10) == 0, "exit 0")
        check("supervisor exits (reboot)" in s.output(), s.output())
    finally:
        s.stop()


def _alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_poweroff_from_an_app_with_shell():
    apps = [server("admin", caps=("stdio", "shell")), App.real("e", "echo")]
    s = System(apps).start()
    try:
        c = s.console()
        c.wait_ready()
        c.send("@admin: cmd poweroff")
        check(s.wait_exit(10) == 0, s.output())
        out = s.output()
        # (the app's "ok poweroff" races with the SIGTERM that follows it)
        check("poweroff requested by admin" in out, out)
        check("every app has stopped" in out and "supervisor exits (poweroff)" in out, out)
    finally:
        s.stop()
