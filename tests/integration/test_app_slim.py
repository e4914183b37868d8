"""The build's core-name step (scripts/app-slim.py, mk/apps.mk): an app's
component has short core-level names, the same component imports and
exports as before the step (what the runtime and the audit match), still
validates (the app tests run every app built this way); input it cannot read is copied, not guessed at."""

import importlib.util
import os
import subprocess
import sys
import tempfile

from harness import BUILD, ROOT, check

SCRIPTS = os.path.join(ROOT, "scripts")


def slim_module():
    sys.path.insert(0, SCRIPTS)
    spec = importlib.util.spec_from_file_location("app_slim", os.path.join(SCRIPTS, "app-slim.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def wasm_tools():
    with open(os.path.join(BUILD, "deps.mk")) as f:
        for line in f:
            if line.startswith("WASM_TOOLS"):
                return line.split(":=", 1)[1].strip()
    raise AssertionError("no WASM_TOOLS in build/deps.mk")


def wit(path):
    return subprocess.run([wasm_tools(), "component", "wit", path], check=True,
                          capture_output=True, text=True).stdout


def test_slim_names_keep_the_interface():
    slim = slim_module()
    before = os.path.join(BUILD, "wasm", "app", "calc", "strip.wasm")
    with tempfile.TemporaryDirectory() as t:
        after = os.path.join(t, "calc.wasm")
        subprocess.run([sys.executable, os.path.join(SCRIPTS, "app-slim.py"), before, after],
                       check=True)
        data = open(after, "rb").read()
        secs = slim.sections(data, 8)
        main = next(body for sid, body in secs if sid == 1)
        imports = slim.module_imports(main)
        check(imports, "the core module has no imports")
        long_names = [(m, f) for m, f in imports if len(m) > 2 or len(f) > 2]
        check(not long_names, "core imports not renamed: %s" % long_names)
        exports = slim.module_exports(main)
        check(exports and all(len(e) <= 2 for e in exports), "core exports not renamed: %s" % exports)
        check(b"[method]output-stream.blocking-write-and-flush" in open(before, "rb").read(),
              "the input has no long core names to rename")
        check(len(data) < os.path.getsize(before), "no smaller: %d" % len(data))
        subprocess.run([wasm_tools(), "validate", after], check=True)
        check(wit(after) == wit(before), "the component's interface changed")


def test_slim_copies_what_it_cannot_read():
    with tempfile.TemporaryDirectory() as t:
        src, dst = os.path.join(t, "in"), os.path.join(t, "out")
        junk = b"\x00asm\x0d\x00\x01\x00\x02\x05\x01\x07"  # a core instance section cut short
        with open(src, "wb") as f:
            f.write(junk)
        p = subprocess.run([sys.executable, os.path.join(SCRIPTS, "app-slim.py"), src, dst],
                           capture_output=True, text=True)
        check(p.returncode == 0, "exit %d" % p.returncode)
        check(open(dst, "rb").read() == junk, "not copied unchanged")
        check("copied unchanged" in p.stderr, "no word of it: %r" % p.stderr)

