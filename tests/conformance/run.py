#!/usr/bin/env python3
"""Conformance of the command apps (issue 13, item 6): every case of
cases.txt is run twice, by an executor of ours (a VyomaOS command) and by
the anchor (Debian's busybox on the host, or GNU coreutils for what busybox
lacks: anchors.txt), each on a fresh copy of the same /data fixtures
(fixtures.py); stdout, the exit status and the /data tree afterwards must
be byte for byte equal. A case that differs passes only when intended.txt
lists it, with its reason; a listed case that no longer differs is
reported, so the list stays honest.

Executors (the `Executor` class below): `supervisor` (what `make test`
runs) sends each case as the shell does, one `run` line in the wire form
to a hosted supervisor, which starts the runners, joins them with pipe(2)
and opens `<` beneath /data itself; `runner` starts each command with
vyoma-run directly (`vyoma-run --app build/apps/CMD --data DIR -- CMD
ARGS`), stages joined by host pipes.

Usage: run.py [--executor runner] [--jobs N] [-k PATTERN] [-v]
Ends with "conformance: N passed, N failed"."""

import argparse
import concurrent.futures
import http.server
import os
import shlex
import shutil
import subprocess
import sys
import socketserver
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import fixtures  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import apps_lib  # noqa: E402
import harness  # noqa: E402

TIMEOUT = 30


def read_table(name):
    """Lines of a corpus file without comments: (line number, text). A line
    that ends with a backslash goes on in the next (the newline is kept:
    sed's a\\ and i\\ need it)."""
    out = []
    held = None
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if held is not None:
                held = (held[0], held[1] + "\n" + line)
            elif line.startswith("#") or not line.strip():
                continue
            else:
                held = (i, line)
            if not held[1].endswith("\\"):
                out.append((held[0], held[1].strip()))
                held = None
    return out


def anchors():
    """Command name -> the host argv prefix that runs the anchor."""
    m = {}
    for _, line in read_table("anchors.txt"):
        name, *argv = line.split()
        m[name] = argv
    return m


def intended():
    """Case text -> reason, from intended.txt ('CASE  ## REASON')."""
    m = {}
    with open(os.path.join(HERE, "intended.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "##" not in line:
                continue
            case, why = line.split("##", 1)
            m[case.strip()] = why.strip()
    return m


def parse_case(text):
    """'cmd args [< file] | cmd args ... [< file]' -> ([argv, ...], stdin
    file or None). The `< file` reads into the first stage, wherever the
    case writes it (after the first stage, as a shell line would, or at the
    end of the line)."""
    # " | " and " < " count outside quotes only
    cuts, quote, i = [], None, 0
    while i < len(text):
        ch = text[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            i += 1
        elif text.startswith(" | ", i) or text.startswith(" < ", i):
            cuts.append(i)
        i += 1
    parts, ops, at = [], [], 0
    for c in cuts:
        parts.append(text[at:c])
        ops.append(text[c + 1])
        at = c + 3
    parts.append(text[at:])
    stages, stdin = [shlex.split(parts[0])], None
    for op, part in zip(ops, parts[1:]):
        if op == "<":
            if stdin is not None:
                raise ValueError("two < in case: " + text)
            stdin = part.strip()
        else:
            stages.append(shlex.split(part))
    return stages, stdin


class Executor:
    """Runs one case: stages (argv lists, each argv[0] a command name), an
    stdin file (relative to datadir) or None, in datadir (the command's
    /data, and the anchor's working directory). Returns (stdout bytes,
    exit status of the last stage)."""
    name = "?"

    def argv(self, stage, datadir):
        raise NotImplementedError

    def run(self, stages, stdin, datadir):
        cmds = [" ".join(shlex.quote(a) for a in self.argv(s, datadir)) for s in stages]
        # stdin is the first stage's (a `< /dev/null` at the end of the line
        # would be the last stage's and cut the pipe)
        cmds[0] += " < " + (shlex.quote(os.path.join(datadir, stdin)) if stdin else "/dev/null")
        line = " | ".join(cmds)
        p = subprocess.run(["bash", "-c", line], cwd=datadir, capture_output=True, timeout=TIMEOUT)
        return p.stdout, p.returncode, p.stderr


class RunnerExecutor(Executor):
    """Each stage is `vyoma-run --app build/apps/CMD --data DIR -- CMD ARGS`
    (the supervisor is not involved; host pipes join the stages)."""
    name = "runner"

    def __init__(self, names):
        self.names = names  # case command name -> app name (echo -> say)

    def argv(self, stage, datadir):
        app = self.names.get(stage[0], stage[0])
        return [os.path.join(ROOT, "build", "vyoma-run"), "--app", os.path.join(ROOT, "build", "apps", app),
                "--data", datadir, "--", app] + stage[1:]


class AnchorExecutor(Executor):
    name = "anchor"

    def __init__(self, table):
        self.table = table

    def argv(self, stage, datadir):
        return self.table.get(stage[0], ["busybox", stage[0]]) + stage[1:]


def wire_word(w):
    """One word in the `run` line's wire form (docs/commands.md, sh_encode):
    %XX for every byte at or below space, DEL, %, |, < and >; %% is empty."""
    if not w:
        return "%%"
    return "".join("%%%02X" % ord(ch) if ord(ch) <= 0x20 or ch in "\x7f%|<>" else ch for ch in w)


class SupervisorExecutor(Executor):
    """Through the hosted supervisor's command runtime, as the shell runs a
    line: `@supervisor: run <wire>` on the control socket; the supervisor
    checks the stages, opens `<` beneath /data itself, joins the runners
    with pipe(2) and reports the last stage's output and `$?` as job lines.
    One supervisor per worker thread, its /data refilled for each case."""
    name = "supervisor"

    def __init__(self, names):
        self.names = names
        self.local = threading.local()
        self.systems = []
        self.lock = threading.Lock()

    def system(self):
        st = getattr(self.local, "st", None)
        if st is None:
            apps = [harness.App(n, built=n, boot=False) for n in command_apps()]
            s = apps_lib.system(apps, boot=())
            s.start()
            c = s.console()
            c.wait_ready()
            st = self.local.st = (s, c)
            with self.lock:
                self.systems.append(s)
        return st

    def run(self, stages, stdin, datadir):
        s, c = self.system()
        data = os.path.join(s.root, "data")
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(datadir, data, symlinks=True)
        words = []
        for i, st in enumerate(stages):
            if i:
                words.append("|")
            words += [wire_word(self.names.get(st[0], st[0]))] + [wire_word(a) for a in st[1:]]
            if i == 0 and stdin:  # `<` belongs to the first stage
                words += ["<", wire_word(stdin)]
        job = apps_lib.job_start(c, " ".join(words), TIMEOUT)
        if isinstance(job, str):  # refused: "<status> <reason>"
            status, _, why = job.partition(" ")
            out, rc, err = b"", int(status), why.encode()
        else:
            rc, out, errs, _ = apps_lib.job_finish(c, job, TIMEOUT)
            err = b"".join(apps_lib.job_unesc(e) + b"\n" for e in errs)
        shutil.rmtree(datadir)
        shutil.copytree(data, datadir, symlinks=True)
        return out, rc, err

    def close(self):
        for s in self.systems:
            s.stop()


EXECUTORS = {"runner": RunnerExecutor, "supervisor": SupervisorExecutor}


class Web(http.server.BaseHTTPRequestHandler):
    """The network cases' HTTP server: fixed answers, no Date header (two
    runs of a case must get the same bytes)."""
    PAGES = {"/hello": (200, b"hello world\n"), "/big": (200, bytes(range(256)) * 400),
             "/empty": (200, b"")}

    def answer(self, body):
        if self.path == "/redir":
            code, body_bytes, extra = 302, b"", [("Location", "/hello")]
        else:
            code, body_bytes = self.PAGES.get(self.path, (404, b"not found\n"))
            extra = []
        self.send_response_only(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body_bytes)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body_bytes)

    def do_GET(self):
        self.answer(True)

    def do_HEAD(self):
        self.answer(False)

    def log_message(self, *a):
        pass


class Hello(socketserver.BaseRequestHandler):
    """The nc cases' TCP server: a greeting, then it closes."""
    def handle(self):
        self.request.sendall(b"hello from tcp\n")


def servers():
    """Start the network cases' servers; the case text's {HTTP} and {TCP}
    become their addresses."""
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Web)
    web.protocol_version = "HTTP/1.0"
    tcp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Hello)
    for srv in (web, tcp):
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    return {"{HTTP}": "http://127.0.0.1:%d" % web.server_address[1], "{TCP}": "%d" % tcp.server_address[1]}


def tree(d):
    """The /data tree after a case: each path with its bytes (or a mark)."""
    out = {}
    for base, dirs, files in os.walk(d):
        dirs.sort()
        for n in sorted(dirs + files):
            p = os.path.join(base, n)
            rel = os.path.relpath(p, d)
            if os.path.islink(p):
                out[rel] = b"-> " + os.readlink(p).encode()
            elif os.path.isdir(p):
                out[rel] = b"<dir>"
            else:
                with open(p, "rb") as f:
                    out[rel] = f.read()
    return out


def one_case(text, ours, anchor, master, keep, addrs):
    for k, v in addrs.items():
        text = text.replace(k, v)
    stages, stdin = parse_case(text)
    res = []
    for ex in (ours, anchor):
        d = tempfile.mkdtemp(prefix="conf-", dir=keep)
        dd = os.path.join(d, "data")
        shutil.copytree(master, dd, symlinks=True)
        try:
            out, rc, err = ex.run(stages, stdin, dd)
        except subprocess.TimeoutExpired:
            out, rc, err = b"<timeout>", -1, b""
        res.append((out, rc, tree(dd), err))
        shutil.rmtree(d)
    return res


# Commands whose --help is not a usage text, on purpose.
HELP_EXEMPT = {"say": "echo prints its operands, --help among them, as busybox and POSIX echo do"}


def command_apps():
    """The apps of apps/ that are commands (command = true)."""
    out = []
    for d in sorted(os.listdir(os.path.join(ROOT, "apps"))):
        try:
            with open(os.path.join(ROOT, "apps", d, "vyoma.toml")) as f:
                if any(l.replace(" ", "").strip() == "command=true" for l in f):
                    out.append(d)
        except OSError:
            pass
    return out


def help_check(ours, master, work, name):
    """`CMD --help` prints its usage on stdout and exits 0 (issue 13: --help
    on each command)."""
    d = tempfile.mkdtemp(prefix="help-", dir=work)
    shutil.copytree(master, os.path.join(d, "data"))
    out, rc, _ = ours.run([[name, "--help"]], None, os.path.join(d, "data"))
    shutil.rmtree(d)
    return rc == 0 and out.startswith(b"usage: ")


def describe(a, b):
    why = []
    if a[0] != b[0]:
        why.append("stdout differs: ours %r, anchor %r" % (a[0][:200], b[0][:200]))
    if a[1] != b[1]:
        why.append("status differs: ours %d, anchor %d" % (a[1], b[1]))
    if a[2] != b[2]:
        keys = sorted(set(a[2]) | set(b[2]))
        diff = [k for k in keys if a[2].get(k) != b[2].get(k)]
        why.append("/data differs at %s" % diff[:5])
    return "; ".join(why)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--executor", default="supervisor", choices=sorted(EXECUTORS))
    ap.add_argument("--jobs", type=int, default=max(2, (os.cpu_count() or 2) * 2))
    ap.add_argument("-k", default="")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()

    table = anchors()
    names = dict(l.split()[:2] for _, l in read_table("names.txt"))
    ours = EXECUTORS[args.executor](names)
    anchor = AnchorExecutor(table)
    wanted = intended()
    cases = [(n, t) for n, t in read_table("cases.txt") if args.k in t]

    work = tempfile.mkdtemp(prefix="vyoma-conformance-")
    master = os.path.join(work, "master")
    fixtures.make(master)
    addrs = servers()
    passed = failed = differ = 0
    seen = set()
    cmds = set()
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futs = {pool.submit(one_case, t, ours, anchor, master, work, addrs): (n, t) for n, t in cases}
            results = {futs[f]: f.result() for f in concurrent.futures.as_completed(futs)}
            cmd_apps = [] if args.k else command_apps()
            helps = {n: pool.submit(help_check, ours, master, work, n) for n in cmd_apps if n not in HELP_EXEMPT}
            helps = {n: f.result() for n, f in helps.items()}
    finally:
        if hasattr(ours, "close"):
            ours.close()
        shutil.rmtree(work, ignore_errors=True)
    for n, t in cases:
        a, b = results[(n, t)]
        cmds.update(s[0] for s in parse_case(t)[0])
        same = a[:3] == b[:3]
        if t in wanted:
            seen.add(t)
        if b[1] == 127:  # the shell found no such program: the anchor is missing, not different
            failed += 1
            print("FAIL cases.txt:%d %s: the anchor did not run (status 127): %s" % (n, t, b[3].decode(errors="replace")[:200]))
            continue
        if same:
            passed += 1
            if t in wanted:
                print("NOTE cases.txt:%d %s: listed in intended.txt but equal now" % (n, t))
            elif args.v:
                print("PASS %s" % t)
        elif t in wanted:
            passed += 1
            differ += 1
            if args.v:
                print("INTENDED %s: %s" % (t, wanted[t]))
        else:
            failed += 1
            print("FAIL cases.txt:%d %s: %s" % (n, t, describe(a, b)))
            if a[3]:
                print("     ours said: %s" % a[3].decode(errors="replace").strip()[:300])
    for n, ok in sorted(helps.items()):
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s --help: no usage text on stdout, or a status other than 0" % n)
    untested = sorted(set(cmd_apps) - {names.get(c, c) for c in cmds})
    for n in untested:
        print("FAIL %s: a command app with no case in cases.txt" % n)
        failed += 1
    stale = [t for t in wanted if t not in seen and not args.k]
    for t in stale:
        print("FAIL intended.txt names a case that is not in cases.txt: %s" % t)
        failed += 1
    print("conformance: %d cases over %d commands (executor %s), %d equal to the anchor, "
          "%d intended differences; --help of %d command apps" % (len(cases), len(cmds), ours.name,
                                                                 passed - differ - sum(helps.values()), differ,
                                                                 len(helps)))
    print("conformance: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
