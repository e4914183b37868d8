"""Bad input: hostile manifests, a 1 MB line, invalid UTF-8, a 100,000
message burst to a slow reader, crash loops, an app that closes stdout.
The supervisor survives each, keeps serving the others, and its memory
stays bounded."""

import time

from harness import App, System, check, wait_for

MIB = 1024


def server(name, **kw):
    return App.scripted(name, "ready", "serve", **kw)


def test_malformed_manifests_are_refused_others_boot():
    bad = {
        "unknown-key": 'name = "unknown-key"\ncomponent = "unknown-key.wasm"\nfrobs = 3\n',
        "wrong-type": 'name = "wrong-type"\n[capabilities]\nstdio = "yes"\n',
        "not-toml": 'name = "not-toml"\n[[[\n',
        "bad-policy": 'name = "bad-policy"\n[restart]\npolicy = "sometimes"\n',
        "mismatch": 'name = "other-name"\n',
        "binary": '\x00\x01\x02garbage\xff',
    }
    apps = [server("good1"), server("good2")]
    apps += [App(n, manifest=t, script="serve\n") for n, t in bad.items()]
    apps.append(App("huge", manifest='name = "huge"\n' + "# x\n" * 400000, script="serve\n"))
    with System(apps) as s:
        c = s.console()
        check(c.wait_ready() == 2, "the good apps boot")
        ps = c.ps()
        for n in list(bad) + ["huge"]:
            check(ps[n]["state"] == "failed", "%s: %s" % (n, ps[n]))
        for n in ("good1", "good2"):
            check(ps[n]["state"] == "running", ps[n])
        log = "\n".join(c.log("supervisor", 200))
        check("unknown-key/vyoma.toml:3:1:" in log, log)
        check("wrong-type/vyoma.toml:3:" in log, log)
        check("not-toml/vyoma.toml:2:" in log, log)
        check("does not match its directory" in log, log)
        # fixing a manifest and starting the app works without a reboot
        s.add_app(server("unknown-key"))
        c.must("start unknown-key")
        c.wait_state("unknown-key", "running")


def test_missing_component_and_reserved_name():
    apps = [server("ok"), App("nocomp", manifest='name = "nocomp"\ncomponent = "gone.wasm"\n',
                              script="serve\n"),
            App("console", script="serve\n")]
    with System(apps) as s:
        c = s.console()
        check(c.wait_ready() == 1, "one good app")
        log = "\n".join(c.log("supervisor", 100))
        check("component " in log and "gone.wasm: No such file" in log, log)
        check("reserved" in log, log)


def test_bad_boot_list_fails_clearly():
    s = System([server("a")], boot_text="[[app]]\nname = 42\n")
    s.start(wait_socket=False)
    code = s.wait_exit(10)
    out = s.output()
    check(code == 1, "exit 1, got %s" % code)
    check("boot.toml:2:" in out, out)
    s.stop()


def test_one_megabyte_lines():
    apps = [App.scripted("big", "ready", "bigline 1048576", "bigline 1048576 @peer: ",
                         "say after", "serve"),
            server("peer")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        before = c.stats()["supervisor"]["rss"]
        c.wait_log("big", "got: @supervisor: error: line longer than 65536 bytes refused")
        c.wait_log("big", "got: @supervisor: error: line longer than 65536 bytes cut")
        st = c.stats()
        check(st["big"]["overlong"] == 2, st["big"])
        check(st["peer"]["msgs_recv"] == 0, "a cut message is never delivered")
        check("after" in c.log("big"), "the next line is intact")
        # the cut log line is kept (shortened in the ring)
        check(any(l.startswith("xxxx") and l.endswith("...") for l in c.log("big")), "kept")
        check(st["supervisor"]["rss"] - before < 16 * MIB, "memory bounded: %s -> %s" %
              (before, st["supervisor"]["rss"]))
        c.send("@peer: still fine")
        c.wait_log("peer", "got: @console: still fine")


def test_invalid_utf8_is_refused_and_counted():
    apps = [App.scripted("mangler", "ready", "badutf8 @peer: ", "badutf8 log line ", "serve"),
            server("peer")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.wait_log("mangler", "got: @supervisor: error: invalid UTF-8 refused")
        st = c.stats()
        check(st["mangler"]["bad_utf8"] == 2, st["mangler"])
        check(st["peer"]["msgs_recv"] == 0, "not delivered")
        check("log line ??" in c.log("mangler"), "log line kept, sanitized")
        # the console's own invalid bytes are refused the same way
        c.send(b"@peer: \xc3\x28")
        check("invalid UTF-8" in c.expect("@supervisor: error:"), "console refused")


def test_burst_of_100000_messages_to_a_stuck_reader():
    n = 100000
    apps = [App.scripted("flooder", "ready", "until go", "flood %d @stuck: message number %%d" % n,
                         "say done", "serve"),
            App.scripted("stuck", "ready", "hang"),  # never reads its stdin
            App.scripted("echo", "ready", "echo")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        before = c.stats()["supervisor"]["rss"]
        c.send("@flooder: go")
        # the loop keeps serving others while the flood goes on
        t0 = time.monotonic()
        c.send("@echo: are you there")
        c.expect("@echo: echo are you there", timeout=5)
        check(time.monotonic() - t0 < 3, "answered during the flood")
        # ready + n messages + "done"
        st = wait_for(lambda: (lambda x: x if x["flooder"]["lines_in"] >= n + 2 else None)(
            c.stats()), 60, what="every line read")
        f, k = st["flooder"], st["stuck"]
        check(f["msgs_sent"] + f["drops"] == n, f)
        check(f["drops"] > 0 and k["drops_in"] == f["drops"], (f, k))
        check(k["queued"] <= 1024 * 1024, "queue capped: %d" % k["queued"])
        check(k["msgs_recv"] == f["msgs_sent"], "every accepted message is queued")
        check(st["supervisor"]["rss"] - before < 16 * MIB, "memory bounded: %s -> %s" %
              (before, st["supervisor"]["rss"]))
        log = c.log("supervisor", 200)
        check(any("queue full" in l for l in log), "drops logged")
        check(any("similar events not logged" in l for l in log) or len(log) < 200,
              "drop logging is rate limited")


def test_burst_to_a_slow_reader_is_delivered_in_order():
    n = 20000
    apps = [App.scripted("flooder", "ready", "until go", "flood %d @slow: m%%d" % n, "serve"),
            App.scripted("slow", "ready", "slowread 0")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@flooder: go")
        st = wait_for(lambda: (lambda x: x if x["flooder"]["msgs_sent"] + x["flooder"]["drops"] >= n
                               else None)(c.stats()), 30, what="flood done")
        got = st["slow"]["msgs_recv"]
        check(got + st["flooder"]["drops"] == n, st)
        wait_for(lambda: c.stats()["slow"]["queued"] == 0, 30, what="queue drained")
        lines = [l for l in c.log("slow", 1000) if l.startswith("got: @flooder: m")]
        nums = [int(l.split("m")[-1]) for l in lines]
        check(nums == sorted(nums), "in order")


def test_crash_loops_do_not_leak():
    apps = [App.scripted("crash%d" % i, "exit 1", restart="always", max_failures=60)
            for i in range(10)]
    apps.append(server("witness"))
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        wait_for(lambda: all(p["restarts"] >= 3 for n, p in c.ps().items() if n != "witness"),
                 15, what="three restarts each")
        for i in range(10):
            c.must("stop crash%d" % i)
        st = c.stats()
        check(st["supervisor"]["fds"] <= 3 + 4 + 1 + 3 + 6, "no fd leak: %s" % st["supervisor"])
        check(st["supervisor"]["timers"] <= 2, "no timer leak: %s" % st["supervisor"])
        c.send("@witness: alive")
        c.wait_log("witness", "got: @console: alive")


def test_app_closes_stdout_and_keeps_running():
    apps = [App.scripted("mute", "ready", "close-stdout", "serve")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.wait_log("supervisor", "mute: closed its stdout (still running)")
        cpu0 = s.cpu_secs()
        time.sleep(2)
        check(s.cpu_secs() - cpu0 < 0.3, "no busy loop on the closed pipe")
        check(c.state("mute") == "running", "still running")
        c.send("@mute: can you hear me")
        c.wait_log("mute", "got: @console: can you hear me")
        check(c.must("stop mute")[-1] == "ok stop mute", "and stops normally")


def test_out_of_file_descriptors():
    from harness import Console
    apps = [server("s%d" % i) for i in range(6)]
    with System(apps, nofile=40) as s:
        c = s.console()
        c.wait_ready()
        base = c.stats()["supervisor"]["fds"]
        # fill the table with connections, then some more that cannot be accepted
        extra = [Console(s.sock) for _ in range(40 - base + 4)]
        time_cpu = s.cpu_secs()
        import time
        time.sleep(1)
        check(s.cpu_secs() - time_cpu < 0.3, "no spinning on a pending connection")
        check("pausing accept" in s.output(), "logged")
        # an app cannot be started without fds: a failure, not a crash
        c.must("stop s0")
        ok, lines = c.cmd("start s0")
        check(not ok and "could not start" in lines[-1], lines)
        check("spawn failed: pipe: " in s.output(), "spawn failure logged")
        for e in extra:
            e.close()
        c.must("stop s0")  # out of backoff
        check(c.must("start s0")[-1].startswith("ok start s0"), "works again with fds back")
        late = s.console()
        late.send("VYOMA_TEST:ping")
        late.expect("VYOMA_TEST:pong", timeout=5)
