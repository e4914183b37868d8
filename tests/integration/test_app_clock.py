"""clock: answers time/date/state consistent with the host's UTC clock,
redraws every second, ignores keys, refuses unknown commands."""

import datetime

from apps_lib import ask, boot_ready, check, draws, fields, key, state, system, wait_for


def test_clock_tells_the_time_and_ticks():
    with system(["clock"]) as s:
        c = s.console()
        boot_ready(c, 1)
        now = datetime.datetime.now(datetime.timezone.utc)
        t = ask(c, "clock", "time")
        h, m, sec = (int(x) for x in t.split(":"))
        got = now.replace(hour=h, minute=m, second=sec, microsecond=0)
        diff = abs((got - now.replace(microsecond=0)).total_seconds())
        check(diff <= 2 or diff >= 86398, "clock says %s, host says %s" % (t, now))
        check(ask(c, "clock", "date") in (now.strftime("%Y-%m-%d"),
              (now + datetime.timedelta(seconds=2)).strftime("%Y-%m-%d")))
        st = fields(state(c, "clock"))
        check(st["date"] == ask(c, "clock", "date"), st)
        # one frame per second: draw lines keep coming, each frame with a flush
        d0 = draws(c, "clock")
        wait_for(lambda: draws(c, "clock") > d0 + 60, 5, what="clock redraws")
        key(c, "clock", "x")
        check("unknown command" in ask(c, "clock", "bogus"))
        check(c.state("clock") == "running")
