#!/usr/bin/env python3
"""app-slim.py [--check WASM_TOOLS] IN OUT: shorter core-level names and a
leaner wrapper in an app's component (mk/apps.mk, after the strip step,
before app-marks.py).

`wasm-tools component new` names the core module's imports after the WIT
they lower ("wasi:io/streams@0.2.12", "[method]output-stream.blocking-
write-and-flush") and spells each name again in the core instance that
satisfies it: about 600 bytes of a 10 KB app. Those core-level names are
private to the component (only the component's own imports and exports,
which this leaves alone, are what the runtime and the audit match), so any
names that pair up the same way will do. This gives every core module's
import modules the names "0", "1", ... (the `with` arguments of its
instantiation follow) and, where an import module is satisfied by a core
instance made of exports that nothing else uses, its fields "0", "1", ...
(that instance's export names follow), and its exports "0", "1", ... (the
component's aliases of them, and the fields of the imports they satisfy,
follow): the main module, and the shim and fixup modules wit-component
adds for lowerings that need the memory. Then (merge_args) the main
module's imports come from one such instance instead of one per WASI
interface, scripts/compmem.py makes the lowerings that need only the
memory before the main instance (the shim module holds the memory), and
scripts/comppack.py re-encodes the wrapper (see each).
Each step's output depends only on its input; a step that cannot read its
input says so and passes it on unchanged. --check: the result must pass
`wasm-tools validate` and have the input's WIT, or this fails (a bug in a
rewrite, not in the app) and writes nothing.

Grammar (component-model Binary.md): component sections are id:u8 size:u32
body; a core module section (1) holds a whole module; a core instance
section (2) is vec(0x00 module:u32 vec(name 0x12 instance:u32) | 0x01
vec(name sort:u8 idx:u32)); a core import section (2, inside a module) is
vec(module-name field-name desc), a core export section (7) vec(name
kind:u8 idx:u32); an alias section (6) is vec(sort target), sort 0x00
core-sort:u8 or one byte, target 0x00 instance:u32 name (a component
instance's export), 0x01 instance:u32 name (a core instance's) or 0x02
u32 u32 (outer). Anything unexpected: the input is copied
unchanged, never guessed at."""
import os
import subprocess
import sys
import tempfile

import compmem
import comppack
from comppack import enc_instances, enc_name, parse_instances
from wasmleb import Bad, leb, sections, uleb


def name(b, i):
    n, i = uleb(b, i)
    if i + n > len(b):
        raise Bad("truncated name")
    return b[i:i + n], i + n


def limits(b, i):
    flags = b[i]
    _, i = uleb(b, i + 1)
    if flags & 1:
        _, i = uleb(b, i)
    return i


def import_desc(b, i):
    """The end of one core import's description."""
    kind = b[i]
    i += 1
    if kind == 0:
        return uleb(b, i)[1]
    if kind == 1:
        return limits(b, i + 1)
    if kind == 2:
        return limits(b, i)
    if kind == 3:
        return i + 2
    raise Bad("import kind %d" % kind)


DIGITS = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def short(k):
    """The k-th short name: "0".."9", "a".."z", "A".."Z", then "10", ..."""
    if k < len(DIGITS):
        return DIGITS[k:k + 1]
    out = b""
    while k:
        k, d = divmod(k, len(DIGITS))
        out = DIGITS[d:d + 1] + out
    return out


def module_names(mod, want):
    """A core module's imports [(module, field)] (want 2) or exports
    [(name, b"")] (want 7), in order."""
    for sid, body in sections(mod, 8):
        if sid == want:
            n, i = uleb(body, 0)
            got = []
            for _ in range(n):
                m, i = name(body, i)
                if want == 2:
                    f, i = name(body, i)
                    i = import_desc(body, i)
                else:
                    f, i = b"", uleb(body, i + 1)[1]
                got.append((m, f))
            return got
    return []


def module_imports(mod):
    return module_names(mod, 2)


def module_exports(mod):
    return [nm for nm, _ in module_names(mod, 7)]


def slim_module(mod, renames, exports):
    """The module with its imports renamed (renames[module] = (new module
    name, {field: new field} or None to keep the fields)) and its exports
    (exports[name] = new name)."""
    out = bytearray(mod[:8])
    for sid, body in sections(mod, 8):
        if sid == 7:
            n, i = uleb(body, 0)
            new = bytearray(leb(n))
            for _ in range(n):
                nm, i = name(body, i)
                _, end = uleb(body, i + 1)
                new += enc_name(exports[nm]) + body[i:end]
                i = end
            if i != len(body):
                raise Bad("export section size")
            body = bytes(new)
        if sid == 2:
            n, i = uleb(body, 0)
            new = bytearray(leb(n))
            for _ in range(n):
                m, i = name(body, i)
                f, i = name(body, i)
                end = import_desc(body, i)
                nm, fields = renames[m]
                new += enc_name(nm) + enc_name(fields[f] if fields else f) + body[i:end]
                i = end
            if i != len(body):
                raise Bad("import section size")
            body = bytes(new)
        out += bytes([sid]) + leb(len(body)) + body
    return bytes(out)


def walk_aliases(body, rename=None, renumber=None):
    """An alias section: [(core instance, its export's name)] for the
    aliases of core instances' exports, and the section with those names
    given by rename[instance][name] (when rename names the instance) and
    the instance numbered renumber(instance); every other alias copied."""
    n, i = uleb(body, 0)
    out, targets = bytearray(leb(n)), []
    for _ in range(n):
        start = i
        sort = body[i]
        if sort == 0 and body[i + 1] == 0x12:
            raise Bad("an alias defines a core instance")
        i += 2 if sort == 0 else 1
        target = body[i]
        if target == 2:  # outer: two indices
            _, i = uleb(body, i + 1)
            _, i = uleb(body, i)
            out += body[start:i]
            continue
        if target not in (0, 1):
            raise Bad("alias target %d" % target)
        tpos = i
        idx, j = uleb(body, i + 1)
        nm, i = name(body, j)
        if target == 1:
            targets.append(idx)
            if rename and idx in rename:
                nm = rename[idx][nm]
            if renumber:
                out += body[start:tpos + 1] + leb(renumber(idx)) + enc_name(nm)
                continue
        out += body[start:j] + enc_name(nm)
    if i != len(body):
        raise Bad("alias section size")
    return targets, bytes(out)


def alias_targets(body):
    return walk_aliases(body)[0]


def slim_aliases(body, rename):
    return walk_aliases(body, rename)[1]


def slim(data):
    if data[:8] != b"\x00asm\x0d\x00\x01\x00":
        raise Bad("not a component")
    secs = sections(data, 8)
    mods = [body for sid, body in secs if sid == 1]
    if not mods:
        raise Bad("no core module")
    # Every core instance, numbered in order, and how often each is named
    # (an instantiation's argument or an alias's target).
    inst = []
    for sid, body in secs:
        if sid == 2:
            inst.extend(parse_instances(body))
    uses = {}
    for e in inst:
        if e[0] == "inst":
            for _, idx in e[2]:
                uses[idx] = uses.get(idx, 0) + 1
    for sid, body in secs:
        if sid == 6:
            for idx in alias_targets(body):
                uses[idx] = uses.get(idx, 0) + 2
    # Each module instantiated once: its exports become "0", "1", ...
    of_mod = {}
    for k, e in enumerate(inst):
        if e[0] == "inst":
            if e[1] in of_mod or e[1] >= len(mods):
                raise Bad("module %d instantiated twice" % e[1])
            of_mod[e[1]] = k
    if set(of_mod) != set(range(len(mods))):
        raise Bad("a module not instantiated")
    exp = {}  # module -> {export: new name}
    inst_exp = {}  # core instance -> {export: new name}
    for m, body in enumerate(mods):
        exp[m] = {nm: short(k) for k, nm in enumerate(module_exports(body))}
        inst_exp[of_mod[m]] = exp[m]
    # Each instantiation's arguments "0", "1", ..., and the fields of the
    # imports they satisfy: the export's new name for a module's instance;
    # "0", "1", ... for an instance of exports named nowhere else (its
    # export names follow); unchanged otherwise.
    renames, args_new = {}, {}
    for m, body in enumerate(mods):
        imports = module_imports(body)
        args = dict(inst[of_mod[m]][2])
        modnames = []
        for mm, _ in imports:
            if mm not in modnames:
                modnames.append(mm)
        if set(modnames) != set(args):
            raise Bad("instantiation arguments do not match the imports")
        renames[m] = {}
        for k, mm in enumerate(modnames):
            idx = args[mm]
            if idx in inst_exp:
                fields = inst_exp[idx]
            elif idx < len(inst) and inst[idx][0] == "exp" and uses.get(idx) == 1:
                fields = {}
                for f in [f for n, f in imports if n == mm]:
                    fields.setdefault(f, short(len(fields)))
                if not set(fields) <= {nm for nm, _, _ in inst[idx][1]}:
                    raise Bad("an import has no export")
                for nm, _, _ in inst[idx][1]:  # exports nothing imports
                    fields.setdefault(nm, short(len(fields)))
                inst_exp[idx] = fields
            else:
                fields = None
            renames[m][mm] = (short(k), fields)
        args_new[of_mod[m]] = {mm: short(k) for k, mm in enumerate(modnames)}
    # Rewrite: the modules, the aliases of their exports, the instances.
    out = bytearray(data[:8])
    n = m = 0
    for sid, body in secs:
        if sid == 1:
            body = slim_module(body, renames[m], exp[m])
            m += 1
        elif sid == 6:
            body = slim_aliases(body, inst_exp)
        elif sid == 2:
            new = []
            for e in parse_instances(body):
                if e[0] == "inst":
                    e = ("inst", e[1], [(args_new[n][nm], idx) for nm, idx in e[2]])
                elif n in inst_exp:
                    fm = inst_exp[n]
                    e = ("exp", [(fm[nm], s, i) for nm, s, i in e[1]])
                new.append(e)
                n += 1
            body = enc_instances(new)
        out += bytes([sid]) + leb(len(body)) + body
    return bytes(out)


def merge_args(data):
    """The component with each instantiation's arguments that are instances
    of exports named nowhere else (one per WASI interface the module
    imports) merged into one: the last of them holds all the exports, named
    "0", "1", ... in the order of the module's imports, the others are
    dropped and the core instances after them renumbered. Each argument
    costs its name, the instance its own entry."""
    secs = sections(data, 8)
    mods = [body for sid, body in secs if sid == 1]
    inst, uses = [], {}
    for sid, body in secs:
        if sid == 2:
            inst.extend(parse_instances(body))
        if sid == 6:
            for idx in alias_targets(body):
                uses[idx] = uses.get(idx, 0) + 2
    for e in inst:
        if e[0] == "inst":
            for _, idx in e[2]:
                uses[idx] = uses.get(idx, 0) + 1
    removed, merged, newargs, renames = set(), {}, {}, {}
    for k, e in enumerate(inst):
        if e[0] != "inst":
            continue
        group = {nm: idx for nm, idx in e[2] if inst[idx][0] == "exp" and uses.get(idx) == 1}
        if len(group) < 2:
            continue
        if e[1] >= len(mods) or e[1] in renames:
            raise Bad("module %d instantiated twice" % e[1])
        last = max(group.values())
        gname = next(nm for nm, _ in e[2] if nm in group)
        fields = {}
        for nm, f in module_imports(mods[e[1]]):
            if nm in group:
                fields.setdefault((nm, f), short(len(fields)))
        exports = []
        for nm, idx in sorted(group.items(), key=lambda g: g[1]):
            for x, sort, fi in inst[idx][1]:
                exports.append((fields.setdefault((nm, x), short(len(fields))), sort, fi))
        if len(fields) != len(exports):
            raise Bad("an import has no export")
        merged[last] = ("exp", exports)
        removed |= set(group.values()) - {last}
        newargs[k] = [(gname if nm in group else nm, idx) for nm, idx in e[2]
                      if nm not in group or idx == last]
        renames[e[1]] = {nm: (gname, {f: fields[(nm, f)] for (n, f) in fields if n == nm})
                         for nm in group}
    if not removed:
        return data

    def renumber(idx):
        return idx - sum(1 for r in removed if r < idx)

    out, n, m = [], 0, 0
    for sid, body in secs:
        if sid == 1:
            if m in renames:
                names = {x: x for x in module_exports(body)}
                keep = {nm: (nm, None) for nm, _ in module_imports(body)}
                keep.update(renames[m])
                body = slim_module(body, keep, names)
            m += 1
        elif sid == 6:
            body = walk_aliases(body, None, renumber)[1]
        elif sid == 2:
            new = []
            for e in parse_instances(body):
                if n in merged:
                    e = merged[n]
                elif e[0] == "inst":
                    e = ("inst", e[1], [(nm, renumber(idx)) for nm, idx in newargs.get(n, e[2])])
                if n not in removed:
                    new.append(e)
                n += 1
            if not new:
                continue
            body = enc_instances(new)
        out.append((sid, body))
    return comppack.join(data[:8], out)


def has_index_names(data):
    """Whether the component keeps its "component-name" section (`make apps
    DEBUG=1`): it names core instances, functions and types by index, so
    only the renaming step, which moves no index, runs then."""
    try:
        for sid, body in sections(data, 8):
            if sid == 0 and name(body, 0)[0] == b"component-name":
                return True
    except Bad:
        pass
    return False


def check(tools, before, after):
    """None when `after` validates and has the WIT of `before`, else why not."""
    with tempfile.TemporaryDirectory() as t:
        paths = [os.path.join(t, "before.wasm"), os.path.join(t, "after.wasm")]
        for path, data in zip(paths, (before, after)):
            with open(path, "wb") as f:
                f.write(data)
        v = subprocess.run([tools, "validate", "--features", "all", paths[1]],
                           capture_output=True, text=True)
        if v.returncode:
            return "not valid: " + v.stderr.strip()
        wit = [subprocess.run([tools, "component", "wit", p], capture_output=True,
                              text=True).stdout for p in paths]
        if wit[0] != wit[1]:
            return "its WIT changed"
    return None


def main():
    args = sys.argv[1:]
    tools = None
    if args[:1] == ["--check"]:
        tools, args = args[1], args[2:]
    src, dst = args
    data = orig = open(src, "rb").read()
    steps = [(slim, "core names"), (merge_args, "merging arguments"),
             (compmem.direct, "direct lowerings"), (comppack.pack, "packing")]
    if has_index_names(data):
        steps = steps[:1]  # a DEBUG build's names would no longer match
    for step, what in steps:
        try:
            data = step(data)
        except (Bad, IndexError, KeyError) as e:
            print("app-slim.py: %s: %s: %s; copied unchanged" % (src, what, e), file=sys.stderr)
    if tools and data != orig:
        why = check(tools, orig, data)
        if why:
            sys.exit("app-slim.py: %s: the rewritten component is %s (a bug in the "
                     "rewrite, not in the app)" % (src, why))
    with open(dst, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
