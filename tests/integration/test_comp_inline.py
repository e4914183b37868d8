"""The build's type-alias step (scripts/compinline.py, after comptrim.py in
mk/apps.mk): the imports' plain type aliases (`type filesize = u64;`)
leave their instance types and their uses name the type itself; the
result validates, imports and exports the same, has the input's WIT with
those aliases inlined, is what the build ships, and runs (Wasmtime does
not match an instance's value-type exports); --check refuses a rewrite
that changes a type or drops a name the validator needs."""

import os
import re
import tempfile

from comp_lib import before, refuses_damaged_cleanly, run_cat, shipped, step, tool, wasm_tools, write
from harness import BUILD, check

EQ = re.compile(r'\(export \(;\d+;\) "([^"]+)" \(type \(eq \d+\)\)\)')


def test_inline_drops_plain_aliases_only():
    """httpd, files and cat: the `eq` exports of plain types go (instant,
    duration, filesize, ipv4-address, ...), those of records, variants,
    enums and flags stay; smaller by the names and their 4 bytes each;
    valid, the same imports and exports; the WIT differs, and only by the
    aliases inlined; the build ships it."""
    import compinline
    wt = wasm_tools()
    top = re.compile(r'^  \((?:import|export) "([^"]+)"', re.M)
    for app, gone in (("httpd", {"filesize", "instant", "duration", "ipv4-address", "ipv6-address"}),
                      ("files", {"filesize", "instant", "duration"}), ("cat", {"filesize"})):
        with tempfile.TemporaryDirectory() as t:
            pre = before("compinline.py", app, t)
            post = os.path.join(t, app + "-inline.wasm")
            step("compinline.py", pre, post)
            old, new = EQ.findall(tool("print", path=pre)), EQ.findall(tool("print", path=post))
            check(set(old) - set(new) == gone, "%s: dropped %s, not %s" % (app, set(old) - set(new), gone))
            check(sorted(new) == sorted(n for n in old if n not in gone), "%s: a name came or went twice" % app)
            check("error-code" in new and "ip-socket-address" in new if app == "httpd" else True,
                  "httpd: a named type dropped: %s" % new)
            # 0x04 0x00 len name 0x03 0x00 idx; a section's size may take
            # a byte less
            saved = sum(len(n) + 6 for n in gone)
            diff = os.path.getsize(pre) - os.path.getsize(post)
            check(saved <= diff <= saved + 1, "%s: %d bytes fewer, not %d" % (app, diff, saved))
            tool("validate", "--features", "all", path=post)
            check(top.findall(tool("print", path=post)) == top.findall(tool("print", path=pre)),
                  "%s: the imports or exports changed" % app)
            wit_old, wit_new = tool("component", "wit", path=pre), tool("component", "wit", path=post)
            check("type filesize = u64;" in wit_old and "type filesize" not in wit_new,
                  "%s: filesize not inlined in the WIT" % app)
            check(compinline.wit_inlined(wt, pre) == compinline.wit_inlined(wt, post),
                  "%s: the WIT differs beyond the inlined aliases" % app)
            built = os.path.join(BUILD, "apps", app, app + ".wasm")
            check(shipped("compinline.py", post, app, t) == open(built, "rb").read(),
                  "%s: the build does not ship compinline.py's output" % app)


def test_inline_check_refuses_another_type():
    """--check on rewrites beyond inlining: every `eq` export of the
    instance's own types dropped (an enum unnamed: invalid), and the u64
    that filesize named made an s64 (valid: the same core signature; the
    WIT says s64)."""
    import comptrim
    import compinline
    wt = wasm_tools()
    with tempfile.TemporaryDirectory() as t:
        data = open(before("compinline.py", "todo", t), "rb").read()
        good, dropped = compinline.inline(data)
        check(dropped and compinline.check(wt, data, good, t) is None,
              "the real rewrite is refused: %s" % compinline.check(wt, data, good, t))
        bad, dropped = comptrim.trim(data, lambda nm, ty, outer, keep: not outer and nm not in keep)
        check(any("error-code" in d for d in dropped.values()), "no enum dropped")
        why = compinline.check(wt, data, bad, t)
        check(why and "not validate" in why, "an unnamed enum passed: %s" % why)
        u64 = b"\x01\x77\x01\x6e\x01\x0esymlink-follow"  # filesize's u64, then path-flags
        check(good.count(u64) == 1, "filesize's u64 found %d times" % good.count(u64))
        bad = good.replace(u64, b"\x01\x78" + u64[2:])
        why = compinline.check(wt, data, bad, t)
        check(why and "WIT" in why, "an s64 for a u64 passed: %s" % why)


def test_inlined_cat_runs():
    """The runner links cat without its filesize export (Wasmtime skips an
    instance's value-type exports) and it copies its input as before."""
    import compinline
    data = b"".join(b"line %d\n" % i for i in range(2000))
    with tempfile.TemporaryDirectory() as t:
        new, dropped = compinline.inline(open(before("compinline.py", "cat", t), "rb").read())
        check(any("filesize" in d for d in dropped.values()), "cat's filesize not dropped: %s" % dropped)
        p = run_cat(write(os.path.join(t, "cat.wasm"), new), data, t)
        check(p.returncode == 0 and p.stdout == data,
              "cat exited %d, %d bytes out: %s" % (p.returncode, len(p.stdout), p.stderr))


def test_inline_refuses_damaged_input_cleanly():
    """compinline.inline on components with a few bytes changed (fixed
    seed, at the front): a component, or a refusal it reports in one line,
    never another exception."""
    import compinline
    seeds = [open(os.path.join(BUILD, "apps", a, a + ".wasm"), "rb").read() for a in ("hello", "httpd")]
    refuses_damaged_cleanly(lambda b: compinline.inline(b), seeds, 11,
                            (compinline.Bad, IndexError, UnicodeDecodeError), "compinline")
