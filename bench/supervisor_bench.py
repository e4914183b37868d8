#!/usr/bin/env python3
"""supervisor_bench: the supervisor's figures, each beside a baseline
measured in the same run (make bench runs it through bench/supervisor.sh).

- IPC round trip between two apps through the supervisor, against the same
  ping-pong between two plain processes over two pipes.
- Messages per second from one app to another through the supervisor
  (sent in windows of 1000, each acknowledged, so nothing is dropped),
  against the same lines through one plain pipe.
- Time and memory to start 200 apps and have every one of them answer.

The apps are the native fixture (tests/fixtures/fakeapp.c) run in place of
vyoma-run, so the figures are the supervisor's cost, not Wasmtime's.
"""

import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
os.environ.setdefault("VYOMA_BIN", os.path.join(HERE, "..", os.environ.get("B", "build"), "vyoma"))

from harness import App, System, fixture_binary  # noqa: E402

N_PING = int(os.environ.get("BENCH_PINGS", "20000"))
N_FLOOD = int(os.environ.get("BENCH_MSGS", "200000"))
N_APPS = int(os.environ.get("BENCH_APPS", "200"))


def raw(cmd, n):
    with tempfile.NamedTemporaryFile("w", suffix=".script", delete=False) as f:
        f.write("%s %d\nexit 0\n" % (cmd, n))
    try:
        out = subprocess.run([fixture_binary(), "--name", "raw", "--cap", "stdio",
                              "--memory-mb", "1", f.name], capture_output=True, text=True,
                             timeout=300).stdout
    finally:
        os.unlink(f.name)
    m = re.search(r"raw \w+ (\d+) (\d+)", out)
    return int(m.group(2))


def roundtrip():
    apps = [App.scripted("ping", "ready", "until go", "pingpong pong %d" % N_PING, "serve"),
            App.scripted("pong", "ready", "pong")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@ping: go")
        line = c.expect("pingpong", timeout=300)
    ns = int(line.split()[-1])
    base = raw("rawpingpong", N_PING)
    via, plain = ns / N_PING / 1000, base / N_PING / 1000
    print("  round trip app->app->app   %8.1f us   (%d round trips)" % (via, N_PING))
    print("  round trip, plain pipes    %8.1f us   baseline" % plain)
    print("  ratio                      %8.1fx" % (via / plain))


def throughput():
    window = 1000
    apps = [App.scripted("flood", "ready", "until go",
                         "burst sink %d %d" % (N_FLOOD, window), "serve"),
            App.scripted("sink", "ready", "ack %d" % window)]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@flood: go")
        line = c.expect("burst", timeout=300)
        st = c.stats()
    ns = int(line.split()[-1])
    base = raw("rawflood", N_FLOOD)
    via, plain = N_FLOOD / (ns / 1e9), N_FLOOD / (base / 1e9)
    print("  messages/s app->app        %10.0f   (%d messages, windows of %d, %d dropped)"
          % (via, N_FLOOD, window, st["flood"]["drops"]))
    print("  lines/s, one plain pipe    %10.0f   baseline" % plain)
    print("  ratio                      %10.1fx" % (plain / via))
    print("  supervisor RSS after       %10d KiB" % st["supervisor"]["rss"])


def many_apps():
    apps = [App.scripted("a%03d" % i, "ready", "pong") for i in range(N_APPS)]
    s = System(apps)
    t0 = time.monotonic()
    with s:
        c = s.console()
        n = c.wait_ready(timeout=120)
        t_ready = time.monotonic() - t0
        for i in range(N_APPS):
            c.send("@a%03d: ping" % i)
        for i in range(N_APPS):
            c.expect("@a", timeout=60)
        t_all = time.monotonic() - t0
        st = c.stats()
    apps_rss = sum(v["rss"] for k, v in st.items() if k != "supervisor" and v["rss"] > 0)
    print("  %d apps ready               %8.3f s   (%d counted ready)" % (N_APPS, t_ready, n))
    print("  %d apps answered            %8.3f s" % (N_APPS, t_all))
    print("  supervisor RSS, %d apps     %8d KiB" % (N_APPS, st["supervisor"]["rss"]))
    print("  apps' RSS (fixture), total  %8d KiB" % apps_rss)


if __name__ == "__main__":
    print("  supervisor: %s; apps: native fixture" % os.environ["VYOMA_BIN"])
    roundtrip()
    throughput()
    many_apps()
