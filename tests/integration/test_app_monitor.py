"""monitor: refreshes ps every second and acts on the selected app."""

from apps_lib import boot_ready, check, fields, key, mouse, send_input, state, system, wait_state


def select(c, name):
    key(c, "monitor", "Up", "Up", "Up")
    for _ in range(5):
        if fields(state(c, "monitor"))["selected"] == name:
            return
        key(c, "monitor", "Down")
    raise AssertionError("could not select %s: %s" % (name, state(c, "monitor")))


def test_monitor_lists_and_controls_apps():
    with system(["monitor", "clock", "hello"]) as s:
        c = s.console()
        boot_ready(c)
        st = wait_state(c, "monitor", lambda t: fields(t)["apps"] == "3" and int(fields(t)["rounds"]) >= 1)
        r0 = int(fields(st)["rounds"])
        wait_state(c, "monitor", lambda t: int(fields(t)["rounds"]) >= r0 + 2, timeout=5,
                   what="two more refreshes")
        select(c, "clock")
        pid = c.ps()["clock"]["pid"]
        key(c, "monitor", "Enter")
        c.wait_state("clock", "running")
        wait_state(c, "monitor", lambda t: c.ps()["clock"]["pid"] != pid, what="clock restarted")
        key(c, "monitor", "x")
        c.wait_state("clock", "stopped")
        key(c, "monitor", "s")
        c.wait_state("clock", "running")
        # the selection follows the keys and stays in range
        key(c, "monitor", "Down", "Down", "Down", "Down")
        check(fields(state(c, "monitor"))["selected"] in ("hello", "clock", "monitor"))


def test_monitor_list_scrolls_with_the_selection():
    # issue 16: with more apps than rows, Down moved the highlight off the
    # screen (where Enter restarted a hidden app). Twelve apps in a window
    # made 4 rows high by a resize line: the selection stays on screen.
    from harness import App
    apps = ["monitor"] + [App.real("s%02d" % i, "hello") for i in range(11)]
    with system(apps) as s:
        c = s.console()
        boot_ready(c)
        wait_state(c, "monitor", lambda t: fields(t)["apps"] == "12")
        send_input(c, "monitor", "VYOMA_INPUT:resize:460,114")  # (114 - 22 - 21) / 18 = 3 rows
        st = fields(wait_state(c, "monitor", lambda t: fields(t)["rows"] == "3", what="3 rows"))
        check(st["sel"] == "0" and st["top"] == "0", st)
        for n in range(1, 12):
            key(c, "monitor", "Down")
            st = fields(state(c, "monitor"))
            check(st["sel"] == str(n) and int(st["top"]) <= n < int(st["top"]) + 3,
                  "after %d Down the selection is on screen: %s" % (n, st))
        key(c, "monitor", "Home")
        st = fields(state(c, "monitor"))
        check(st["sel"] == "0" and st["top"] == "0", st)
        key(c, "monitor", "End")
        st = fields(state(c, "monitor"))
        check(st["sel"] == "11" and st["top"] == "9", st)


def test_monitor_click_selects_and_a_second_click_restarts():
    # issue 16: mouse clicks select in the monitor. Rows start at y 21 and
    # are 18 high (main.c: ROW + 3, ROW); the list is in ps order.
    with system(["monitor", "clock", "hello"]) as s:
        c = s.console()
        boot_ready(c)
        wait_state(c, "monitor", lambda t: fields(t)["apps"] == "3" and int(fields(t)["rounds"]) >= 1)
        names = list(c.ps())
        for i, name in enumerate(names):
            if name == "monitor":
                continue
            mouse(c, "monitor", 40, 21 + 18 * i + 9, 1, "down")
            mouse(c, "monitor", 40, 21 + 18 * i + 9, 0, "up")
            check(fields(state(c, "monitor"))["selected"] == name, "click on row %d: %s" % (i, state(c, "monitor")))
        target = "clock"  # hello has finished: a restart shows in clock's pid
        i = names.index(target)
        mouse(c, "monitor", 40, 21 + 18 * i + 9, 1, "down")
        check(fields(state(c, "monitor"))["selected"] == target)
        pid = c.ps()[target]["pid"]
        mouse(c, "monitor", 40, 21 + 18 * i + 9, 1, "down")
        wait_state(c, "monitor", lambda t: c.ps()[target]["pid"] not in (pid, None) and
                   c.ps()[target]["state"] == "running", what="%s restarted by a second click" % target)
        # a click below the last row selects nothing new and restarts nothing
        pid = c.ps()[target]["pid"]
        mouse(c, "monitor", 40, 21 + 18 * len(names) + 30, 1, "down")
        check(fields(state(c, "monitor"))["selected"] == target)
        check(c.ps()[target]["pid"] == pid, "a click off the rows restarted %s" % target)
