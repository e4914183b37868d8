"""comp_lib: what the tests of the build's component steps share
(test_app_slim.py, test_comp_inline.py, test_comp_params.py,
test_comp_order.py): the pinned wasm-tools, running it and the steps'
scripts, an app's component as each step leaves it and as the build ships
it, and the damaged-input loop every step's test runs."""

import os
import random
import re
import subprocess
import sys

from harness import BUILD, ROOT, check

SCRIPTS = os.path.join(ROOT, "scripts")
RUNNER = os.path.join(BUILD, "vyoma-run")
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)
# The steps after `wasm-tools strip`, in the build's order (mk/apps.mk).
STEPS = ("app-slim.py", "comptrim.py", "compinline.py", "compparams.py", "comporder.py")


def wasm_tools():
    with open(os.path.join(BUILD, "deps.mk")) as f:
        for line in f:
            if line.startswith("WASM_TOOLS"):
                return line.split(":=", 1)[1].strip()
    raise AssertionError("no WASM_TOOLS in build/deps.mk")


def tool(*args, path):
    """wasm-tools ARGS PATH's output (it must succeed)."""
    return subprocess.run([wasm_tools(), *args, path], check=True,
                          capture_output=True, text=True).stdout


def wit(path):
    return tool("component", "wit", path=path)


def wat(path):
    return tool("print", path=path)


def validate(path):
    p = subprocess.run([wasm_tools(), "validate", "--features", "all", path],
                       capture_output=True, text=True)
    check(p.returncode == 0, "%s does not validate: %s" % (path, p.stderr))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def step(script, src, dst):
    """One step of the build, with its --check."""
    subprocess.run([sys.executable, os.path.join(SCRIPTS, script), "--check", wasm_tools(), src, dst],
                   check=True)


def before(step_name, app, t):
    """The app's component as the build has it just before step_name."""
    path = os.path.join(BUILD, "wasm", "app", app, "strip.wasm")
    for k, s in enumerate(STEPS[:STEPS.index(step_name)]):
        out = os.path.join(t, "%s-%d.wasm" % (app, k))
        step(s, path, out)
        path = out
    return path


def dropped_resources(text, ordered=False):
    """What each resource.drop drops, by the instance and export name its
    type is an alias of (index-free, so a renumbering shows); sorted, or
    in the order of the drops."""
    types = {int(t): (inst, nm) for inst, nm, t in
             re.findall(r'\(alias export (\d+) "([^"]+)" \(type \(;(\d+);\)\)\)', text)}
    out = [types.get(int(t)) or ("?", t) for t in re.findall(r"\(canon resource\.drop (\d+)\)", text)]
    return out if ordered else sorted(out)


def shipped(step_name, path, app, t):
    """What the build ships when step_name wrote path: the later steps'
    output, then the marks (scripts/app-marks.py)."""
    out = os.path.join(t, "%s-shipped.wasm" % app)
    subprocess.run(["cp", path, out], check=True)
    for s in STEPS[STEPS.index(step_name) + 1:]:
        step(s, out, out)
    subprocess.run([sys.executable, os.path.join(SCRIPTS, "app-marks.py"),
                    os.path.join(BUILD, "wasm", "app", app, "opt.wasm"), out], check=True)
    with open(out, "rb") as f:
        return f.read()


def refuses_damaged_cleanly(rewrite, seeds, seed, errors, what):
    """rewrite on 400 copies of seeds with 1-4 bytes changed (fixed seed,
    in the wrapper's front, bytes 8-1500): it returns, or raises one of
    errors (what its script reports in one line), never anything else."""
    rnd = random.Random(seed)
    for _ in range(400):
        d = bytearray(rnd.choice(seeds))
        for _ in range(rnd.randint(1, 4)):
            d[rnd.randrange(8, min(1500, len(d)))] = rnd.randrange(256)
        try:
            rewrite(bytes(d))
        except errors:
            pass
        except Exception as e:  # noqa: BLE001 - what this test is about
            check(False, "%s on damaged input: %r" % (what, e))


def run_cat(wasm, data, d):
    """The runner running the component wasm as cat on data, from the
    app directory d (made here; the runner wants the app's name)."""
    d = os.path.join(d, "cat")
    os.makedirs(os.path.join(d, "data"))
    subprocess.run(["cp", os.path.join(BUILD, "apps", "cat", "vyoma.toml"), d], check=True)
    subprocess.run(["cp", wasm, os.path.join(d, "cat.wasm")], check=True)
    return subprocess.run([RUNNER, "--app", d, "--data", os.path.join(d, "data"), "--", "cat"],
                          input=data, capture_output=True, timeout=60)
