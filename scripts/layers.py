#!/usr/bin/env python3
"""layers: the supervisor's layer rule, checked (docs/supervisor.md).

    lib/  <  supervisor/core  <  supervisor/app  <  supervisor/svc  <  supervisor/start

A file may include headers of its own layer and of the layers below it,
and call functions of its own layer and of the layers below it; within a
layer, modules (x.c with x.h) form no cycle. Upward news goes through hooks
and subscriptions registered in supervisor/start/sup.c.

Checks, each counted in the closing "layers: N passed, N failed" line:
  include-direction  no #include of a header from a higher layer
  include-cycles     no cycle in the include graph of supervisor modules
  call-direction     no call (undefined symbol in the .o) into a higher layer
  call-cycles        no cycle in the module call graph
  runner-links-lib   runner objects call into lib/ only
  state-owner        only supervisor/app/app_life.c assigns ->state, ->intent
  self-test          an upward include and a call cycle in a scratch tree
                     are caught (the checker can fail)

Prints both graphs, module by module and layer by layer. The call graph
comes from `nm` on the objects of a build (--objs build/musl/supervisor: the objects of PID 1):
exact, macros and static functions cannot hide a call.

    python3 scripts/layers.py [--root DIR] [--objs DIR] [--quiet]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

LAYERS = ["lib", "core", "app", "svc", "start"]
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
ASSIGN_RE = re.compile(r'->\s*(state|intent)\s*=(?!=)')
OWNER = os.path.join("supervisor", "app", "app_life.c")


def layer_dirs(root):
    d = {"lib": os.path.join(root, "lib")}
    for l in LAYERS[1:]:
        d[l] = os.path.join(root, "supervisor", l)
    return d


def sources(root):
    """{path: layer} for every .c and .h of lib/ and supervisor/<layer>/."""
    out = {}
    for layer, d in layer_dirs(root).items():
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith((".c", ".h")):
                out[os.path.join(d, f)] = layer
    return out


def module(path):
    """x.c and x.h are one module, named layer/x."""
    d, f = os.path.split(path)
    return "%s/%s" % (os.path.basename(d), os.path.splitext(f)[0])


def layer_of_module(m):
    return m.split("/", 1)[0]


def rank(layer):
    return LAYERS.index(layer)


def sccs(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def include_graph(root):
    """Module graph from #include lines, and the upward includes found."""
    src = sources(root)
    by_name = {}
    for p, layer in src.items():
        if p.endswith(".h"):
            by_name.setdefault(os.path.basename(p), []).append(p)
    graph, upward, unknown = {}, [], []
    for p, layer in src.items():
        m = module(p)
        graph.setdefault(m, set())
        with open(p, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for inc in INCLUDE_RE.findall(text):
            local = os.path.join(os.path.dirname(p), inc)
            cands = [local] if os.path.exists(local) else by_name.get(os.path.basename(inc), [])
            if not cands:
                continue  # a system or generated header
            if len(cands) > 1:
                unknown.append("%s: %s is ambiguous: %s" % (p, inc, cands))
            target = cands[0]
            tm = module(target)
            if tm != m:
                graph[m].add(tm)
            if rank(src[target]) > rank(layer):
                upward.append("%s includes %s (%s above %s)" % (
                    os.path.relpath(p, root), os.path.relpath(target, root), src[target], layer))
    return graph, upward + unknown


def nm_symbols(obj):
    """(defined globals, undefined) of one object file."""
    out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 2 and f[0] == "U":
            undefined.add(f[1])
        elif len(f) == 3 and f[1] in "TDBRCVWG":
            defined.add(f[2])
    return defined, undefined


def objects(objdir, libdir):
    objs = {}
    for layer in LAYERS[1:]:
        d = os.path.join(objdir, layer)
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                if f.endswith(".o"):
                    objs["%s/%s" % (layer, f[:-2])] = os.path.join(d, f)
    if libdir and os.path.isdir(libdir):
        for f in sorted(os.listdir(libdir)):
            if f.endswith(".o"):
                objs["lib/" + f[:-2]] = os.path.join(libdir, f)
    return objs


def call_graph(objs):
    defs, undefs = {}, {}
    for m, p in objs.items():
        d, u = nm_symbols(p)
        undefs[m] = u
        for s in d:
            defs.setdefault(s, m)
    graph, upward = {}, []
    for m, u in undefs.items():
        graph.setdefault(m, set())
        for s in sorted(u):
            t = defs.get(s)
            if not t or t == m:
                continue
            graph[m].add(t)
            if rank(layer_of_module(t)) > rank(layer_of_module(m)):
                upward.append("%s calls %s() of %s (%s above %s)" % (
                    m, s, t, layer_of_module(t), layer_of_module(m)))
    return graph, upward, defs


def print_graph(title, graph, quiet):
    if quiet:
        return
    print("%s (module -> what it uses; lower layers first)" % title)
    for layer in LAYERS:
        mods = sorted(m for m in graph if layer_of_module(m) == layer)
        if not mods:
            continue
        print("  [%s]" % layer)
        for m in mods:
            deps = sorted(graph[m], key=lambda t: (rank(layer_of_module(t)), t))
            print("    %-18s -> %s" % (m.split("/", 1)[1], ", ".join(deps) if deps else "-"))


def state_writers(root):
    bad = []
    for p in sorted(sources(root)):
        if not p.endswith(".c") or os.path.relpath(p, root) == OWNER:
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                if ASSIGN_RE.search(line):
                    bad.append("%s:%d: %s" % (os.path.relpath(p, root), n, line.strip()))
    return bad


def self_test():
    """A scratch tree with an upward include and a call cycle must fail."""
    with tempfile.TemporaryDirectory() as t:
        for d in ("lib", "supervisor/core", "supervisor/app"):
            os.makedirs(os.path.join(t, d))
        files = {
            "supervisor/core/low.h": "void low(void);\n",
            "supervisor/core/low.c": '#include "low.h"\n#include "high.h"\nvoid low(void) { high(); }\n',
            "supervisor/app/high.h": "void high(void);\n",
            "supervisor/app/high.c": '#include "high.h"\n#include "low.h"\nvoid high(void) { low(); }\n',
        }
        for name, text in files.items():
            with open(os.path.join(t, name), "w") as f:
                f.write(text)
        _, upward = include_graph(t)
        objdir = os.path.join(t, "obj")
        for layer, name in (("core", "low"), ("app", "high")):
            os.makedirs(os.path.join(objdir, layer), exist_ok=True)
            subprocess.run(["gcc", "-c", "-Isupervisor/core", "-Isupervisor/app",
                            "supervisor/%s/%s.c" % (layer, name), "-o",
                            os.path.join(objdir, layer, name + ".o")], cwd=t, check=True)
        cg, cup, _ = call_graph(objects(objdir, None))
        return (any("low.c includes supervisor/app/high.h" in u for u in upward) and
                bool(cup) and bool(sccs(cg)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--objs", default=None, help="object dir of supervisor/ (build/musl/supervisor)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    objdir = args.objs or os.path.join(root, "build", "musl", "supervisor")
    results = []

    def result(name, problems, ran=True):
        if not ran:
            print("FAIL %s: %s" % (name, problems[0]))
            results.append(False)
            return
        results.append(not problems)
        print("%s %s" % ("PASS" if not problems else "FAIL", name))
        for p in problems[:40]:
            print("    " + p)

    ig, iup = include_graph(root)
    print_graph("include graph", ig, args.quiet)
    result("include-direction", iup)
    # Between supervisor modules (lib's toml.h and toml_lex.h share types
    # both ways at module level, with no cycle between files).
    sup_ig = {m: {t for t in d if layer_of_module(t) != "lib"}
              for m, d in ig.items() if layer_of_module(m) != "lib"}
    result("include-cycles", [" <-> ".join(c) for c in sccs(sup_ig)])

    have_objs = os.path.isdir(objdir)
    if have_objs:
        objs = objects(objdir, os.path.join(os.path.dirname(objdir), "lib"))
        cg, cup, defs = call_graph(objs)
        print_graph("call graph", cg, args.quiet)
        result("call-direction", cup)
        result("call-cycles", [" <-> ".join(c) for c in sccs(cg)])
        rdir = os.path.join(os.path.dirname(objdir), "runner")
        bad = []
        if os.path.isdir(rdir):
            for f in sorted(os.listdir(rdir)):
                if f.endswith(".o"):
                    _, u = nm_symbols(os.path.join(rdir, f))
                    bad += ["runner/%s calls %s() of %s" % (f[:-2], s, defs[s])
                            for s in sorted(u) if s in defs and not defs[s].startswith("lib/")]
        result("runner-links-lib", bad)
    else:
        for n in ("call-direction", "call-cycles", "runner-links-lib"):
            result(n, ["no objects in %s: build the supervisor first" % objdir], ran=False)
    result("state-owner", state_writers(root))
    result("self-test", [] if self_test() else ["the checker missed a planted upward include or cycle"])
    passed = sum(results)
    print("layers: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
