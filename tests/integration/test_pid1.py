"""PID 1 behaviour, exercised with --pid1 (the mounts and reboot(2) only
happen when getpid() == 1, in the QEMU test): readiness line, orderly
shutdown on SIGTERM and SIGINT, every child reaped, nothing left behind."""

import signal

from harness import App, System, check


def apps():
    return [App.scripted("a", "ready", "serve"), App.scripted("b", "child", "ready", "serve"),
            App.scripted("stubborn", "ignore-term", "ready", "serve")]


def test_sigterm_is_an_orderly_poweroff():
    s = System(apps(), pid1=True).start()
    try:
        c = s.console()
        check(c.wait_ready() == 3, "ready")
        s.proc.send_signal(signal.SIGTERM)
        code = s.wait_exit(15)
        out = s.output()
        check(code == 0, out)
        check("VYOMA: ready 3 apps in " in out and "s since kernel start" in out, out)
        check("pid1 mode" in out, out)
        check("shutdown (poweroff): stopping every app" in out, out)
        check("stubborn: did not stop within 2000 ms, sending SIGKILL" in out, out)
        check("every app has stopped" in out and "supervisor exits (poweroff)" in out, out)
    finally:
        s.stop()  # fails on orphans


def test_sigint_in_hosted_mode_exits_cleanly():
    s = System(apps()).start()
    try:
        c = s.console()
        c.wait_ready()
        s.proc.send_signal(signal.SIGINT)
        check(s.wait_exit(15) == 0, s.output())
        check("shutdown (exit)" in s.output(), s.output())
    finally:
        s.stop()


def test_children_are_reaped():
    s = System([App.scripted("z%d" % i, "exit 0", restart="never") for i in range(20)]).start()
    try:
        c = s.console()
        c.wait_ready()
        for i in range(20):
            c.wait_state("z%d" % i, "stopped")
        zombies = []
        import os
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    st = open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if st[0] == "Z" and int(st[1]) == s.pid():
                    zombies.append(d)
        check(not zombies, "zombies: %s" % zombies)
    finally:
        s.stop()
