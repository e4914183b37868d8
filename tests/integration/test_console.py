"""PID 1's console is a keyboard (docs/input.md, "Where keys come from"):
the real thing, getpid() == 1 in a PID and mount namespace as in
test_pid1.py, with a pty as its console: stdin, stdout and stderr, and
not its controlling terminal, like /dev/console in the VM. It takes the
console in raw mode with signals off; what is typed there goes to the
focused app (the shell, first in the boot list) as keys; the shell's answer
comes back on the console as plain lines; Ctrl-C is a key, not a signal;
and `poweroff` typed there powers off."""

import os
import re
import shutil
import subprocess
import termios
import threading
import time
import pty

from harness import BUILD, RUNNER, App, Console, System, TestFailure, check, wait_for
from test_pid1 import copy_with_libs


class Pty:
    """The master side: everything the console shows, as lines."""

    def __init__(self):
        self.master, self.slave = pty.openpty()
        self.data = b""
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self.lock:
                self.data += chunk

    def text(self):
        with self.lock:
            return self.data.decode(errors="replace")

    def lines(self):
        """The complete lines so far."""
        return [l.rstrip("\r") for l in self.text().split("\n")[:-1]]

    def wait(self, pattern, timeout=30, start=0):
        """The index of the first line from `start` that matches."""
        rx = re.compile(pattern)

        def find():
            for i, l in enumerate(self.lines()[start:]):
                if rx.search(l):
                    return start + i + 1
            return None
        try:
            return wait_for(find, timeout, what="%r on the console" % pattern) - 1
        except TestFailure as e:
            raise TestFailure("%s; the console:\n%s" % (e, self.text()[-3000:]))

    def type(self, data):
        os.write(self.master, data)

    def close(self):
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass


def pid1_root(apps):
    s = System(apps)
    root = s.root
    for d in ("bin", "dev", "proc", "sys", "tmp", "run"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    shutil.copy(os.path.join(BUILD, "vyoma"), os.path.join(root, "init"))
    copy_with_libs(RUNNER, root, "/bin/vyoma-run")
    return s


def test_pid1_console_is_a_keyboard():
    s = pid1_root([App("shell", built="shell"), App("clock", built="clock")])
    con = Pty()
    before = termios.tcgetattr(con.slave)
    env = dict(os.environ, VYOMA_FB="mem")
    p = subprocess.Popen(["unshare", "--mount", "--pid", "--fork", "chroot", s.root, "/init",
                          "--control", "/run/ctl.sock"],
                         stdin=con.slave, stdout=con.slave, stderr=con.slave, env=env,
                         start_new_session=True)
    try:
        ready = con.wait(r"^VYOMA: ready 2 apps", 60)
        check(p.poll() is None, con.text())
        check(any("input: keyboard from the console" in l for l in con.lines()), con.text())
        t = termios.tcgetattr(con.slave)
        check(not t[3] & (termios.ICANON | termios.ECHO | termios.ISIG),
              "raw input, no echo, no signals: lflag %#x" % t[3])
        check(not t[0] & termios.ICRNL, "CR stays CR (Enter): iflag %#x" % t[0])
        check(t[1] & termios.OPOST and t[1] & termios.ONLCR, "output processing kept")
        check(before[3] & termios.ICANON, "the pty started in canonical mode")
        # The shell, first in boot.toml, has the focus once both windows are open.
        con.wait(r"\] info  shell: has the focus at the end of boot", 30)
        c = Console(os.path.join(s.root, "run", "ctl.sock"))
        wins = {l.split()[1]: l for l in c.test("windows") if l.startswith("window ")}
        check("focused=1" in wins["shell"] and "focused=0" in wins["clock"], wins)

        # Type `ps` and Enter: the shell's answer comes back as plain lines.
        start = len(con.lines())
        con.type(b"ps\r")
        typed = con.wait(r"^shell: 1> \| > ps$", 20, start)
        done = con.wait(r"^shell: 1> \| ok ps$", 20, typed)
        table = con.lines()[typed + 1:done]
        check(any(re.match(r"shell: 1> \| NAME\s+PID\s+STATE", l) for l in table), table)
        for name in ("shell", "clock"):
            check(any(re.match(r"shell: 1> \| %s\s+\d+ running " % name, l) for l in table),
                  "%s running in the answer: %s" % (name, table))
        check(all(l.startswith("shell: 1> | ") for l in table if l.startswith("shell")), table)
        check(ready < typed, "after readiness")

        # Ctrl-C is a key for the focused app: nothing is stopped.
        start = len(con.lines())
        con.type(b"\x03")
        con.type(b"echo\x7f\x7f\x7f\x7fps\r")  # Backspace works, then ps again
        con.wait(r"^shell: 1> \| > ps$", 20, start)
        check(p.poll() is None, "still running after Ctrl-C")
        check(not any("signal 2" in l for l in con.lines()), con.text()[-2000:])
        check(c.ps()["shell"]["restarts"] == 0, "the shell was not stopped")

        # poweroff, typed on the console, powers off.
        con.type(b"poweroff\r")
        code = p.wait(30)
        check(code in (-2, 130), "ended by reboot(2): %s\n%s" % (code, con.text()[-2000:]))
        # The pty is read by a thread: the last lines may arrive after the exit.
        con.wait(r"powering off", 10)
        check("\x1b" not in con.text(), "no escape sequence reached the console")
    finally:
        if p.poll() is None:
            os.killpg(p.pid, 9)
            p.wait()
        time.sleep(0.1)
        con.close()
        shutil.rmtree(s.dir, ignore_errors=True)
