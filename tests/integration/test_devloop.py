"""What a developer's loop relies on (issue 14): a capability refusal said
once per run, not answered line by line (an app that redraws on every
event would spin with the supervisor); `focus <app>` as a command and a
test verb; a key that reaches no app is an error, not "ok"; `log <app>`
marks where each run begins; `reload` reports an app that dies at once
instead of calling it started."""

import os
import re
import shutil
import subprocess
import tempfile
import time

from harness import BUILD, ROOT, App, DevLoop, System, check, wait_for
from screen import windows

DRAW = "say VYOMA_DRAW:fill_rect:0,0,8,8,ff0000"


def talker(name, **kw):
    return App.real(name, "talker", caps=kw.pop("caps", ("stdio", "display")), **kw)


def runner_cpu(s, pid):
    return s.cpu_secs(int(pid))


def without_marks(path):
    """The component at path minus its top-level "vyoma-marks" section: the
    app as built by hand, past the build step that marks it."""
    data = open(path, "rb").read()

    def leb(i):
        r = s = 0
        while True:
            b = data[i]
            i += 1
            r |= (b & 0x7F) << s
            s += 7
            if b < 0x80:
                return r, i

    out, i = bytearray(data[:8]), 8
    while i < len(data):
        start = i
        sid = data[i]
        size, j = leb(i + 1)
        end = j + size
        if sid == 0:
            n, k = leb(j)
            if data[k:k + n] == b"vyoma-marks":
                i = end
                continue
        out += data[start:end]
        i = end
    check(len(out) < len(data), "%s has a vyoma-marks section" % path)
    return bytes(out)


def test_drawing_without_display_is_refused_at_build_time():
    # The build marks redrawer as drawing (scripts/app-marks.py); the audit
    # holds the mark against a manifest without `display`, as `make apps`
    # and the runner at start do.
    top = tempfile.mkdtemp(prefix="vyoma-marks-")
    d = os.path.join(top, "redrawer")
    os.mkdir(d)
    try:
        shutil.copy(os.path.join(BUILD, "apps", "redrawer", "redrawer.wasm"), d)
        with open(os.path.join(d, "vyoma.toml"), "w") as f:
            f.write('name = "redrawer"\n\n[capabilities]\nstdio = true\n')
        p = subprocess.run([os.path.join(BUILD, "vyoma-run"), "--app", d, "--audit"], capture_output=True, text=True)
        check(p.returncode != 0 and "the component draws (SDK mark 'draw'), which needs capability 'display'"
              in p.stderr, "refused by the audit: %d %s" % (p.returncode, p.stderr))
        with open(os.path.join(d, "vyoma.toml"), "a") as f:
            f.write("display = true\n")
        p = subprocess.run([os.path.join(BUILD, "vyoma-run"), "--app", d, "--audit"], capture_output=True, text=True)
        check(p.returncode == 0, "allowed with display: %s" % p.stderr)
    finally:
        shutil.rmtree(top)


def test_a_refused_draw_is_said_once_and_costs_nothing():
    # redrawer draws on every event it gets; built by hand past the marks
    # (so the audit lets it start) and run without `display`, each of its
    # draw lines is refused. Were each refusal answered, the answer would be
    # an event, the event a redraw, and the two would spin.
    app = App.real("redrawer", caps=("stdio",))
    app.unmarked = without_marks(os.path.join(BUILD, "apps", "redrawer", "redrawer.wasm"))
    with System([app]) as s:
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


def test_vyoma_ctl_sends_lines_and_prints_answers():
    vyoma = os.path.join(BUILD, "vyoma")
    with System([talker("a", caps=("stdio",))]) as s:
        c = s.console()
        c.wait_ready()

        def ctl(*lines):
            return subprocess.run([vyoma, "ctl", s.sock] + list(lines), capture_output=True,
                                  text=True, timeout=60)

        p = ctl("@supervisor: ps", "VYOMA_TEST:wait-ready")
        out = p.stdout.splitlines()
        check(p.returncode == 0, p.stderr)
        check(out[0].startswith("NAME") and any(l.split()[0] == "a" for l in out[1:]), out)
        check("ok ps" in out and out[-1] == "ok wait-ready", out)
        # a message gets no answer; the app's reply to the console is printed
        # while the next command's answer is read
        p = ctl("@a: say hello", "@a: send console hi there", "@supervisor: log a 5")
        check(p.returncode == 0 and p.stdout.splitlines()[-1] == "ok log", p.stdout + p.stderr)
        # an error answer: exit 1, and the lines after it still run
        p = ctl("@supervisor: stop nobody", "@supervisor: help")
        check(p.returncode == 1 and "error: unknown app nobody" in p.stdout and "ok help" in p.stdout,
              p.stdout)
        p = ctl("VYOMA_TEST:key x")
        check(p.returncode == 1 and p.stdout.strip() == "error key x went nowhere: no window has the focus",
              p.stdout)
    p = subprocess.run([vyoma, "ctl", "/nonexistent/sock", "@supervisor: ps"], capture_output=True,
                       text=True, timeout=30)
    check(p.returncode == 2 and "cannot connect to /nonexistent/sock" in p.stderr, p.stderr)


def test_make_dev_rebuilds_and_restarts_on_a_change():
    # scripts/dev.sh on tests/apps/redrawer (a display app): ready line, then
    # a touched source is rebuilt and the app restarted, said in one line.
    # The file's bytes do not change, so the tree is left as it was.
    src = os.path.join(ROOT, "tests", "apps", "redrawer", "main.c")
    dev = DevLoop(ROOT, "redrawer")
    try:
        dev.until(lambda l: l.startswith("dev: ready: redrawer runs"), 60, "ready line")
        pid0 = [l.split()[1] for l in dev.ctl("@supervisor: ps").stdout.splitlines() if l.startswith("redrawer ")]
        shot = os.path.join(BUILD, "dev", "redrawer", "before.png")
        check(dev.ctl("VYOMA_TEST:screenshot " + shot).returncode == 0 and os.path.getsize(shot) > 0,
              "screenshot")
        os.utime(src)
        t0 = time.monotonic()
        l = dev.until(lambda l: l.startswith("dev: rebuilt redrawer") or "build failed" in l, 60,
                      "rebuild line")
        took = time.monotonic() - t0
        check(re.match(r"dev: rebuilt redrawer in [\d.]+ s; ok restart redrawer pid \d+$", l), l)
        pid1 = [x.split()[1] for x in dev.ctl("@supervisor: ps").stdout.splitlines() if x.startswith("redrawer ")]
        check(pid0 and pid1 and pid0 != pid1, "restarted: %s -> %s" % (pid0, pid1))
        check(took < 30, "rebuilt and restarted %.1f s after the change" % took)
    finally:
        code = dev.stop()
    check(code == 0, "dev.sh ended with %s" % code)
    check(not os.path.exists(dev.sock) or not any(
        os.path.exists("/proc/%s" % x) for x in pid1), "nothing left running")


def test_make_apps_debug_keeps_function_names():
    # DEBUG=1 keeps the name sections, so a trap's backtrace names the
    # function instead of "<wasm function N>". Built in a build folder of
    # its own, so the tree's build/ keeps its release apps.
    b = tempfile.mkdtemp(prefix="vyoma-debug-", dir=BUILD)
    try:
        wasm = os.path.join(b, "apps", "trap", "trap.wasm")
        p = subprocess.run(["make", "-s", "-C", ROOT, "B=" + b, "DEBUG=1", wasm],
                           capture_output=True, text=True, timeout=600)
        check(p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:])
        shutil.copy(os.path.join(ROOT, "tests", "apps", "trap", "vyoma.toml"), os.path.dirname(wasm))

        def trap_line(app_dir):
            r = subprocess.run([os.path.join(BUILD, "vyoma-run"), "--app", app_dir],
                               capture_output=True, text=True, timeout=60)
            check(r.returncode == 72, "the trap's exit code: %d" % r.returncode)
            return next((l for l in (r.stdout + r.stderr).splitlines() if "trapped" in l), "")

        release = trap_line(os.path.join(BUILD, "apps", "trap"))
        debug = trap_line(os.path.dirname(wasm))
        check("<wasm function" in release, "release builds carry no names: " + release)
        check("<wasm function" not in debug and "command_export" in debug,
              "DEBUG=1 names the function: " + debug)
    finally:
        shutil.rmtree(b, ignore_errors=True)
