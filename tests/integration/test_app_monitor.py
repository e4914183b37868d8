"""monitor: refreshes ps every second and acts on the selected app."""

from apps_lib import boot_ready, check, fields, key, state, system, wait_state


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
