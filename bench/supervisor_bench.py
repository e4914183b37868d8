#!/usr/bin/env python3
"""supervisor_bench: the supervisor's figures, each beside a baseline
measured in the same run (make bench runs it through bench/supervisor.sh).

- IPC round trip between two apps through the supervisor, against the same
  ping-pong between two plain processes over two pipes.
- Messages per second from one app to another through the supervisor
  (sent in windows of 1000, each acknowledged, so nothing is dropped),
  against the same lines through one plain pipe.
- Time and memory to start 1,000 apps and have every one of them answer, and
  the supervisor's own RSS with them running.

Each is measured twice: with real components (tests/apps/talker, pong and
sink, run by build/vyoma-run in Wasmtime: what a user gets), and with the
native fixture (tests/fixtures/fakeapp.c) in place of the runner, which
leaves only the supervisor's own cost. The baselines are plain processes.

Where processes run decides most of a round trip on a small VM (waking a
process on the other CPU costs tens of microseconds), so round trips are
measured under three stated placements, each beside its baseline under the
same placement: every process on one CPU; the supervisor on one CPU and
the apps (every thread) on another; unpinned. CPU time per relayed message
(the supervisor's and each app's, from /proc/<pid>/task/*/schedstat) does not depend
on that and is steady on a noisy machine. Memory per app is PSS and
private bytes (/proc/<pid>/smaps_rollup): RSS counts the shared Wasmtime
library once per app.
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

from harness import BUILD, RUNNER, App, System, fixture_binary  # noqa: E402

N_PING = int(os.environ.get("BENCH_PINGS", "20000"))
N_FLOOD = int(os.environ.get("BENCH_MSGS", "200000"))
N_APPS = int(os.environ.get("BENCH_APPS", "1000"))
WINDOW = 1000
CPUS = sorted(os.sched_getaffinity(0))


def pin_tree(pid, cpus):
    """Every thread of pid on cpus."""
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            os.sched_setaffinity(int(tid), cpus)
        except OSError:
            pass


def sched(pid):
    """(CPU seconds, times put on a CPU) of every thread of pid, from
    schedstat: nanosecond steps, not clock ticks (a flood of a few hundred
    milliseconds is measurable); the second is the context switches in."""
    ns = runs = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                v = f.read().split()
            ns += int(v[0])
            runs += int(v[2])
        except OSError:
            pass
    return ns / 1e9, runs


def cpu_secs(pid):
    return sched(pid)[0]


def smaps(pid):
    """(PSS, private) bytes of pid."""
    pss = priv = 0
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for l in f:
            k, _, v = l.partition(":")
            if k == "Pss":
                pss = int(v.split()[0]) * 1024
            elif k in ("Private_Clean", "Private_Dirty"):
                priv += int(v.split()[0]) * 1024
    return pss, priv


# name -> (the supervisor's CPUs, the apps' CPUs, the baseline child's CPU or None)
PLACEMENTS = [("one CPU", {CPUS[0]}, {CPUS[0]}, None)]
if len(CPUS) > 1:
    PLACEMENTS.append(("two CPUs", {CPUS[0]}, {CPUS[1]}, CPUS[1]))
PLACEMENTS.append(("unpinned", set(CPUS), set(CPUS), None))


def raw(cmd, n, child_cpu=None):
    """(ns, CPU us per message) of a plain-pipe baseline: the fixture and
    its forked child, both waited for, so their CPU time is in our
    RUSAGE_CHILDREN (precise, from the scheduler's clock)."""
    import resource
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.NamedTemporaryFile("w", suffix=".script", delete=False) as f:
        f.write("%s %d\nexit 0\n" % (cmd, n))
    env = dict(os.environ)
    if child_cpu is not None:
        env["FAKEAPP_CHILD_CPU"] = str(child_cpu)
    try:
        out = subprocess.run([fixture_binary(), "--name", "raw", "--cap", "stdio",
                              "--memory-mb", "1", f.name], capture_output=True, text=True,
                             timeout=300, env=env).stdout
    finally:
        os.unlink(f.name)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    msgs = 2 * n if cmd == "rawpingpong" else n
    m = re.search(r"raw \w+ (\d+) (\d+)", out)
    return int(m.group(2)), cpu / msgs * 1e6


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


def app_pids(c, names):
    ps = c.ps()
    return [int(ps[n]["pid"]) for n in names]


def roundtrip(kind, apps_cpus, idle=0):
    """(us per round trip, the supervisor's CPU us per relayed message, each
    app's CPU us and context switches per message it receives); the
    supervisor runs where this process runs. `idle` apps are started first,
    so the two that talk come last in the supervisor's registry."""
    r = ROLES[kind]
    crowd = [r["pong"]("i%04d" % i) for i in range(idle)]
    with System(crowd + [r["ping"](), r["pong"]("pong")]) as s:
        c = s.console()
        c.wait_ready(timeout=300)
        apps = app_pids(c, ("ping", "pong"))
        for pid in apps:
            pin_tree(pid, apps_cpus)
        cpu0 = cpu_secs(s.pid())
        app0 = [sched(p) for p in apps]
        c.send(r["go_ping"])
        line = c.expect("pingpong", timeout=300)
        cpu = (cpu_secs(s.pid()) - cpu0) / (2 * N_PING) * 1e6
        app1 = [sched(p) for p in apps]
    # each app receives N_PING messages
    app_cpu = sum(b[0] - a[0] for a, b in zip(app0, app1)) / 2 / N_PING * 1e6
    app_sw = sum(b[1] - a[1] for a, b in zip(app0, app1)) / 2 / N_PING
    return int(line.split()[-1]) / N_PING / 1000, cpu, app_cpu, app_sw


def throughput(kind):
    """messages/s, drops, supervisor RSS, and CPU us per message of the
    supervisor, the sender and the receiver."""
    r = ROLES[kind]
    with System([r["flood"](), r["sink"]()]) as s:
        c = s.console()
        c.wait_ready()
        pids = [s.pid()] + app_pids(c, ("flood", "sink"))
        cpu0 = [cpu_secs(p) for p in pids]
        c.send(r["go_flood"])
        line = c.expect("burst", timeout=300)
        cpu = [(cpu_secs(p) - t) / N_FLOOD * 1e6 for p, t in zip(pids, cpu0)]
        st = c.stats()
    return N_FLOOD / (int(line.split()[-1]) / 1e9), st["flood"]["drops"], st["supervisor"]["rss"], cpu


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
        mem = [smaps(int(p["pid"])) for p in c.ps().values() if p["pid"].isdigit()]
    apps_rss = sum(v["rss"] for k, v in st.items() if k != "supervisor" and v["rss"] > 0)
    pss = sum(m[0] for m in mem) / max(len(mem), 1)
    priv = sum(m[1] for m in mem) / max(len(mem), 1)
    return n, t_ready, t_all, st["supervisor"]["rss"], apps_rss, pss, priv


def relay_floor(sup_cpu):
    """The kernel's price for relaying, beside the supervisor's: a relay that
    only reads and writes, with epoll (the supervisor's loop) and io_uring
    (bench/relay_floor.c, same placement). Then what the supervisor costs
    above the epoll floor per relayed message ({kind: CPU us}): its own code
    (framing, parsing, checks, routing, the queue), the system calls being
    the same three (docs/perf.md IPC)."""
    exe = os.path.join(os.path.dirname(os.environ["VYOMA_BIN"]), "bench", "relay_floor")
    if not os.path.exists(exe):
        print("      (relay floor: %s not built)" % exe)
        return
    comps = [os.path.join(BUILD, "apps", k, k + ".wasm") for k in ("talker", "pong")]
    out = subprocess.run([exe, str(N_PING), RUNNER] + comps, capture_output=True, text=True,
                         timeout=600).stdout
    floor = {}
    for l in out.splitlines()[1:]:
        print("      floor, no supervisor code: %s" % l.strip())
        m = re.match(r"\s*epoll\s+relay(, real components)?:\s+([0-9.]+) us", l)
        if m:
            floor["real" if m.group(1) else "fixture"] = float(m.group(2))
    # The fixture's floor is the relay between two plain processes; the
    # real components' floor is the same relay between the same two
    # components the supervisor relays for (their caches and TLB effects
    # are the kernel's and the CPU's, not the supervisor's code).
    above = ["%s %+.2f us" % (LABEL[k].strip(), c - floor[k]) for k, c in sup_cpu.items() if k in floor]
    if above:
        print("      supervisor minus the epoll floor with the same apps: %s per relayed message"
              " (its own code)" % ", ".join(above))


def main():
    print("  supervisor: %s (event loop: epoll; io_uring measured in the relay floor below,"
          " not used: docs/perf.md IPC)" % os.environ["VYOMA_BIN"])
    print("  apps: real components (build/vyoma-run, Wasmtime) and the native fixture")
    print("        (tests/fixtures/fakeapp.c: the supervisor's cost alone)")
    print()
    print("  IPC round trip, app -> supervisor -> app -> supervisor -> app (%d round trips),"
          % N_PING)
    print("  each placement beside its own baseline (CPUs %s)" % ",".join(map(str, CPUS)))
    mine = os.sched_getaffinity(0)
    for name, sup_cpus, apps_cpus, child_cpu in PLACEMENTS:
        try:
            os.sched_setaffinity(0, sup_cpus)
            plain_ns, plain_cpu = raw("rawpingpong", N_PING, child_cpu)
            plain = plain_ns / N_PING / 1000
            where = ("supervisor and apps on CPU %d" % min(sup_cpus) if sup_cpus == apps_cpus and
                     len(sup_cpus) == 1 else "supervisor on CPU %d, apps on CPU %d"
                     % (min(sup_cpus), min(apps_cpus)) if len(sup_cpus) == 1 else "anywhere")
            print("    %s (%s)" % (name, where))
            print("      plain pipes, two processes     %8.1f us   baseline; CPU %.2f us per message"
                  " (a write, a read, a wake-up)" % (plain, plain_cpu))
            sup_cpu = {}
            for kind in ("real", "fixture"):
                via, cpu, app_cpu, app_sw = roundtrip(kind, apps_cpus)
                sup_cpu[kind] = cpu
                print("      %s                %8.1f us   %5.1fx the baseline; supervisor CPU "
                      "%.2f us per relayed message; each app %.2f us, %.2f switches per message"
                      % (LABEL[kind], via, via / plain, cpu, app_cpu, app_sw))
            if len(sup_cpus) == 1 and sup_cpus == apps_cpus:
                relay_floor(sup_cpu)
        finally:
            os.sched_setaffinity(0, mine)
    print()
    flood_ns, flood_cpu = raw("rawflood", N_FLOOD)
    plain = N_FLOOD / (flood_ns / 1e9)
    print("  messages/s, one app to another (%d messages, windows of %d)" % (N_FLOOD, WINDOW))
    print("    one plain pipe                   %10.0f   baseline" % plain)
    cpus = {}
    for kind in ("real", "fixture"):
        via, drops, rss, cpus[kind] = throughput(kind)
        print("    %s                  %10.0f   1/%.1f of the baseline (%d dropped, "
              "supervisor RSS %d KiB)" % (LABEL[kind], via, plain / via, drops, rss))
    print("  CPU time per relayed message (unpinned; placement does not change it); target: the"
          " supervisor's <= 1.5 us")
    print("    one plain pipe (baseline): %.2f us per message, writer and reader together" % flood_cpu)
    for kind in ("real", "fixture"):
        sup, snd, rcv = cpus[kind]
        print("    %s: supervisor %.2f us, sender %.2f us, receiver %.2f us"
              % (LABEL[kind], sup, snd, rcv))
    print()
    print("  %d apps: start, all answer a message, memory" % N_APPS)
    for kind in ("real", "fixture"):
        n, t_ready, t_all, sup_rss, apps_rss, pss, priv = many_apps(kind)
        print("    %s: %d ready in %.3f s, all answered in %.3f s; supervisor RSS %d KiB;"
              % (LABEL[kind].strip(), n, t_ready, t_all, sup_rss))
        print("      per app: PSS %.2f MiB, private %.2f MiB (RSS %.1f MiB, which counts shared"
              " pages in full)" % (pss / 2**20, priv / 2**20, apps_rss / 1024.0 / N_APPS))
    # What a crowd costs each message: the registry's lookups (by name for
    # the message, by id for its reply) must not grow with the app count.
    one = sorted(os.sched_getaffinity(0))[:1]
    mine = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, one)
        alone = roundtrip("fixture", one)
        crowd = roundtrip("fixture", one, N_APPS)
    finally:
        os.sched_setaffinity(0, mine)
    print("    native fixture, ping-pong on CPU %d beside %d idle apps: %.1f us per round trip,"
          " supervisor CPU %.2f us per relayed message" % (one[0], N_APPS, crowd[0], crowd[1]))
    print("      baseline, the same two apps alone: %.1f us, supervisor CPU %.2f us (%.2fx)"
          % (alone[0], alone[1], crowd[1] / alone[1]))


if __name__ == "__main__":
    main()
