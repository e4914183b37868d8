"""compstep: what the wrapper steps after scripts/app-slim.py share
(comptrim.py, compinline.py, compparams.py, comporder.py): their command
line,
`STEP.py [--check WASM_TOOLS] IN OUT`, which writes nothing when the
rewrite or its check fails, and the frame of their checks (the same
imports and exports, a result that validates, then views of the input and
the result that must be equal)."""
import os
import subprocess
import sys
import tempfile

from wasmleb import Bad, sections


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def tool_text(wt, what, path):
    """The text `wasm-tools WHAT PATH` prints (what: "print" or
    "component wit"), or Bad with its complaint."""
    p = run([wt] + what.split() + [path])
    if p.returncode:
        raise Bad("%s: %s" % (what, p.stderr.strip()))
    return p.stdout


def same_meaning(wt, old, new, tmp, names, only=None, views=()):
    """Why new fails the checks, or None: when only is a section id, the
    same section list with every other section byte for byte; the same
    imports and exports in order (names(component)); it validates; then,
    for each (view, why) of views, view(wt, path) of old and of new (left
    in tmp as old.wasm and new.wasm) are equal, or why is the answer."""
    if only is not None:
        a, b = sections(old, 8), sections(new, 8)
        if [s for s, _ in a] != [s for s, _ in b]:
            return "the section list changed"
        for (sid, x), (_, y) in zip(a, b):
            if sid != only and x != y:
                return "section %d changed" % sid
    if names(old) != names(new):
        return "the imports or exports changed"
    paths = [os.path.join(tmp, nm + ".wasm") for nm in ("old", "new")]
    for path, data in zip(paths, (old, new)):
        with open(path, "wb") as f:
            f.write(data)
    p = run([wt, "validate", "--features", "all", paths[1]])
    if p.returncode:
        return "it does not validate: " + p.stderr.strip()
    for view, why in views:
        if view(wt, paths[0]) != view(wt, paths[1]):
            return why
    return None


def main(argv, prog, rewrite, check):
    """The step's command line: rewrite(bytes) -> bytes, then, with
    --check WASM_TOOLS, check(wt, old, new, tmp) -> why or None."""
    wt = None
    if argv[:1] == ["--check"]:
        wt, argv = argv[1], argv[2:]
    if len(argv) != 2:
        sys.exit("usage: %s [--check WASM_TOOLS] IN OUT" % prog)
    with open(argv[0], "rb") as f:
        old = f.read()
    try:
        new = rewrite(old)
        if wt:
            with tempfile.TemporaryDirectory() as tmp:
                why = check(wt, old, new, tmp)
            if why:
                raise Bad(why)
    except (Bad, IndexError, UnicodeDecodeError) as e:  # cut short, or not UTF-8
        sys.exit("%s: %s: %s" % (prog, argv[0], e or type(e).__name__))
    with open(argv[1], "wb") as f:
        f.write(new)
