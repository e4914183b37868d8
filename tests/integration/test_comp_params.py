"""The build's parameter-renaming step (scripts/compparams.py, after
comptrim.py in mk/apps.mk): the parameters of the functions an app imports
are called a, b, c, ... (a method's `self` stays); the result validates,
imports and exports the same, has the same WIT and text but for those
names, and is what the build ships. Wasmtime still links and runs it (it
matches an import by its parameters' types), and still refuses a
parameter of the wrong type, which is what makes the names free to change;
--check refuses a rewrite that changes anything else."""

import os
import re
import subprocess
import tempfile

from comp_lib import (before, refuses_damaged_cleanly, run_cat, shipped, step, tool, wasm_tools,
                      write)
from harness import BUILD, check


PARAM = re.compile(r'\(param "([^"]+)"')
# (func (param "self" (borrow N)) (param "a" u64) ...): input-stream.read's
# type once renamed, the only one with this shape in cat.
READ = re.compile(rb"\x40\x02\x04self[\x00-\x7f]\x01a(\x77)")


def len_s64(blob):
    """blob with input-stream.read's `len` an s64 (0x78) instead of a u64:
    the same size, and the same core signature (an i64)."""
    found = list(READ.finditer(blob))
    check(len(found) == 1, "input-stream.read's type found %d times" % len(found))
    at = found[0].start(1)
    return blob[:at] + b"\x78" + blob[at + 1:]


def test_params_renamed_keep_the_interface():
    """httpd, tar, todo and cat: every imported function's parameter is
    `self` first or a short name, the component is smaller by the bytes
    of the names, validates, has the same imports, exports and WIT but for
    the names, and the build ships it."""
    import compparams
    wt = wasm_tools()
    for app in ("httpd", "tar", "todo", "cat"):
        with tempfile.TemporaryDirectory() as t:
            pre = before("compparams.py", app, t)
            post = os.path.join(t, app + "-params.wasm")
            step("compparams.py", pre, post)
            old, new = PARAM.findall(tool("print", path=pre)), PARAM.findall(tool("print", path=post))
            check(len(old) == len(new), "%s: the parameter count changed" % app)
            long_old = [p for p in old if p != "self" and len(p) > 1]
            check(long_old, "%s: the input has no long parameter names" % app)
            check(all(p == "self" or len(p) == 1 for p in new), "%s: names left: %s" % (app, new))
            check([p == "self" for p in old] == [p == "self" for p in new],
                  "%s: a `self` parameter renamed or made" % app)
            saved = sum(len(p) - 1 for p in long_old)
            check(os.path.getsize(pre) - os.path.getsize(post) == saved,
                  "%s: %d -> %d bytes, not %d fewer" % (app, os.path.getsize(pre),
                                                        os.path.getsize(post), saved))
            tool("validate", "--features", "all", path=post)
            top = re.compile(r'^  \((?:import|export) "([^"]+)"', re.M)
            check(top.findall(tool("print", path=post)) == top.findall(tool("print", path=pre)),
                  "%s: the imports or exports changed" % app)
            plain = compparams.PARAM_WIT
            check([plain.sub(r"\1", ln) for ln in tool("component", "wit", path=post).split("\n")]
                  == [plain.sub(r"\1", ln) for ln in tool("component", "wit", path=pre).split("\n")],
                  "%s: the WIT changed beyond parameter names" % app)
            check(tool("component", "wit", path=post) != tool("component", "wit", path=pre),
                  "%s: the WIT shows no renamed parameter" % app)
            built = os.path.join(BUILD, "apps", app, app + ".wasm")
            check(shipped("compparams.py", post, app, t) == open(built, "rb").read(),
                  "%s: the build does not ship compparams.py's output" % app)


def test_params_check_refuses_other_changes():
    """compparams.check on rewrites that do more than rename: a method's
    `self` renamed (invalid), a parameter's type changed (u64 -> s64: the
    same core signature, so it validates; the WIT differs), and a
    parameter of an exported function renamed (the WIT without names is
    the same; the text is not)."""
    import compparams
    wt = wasm_tools()
    with tempfile.TemporaryDirectory() as t:
        data = open(before("compparams.py", "cat", t), "rb").read()
        good, saved = compparams.rename(data)
        check(sum(saved.values()) > 0 and compparams.check(wt, data, good, t) is None,
              "the default renaming is refused: %s" % compparams.check(wt, data, good, t))
        # `self` renamed like any other parameter: the validator refuses it.
        bad, _ = compparams.rename(data, lambda p, raw, self_first: b"\x01" + bytes([97 + p]))
        why = compparams.check(wt, data, bad, t)
        check(why and "not validate" in why, "a renamed self passed: %s" % why)
        # input-stream.read's len: u64 -> s64, the name and size the same.
        bad = len_s64(good)
        p = subprocess.run([wt, "validate", "--features", "all", write(os.path.join(t, "s64.wasm"), bad)],
                           capture_output=True, text=True)
        check(p.returncode == 0, "the s64 variant does not validate: %s" % p.stderr)
        why = compparams.check(wt, data, bad, t)
        check(why and "WIT" in why, "a changed parameter type passed: %s" % why)
        # An exported function's parameter renamed (a component made here).
        src = write(os.path.join(t, "exp.wat"), EXPORTING.encode())
        subprocess.run([wt, "parse", src, "-o", os.path.join(t, "exp.wasm")], check=True)
        exp = open(os.path.join(t, "exp.wasm"), "rb").read()
        good, saved = compparams.rename(exp)
        check(saved == {0: 4}, "the import's parameter not renamed: %s" % saved)
        check(compparams.check(wt, exp, good, t) is None, "the renamed import is refused")
        check(good.count(b"\x05value") == 1, "the export's parameter not found once")
        bad = good.replace(b"\x05value", b"\x05other")
        why = compparams.check(wt, exp, bad, t)
        check(why and "more than" in why, "a renamed export parameter passed: %s" % why)


EXPORTING = """(component
  (type (instance (type (func (param "value" u32) (result u32))) (export "f" (func (type 0)))))
  (import "x:y/z" (instance (type 0)))
  (alias export 0 "f" (func))
  (core func (canon lower (func 0)))
  (core module
    (import "i" "f" (func (param i32) (result i32)))
    (func (export "g") (param i32) (result i32) local.get 0 call 0))
  (core instance (export "f" (func 0)))
  (core instance (instantiate 0 (with "i" (instance 0))))
  (alias core export 1 "g" (core func))
  (type (func (param "value" u32) (result u32)))
  (func (type 1) (canon lift (core func 1)))
  (export "g" (func 1))
)
"""


def test_wasmtime_matches_parameter_types_not_names():
    """The runner (Wasmtime 48) runs cat with its imports' parameters
    renamed, as it runs it before the renaming, and refuses to link it
    when a parameter's type is wrong (input-stream.read's len an s64: the
    same core signature, valid to wasm-tools): the type, not the name, is
    what it checks."""
    import compparams
    data = b"".join(b"line %d\n" % i for i in range(2000))
    with tempfile.TemporaryDirectory() as t:
        pre = before("compparams.py", "cat", t)
        old = open(pre, "rb").read()
        new, _ = compparams.rename(old)
        check(new != old, "nothing renamed")
        for tag, blob in (("pre", old), ("post", new)):
            p = run_cat(write(os.path.join(t, tag + ".wasm"), blob), data, os.path.join(t, tag))
            check(p.returncode == 0 and p.stdout == data,
                  "%s cat exited %d, %d bytes out: %s" % (tag, p.returncode, len(p.stdout), p.stderr))
        bad = write(os.path.join(t, "s64.wasm"), len_s64(new))
        tool("validate", "--features", "all", path=bad)
        p = run_cat(bad, data, os.path.join(t, "s64"))
        err = p.stderr.decode(errors="replace")
        check(p.returncode != 0 and not p.stdout, "cat ran with a wrong parameter type")
        check("type mismatch" in err or "wrong type" in err, "refused for another reason: %s" % err)


def test_params_refuse_damaged_input_cleanly():
    """compparams.rename on components with a few bytes changed (fixed
    seed, in the import types at the front): a component, or a refusal it
    reports in one line (Bad, a cut-short read, a name that is not UTF-8),
    never another exception."""
    import compparams
    seeds = [open(os.path.join(BUILD, "apps", a, a + ".wasm"), "rb").read() for a in ("hello", "httpd")]
    refuses_damaged_cleanly(compparams.rename, seeds, 9, (compparams.Bad, IndexError, UnicodeDecodeError),
                            "compparams")
