"""dash: samples ps every second; its figures match ps, follow a stopped
app, and its charts are on the screen."""

from apps_lib import window
from apps_lib import (boot_ready, check, colours_in, fields, hexrgb, screenshot, state, system,
                      wait_state, windows)


def test_dash_samples_and_draws():
    boot = "".join('[[app]]\nname = "%s"\nx = %d\ny = %d\n\n' % a
                   for a in (("dash", 0, 0), ("clock", 500, 0), ("life", 500, 300)))
    with system(["dash", "clock", "life"], boot_text=boot) as s:
        c = s.console()
        boot_ready(c, 3)
        st = wait_state(c, "dash", lambda t: int(fields(t)["samples"]) >= 3, timeout=8)
        f = fields(st)
        check(f["apps"] == "3" and f["running"] == "3", f)
        ps = c.ps()
        total = sum(int(a["mem"]) for a in ps.values() if a["mem"] != "-")
        check(abs(int(f["mem_kib"]) - total) < total // 3, (f, total))
        c.must("stop life")
        wait_state(c, "dash", lambda t: fields(t)["running"] == "2", timeout=5, what="dash sees the stop")
        w = window(c, "dash")
        _, _, rows = screenshot(c, s)
        # both charts have their line colour inside their panel
        left = colours_in(rows, w["cx"] + 8, w["cy"] + 20, 228, 98)
        right = colours_in(rows, w["cx"] + 244, w["cy"] + 20, 228, 98)
        check(hexrgb(0x5fb3f9) in left, "memory chart line missing")
        check(hexrgb(0x7bd88f) in right, "apps chart line missing")
