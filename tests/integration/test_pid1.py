"""PID 1 behaviour, exercised with --pid1 (the mounts and reboot(2) only
happen when getpid() == 1, in the QEMU test): readiness line, orderly
shutdown on SIGTERM and SIGINT, every child reaped, nothing left behind.
Real components run by vyoma-run; the runner wrapper's hooks give "b" a
child process in its group and make "stubborn" ignore SIGTERM, which no
component can do by itself."""

import signal

from harness import App, System, check


def apps():
    return [App.real("a", "talker"), App.real("b", "echo", hooks=("child",)),
            App.real("stubborn", "talker", hooks=("ignore-term",))]


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
    s = System([App.real("z%d" % i, "quitter", restart="never") for i in range(20)]).start()
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


def copy_with_libs(binary, root, dest):
    """binary into root at dest, and the shared libraries it loads at the
    same paths as on the host (for a chroot), and in /usr/lib too: PID 1
    mounts a tmpfs on /tmp, which hides a library the runner's RUNPATH
    finds there (a VYOMA_CACHE under /tmp); the loader then looks in
    /usr/lib."""
    import os
    import re
    import shutil
    import subprocess
    os.makedirs(os.path.dirname(os.path.join(root, dest.lstrip("/"))), exist_ok=True)
    shutil.copy(binary, os.path.join(root, dest.lstrip("/")))
    out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    for path in re.findall(r"(/\S+) \(0x", out):
        real = os.path.realpath(path)
        for target in {path, real, "/usr/lib/" + os.path.basename(path)}:
            d = os.path.join(root, target.lstrip("/"))
            os.makedirs(os.path.dirname(d), exist_ok=True)
            if not os.path.exists(d):
                shutil.copy(real, d)


def test_real_pid1_in_a_pid_namespace():
    """The real thing: getpid() == 1 in a new PID and mount namespace,
    chrooted into a root with only /init (the static supervisor),
    /bin/vyoma-run (the real runner and the libraries it loads) and the
    apps. It mounts, boots real components, answers on its control socket,
    and on poweroff stops every app and calls reboot(2), which ends the
    namespace."""
    import os
    import shutil
    import subprocess
    import time
    from harness import BUILD, RUNNER, Console, wait_for

    # no /bin/sh in this root, so no runner hooks: real apps as they are
    s = System([App.real("a", "talker"), App.real("b", "echo"), App.real("c", "silent")])
    root = s.root
    for d in ("bin", "dev", "proc", "sys", "tmp", "run"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    shutil.copy(os.path.join(BUILD, "vyoma"), os.path.join(root, "init"))
    copy_with_libs(RUNNER, root, "/bin/vyoma-run")
    out_path = os.path.join(s.dir, "pid1.out")
    with open(out_path, "wb") as out:
        p = subprocess.Popen(["unshare", "--mount", "--pid", "--fork", "chroot", root, "/init",
                              "--control", "/run/ctl.sock", "quiet", "console=ttyS0"],
                             stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    sock = os.path.join(root, "run", "ctl.sock")
    try:
        wait_for(lambda: os.path.exists(sock) or p.poll() is not None, 10, what="control socket")
        text = open(out_path, errors="replace").read()
        check(p.poll() is None, "PID 1 supervisor died at start (unshare allowed?):\n" + text)
        c = Console(sock)
        check(c.wait_ready() == 3, "three apps ready")
        ps = c.ps()
        check(all(ps[n]["state"] == "running" and ps[n]["mem"] != "-" for n in ps), ps)
        # the components really run: a message goes through a to b and back
        c.send("@a: send b hello from pid 1")
        c.wait_log("a", "got: @b: echo hello from pid 1", timeout=10)
        log = "\n".join(c.log("supervisor", 100))
        check("pid1 mode" in log and "mounted proc on /proc" in log, log)
        check("mounted tmpfs on /tmp" in log, log)
        check("no 9p on /data" in log, "a missing 9P share is not fatal: " + log)
        c.send("@supervisor: poweroff")
        code = p.wait(20)
        text = open(out_path, errors="replace").read()
        # reboot(2) in a PID namespace kills its init with SIGINT (power off)
        check(code in (-2, 130), "ended by reboot(2): %s\n%s" % (code, text))
        for want in ("shutdown (poweroff): stopping every app", "every app has stopped",
                     "powering off", "VYOMA: ready 3 apps in "):
            check(want in text, want + "\n" + text)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, 9)
            p.wait()
        time.sleep(0.1)
        shutil.rmtree(s.dir, ignore_errors=True)
