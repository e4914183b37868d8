"""procs: the process list the supervisor gives a command on stdin
(docs/commands.md, "The process list"; supervisor/svc/jobps.c), and the
ps and uptime commands that read it. Hostile: a command that does not
declare `shell`, or that is not the first stage, or whose stdin the user
redirected, reads no process list."""

import re

from apps_lib import job_finish, job_start, system
from harness import App, check

CMDS = ["ps", "uptime", "cat", "wc", "t-cat"]


def procs_system():
    apps = [App(n, built=n, boot=False) for n in CMDS] + [App("echo", built="echo")]
    return system(apps, data={"list.txt": "not a process list\n"})


def run(c, wire):
    job = job_start(c, wire)
    check(isinstance(job, int), "run %s refused: %s" % (wire, job))
    st, out, err, _ = job_finish(c, job, 20)
    return st, out.decode(errors="replace"), err


def test_ps_lists_apps_and_commands():
    with procs_system() as s:
        c = s.console()
        c.wait_ready()
        st, out, _ = run(c, "ps")
        rows = out.splitlines()
        check(st == 0 and rows and rows[0].split() == ["NAME", "STATE", "PID", "RSS", "UPTIME"], out)
        echo = [r.split() for r in rows if r.split()[0] == "echo"]
        check(echo and echo[0][1] == "running" and echo[0][2].isdigit(), out)
        # the ps instance itself is a running command, named ps#N
        check(any(re.fullmatch(r"ps#\d+", r.split()[0]) for r in rows[1:]), out)
        # every row fits the shell's narrow window
        check(all(len(r) <= 60 for r in rows), out)
        st, out, _ = run(c, "ps -w")
        head = out.splitlines()[0].split()
        check(st == 0 and head[-2:] == ["RESTARTS", "CAPS"], out)
        check(any(r.split()[0] == "echo" and "stdio" in r.split()[-1] for r in out.splitlines()), out)
        st, out, _ = run(c, "ps -o pid,name")
        check(st == 0 and out.splitlines()[0].split() == ["PID", "NAME"] and
              any(r.split()[-1] == "echo" for r in out.splitlines()), out)
        # a pipeline: the list is ps's stdin, ps's output is wc's
        st, out, _ = run(c, "ps | wc -l")
        check(st == 0 and int(out) >= 3, out)


def test_uptime():
    with procs_system() as s:
        c = s.console()
        c.wait_ready()
        st, out, _ = run(c, "uptime")
        check(st == 0 and re.fullmatch(r" \d\d:\d\d:\d\d up .+,  load average: [\d.]+, [\d.]+, [\d.]+\n", out),
              out)


def test_no_list_without_shell():
    """Hostile: commands that do not declare shell read /dev/null, not the
    list (cat, t-cat); ps not first, or with < FILE, gets what it is given."""
    with procs_system() as s:
        c = s.console()
        c.wait_ready()
        for wire in ("cat", "t-cat", "cat -"):
            st, out, _ = run(c, wire)
            check(st == 0 and out == "", "%s read %r" % (wire, out))
        st, out, err = run(c, "cat | ps")
        check(st == 1 and out == "" and any("no process list" in e for e in err), (st, out, err))
        st, out, err = run(c, "ps < list.txt")
        check(st == 1 and out == "", (st, out, err))
        st, out, _ = run(c, "uptime < list.txt")
        check(st == 1 and out == "", (st, out))
        # and the supervisor is still well
        st, out, _ = run(c, "ps")
        check(st == 0 and "echo" in out, out)
