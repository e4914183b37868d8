"""commands: the supervisor's command runtime (docs/commands.md), driven
from the control socket with `run` lines as the shell sends them: argv,
pipelines joined by pipe(2), < > >> beneath /data opened by the
supervisor, output and stderr as escaped job lines, exit statuses, ps
names, limits, Ctrl+C (jobkill), and the hostile cases: a command that
never exits, a flood into a reader that stopped, 64 pipelines at once, a
100-stage pipeline, a command exiting at once in a loop. The test
commands are tests/apps/t-* (not the real ones of apps/)."""

import os
import re
import time

from apps_lib import data_path, job_finish, job_start, system
from harness import App, check, wait_for

TCMDS = ["t-echo", "t-cat", "t-grep", "t-wc", "t-yes", "t-sleep", "t-exit"]


def cmd_system(extra=(), data=None, boot=("echo",)):
    apps = [App(n, built=n, boot=False) for n in TCMDS] + [App(n, built=n) for n in boot]
    return system(apps + list(extra), data=data)


def jobkill(c, job):
    """`jobkill <id>` (what Ctrl+C in the shell sends); True when accepted.
    Reads only its answer: job lines stay for finish()."""
    c.send("@supervisor: jobkill %s" % job)
    l = c.expect(lambda x: x.startswith("@supervisor: ok jobkill") or
                 x.startswith("@supervisor: error: jobkill"), 10, "answer to jobkill")
    return "ok jobkill" in l


def instances(c):
    """ps rows of command instances (name#n). Only while no job runs: ps
    reads every supervisor line until its ok."""
    return [l for l in c.must("ps") if "#" in l.split()[0]]


def instance_pids(s):
    """Live processes that are command instances (a runner named NAME#N)."""
    found = []
    for pid in s.tagged_pids():
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if b"--name" in argv and b"#" in argv[argv.index(b"--name") + 1]:
            found.append(pid)
    return found


def run(c, wire, timeout=20):
    job = job_start(c, wire)
    check(isinstance(job, int), "run %s refused: %s" % (wire, job))
    return job_finish(c, job, timeout)


def alive(c):
    """The supervisor answers and the echo app answers a message."""
    c.send("@echo: ping")
    c.expect(lambda l: l == "@echo: echo ping", 10, "echo's answer")


def test_argv_pipes_and_status():
    with cmd_system() as s:
        c = s.console()
        c.wait_ready()
        st, out, err, sts = run(c, "t-echo hello %20two%7C %% end")
        check((st, out) == (0, b"hello  two|  end\n"), (st, out))
        check(list(sts) and re.fullmatch(r"t-echo#\d+", list(sts)[0]), sts)
        st, out, _, sts = run(c, "t-echo a%0Ab%0Ac | t-grep b | t-wc")
        check((st, out) == (0, b"1 1 2\n"), (st, out))
        check(len(sts) == 3 and all(v == "0" for v in sts.values()), sts)
        # the last stage's status is the pipeline's; every stage's is listed
        st, out, _, sts = run(c, "t-echo a | t-grep zzz")
        check(st == 1 and out == b"" and list(sts.values()) == ["0", "1"], (st, out, sts))
        st, _, _, _ = run(c, "t-exit 0")
        check(st == 0)
        st, _, _, _ = run(c, "t-exit 5")
        check(st == 1, "WASI 0.2 exit is ok/err: %s" % st)
        # bytes that look like protocol are just text
        st, out, _, _ = run(c, "t-echo @supervisor:%20ps VYOMA_DRAW:clear %1B[2J")
        check(out == b"@supervisor: ps VYOMA_DRAW:clear \x1b[2J\n", out)
        # unknown commands and apps that are not commands
        check(job_start(c, "nosuch") == "127 nosuch: no such command", "unknown command")
        check(job_start(c, "echo") .startswith("126 echo: an app, not a command"), "app as command")
        check(job_start(c, "t-echo a |").startswith("2 missing command after |"), "bad wire")


def test_echo_typed_runs_say():
    """`echo` is the IPC test app's name, so the command is `say`: typed
    `echo` runs it when no command has that name (job_run.c job_alias)."""
    with cmd_system(extra=[App("say", built="say", boot=False)]) as s:
        c = s.console()
        c.wait_ready()
        st, out, _, sts = run(c, "echo hello world | t-grep o")
        check((st, out) == (0, b"hello world\n"), (st, out))
        check(re.fullmatch(r"say#\d+", list(sts)[0]), sts)
        st, out, _, _ = run(c, "echo -n a%20b")
        check((st, out) == (0, b"a b"), (st, out))
        alive(c)


def test_redirection_confined_to_data():
    notes = "milk\neggs\nmilk and honey\nbread\n"
    binary = bytes(range(256)) * 20 + b"x" * 5000 + b"\n\xff\xfe no newline at the end"
    with cmd_system(data={"notes.txt": notes, "sub/x.txt": "x\n", "bin.dat": binary}) as s:
        c = s.console()
        c.wait_ready()
        # every byte comes back exactly: escaped lines, long lines in parts
        st, out, _, _ = run(c, "t-cat bin.dat")
        check(st == 0 and out == binary, "binary output differs (%d bytes, want %d)" %
              (len(out), len(binary)))
        os.symlink("/etc/passwd", data_path(s, "link"))
        st, out, _, _ = run(c, "t-cat notes.txt | t-grep milk | t-wc -l > count.txt")
        check((st, out) == (0, b""), (st, out))
        with open(data_path(s, "count.txt"), "rb") as f:
            check(f.read() == b"2\n")
        run(c, "t-wc -l < notes.txt >> count.txt")
        with open(data_path(s, "count.txt"), "rb") as f:
            check(f.read() == b"2\n4\n")
        # t-grep has no filesystem capability: the file is handed to it
        st, out, _, _ = run(c, "t-grep honey < /data/notes.txt")
        check(out == b"milk and honey\n", out)
        run(c, "t-echo new > sub/x.txt")
        with open(data_path(s, "sub/x.txt"), "rb") as f:
            check(f.read() == b"new\n")
        for bad, why in (("../etc/passwd", "outside /data"), ("sub/../../x", "outside /data"),
                         ("link", "outside /data"), ("/etc/passwd", "only files under /data"),
                         ("sub", "not a regular file"), ("missing.txt", "No such file")):
            r = job_start(c, "t-cat < " + bad)
            check(isinstance(r, str) and r.startswith("1 ") and why in r, (bad, r))
        check(not os.path.exists(os.path.join(s.root, "x")))
        # stderr of a stage comes back marked with the instance name
        st, out, err, _ = run(c, "t-cat notes.txt nope.txt | t-wc -l")
        check(out == b"4\n" and len(err) == 1 and re.match(r"t-cat#\d+: t-cat: cannot read nope",
                                                            err[0]), (out, err))
        check(st == 0)


def test_ps_names_and_ctrl_c():
    with cmd_system() as s:
        c = s.console()
        c.wait_ready()
        j1 = job_start(c, "t-sleep")
        j2 = job_start(c, "t-yes | t-cat | t-wc")
        check(isinstance(j1, int) and isinstance(j2, int), (j1, j2))
        rows = [l for l in c.must("ps") if re.match(r"t-\w+#\d+ ", l)]
        names = sorted(r.split()[0].split("#")[0] for r in rows)
        check(names == ["t-cat", "t-sleep", "t-wc", "t-yes"], rows)
        check(len({r.split()[0] for r in rows}) == 4, "distinct names: %s" % rows)
        # Ctrl+C in the shell sends jobkill: every stage dies
        check(jobkill(c, j2))
        st, _, _, sts = job_finish(c, j2)
        check(st == 137 and all(v == "137" for v in sts.values()), (st, sts))
        check(jobkill(c, j1))
        check(job_finish(c, j1)[0] == 137)
        check(not jobkill(c, 999))
        wait_for(lambda: not instances(c), 10, what="no instance left in ps")


def test_hostile_commands():
    with cmd_system() as s:
        c = s.console()
        c.wait_ready()
        rss0 = s.rss_kib()
        # 64 pipelines at once, then the 65th is refused
        jobs = [job_start(c, "t-sleep") for _ in range(64)]
        check(all(isinstance(j, int) for j in jobs), [j for j in jobs if not isinstance(j, int)])
        wait_for(lambda: len(instance_pids(s)) == 64, 20, what="64 command processes")
        r = job_start(c, "t-sleep")
        check(isinstance(r, str) and "too many" in r, r)
        alive(c)
        for j in jobs:
            check(jobkill(c, j))
        for j in jobs:
            job_finish(c, j)
        # a flood into a reader that stopped: t-sleep never reads its stdin
        flood = job_start(c, "t-yes | t-sleep")
        # a flood to a caller that does not read: we stop reading (backpressure)
        c2 = s.console()
        loud = job_start(c2, "t-yes")
        check(isinstance(flood, int) and isinstance(loud, int), (flood, loud))
        time.sleep(2)
        alive(c)
        check(s.rss_kib() < rss0 + 20000, "supervisor RSS %d -> %d KiB" % (rss0, s.rss_kib()))
        check(jobkill(c, flood))
        job_finish(c, flood)
        # a caller that goes away: its jobs die with it
        c2.close()
        wait_for(lambda: not instances(c), 20, what="every instance gone")
        # 100 stages: refused whole, nothing started
        r = job_start(c, " | ".join(["t-cat"] * 100))
        check(isinstance(r, str) and "too many" in r, r)
        # 32 stages run
        st, out, _, sts = run(c, "t-echo deep | " + " | ".join(["t-cat"] * 31), 60)
        check((st, out, len(sts)) == (0, b"deep\n", 32), (st, out, len(sts)))
        # a command that exits at once, in a loop
        for i in range(40):
            check(run(c, "t-exit 0")[0] == 0)
        alive(c)
        check(not instances(c), "nothing left running")
        check(not instance_pids(s), "no command process left: %s" % instance_pids(s))
        check(s.rss_kib() < rss0 + 20000, "supervisor RSS %d -> %d KiB" % (rss0, s.rss_kib()))


# ---- the shell: typed lines ---------------------------------------------------------

def shell_lines(c):
    from apps_lib import state  # noqa: F401
    return [l[2:] for l in c.log("shell", 400) if l.startswith("| ")]


def shell_state(c):
    from apps_lib import fields, state
    return fields(state(c, "shell"))


def typed(c, text, wait=True):
    """Type a line into the shell and (wait) until it is idle again."""
    from apps_lib import key, type_text
    type_text(c, "shell", text)
    key(c, "shell", "Enter")
    if wait:
        wait_for(lambda: shell_state(c)["job"] == "idle", 20, what="shell idle after " + text)
    return shell_state(c)


def test_shell_pipelines_redirection_and_status():
    notes = "milk\neggs\nmilk and honey\nbread\n"
    with cmd_system(boot=("shell", "echo"), data={"notes.txt": notes}) as s:
        c = s.console()
        c.wait_ready()
        st = typed(c, "t-cat notes.txt | t-grep milk | t-wc -l > count.txt")
        check(st["status"] == "0", st)
        with open(data_path(s, "count.txt"), "rb") as f:
            check(f.read() == b"2\n")
        # output shows in the shell (and its transcript); $? follows each pipeline
        typed(c, "t-grep -v milk < notes.txt")
        lines = shell_lines(c)
        check(lines[-2:] == ["eggs", "bread"], lines[-4:])
        check(typed(c, "t-grep zzz < notes.txt")["status"] == "1")
        typed(c, "t-echo \"status was $?\" 'and $? stays' >> count.txt")
        with open(data_path(s, "count.txt"), "rb") as f:
            check(f.read() == b"2\nstatus was 1 and $? stays\n", "file")
        # ; && || and $? between pipelines of one line
        typed(c, "t-exit 1 && t-echo no; t-exit 1 || t-echo yes $?; t-exit 0 && t-echo and $?")
        lines = shell_lines(c)
        check(lines[-2:] == ["yes 1", "and 0"] and "no" not in lines[-4:], lines[-5:])
        # quoting reaches argv exactly; operators inside quotes are words
        typed(c, "t-echo 'a  b' \"c|d\" e\\;f '>' \"\"")
        check(shell_lines(c)[-1] == "a  b c|d e;f > ", shell_lines(c)[-1])
        # errors: syntax (status 2), unknown command (127), confined paths (1)
        check(typed(c, "t-cat |")["status"] == "2")
        check(shell_lines(c)[-1] == "error: missing command after |", shell_lines(c)[-1])
        check(typed(c, "nosuch-cmd")["status"] == "127")
        check(typed(c, "t-cat < ../secret")["status"] == "1")
        check("outside /data" in shell_lines(c)[-1], shell_lines(c)[-1])
        # supervisor verbs still work, and `run` forces a command
        typed(c, "ps")
        check(any(l.startswith("NAME ") for l in shell_lines(c)), "ps table")
        check(typed(c, "restart echo")["status"] == "0")
        check(typed(c, "frobnicate")["status"] == "127")


def test_shell_ctrl_c_scrollback_and_tab():
    from apps_lib import key, mouse, state, type_text
    with cmd_system(boot=("shell", "echo")) as s:
        c = s.console()
        c.wait_ready()
        # Ctrl+C stops `t-yes | t-cat`: every stage killed, the shell idle, 130-ish status
        typed(c, "t-yes | t-cat", wait=False)
        wait_for(lambda: len([l for l in shell_lines(c) if l == "y"]) > 50, 20, what="output")
        key(c, "shell", "Ctrl+c")
        wait_for(lambda: shell_state(c)["job"] == "idle", 20, what="idle after Ctrl+C")
        check(shell_state(c)["status"] == "137", shell_state(c))
        wait_for(lambda: not instances(c), 10, what="no instance left")
        alive(c)
        # scrollback: PageUp moves the view back, new output keeps it, PageDown returns
        check(int(shell_state(c)["lines"]) > 100, shell_state(c))
        key(c, "shell", "PageUp", "PageUp")
        off = int(shell_state(c)["scroll"])
        check(off > 10, shell_state(c))
        key(c, "shell", "PageDown")
        check(0 < int(shell_state(c)["scroll"]) < off, shell_state(c))
        mouse(c, "shell", 10, 10, -2, "wheel")
        check(int(shell_state(c)["scroll"]) > 0, shell_state(c))
        key(c, "shell", "PageDown", "PageDown", "PageDown")
        check(shell_state(c)["scroll"] == "0", shell_state(c))
        # Tab completes a command name from the supervisor's list
        type_text(c, "shell", "t-ec")
        key(c, "shell", "Tab")
        wait_for(lambda: shell_state(c).get("input") == "t-echo", 10, what="completion")
        type_text(c, "shell", "hi |  t-w")
        key(c, "shell", "Tab")
        wait_for(lambda: state(c, "shell").rstrip().endswith("input t-echo hi |  t-wc"),
                 10, what="completion after |")
        key(c, "shell", "Enter")
        wait_for(lambda: shell_lines(c)[-1] == "1 1 3", 10, what="t-echo hi | t-wc")


def test_shell_scrollback_on_screen():
    """PageUp shows older rows in the window, the wheel and PageDown bring
    the newest back: checked in screenshots of the shell's content."""
    from apps_lib import key, mouse, screenshot, window
    text = "".join("line %03d %s\n" % (i, "#" * (i % 50)) for i in range(150))
    with cmd_system(boot=("shell", "echo"), data={"lines.txt": text}) as s:
        c = s.console()
        c.wait_ready()
        typed(c, "t-cat lines.txt")
        check(shell_lines(c)[-1].startswith("line 149 "), shell_lines(c)[-1:])
        w = window(c, "shell")
        shots = [0]

        def area():
            shots[0] += 1
            _, _, rows = screenshot(c, s, "shot%d.png" % shots[0])
            return [tuple(r[w["cx"]:w["cx"] + w["cw"]]) for r in rows[w["cy"]:w["cy"] + w["ch"] - 30]]

        def settled():
            a, b = area(), area()
            return a if a == b else None

        bottom = wait_for(settled, 10, what="a steady picture")
        key(c, "shell", "PageUp")
        older = wait_for(lambda: (lambda a: a if a != bottom else None)(area()), 10,
                         what="PageUp changes the picture")
        mouse(c, "shell", 20, 20, 1, "wheel")  # a notch down: 3 rows newer
        wait_for(lambda: area() not in (bottom, older), 10, what="the wheel moves the view")
        key(c, "shell", "PageDown", "PageDown")
        wait_for(lambda: area() == bottom, 10, what="PageDown back to the newest rows")
