"""The build's core-name, packing and trim steps (scripts/app-slim.py, comptrim.py,
scripts/comppack.py, mk/apps.mk): an app's component has short core-level
names (the main module's, the shim's and the fixup module's), a wrapper in
fewer sections, no default canonical options and no nested component for
the `run` export; the same component imports and exports as before (what the
runtime and the audit match), the same WIT, and it still validates (the app
tests run every app built this way). Input it cannot read is copied, not
guessed at; a rewrite whose result does not validate fails the build."""

import collections
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

from comp_lib import (SCRIPTS, dropped_resources, refuses_damaged_cleanly, shipped, validate,
                      wasm_tools, wat, wit, write)
from harness import BUILD, check


def slim_module():
    sys.path.insert(0, SCRIPTS)
    spec = importlib.util.spec_from_file_location("app_slim", os.path.join(SCRIPTS, "app-slim.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def strip_wasm(app):
    return os.path.join(BUILD, "wasm", "app", app, "strip.wasm")


def definitions(text):
    """A component's text lines, sorted: the same when only the order of
    its definitions changed (each line carries its own index and the
    indices it names); the default string encoding, which the regrouping
    drops, is not counted."""
    return sorted(ln.strip().replace(" string-encoding=utf8", "") for ln in text.splitlines())


def type_aliases(text):
    return sum(1 for ln in text.splitlines()
               if ln.strip().startswith("(alias export") and "(type" in ln)


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
        check({m for m, _ in imports} == {b"0", b"1"},  # functions, and the shim's memory
              "the imports' instances not merged into one: %s" % sorted({m for m, _ in imports}))
        # The shim and fixup modules wit-component adds for lowerings that
        # need the memory ("actual", "shim", "$imports") are renamed too.
        for body in [body for sid, body in secs if sid == 1][1:]:
            names = slim.module_imports(body) + [(e, b"") for e in slim.module_exports(body)]
            check(all(len(m) <= 2 and len(f) <= 2 for m, f in names),
                  "an adapter module keeps long names: %s" % names)
        exports = slim.module_exports(main)
        check(exports and all(len(e) <= 2 for e in exports), "core exports not renamed: %s" % exports)
        check(b"[method]output-stream.blocking-write-and-flush" in open(before, "rb").read(),
              "the input has no long core names to rename")
        check(len(data) < os.path.getsize(before), "no smaller: %d" % len(data))
        validate(after)
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



def test_merged_arguments_keep_the_interface():
    """merge_args alone (after the names step): one instance of exports for
    the main module's imports instead of one per interface; valid, the
    same WIT, and each import still gets the function it got before."""
    slim = slim_module()
    for app in ("hello", "clock", "httpd"):
        named = slim.slim(open(strip_wasm(app), "rb").read())
        merged = slim.merge_args(named)
        with tempfile.TemporaryDirectory() as t:
            same_interface(t, app, named, merged)
            check(lowered_imports(slim, merged) == lowered_imports(slim, named),
                  "%s: an import is satisfied by another function" % app)


def same_interface(t, app, before, after):
    """Writes both into t; after must validate, have before's WIT and be
    smaller. The two paths."""
    paths = [os.path.join(t, "before.wasm"), os.path.join(t, "after.wasm")]
    write(paths[0], before)
    write(paths[1], after)
    validate(paths[1])
    check(wit(paths[1]) == wit(paths[0]), "%s: the WIT changed" % app)
    check(len(after) < len(before), "%s: no smaller" % app)
    return paths


def lowered_imports(slim, data):
    """The main module's imports in order, each as the text of the core
    function that satisfies it (index-free where it can be)."""
    tmp = tempfile.NamedTemporaryFile(suffix=".wasm", delete=False)
    tmp.write(data)
    tmp.close()
    text = wat(tmp.name)
    os.unlink(tmp.name)
    funcs = {}
    for idx, what in re.findall(r"\(core func \(;(\d+);\) (.*)\)$", text, re.M):
        funcs[idx] = what
    for inst, nm, idx in re.findall(r'\(alias core export (\d+) "([^"]+)" \(core func \(;(\d+);\)\)\)', text):
        funcs[idx] = "export %s of core instance %s" % (nm, inst)
    insts, cur = {}, None
    for ln in text.splitlines():
        m = re.match(r"\s*\(core instance \(;(\d+);\)$", ln)
        if m:
            cur = insts.setdefault(m.group(1), {})
            continue
        m = re.match(r'\s*\(export "([^"]+)" \(func (\d+)\)\)', ln)
        if m and cur is not None:
            cur[m.group(1)] = funcs.get(m.group(2), "?")
        elif not m:
            cur = None
    main = next(body for sid, body in slim.sections(data, 8) if sid == 1)
    inst0 = re.search(r"\(core instance \(;\d+;\) \(instantiate 0\n((?:\s*\(with .*\n)+)", text).group(1)
    args = dict(re.findall(r'\(with "([^"]+)" \(instance (\d+)\)\)', inst0))
    return [insts[args[m.decode()]][f.decode()] for m, f in slim.module_imports(main)]


def test_pack_keeps_every_definition():
    """Each rewrite of scripts/comppack.py on its own, on apps with and
    without files and sockets: valid, the same WIT, smaller; the regrouping
    keeps every definition with its index and what it names."""
    slim_module()
    import comppack
    import comptypes
    for app in ("hello", "clock", "hexview", "httpd"):
        before = strip_wasm(app)
        data = open(before, "rb").read()
        secs = comppack.sections(data, 8)
        with tempfile.TemporaryDirectory() as t:
            grouped = os.path.join(t, "grouped.wasm")
            write(grouped, comppack.join(data[:8], comppack.pack_sections(secs)))
            validate(grouped)
            check(wit(grouped) == wit(before), "%s: regrouping changed the WIT" % app)
            check(len(comppack.sections(open(grouped, "rb").read(), 8)) < len(secs),
                  "%s: no fewer sections" % app)
            check(definitions(wat(grouped)) == definitions(wat(before)),
                  "%s: regrouping changed a definition or an index" % app)
            inlined = os.path.join(t, "inlined.wasm")
            check(any(sid == 4 for sid, _ in secs), "%s: no nested component to inline" % app)
            write(inlined, comppack.join(data[:8], comppack.inline_export(secs)))
            validate(inlined)
            check(wit(inlined) == wit(before), "%s: inlining the export changed the WIT" % app)
            check(not any(sid == 4 for sid, _ in comppack.sections(open(inlined, "rb").read(), 8)),
                  "%s: the nested component is still there" % app)
            deduped = os.path.join(t, "deduped.wasm")
            write(deduped, comppack.join(data[:8], comptypes.dedupe(comppack.inline_export(secs))))
            validate(deduped)
            check(wit(deduped) == wit(before), "%s: one alias per type changed the WIT" % app)
            check(type_aliases(wat(deduped)) < type_aliases(wat(before)),
                  "%s: no repeated type alias dropped" % app)
            repeats = [a for a, n in collections.Counter(re.findall(
                r'\(alias export (\d+ "[^"]+") \(type', wat(deduped))).items() if n > 1]
            check(not repeats, "%s: a type aliased twice: %s" % (app, repeats))
            check(dropped_resources(wat(deduped)) == dropped_resources(wat(before)),
                  "%s: a resource.drop drops another type: %s" % (app, dropped_resources(wat(deduped))))
            packed = os.path.join(t, "packed.wasm")
            write(packed, comppack.pack(data))
            validate(packed)
            check(wit(packed) == wit(before), "%s: packing changed the WIT" % app)
            check(os.path.getsize(packed) < len(data), "%s: no smaller" % app)
            if app in ("hexview", "httpd"):
                check("string-encoding=utf8" in wat(before), "%s: no utf8 option to drop" % app)
            check("string-encoding=utf8" not in wat(packed), "%s: the default option kept" % app)


def test_pack_refuses_what_it_does_not_know():
    """A canonical function of a kind the packer does not know: the packing
    step is skipped with a word on stderr, the names are still shortened."""
    slim = slim_module()
    import comppack
    data = open(strip_wasm("clock"), "rb").read()
    secs = comppack.sections(data, 8)
    k = next(k for k, (sid, _) in enumerate(secs) if sid == 8)
    body = secs[k][1]
    secs[k] = (8, body[:1] + b"\x7f" + body[2:])  # the first entry's kind
    odd = comppack.join(data[:8], secs)
    try:
        comppack.pack(odd)
        check(False, "an unknown canonical function was packed")
    except comppack.Bad as e:
        check("canonical function kind 127" in str(e), "wrong reason: %s" % e)
    with tempfile.TemporaryDirectory() as t:
        src, dst = os.path.join(t, "in"), os.path.join(t, "out")
        write(src, odd)
        p = subprocess.run([sys.executable, os.path.join(SCRIPTS, "app-slim.py"), src, dst],
                           capture_output=True, text=True)
        check(p.returncode == 0, "exit %d: %s" % (p.returncode, p.stderr))
        check("packing" in p.stderr and "copied unchanged" in p.stderr, "no word: %r" % p.stderr)
        check(open(dst, "rb").read() == slim.merge_args(slim.slim(odd)), "not the names steps' output")


def test_one_alias_per_type_refuses_what_it_does_not_know():
    """After a dropped alias, a type or section the renumbering does not
    know is refused, not copied with stale indices."""
    slim_module()
    import comptypes
    from wasmleb import Bad
    # a component type, bad results, an instance type with a core type, an
    # instance type's alias of a type two components out
    for odd in (b"\x41\x00", b"\x40\x00\x02", b"\x42\x01\x00\x50\x00", b"\x42\x01\x02\x03\x02\x02\x00"):
        try:
            comptypes.deftype(odd, 0, lambda t: t)
            check(False, "%r was rewritten" % odd)
        except Bad:
            pass
    secs = [(6, b"\x02\x03\x00\x00\x01e\x03\x00\x00\x01e"), (4, b"\x00asm")]
    try:
        comptypes.dedupe(secs)
        check(False, "a nested component after a dropped alias was kept")
    except Bad as e:
        check("section 4" in str(e), "wrong reason: %s" % e)
    check(comptypes.dedupe(secs[:1]) == [(6, b"\x01\x03\x00\x00\x01e")], "the repeat kept")
    check(comptypes.deftype(b"\x69\x05", 0, lambda t: t - 1) == (b"\x69\x04", 2), "own not renumbered")
    # an instance type: its alias of the component's type 5 renumbered, its
    # own types (an own of its type 0) and export (of its type 1) not
    inst = b"\x42\x03\x02\x03\x02\x01\x05\x01\x69\x00\x04\x00\x01e\x03\x00\x01"
    check(comptypes.deftype(inst, 0, lambda t: t - 1) ==
          (b"\x42\x03\x02\x03\x02\x01\x04\x01\x69\x00\x04\x00\x01e\x03\x00\x01", len(inst)),
          "instance type not renumbered as it should")
    check(comptypes.deftype(b"\x70\xc0\x00", 0, lambda t: t - 1) == (b"\x70\x3f", 3),
          "a list of type 64 not renumbered as signed LEB128")


def test_check_fails_a_broken_rewrite():
    """--check: a rewrite whose result does not validate stops the build
    with the reason (here the packer is made to drop the last section)."""
    slim = slim_module()
    import comppack
    real = comppack.pack
    comppack.pack = lambda data: real(data)[:-3]
    saved = sys.argv
    with tempfile.TemporaryDirectory() as t:
        sys.argv = ["app-slim.py", "--check", wasm_tools(), strip_wasm("hello"), os.path.join(t, "o")]
        try:
            slim.main()
            check(False, "a broken rewrite was accepted")
        except SystemExit as e:
            check("not valid" in str(e) and "hello" in str(e), "no reason: %s" % e)
            check(not os.path.exists(os.path.join(t, "o")), "an output was written")
        finally:
            sys.argv = saved
            comppack.pack = real


def test_debug_names_keep_their_indices():
    """A component that keeps its "component-name" section (a DEBUG build,
    here the unstripped component) gets only the renaming step, which moves
    no index: the names still name what they named."""
    slim = slim_module()
    full = os.path.join(BUILD, "wasm", "app", "clock", "full.wasm")
    data = open(full, "rb").read()
    check(slim.has_index_names(data), "the unstripped component has no component-name section")
    check(not slim.has_index_names(open(strip_wasm("clock"), "rb").read()), "strip kept the names")
    with tempfile.TemporaryDirectory() as t:
        out = os.path.join(t, "clock.wasm")
        subprocess.run([sys.executable, os.path.join(SCRIPTS, "app-slim.py"), "--check", wasm_tools(),
                        full, out], check=True)
        check(open(out, "rb").read() == slim.slim(data), "more than the renaming step ran")


def what_imports_call(path):
    """The main module's imports in order, each as the component function
    it ends in ("instance/name", with the options of its lowering but not
    their indices, and the main instance's export its allocator ends in, or
    "drop instance/name"), through the shim's table and the fixup module
    where there is one: from the printed component only."""
    text = wat(path)
    modtext, top, cur = {}, [], None
    for ln in text.splitlines():
        m = re.match(r"  \(core module \(;(\d+);\)", ln)
        if m:
            cur = modtext.setdefault(m.group(1), [])
        elif cur is not None and ln == "  )":
            cur = None
        elif cur is not None:
            cur.append(ln)
        else:
            top.append(ln)
    modtext = {k: "\n".join(v) for k, v in modtext.items()}
    body = "\n".join(top)
    cf = {i: "%s/%s" % (inst, nm) for inst, nm, i in
          re.findall(r'\(alias export (\d+) "([^"]+)" \(func \(;(\d+);\)\)\)', text)}
    types = {t: "%s/%s" % (inst, nm) for inst, nm, t in
             re.findall(r'\(alias export (\d+) "([^"]+)" \(type \(;(\d+);\)\)\)', text)}
    core, realloc = {}, {}
    for i, f, opts in re.findall(r"\(core func \(;(\d+);\) \(canon lower \(func (\d+)\)(.*)\)\)", body):
        core[i] = cf[f] + re.sub(r"\d+", "", opts).replace(" string-encoding=utf8", "")
        m = re.search(r"\(realloc (\d+)\)", opts)
        if m:
            realloc[i] = m.group(1)
    for i, t in re.findall(r"\(core func \(;(\d+);\) \(canon resource\.drop (\d+)\)\)", body):
        core[i] = "drop " + types[t]
    for inst, nm, i in re.findall(r'\(alias core export (\d+) "([^"]+)" \(core func \(;(\d+);\)\)\)', body):
        core[i] = ("export", inst, nm)
    insts, cur = {}, None
    for ln in body.splitlines():
        m = re.match(r"\s*\(core instance \(;(\d+);\)( \(instantiate (\d+))?", ln)
        if m:
            cur = insts.setdefault(m.group(1), {"module": m.group(3), "args": {}, "exports": {}})
            continue
        m = re.match(r'\s*\(export "([^"]+)" \(func (\d+)\)\)', ln)
        if m and cur is not None:
            cur["exports"][m.group(1)] = m.group(2)
        m = re.match(r'\s*\(with "([^"]+)" \(instance (\d+)\)\)', ln)
        if m and cur is not None:
            cur["args"][m.group(1)] = m.group(2)
    by_module = {v["module"]: v for v in insts.values() if v["module"] is not None}

    def resolve(f):
        x = core[f]
        if not isinstance(x, tuple):
            if f in realloc:  # the allocator: the main instance's export it ends in
                x += " realloc=" + resolve(realloc[f])
            return x
        _, inst, nm = x  # an export of the shim: its table slot, filled by the fixup
        if insts[inst]["module"] == "0":
            return "main's " + nm
        shim = modtext[insts[inst]["module"]]
        j = re.search(r'\(export "%s" \(func (\d+)\)\)' % re.escape(nm), shim).group(1)
        fn = re.split(r"\(func \(;%s;\)" % j, shim)[1]
        slot = int(re.search(r"i32\.const (\d+)", fn).group(1))
        fixup = modtext["2"]
        elem = re.search(r"\(elem .*\(i32\.const 0\) func ([\d ]+)\)", fixup).group(1).split()
        field = re.findall(r'\(import "0" "([^"]+)" \(func \(;(\d+);\)', fixup)
        field = dict((i, fld) for fld, i in field)[elem[slot]]
        actual = insts[by_module["2"]["args"]["0"]]
        if actual["module"] == "0":  # the fixup imports straight from the main instance
            return "main's " + field
        return resolve(actual["exports"][field])

    main = modtext["0"]
    imports = re.findall(r'\(import "([^"]+)" "([^"]+)" \(func', main)
    args = by_module["0"]["args"]
    return [resolve(insts[args[m]]["exports"][fld]) for m, fld in imports]


def test_direct_lowerings_call_the_same_functions():
    """compmem alone (after the names and merging steps): the main module
    imports its memory from the shim module, no stand-in is left for a
    lowering that needs only the memory (nor, with two or more needing the
    allocator, for any: their allocator is the shim's trampoline), and
    every import of the main module still ends in the same component
    function with the same options and the same allocator; valid, the same
    WIT, smaller."""
    slim = slim_module()
    import compmem
    for app in ("hello", "clock", "hexview", "httpd"):
        merged = slim.merge_args(slim.slim(open(strip_wasm(app), "rb").read()))
        direct = compmem.direct(merged)
        with tempfile.TemporaryDirectory() as t:
            paths = same_interface(t, app, merged, direct)
            before, after = what_imports_call(paths[0]), what_imports_call(paths[1])
            check(before == after, "%s: imports call other functions:\n%s\n%s" % (app, before, after))
            check(all("realloc=main's" in f for f in after if "(realloc" in f),
                  "%s: an allocator that is not the main instance's: %s" % (app, after))
            text = wat(paths[1])
            check(re.search(r'\(import "1" "[^"]+" \(memory', text), "%s: the memory is not imported" % app)
            late = text.split("(instantiate 0")[1]
            check(not re.search(r"\(canon lower \(func \d+\) \(memory 0\)( string-encoding=utf8)?\)\)", late),
                  "%s: a lowering that needs only the memory still goes through the table" % app)
            if sum("realloc=" in f for f in before) > 1:  # two or more lowerings with the allocator
                check(not re.search(r"\(canon lower", late), "%s: a lowering made after the main instance" % app)
                check(any("realloc=main's" in f for f in after), "%s: no allocator traced" % app)


def test_direct_lowerings_refuse_another_shape():
    """Not the shape wit-component writes (here the fixup module's element
    segment names its functions in another order): refused, not guessed."""
    slim_module()
    import compmem
    from wasmleb import Bad
    fix = compmem.new_fixup([b"\x60\x01\x7f\x00", b"\x60\x01\x7f\x00"])
    check(compmem.fixup_slots(fix) == {0: b"0", 1: b"1"}, "the fixup module written is not read back")
    odd = fix.replace(b"\x02\x00\x01", b"\x02\x01\x00")  # elem: func 1 0
    check(odd != fix, "the element segment was not found")
    try:
        compmem.fixup_slots(odd)
        check(False, "an element segment in another order was read")
    except Bad as e:
        check("elem" in str(e), "wrong reason: %s" % e)


def test_every_step_refuses_damaged_input_cleanly():
    """Components with a few bytes changed (fixed seed, mostly in the
    wrapper): each step returns a component or refuses with Bad (or an
    index/key error, which app-slim.py also reports as unreadable input),
    never another exception, which would stop the build with a traceback."""
    import random
    slim = slim_module()
    import comppack
    import compmem
    rnd = random.Random(15)
    seeds = [open(strip_wasm(a), "rb").read() for a in ("hello", "clock", "httpd")]
    seeds += [slim.merge_args(slim.slim(s)) for s in seeds]
    steps = (slim.slim, slim.merge_args, compmem.direct, comppack.pack)
    for _ in range(400):
        d = bytearray(rnd.choice(seeds))
        for _ in range(rnd.randint(1, 4)):
            d[rnd.randrange(0 if rnd.random() < 0.2 else len(d) - 900, len(d))] = rnd.randrange(256)
        for step in steps:
            try:
                step(bytes(d))
            except (slim.Bad, IndexError, KeyError):
                pass
            except Exception as e:  # noqa: BLE001 - what this test is about
                check(False, "%s on damaged input: %r" % (step.__name__, e))


def test_trim_drops_unused_type_exports():
    """scripts/comptrim.py (the step after app-slim.py): the `eq` exports of
    outer aliases that nothing aliases by name leave the imported instance
    types; the result is smaller, validates, imports and exports the same,
    is what the build ships, and runs as before. Dropping a type the
    instance defines itself (an enum, a record) is caught by --check."""
    slim_module()
    import comptrim
    wt = wasm_tools()
    top = re.compile(r'^  \((?:import|export) "([^"]+)"', re.M)
    for app in ("cat", "httpd"):
        with tempfile.TemporaryDirectory() as t:
            pre, post = os.path.join(t, "pre.wasm"), os.path.join(t, "post.wasm")
            subprocess.run([sys.executable, os.path.join(SCRIPTS, "app-slim.py"), "--check", wt,
                            strip_wasm(app), pre], check=True)
            subprocess.run([sys.executable, os.path.join(SCRIPTS, "comptrim.py"), "--check", wt,
                            pre, post], check=True)
            check(os.path.getsize(post) < os.path.getsize(pre),
                  "%s: no smaller: %d" % (app, os.path.getsize(post)))
            validate(post)
            check(top.findall(wat(post)) == top.findall(wat(pre)),
                  "%s: the imports or exports changed" % app)
            eq = re.compile(r'\(export \(;\d+;\) "[^"]+" \(type \(eq \d+\)\)\)')
            check(len(eq.findall(wat(post))) < len(eq.findall(wat(pre))),
                  "%s: no type export dropped" % app)
            # What the build ships is this step's output (then the later
            # steps', comp_lib.STEPS, and the marks).
            built = os.path.join(BUILD, "apps", app, app + ".wasm")
            check(shipped("comptrim.py", post, app, t) == open(built, "rb").read(),
                  "%s: the build does not ship comptrim.py's output" % app)
            # A rewrite that also drops the instances' own types is refused.
            data = open(pre, "rb").read()
            broken, dropped = comptrim.trim(data, lambda nm, ty, outer, keep: nm not in keep)
            check(any("error-code" in d for d in dropped.values()), "%s: no local type dropped" % app)
            why = comptrim.check(wt, data, broken, t)
            check(why and "not validate" in why, "%s: a broken trim passed: %s" % (app, why))
            if app == "httpd":
                # A local u64 (`duration`) can go and still validate; the
                # WIT then says u64 where it said duration.
                broken, dropped = comptrim.trim(
                    data, lambda nm, ty, outer, keep: (outer and nm not in keep) or nm == "duration")
                check(any("duration" in d for d in dropped.values()), "httpd: no duration dropped")
                why = comptrim.check(wt, data, broken, t)
                check(why and "WIT" in why, "httpd: a valid but wrong trim passed: %s" % why)
    # The trimmed cat copies its input, as the untrimmed one does.
    runner = os.path.join(BUILD, "vyoma-run")
    data = b"".join(b"line %d\n" % i for i in range(2000))
    outs = []
    with tempfile.TemporaryDirectory() as t:
        for step in ("pre", "post"):
            d = os.path.join(t, step, "cat")  # the runner wants the app's name
            os.makedirs(os.path.join(d, "data"))
            subprocess.run(["cp", os.path.join(BUILD, "apps", "cat", "vyoma.toml"), d], check=True)
            pre = os.path.join(t, "cat-pre.wasm")
            if step == "pre":
                subprocess.run([sys.executable, os.path.join(SCRIPTS, "app-slim.py"), "--check", wt,
                                strip_wasm("cat"), pre], check=True)
                subprocess.run(["cp", pre, os.path.join(d, "cat.wasm")], check=True)
            else:
                subprocess.run([sys.executable, os.path.join(SCRIPTS, "comptrim.py"), "--check", wt,
                                pre, os.path.join(d, "cat.wasm")], check=True)
            p = subprocess.run([runner, "--app", d, "--data", os.path.join(d, "data"), "--", "cat"],
                               input=data, capture_output=True, timeout=60)
            check(p.returncode == 0, "%s cat exited %d: %s" % (step, p.returncode, p.stderr))
            outs.append(p.stdout)
    check(outs[0] == data and outs[1] == data, "the trimmed cat's output differs")


def test_trim_refuses_damaged_input_cleanly():
    """comptrim.py on components with a few bytes changed (fixed seed, in
    the import types at the front): a component, or a refusal that
    comptrim.py reports in one line (Bad, a cut-short read, a name that is
    not UTF-8), never another exception."""
    slim_module()
    import comptrim
    seeds = [open(os.path.join(BUILD, "apps", a, a + ".wasm"), "rb").read() for a in ("hello", "httpd")]
    refuses_damaged_cleanly(comptrim.trim, seeds, 8, (comptrim.Bad, IndexError, UnicodeDecodeError),
                            "comptrim")
