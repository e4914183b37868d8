"""The console never stalls the supervisor, and never obeys an app (issue 11,
item 4; docs/supervisor.md, "The console").

test_flood_does_not_stall: the supervisor's stdout and stderr are one pipe
drained at serial speed (10 KB/s, `System(slow_console=...)`), with
--echo-apps as PID 1 always has it. `spammer` logs about 1 MB/s, a hundred
times what the console takes. Throughout five seconds the supervisor
answers VYOMA_TEST:ping, and an IPC round trip to another app (`pong`)
completes, each within PING_MAX_MS (the old blocking write held it 10-15 s;
on a shared machine a window spoilt by scheduling is tried again, up to
three times, and no answer in any window may take STALL_MS);
the `ticker` app's lines still reach the console while the flood goes on
(its lane is served in turn); the drops are reported, once a second at
most, in the supervisor's log and on the console; and the supervisor's own
readiness line is on the console.

test_escapes_shown_as_text: `escaper` logs a window-title sequence, a screen
clear, backspaces, a CR and a C1 CSI, on stderr and as a stdout log line;
the console shows them as \\x1b... text and carries no ESC, BEL, BS or CR
byte at all, while the app's own log ring keeps the line as it was sent."""

import re
import time

from harness import App, System, check, wait_for

RATE = 10_000          # bytes/s: a 115200-baud serial line, roughly
PING_MAX_MS = 50.0
STALL_MS = 500.0
FLOOD_SECS = 5.0
WINDOWS = 3


def rtt_ms(fn):
    t0 = time.monotonic()
    fn()
    return (time.monotonic() - t0) * 1000.0


def test_flood_does_not_stall():
    apps = [App.real("spammer"), App.real("pong", "pong"), App.real("ticker", "ticker")]
    with System(apps, extra_args=["--echo-apps"], slow_console=RATE) as s:
        c = s.console()
        c.wait_ready(30)
        wait_for(lambda: any("dropped" in l and "from spammer" in l for l in c.log("supervisor", 100)),
                 15, what="a drop report for spammer")
        seen_ticks = len(re.findall(r"ticker: 1> tick \d+", s.output()))

        def ipc_round_trip():
            c.send("@pong: ping")
            c.expect(lambda l: l == "@pong: pong", 5, "pong's answer")

        # A window of FLOOD_SECS with every answer within PING_MAX_MS. The
        # machine is shared: a window spoilt by a descheduling elsewhere is
        # tried again, up to WINDOWS times, but none may hold an answer
        # back for STALL_MS (a supervisor that blocks on the console waits
        # seconds: 13 s with the blocking write this replaced).
        for window in range(WINDOWS):
            pings, trips = [], []
            t_end = time.monotonic() + FLOOD_SECS
            while time.monotonic() < t_end:
                pings.append(rtt_ms(lambda: check(c.test("ping") == ["pong"], "ping answered")))
                trips.append(rtt_ms(ipc_round_trip))
                time.sleep(0.05)
            worst = max(pings + trips)
            print("    window %d: %d pings: max %.1f ms, median %.1f ms; %d pong round trips: "
                  "max %.1f ms" % (window + 1, len(pings), max(pings),
                                    sorted(pings)[len(pings) // 2], len(trips), max(trips)))
            check(worst < STALL_MS, "an answer took %.1f ms under the flood" % worst)
            if worst < PING_MAX_MS:
                break
        check(max(pings) < PING_MAX_MS, "ping took %.1f ms under the flood (%s)" % (max(pings), pings))
        check(max(trips) < PING_MAX_MS, "pong round trip took %.1f ms under the flood" % max(trips))
        # the other app's lines still come through the slow console
        wait_for(lambda: len(re.findall(r"ticker: 1> tick \d+", s.output())) >= seen_ticks + 3, 10,
                 what="ticker lines on the console during the flood")
        reports = [l for l in c.log("supervisor", 200) if "console: dropped" in l]
        check(reports and all("(console too slow)" in l for l in reports), "drop reports: %s" % reports)
        # at most one report per second for spammer
        stamps = [float(re.match(r"\[\s*([\d.]+)\]", l).group(1)) for l in reports if "from spammer" in l]
        check(all(b - a >= 0.9 for a, b in zip(stamps, stamps[1:])), "reports too often: %s" % stamps)
        # a report for another app (ticker's lines can be dropped too) may
        # reach the console first: wait for spammer's own
        wait_for(lambda: [l for l in s.output().splitlines()
                          if "console: dropped" in l and "from spammer" in l], 15,
                 what="a drop report naming spammer on the console")
        check("VYOMA: ready" in s.output(), "the readiness line reached the console")
        c.test("ping")


def test_escapes_shown_as_text():
    with System([App.real("escaper")], extra_args=["--echo-apps"]) as s:
        c = s.console()
        c.wait_ready(30)
        c.send("@escaper: again")
        wait_for(lambda: s.output().count("escaper: 1> escaper: out") >= 2, 10,
                 what="the escaper's lines on the console")
        out = s.output()
        check("escaper: 2> escaper: title \\x1b]0;owned\\x07 clear \\x1b[2J back x\\x08\\x08\\x0dCR"
              " csi \\xc2\\x9b31m end" in out, "stderr line shown escaped:\n" + out[-2000:])
        check("escaper: 1> escaper: out \\x1b[31mred\\x1b[0m bell \\x07 end" in out,
              "stdout log line shown escaped:\n" + out[-2000:])
        for b in ("\x1b", "\x07", "\x08", "\r", "\x9b"):
            check(b not in out, "raw %r on the console" % b)
        # the ring keeps the app's words as they were
        check(any("\x1b]0;owned\x07" in l for l in c.log("escaper")), "ring keeps the raw line")
