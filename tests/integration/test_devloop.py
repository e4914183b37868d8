"""What a developer's loop relies on (issue 14): a capability refusal said
once per run, not answered line by line (an app that redraws on every
event would spin with the supervisor); `focus <app>` as a command and a
test verb; a key that reaches no app is an error, not "ok"; `log <app>`
marks where each run begins; `reload` reports an app that dies at once
instead of calling it started."""

import time

from harness import App, System, check, wait_for
from screen import windows

DRAW = "say VYOMA_DRAW:fill_rect:0,0,8,8,ff0000"


def talker(name, **kw):
    return App.real(name, "talker", caps=kw.pop("caps", ("stdio", "display")), **kw)


def runner_cpu(s, pid):
    return s.cpu_secs(int(pid))


def test_a_refused_draw_is_said_once_and_costs_nothing():
    # redrawer draws on every event it gets; without `display` each of its
    # draw lines is refused. Were each refusal answered, the answer would be
    # an event, the event a redraw, and the two would spin.
    with System([App.real("redrawer", caps=("stdio",))]) as s:
        c = s.console()
        c.wait_ready()
        pid = c.ps()["redrawer"]["pid"]
        time.sleep(0.5)
        sup0, app0 = s.cpu_secs(), runner_cpu(s, pid)
        time.sleep(5)
        sup1, app1 = s.cpu_secs(), runner_cpu(s, pid)
        check(sup1 - sup0 < 0.25, "supervisor CPU over 5 s: %.2f s (under 5%%)" % (sup1 - sup0))
        check(app1 - app0 < 0.25, "the app's CPU over 5 s: %.2f s (under 5%%)" % (app1 - app0))
        refused = [l for l in c.log("supervisor", 500) if "refused draw lines" in l]
        check(len(refused) == 1 and "missing capability display" in refused[0], refused)
        st = c.stats()["redrawer"]
        check(1 <= st["refused"] <= 10, "refused lines counted: %s" % st)
        check(c.state("redrawer") == "running", "the app keeps running")
        # a new run is told again, once
        c.must("restart redrawer")
        c.wait_state("redrawer", "running")
        wait_for(lambda: len([l for l in c.log("supervisor", 500) if "refused draw lines" in l]) == 2,
                 5, what="one refusal line for the second run")


def test_focus_command_and_test_verb():
    with System([talker("a"), talker("b"), talker("quiet", caps=("stdio",))]) as s:
        c = s.console()
        c.wait_ready()
        for n in ("a", "b"):
            c.send("@%s: %s" % (n, DRAW))
        wait_for(lambda: len(windows(c)[0]) == 2, 10, what="two windows")
        for n in ("a", "b", "a"):
            c.must("focus " + n)
            wins = windows(c)[0]
            check(wins[n]["focused"] == 1 and max(wins, key=lambda k: wins[k]["z"]) == n,
                  "focus %s: focused and on top: %s" % (n, wins))
        c.test("focus b")
        check(windows(c)[0]["b"]["focused"] == 1, "VYOMA_TEST:focus b")
        ok, lines = c.cmd("focus quiet")
        check(not ok and lines[-1] == "error: quiet has no window", lines)
        ok, lines = c.cmd("focus nobody")
        check(not ok and lines[-1] == "error: unknown app nobody", lines)
        c.send("VYOMA_TEST:focus quiet")
        check(c.expect(lambda l: l.startswith("VYOMA_TEST:")) == "VYOMA_TEST:error focus: quiet has no window",
              "test verb refuses a window-less app")


def test_a_key_that_reaches_no_app_is_an_error():
    with System([talker("a", caps=("stdio",))]) as s:
        c = s.console()
        c.wait_ready()
        check(not windows(c)[0], "no window")
        c.send("VYOMA_TEST:key x")
        line = c.expect(lambda l: l.startswith("VYOMA_TEST:"))
        check(line == "VYOMA_TEST:error key x went nowhere: no window has the focus", line)
        c.send("VYOMA_TEST:key Nokey")
        line = c.expect(lambda l: l.startswith("VYOMA_TEST:"))
        check(line.startswith("VYOMA_TEST:error bad key name"), line)
        # a shortcut is taken by the window manager: that is where it went
        c.test("key F12")
        c.test("key Escape")


def test_log_marks_each_run():
    with System([talker("a")]) as s:
        c = s.console()
        c.wait_ready()
        pid1 = c.ps()["a"]["pid"]
        c.send("@a: say before the restart")
        c.wait_log("a", "before the restart")
        c.must("restart a")
        c.wait_state("a", "running")
        pid2 = c.ps()["a"]["pid"]
        log = c.log("a", 50)
        marks = [l for l in log if l.startswith("--- run ")]
        check(marks == ["--- run 1: pid %s ---" % pid1, "--- run 2: pid %s ---" % pid2], log)
        check(log.index(marks[0]) < [i for i, l in enumerate(log) if "before the restart" in l][0]
              < log.index(marks[1]), "the old line is under run 1: %s" % log)


def test_reload_reports_an_app_that_dies_at_once():
    # net-undeclared imports wasi:sockets without `network`: the runner's
    # audit refuses it as it starts.
    bad = App.real("bad", "net-undeclared", boot=False, restart="never")
    with System([talker("a", caps=("stdio",)), bad]) as s:
        c = s.console()
        c.wait_ready()
        s.write_boot(["a", "bad"])
        t0 = time.monotonic()
        lines = c.must("reload")
        took = time.monotonic() - t0
        check("reload: started bad" in lines, lines)
        died = [l for l in lines if l.startswith("reload: died bad within 1000 ms of its start: ")]
        check(len(died) == 1, lines)
        check("reload: 1 started, 0 stopped, 0 restarted, 1 unchanged, 0 broken, 1 died" in lines, lines)
        check(0.9 < took < 10, "answered after the settle time: %.2f s" % took)
        # nothing started: answered at once
        t0 = time.monotonic()
        lines = c.must("reload")
        check(time.monotonic() - t0 < 0.9, "no wait when nothing started")
        check(any(l.endswith(", 0 died") for l in lines), lines)
