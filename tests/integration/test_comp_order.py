"""The build's front-ordering step (scripts/comporder.py, after
compparams.py in mk/apps.mk): the type, import and alias declarations at
the front of an app's component in fewer sections, the types renumbered;
the result validates, imports and exports the same in the same order, has
the same WIT, drops the same resources, is what the build ships and runs;
--check refuses a renumbering that names another type."""

import os
import re
import subprocess
import tempfile

from comp_lib import (before, dropped_resources, refuses_damaged_cleanly, run_cat, shipped, step,
                      tool, wasm_tools, write)
from harness import BUILD, check


def section_ids(data):
    import wasmleb
    return [sid for sid, _ in wasmleb.sections(data, 8)]


def test_order_keeps_the_meaning_in_fewer_sections():
    """httpd, cat and todo: fewer sections, 2-4 bytes smaller for each
    one gone; it validates, has the same imports and exports in order, the
    same WIT, drops the same resources; the build ships it; the step does
    nothing to its own output."""
    import comporder
    top = re.compile(r'^  \((?:import|export) "([^"]+)"', re.M)
    for app in ("httpd", "cat", "todo"):
        with tempfile.TemporaryDirectory() as t:
            pre = before("comporder.py", app, t)
            post = os.path.join(t, app + "-order.wasm")
            step("comporder.py", pre, post)
            old, new = open(pre, "rb").read(), open(post, "rb").read()
            gone = len(section_ids(old)) - len(section_ids(new))
            check(gone > 0, "%s: no fewer sections" % app)
            # A section gone saves its id, count and size (1-2 bytes); a
            # merged section's size may take a byte more.
            check(4 * gone >= len(old) - len(new) >= 2 * gone,
                  "%s: %d sections fewer but %d bytes" % (app, gone, len(old) - len(new)))
            tool("validate", "--features", "all", path=post)
            check(top.findall(tool("print", path=post)) == top.findall(tool("print", path=pre)),
                  "%s: the imports or exports changed" % app)
            check(tool("component", "wit", path=post) == tool("component", "wit", path=pre),
                  "%s: the WIT changed" % app)
            drops = dropped_resources(tool("print", path=post), ordered=True)
            check(drops and drops == dropped_resources(tool("print", path=pre), ordered=True),
                  "%s: another resource dropped: %s" % (app, drops))
            check(comporder.reorder(new)[0] == new, "%s: a second pass changes it" % app)
            built = os.path.join(BUILD, "apps", app, app + ".wasm")
            check(shipped("comporder.py", post, app, t) == open(built, "rb").read(),
                  "%s: the build does not ship comporder.py's output" % app)


def drop_entries(data):
    """[(offset of the type index byte, type index)] of every resource.drop."""
    import comppack
    import wasmleb
    out, at = [], 8
    for sid, body in wasmleb.sections(data, 8):
        start = at + 1 + len(wasmleb.leb(len(body)))
        if sid == 8:
            n, i = wasmleb.uleb(body, 0)
            for _ in range(n):
                end = comppack.canon_item(body, i)[0]
                if body[i] == 0x03:
                    check(end == i + 2, "a resource.drop's index over one byte")
                    out.append((start + i + 1, body[i + 1]))
                i = end
        at = start + len(body)
    return out


def test_order_check_refuses_another_type():
    """--check on rewrites that still validate: a resource.drop naming
    another resource (the same core signature; the WIT is the same), and
    an import's instance type naming another resource through its outer
    alias; both refused."""
    import comporder
    wt = wasm_tools()
    with tempfile.TemporaryDirectory() as t:
        old = open(before("comporder.py", "httpd", t), "rb").read()
        new = comporder.reorder(old)[0]
        check(comporder.check(wt, old, new, t) is None, "the real output is refused")
        drops = drop_entries(new)
        kinds = sorted({ty for _, ty in drops})
        check(len(kinds) >= 2, "fewer than two resources dropped: %s" % drops)
        at, ty = drops[0]
        bad = bytearray(new)
        bad[at] = next(k for k in kinds if k != ty)
        p = subprocess.run([wt, "validate", "--features", "all", write(os.path.join(t, "d.wasm"), bytes(bad))],
                           capture_output=True, text=True)
        check(p.returncode == 0, "the swapped drop does not validate: %s" % p.stderr)
        why = comporder.check(wt, old, bytes(bad), t)
        check(why and "after the front" in why, "another resource dropped passed: %s" % why)
        # wasi:io/streams' type aliases error (for stream-error); make it
        # alias pollable, the other resource declared before it.
        text = tool("print", path=write(os.path.join(t, "n.wasm"), new))
        err = re.search(r'\(alias export \d+ "error" \(type \(;(\d+);\)\)\)', text).group(1)
        pol = re.search(r'\(alias export \d+ "pollable" \(type \(;(\d+);\)\)\)', text).group(1)
        alias = b"\x02\x03\x02\x01" + bytes([int(err)])
        check(new.count(alias) == 1, "the outer alias of error found %d times" % new.count(alias))
        bad = new.replace(alias, alias[:-1] + bytes([int(pol)]))
        why = comporder.check(wt, old, bad, t)
        check(why and ("WIT" in why or "import" in why), "another outer alias passed: %s" % why)


def test_ordered_cat_runs():
    """The runner runs cat with its front reordered and it copies its
    input as before."""
    import comporder
    data = b"".join(b"line %d\n" % i for i in range(2000))
    with tempfile.TemporaryDirectory() as t:
        new = comporder.reorder(open(before("comporder.py", "cat", t), "rb").read())[0]
        p = run_cat(write(os.path.join(t, "cat.wasm"), new), data, t)
        check(p.returncode == 0 and p.stdout == data,
              "cat exited %d, %d bytes out: %s" % (p.returncode, len(p.stdout), p.stderr))


def test_order_refuses_damaged_input_cleanly():
    """comporder.reorder on components with a few bytes changed (fixed
    seed, at the front): a component, or a refusal it reports in one line
    (Bad, a cut-short read, a name that is not UTF-8), never another
    exception."""
    import comporder
    with tempfile.TemporaryDirectory() as t:
        seeds = [open(before("comporder.py", a, t), "rb").read() for a in ("hello", "httpd")]
    refuses_damaged_cleanly(comporder.reorder, seeds, 10, (comporder.Bad, IndexError, UnicodeDecodeError),
                            "comporder")
