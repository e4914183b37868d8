#!/usr/bin/env python3
"""supervisor_bench: the supervisor's figures, each beside a baseline
measured in the same run (make bench runs it through bench/supervisor.sh).

- IPC round trip between two apps through the supervisor, against the same
  ping-pong between two plain processes over two pipes.
- Messages per second from one app to another through the supervisor
  (sent in windows of 1000, each acknowledged, so nothing is dropped),
  against the same lines through one plain pipe.
- Time and memory to start 200 apps and have every one of them answer, and
  the supervisor's own RSS with them running.

Each is measured twice: with real components (tests/apps/talker, pong and
sink, run by build/vyoma-run in Wasmtime: what a user gets), and with the
native fixture (tests/fixtures/fakeapp.c) in place of the runner, which
leaves only the supervisor's own cost. The baselines are plain processes.
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
WINDOW = 1000


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


# The same roles, played by real components or by the fixture.
ROLES = {
    "real": {
        "ping": lambda: App.real("ping", "talker"),
        "go_ping": "@ping: pingpong pong %d" % N_PING,
        "pong": lambda name: App.real(name, "pong"),
        "flood": lambda: App.real("flood", "talker"),
        "go_flood": "@flood: burst sink %d %d" % (N_FLOOD, WINDOW),
        "sink": lambda: App.real("sink", "sink"),
    },
    "fixture": {
        "ping": lambda: App.scripted("ping", "ready", "until go",
                                     "pingpong pong %d" % N_PING, "serve"),
        "go_ping": "@ping: go",
        "pong": lambda name: App.scripted(name, "ready", "pong"),
        "flood": lambda: App.scripted("flood", "ready", "until go",
                                      "burst sink %d %d" % (N_FLOOD, WINDOW), "serve"),
        "go_flood": "@flood: go",
        "sink": lambda: App.scripted("sink", "ready", "ack %d" % WINDOW),
    },
}
LABEL = {"real": "real components", "fixture": "native fixture "}


def roundtrip(kind):
    r = ROLES[kind]
    with System([r["ping"](), r["pong"]("pong")]) as s:
        c = s.console()
        c.wait_ready()
        c.send(r["go_ping"])
        line = c.expect("pingpong", timeout=300)
    return int(line.split()[-1]) / N_PING / 1000


def throughput(kind):
    r = ROLES[kind]
    with System([r["flood"](), r["sink"]()]) as s:
        c = s.console()
        c.wait_ready()
        c.send(r["go_flood"])
        line = c.expect("burst", timeout=300)
        st = c.stats()
    return N_FLOOD / (int(line.split()[-1]) / 1e9), st["flood"]["drops"], st["supervisor"]["rss"]


def many_apps(kind):
    r = ROLES[kind]
    s = System([r["pong"]("a%03d" % i) for i in range(N_APPS)])
    t0 = time.monotonic()
    with s:
        c = s.console()
        n = c.wait_ready(timeout=300)
        t_ready = time.monotonic() - t0
        for i in range(N_APPS):
            c.send("@a%03d: ping" % i)
        answered = set()
        while len(answered) < N_APPS:
            answered.add(c.expect("@a", timeout=60).split(":")[0])
        t_all = time.monotonic() - t0
        st = c.stats()
    apps_rss = sum(v["rss"] for k, v in st.items() if k != "supervisor" and v["rss"] > 0)
    return n, t_ready, t_all, st["supervisor"]["rss"], apps_rss


def main():
    print("  supervisor: %s" % os.environ["VYOMA_BIN"])
    print("  apps: real components (build/vyoma-run, Wasmtime) and the native fixture")
    print("        (tests/fixtures/fakeapp.c: the supervisor's cost alone)")
    print()
    plain = raw("rawpingpong", N_PING) / N_PING / 1000
    print("  IPC round trip, app -> supervisor -> app -> supervisor -> app (%d round trips)"
          % N_PING)
    print("    plain pipes, two processes       %8.1f us   baseline" % plain)
    for kind in ("real", "fixture"):
        via = roundtrip(kind)
        print("    %s                  %8.1f us   %5.1fx the baseline" % (LABEL[kind], via,
                                                                         via / plain))
    print()
    plain = N_FLOOD / (raw("rawflood", N_FLOOD) / 1e9)
    print("  messages/s, one app to another (%d messages, windows of %d)" % (N_FLOOD, WINDOW))
    print("    one plain pipe                   %10.0f   baseline" % plain)
    for kind in ("real", "fixture"):
        via, drops, rss = throughput(kind)
        print("    %s                  %10.0f   1/%.1f of the baseline (%d dropped, "
              "supervisor RSS %d KiB)" % (LABEL[kind], via, plain / via, drops, rss))
    print()
    print("  %d apps: start, all answer a message, memory" % N_APPS)
    for kind in ("real", "fixture"):
        n, t_ready, t_all, sup_rss, apps_rss = many_apps(kind)
        print("    %s: %d ready in %.3f s, all answered in %.3f s; supervisor RSS %d KiB, "
              "apps' RSS %d MiB in all (%.1f MiB each)"
              % (LABEL[kind].strip(), n, t_ready, t_all, sup_rss, apps_rss // 1024,
                 apps_rss / 1024.0 / N_APPS))


if __name__ == "__main__":
    main()
