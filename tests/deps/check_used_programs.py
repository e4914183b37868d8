#!/usr/bin/env python3
"""Every program the build, the tests and `make run` call comes from deps.lock.

Reads the Makefiles (recipes and $(shell ...)), the shell scripts (the first
word of every simple command, heredocs skipped) and the Python scripts (the
program of every subprocess call and shutil.which) of the tree, resolves each
program on PATH, maps it to the Debian package that ships it (`dpkg -S`) and
fails naming any whose package deps.lock does not list. Allowed as well:
packages that a listed package depends on (apt installs those with it),
Essential or Priority: required packages (on every Debian system), and
programs outside Debian that deps.lock names on a `host` line (cargo, a
python3 of the machine's own).

Usage: check_used_programs.py [--lock FILE] [--verbose]
Prints one line per problem and closes with "N passed, N failed" (one check
per program).
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shcmds import command_words  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

SHELL_WORDS = set("""
if then else elif fi case esac for while until do done in function select time
! { } [[ ]] alias bg bind break builtin caller cd command compgen complete
compopt continue declare dirs disown echo enable eval exec exit export false fc
fg getopts hash help history jobs kill let local logout mapfile popd printf
pushd pwd read readarray readonly return set shift shopt source suspend test
times trap true type typeset ulimit umask unalias unset wait [ .
""".split())
# Words that run the next word as the command (their options skipped).
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.+-]*$")


def shell_sources():
    files = ["scripts", "tests", "bench", ".ci", "kernel"]
    out = []
    for d in files:
        for path in glob.glob(os.path.join(ROOT, d, "**", "*"), recursive=True):
            if not os.path.isfile(path) or "/build/" in path or "/corpus/" in path:
                continue
            if path.endswith(".sh") or os.path.basename(path) == "run":
                out.append(path)
                continue
            try:
                with open(path, "rb") as f:
                    first = f.readline()
            except OSError:
                continue
            if first.startswith(b"#!") and b"sh" in first and b"python" not in first:
                out.append(path)
    return sorted(set(out))


def shell_programs(path, text, funcs):
    for w, n in command_words(text):
        if NAME.match(w) and w not in SHELL_WORDS and w not in funcs:
            yield w, "%s:%d" % (os.path.relpath(path, ROOT), n)


def shell_functions(texts):
    funcs = set()
    for t in texts:
        funcs.update(re.findall(r"^\s*(?:function\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*\(\)", t, re.M))
    return funcs


def make_programs():
    files = [os.path.join(ROOT, "Makefile")] + sorted(glob.glob(os.path.join(ROOT, "mk", "*.mk")))
    texts = {f: open(f).read() for f in files}
    var = {}
    for t in texts.values():
        for m in re.finditer(r"^([A-Z_][A-Z0-9_]*)\s*[:?]?=\s*(\S+)\s*$", t, re.M):
            var.setdefault(m.group(1), m.group(2))
    var["MAKE"] = "make"

    def expand(s):
        for _ in range(3):
            s = re.sub(r"\$\(([A-Z_][A-Z0-9_]*)\)", lambda m: var.get(m.group(1), "$(%s)" % m.group(1)), s)
        return re.sub(r"\$\([A-Za-z_@<^*%][A-Za-z0-9_]*\)|\$[@<^*%]", "${MAKEREF}", s)

    def make_funcs(s):
        # what is left are make functions ($(patsubst ...)): no command in them
        prev = None
        while prev != s:
            prev, s = s, re.sub(r"\$\(([^()]*)\)", "${MAKEREF}", s)
        return s.replace("$$", "$")

    for f, t in texts.items():
        t = t.replace("\\\n", " ")
        for n, line in enumerate(t.splitlines(), 1):
            where = "%s:%d" % (os.path.relpath(f, ROOT), n)
            line = expand(line)
            cmds = re.findall(r"\$\(shell ([^()]*)\)", line)
            if line.startswith("\t"):
                cmds.append(line.lstrip("\t").lstrip("@-+"))
            for c in cmds:
                for w, _ in command_words(make_funcs(c)):
                    if NAME.match(w) and w not in SHELL_WORDS:
                        yield w, where


def overridable_programs(path, text):
    """X=${X:-prog} where "$X" is run as a command: prog is used."""
    for m in re.finditer(r"^\s*(?:local\s+)?([A-Z_][A-Z0-9_]*)=\$\{\1:-([A-Za-z][A-Za-z0-9_.+-]*)\}", text, re.M):
        var, prog = m.groups()
        if re.search(r"(^\s*|exec\s+|command\s+-v\s+|;\s*|&&\s*|\|\|\s*)\"?\$\{?%s\}?\"?\s" % var, text, re.M):
            yield prog, "%s:%d" % (os.path.relpath(path, ROOT), text.count("\n", 0, m.start()) + 1)


def python_programs():
    files = []
    for d in ("scripts", "tests", "bench"):
        files += glob.glob(os.path.join(ROOT, d, "**", "*.py"), recursive=True)
    call = re.compile(r"(?:subprocess\.(?:run|Popen|call|check_call|check_output)|shutil\.which)\(\s*\[?\s*[\"']([A-Za-z][A-Za-z0-9_.+-]*)[\"']")
    for f in sorted(files):
        for n, line in enumerate(open(f), 1):
            for m in call.finditer(line):
                yield m.group(1), "%s:%d" % (os.path.relpath(f, ROOT), n)


def read_lock(path):
    debs, hosts = set(), set()
    for line in open(path):
        f = line.split()
        if not f or f[0].startswith("#"):
            continue
        if f[0] == "deb":
            debs.add(f[1])
        elif f[0] == "host":
            hosts.add(f[1])
    return debs, hosts


def dpkg_fields(pkgs, fmt):
    if not pkgs:
        return {}
    p = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t" + fmt + "\n"] + sorted(pkgs),
                       capture_output=True, text=True)
    out = {}
    for line in p.stdout.splitlines():
        name, _, rest = line.partition("\t")
        out[name.split(":")[0]] = rest
    return out


def closure(roots):
    """Installed packages reachable from roots by Depends/Pre-Depends."""
    seen, todo = set(), set(roots)
    while todo:
        info = dpkg_fields(todo, "${Depends}, ${Pre-Depends}")
        seen |= todo
        nxt = set()
        for deps in info.values():
            for alt in deps.split(","):
                for d in alt.split("|"):
                    d = d.strip().split(" ")[0].split(":")[0]
                    if d and d not in seen:
                        nxt.add(d)
        todo = nxt
    return seen


def base_packages():
    p = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t${Essential}\t${Priority}\n"],
                       capture_output=True, text=True)
    base = set()
    for line in p.stdout.splitlines():
        name, ess, prio = (line.split("\t") + ["", ""])[:3]
        if ess == "yes" or prio == "required":
            base.add(name.split(":")[0])
    return base


def candidates(path):
    """The paths dpkg may know a program by (/bin and /usr/bin are one)."""
    cands = [path, os.path.realpath(path)]
    for c in list(cands):
        for a, b in (("/usr/bin/", "/bin/"), ("/bin/", "/usr/bin/"), ("/usr/sbin/", "/sbin/"), ("/sbin/", "/usr/sbin/")):
            if c.startswith(a):
                cands.append(b + c[len(a):])
    return cands


def packages_of(paths):
    """{path: package or None}, with one dpkg -S for all of them."""
    cands = {p: candidates(p) for p in paths}
    every = sorted({c for cs in cands.values() for c in cs})
    owner = {}
    if every:
        out = subprocess.run(["dpkg", "-S"] + every, capture_output=True, text=True).stdout
        for line in out.splitlines():
            pkgs, _, file = line.rpartition(": ")
            if pkgs and not pkgs.startswith("diversion"):
                owner.setdefault(file, pkgs.split(",")[0].strip().split(":")[0])
    return {p: next((owner[c] for c in cs if c in owner), None) for p, cs in cands.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lock", default=os.path.join(ROOT, "deps.lock"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    debs, hosts = read_lock(args.lock)
    shells = shell_sources()
    texts = {f: open(f, errors="replace").read() for f in shells}
    funcs = shell_functions(texts.values())
    used = {}
    for f, t in texts.items():
        # a line marked "deps: optional" calls a program only where it exists
        t = "\n".join("" if "deps: optional" in ln else ln for ln in t.splitlines())
        for w, where in list(shell_programs(f, t, funcs)) + list(overridable_programs(f, t)):
            used.setdefault(w, where)
    for w, where in list(make_programs()) + list(python_programs()):
        used.setdefault(w, where)

    lock_closure = closure(debs)
    base = base_packages()
    passed = failed = 0
    paths = {prog: shutil.which(prog) for prog in used}
    owners = packages_of([p for p in paths.values() if p])
    for prog in sorted(used):
        where = used[prog]
        path = paths[prog]
        why = None
        if path is None:
            why = "not installed here, so its package is unknown; add the package that ships it to deps.lock"
        else:
            pkg = owners[path]
            if pkg is None:
                if prog not in hosts:
                    why = "%s is not from a Debian package and deps.lock has no 'host %s' line" % (path, prog)
                elif args.verbose:
                    print("ok   %-22s %s (host, %s)" % (prog, path, where))
            elif pkg in debs:
                if args.verbose:
                    print("ok   %-22s %s (deps.lock, %s)" % (prog, pkg, where))
            elif pkg in lock_closure:
                if args.verbose:
                    print("ok   %-22s %s (a dependency of a locked package, %s)" % (prog, pkg, where))
            elif pkg in base:
                if args.verbose:
                    print("ok   %-22s %s (essential, %s)" % (prog, pkg, where))
            else:
                why = "comes from the Debian package %s, which deps.lock does not list" % pkg
        if why:
            failed += 1
            print("FAIL deps: program %s (used at %s) %s" % (prog, where, why))
        else:
            passed += 1
    print("deps: %d programs used; each comes from deps.lock" % passed if not failed else
          "deps: %d of %d programs used come from no package deps.lock lists" % (failed, passed + failed))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
