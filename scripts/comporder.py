#!/usr/bin/env python3
"""comporder.py [--check WASM_TOOLS] IN OUT: the type, import and alias
declarations at the front of an app's component in fewer sections
(mk/apps.mk, after scripts/compparams.py, before app-marks.py).

`wasm-tools component new` declares each import as a type section (its
instance type), an import section, then an alias section (the resource
types later instance types use): 20-40 one-entry sections at 3-4 bytes
each (id, size, count). Here each type goes as early as what it names
allows and the rest follow in rounds: one type section with every type
whose outer aliases are declared, then the imports, in their order, whose
types are, then every alias of an import made; again until all are
declared. The imports keep their order (the instance indices and the WIT
stay what they were); the types are renumbered (types and aliases share
one index space) wherever a type is named: the instance types' outer
aliases, the imports, canonical functions (resource.drop, lift) and the
later type definitions. Wasmtime reads a type by what it is, not by its
index, so the component means the same.

Only these shapes are read (what wit-component writes): at the front,
instance types whose aliases are outer type aliases, imports of instances,
aliases of an import's type exports; after it, core modules, core
instances and core types as they are, canonical functions, value and
function types, and instance and export sections that name no type;
anything else raises Bad and the build fails. --check: the result must
validate, import and export the same names in the same order, have the
input's WIT, the same text from the first core module on but for the
types resource.drop names, which must be the same resources, and at the
front the same declarations with every type named by what it is, or this
fails and writes nothing."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compstep import same_meaning, tool_text  # noqa: E402
from compstep import main as step_main  # noqa: E402
from comptrim import names  # noqa: E402
from comptypes import canon, deftype, import_item, no_types, vec  # noqa: E402
from wasmleb import Bad, leb, sections, uleb  # noqa: E402
from comppack import COMP, COMP_TYPE, alias_item, name_end  # noqa: E402

HEADER = b"\x00asm\x0d\x00\x01\x00"
ALIAS, TYPE, IMPORT = 6, 7, 10
FRONT = (ALIAS, TYPE, IMPORT)


def read_front(secs):
    """The front's declarations in order: [(section id, bytes, the type
    indices it names, the instance it names)] and how many sections."""
    out = []
    k = 0
    while k < len(secs) and secs[k][0] in FRONT:
        sid, body = secs[k]
        n, i = uleb(body, 0)
        for _ in range(n):
            refs = set()

            def rec(t):
                refs.add(t)
                return t
            inst = None
            if sid == TYPE:
                if body[i] != 0x42:
                    raise Bad("a type of kind 0x%02x at the front" % body[i])
                _, j = deftype(body, i, rec)
            elif sid == IMPORT:
                _, j = import_item(body, i, rec)
            else:
                if body[i:i + 2] != b"\x03\x00":
                    raise Bad("an alias other than an import's type at the front")
                inst, j = uleb(body, i + 2)
                j = name_end(body, j)
            out.append((sid, body[i:j], refs, inst))
            i = j
        if i != len(body):
            raise Bad("section %d size" % sid)
        k += 1
    return out, k


def schedule(decls):
    """The declarations' order in rounds (see the doc): [[indices]], one
    list a section."""
    tindex, ninst = {}, 0  # declaration -> old type index; imports so far
    for d, (sid, _, _, _) in enumerate(decls):
        if sid != IMPORT:
            tindex[d] = len(tindex)
    inst_of = {}
    for d, (sid, _, _, _) in enumerate(decls):
        if sid == IMPORT:
            inst_of[d] = ninst
            ninst += 1
    ntypes = len(tindex)
    declared, made = set(), set()  # old type indices; instances imported
    done, out = set(), []
    imports = [d for d in range(len(decls)) if decls[d][0] == IMPORT]
    while len(done) < len(decls):
        progress = False
        for sid in (TYPE, IMPORT, ALIAS):
            group = []
            if sid == IMPORT:
                while imports and decls[imports[0]][2] <= declared:
                    group.append(imports.pop(0))
            else:
                for d, (s, _, refs, inst) in enumerate(decls):
                    ready = refs <= declared if s == TYPE else inst in made
                    if s == sid and d not in done and ready:
                        group.append(d)
                        if s == TYPE:
                            declared.add(tindex[d])  # a later type may name it
            for d in group:
                done.add(d)
                if sid == IMPORT:
                    made.add(inst_of[d])
                else:
                    declared.add(tindex[d])
            if group:
                out.append(group)
                progress = True
        if not progress:
            raise Bad("a declaration at the front names what comes after it")
    if any(t >= ntypes for d in done for t in decls[d][2]):
        raise Bad("a type at the front names a later type")
    return out, tindex


def reorder(b):
    """b with its front in fewer sections: (bytes, sections before,
    sections after)."""
    if b[:8] != HEADER:
        raise Bad("not a component")
    secs = sections(b, 8)
    decls, k = read_front(secs)
    groups, tindex = schedule(decls)
    new = {}  # old type index -> new
    for g in groups:
        for d in g:
            if d in tindex:
                new[tindex[d]] = len(new)

    def m(t):
        return new.get(t, t)
    out = []
    for g in groups:
        sid = decls[g[0]][0]
        body = bytearray(leb(len(g)))
        for d in g:
            raw = decls[d][1]
            if sid == TYPE:
                raw = deftype(raw, 0, m)[0]
            elif sid == IMPORT:
                raw = import_item(raw, 0, m)[0]
            body += raw
        out.append((sid, bytes(body)))
    for sid, body in secs[k:]:  # vec() is None for an empty section: kept
        if sid == TYPE:
            body = vec(body, lambda x, i: deftype(x, i, m)) or body
        elif sid == 8:
            body = vec(body, lambda x, i: canon(x, i, m)) or body
        elif sid in (5, 11):
            no_types(sid, body)
        elif sid == IMPORT:
            body = vec(body, lambda x, i: import_item(x, i, m)) or body
        elif sid == ALIAS:
            n, i = uleb(body, 0)
            for _ in range(n):
                i, _, refs = alias_item(body, i)[:3]
                if any(r[1] == COMP_TYPE and r[0] == COMP for r in refs):
                    raise Bad("an alias after the front names a type")
            if i != len(body):
                raise Bad("section %d size" % sid)
        elif sid not in (0, 1, 2, 3):
            raise Bad("section %d" % sid)
        out.append((sid, body))
    data = bytearray(HEADER)
    for sid, body in out:
        data += bytes([sid]) + leb(len(body)) + body
    return bytes(data), len(secs), len(out)


TYPE_HEAD = re.compile(r"^  \(type \(;(\d+);\)(.*)$")
IMPORT_LINE = re.compile(r'^  \(import ("[^"]+") \(instance \(;(\d+);\) \(type (\d+)\)\)\)$')
ALIAS_LINE = re.compile(r'^  \(alias export (\d+) ("[^"]+") \(type \(;(\d+);\)\)\)$')
OUTER = re.compile(r"\(alias outer 1 (\d+) ")
DROP = re.compile(r"\(canon resource\.drop (\d+)\)")


def meaning(text):
    """A component's text read back by what each type is, not its index:
    (the imports in order, the front's other declarations sorted, the
    lines from the first core module on with each resource.drop naming
    the resource it drops)."""
    lines = text.split("\n")
    label, imports, others = {}, [], []
    k = 1
    while k < len(lines) and not lines[k].startswith("  (core module"):
        ln = lines[k]
        block = [ln]
        k += 1
        while k < len(lines) and (lines[k].startswith("   ") or lines[k] == "  )"):
            block.append(lines[k])
            k += 1
        m = TYPE_HEAD.match(ln)
        a = ALIAS_LINE.match(ln)
        i = IMPORT_LINE.match(ln)
        if m:
            body = [m.group(2)] + [OUTER.sub(lambda o: "(alias outer 1 <%s> " % label[o.group(1)], x)
                                   for x in block[1:]]
            label[m.group(1)] = "type " + "\n".join(body)
            others.append(label[m.group(1)])
        elif a:
            label[a.group(3)] = "alias %s %s" % (a.group(1), a.group(2))
            others.append(label[a.group(3)])
        elif i:
            imports.append((i.group(1), i.group(2), label[i.group(3)]))
        else:
            raise Bad("a front declaration the check does not read: " + ln.strip())
    rest = [DROP.sub(lambda d: "(canon resource.drop <%s>)" % label.get(d.group(1), d.group(1)), ln)
            for ln in lines[k:]]
    return imports, sorted(others), rest


# meaning() of the last two components read (the check's old and new),
# by their bytes: its three views print each component once, not thrice.
_MEANINGS = {}


def meaning_of(part):
    """A view of the component at a path for compstep.same_meaning: one
    part of meaning() of its text."""
    def view(wt, path):
        with open(path, "rb") as f:
            key = f.read()
        if key not in _MEANINGS:
            if len(_MEANINGS) >= 2:
                _MEANINGS.pop(next(iter(_MEANINGS)))
            _MEANINGS[key] = meaning(tool_text(wt, "print", path))
        return _MEANINGS[key][part]
    return view


def wit(wt, path):
    return tool_text(wt, "component wit", path)


def check(wt, old, new, tmp):
    """Why new does not mean what old does, or None."""
    return same_meaning(wt, old, new, tmp, names, None, [
        (wit, "its WIT differs from the input's"),
        (meaning_of(0), "an import's type differs"),
        (meaning_of(1), "the front's declarations differ"),
        (meaning_of(2), "it differs after the front")])


if __name__ == "__main__":
    step_main(sys.argv[1:], "comporder.py", lambda b: reorder(b)[0], check)
