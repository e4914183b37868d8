#!/usr/bin/env python3
"""comptrim.py [--check WASM_TOOLS] IN OUT: drop, from the instance types of
an app's component imports, the type exports nothing needs (mk/apps.mk,
after scripts/app-slim.py, before compinline.py).

`wasm-tools component new` declares in an imported interface's instance
type every type its functions use that comes from another interface:
`(alias outer 1 N (type (;2;)))` then `(export (;3;) "error" (type (eq 2)))`,
the WIT's `use wasi:io/error.{error}`. The export is the same type as the
alias (an `eq` bound), so uses of it may name the alias instead; the host's
instance still has the export, and an import type that declares fewer
exports is still satisfied (instance subtyping). So an export is dropped
when it is an `eq` of an outer alias of the same instance type and the
component never aliases that name out of the instance (`alias export I
"error"`); the instance type's later type indices are renumbered. A type
defined in the instance (a record, an enum, a variant) stays: dropping it
would leave the functions' types pointing at an unnamed local type, which
is invalid. 30-300 bytes of an app.

Only the component's type sections change, and in them only the instance
types of instance imports (each used by that one import and nothing else);
every other section is copied byte for byte. A shape this does not know in
such a type raises Bad and the build fails (no half-understood rewrite is
written). --check: the result must validate, keep every other section as
it was, import and export the same names, and have the input's WIT apart
from `use` lines (`wasm-tools component wit`), or this fails and writes
nothing.

Grammar (component-model Binary.md): a type section (7) is vec(deftype);
an instance type is 0x42 vec(decl), decl 0x01 deftype | 0x02 alias (here
only sort 0x03 type, target 0x02 outer u32 u32) | 0x04 exportdecl;
exportdecl 0x00 name externdesc, externdesc 0x01 func:typeidx | 0x03
(0x00 eq:typeidx | 0x01 sub resource) | 0x04/0x05 typeidx; a value type is
a primitive byte or a type index (signed LEB128)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from comppack import name_at  # noqa: E402
from compstep import same_meaning, tool_text  # noqa: E402
from compstep import main as step_main  # noqa: E402
from comptypes import deftype, name_raw  # noqa: E402
from wasmleb import Bad, leb, sections, uleb  # noqa: E402

HEADER = b"\x00asm\x0d\x00\x01\x00"
SEC_ALIAS, SEC_TYPE, SEC_IMPORT, SEC_EXPORT = 6, 7, 10, 11
SEC_INSTANCE = 5
SORT_TYPE, SORT_INSTANCE = 0x03, 0x05


def name_str(b, i):
    nm, j = name_at(b, i)
    return nm.decode(), j


def skip_deftype(b, i):
    """The end of a top-level type definition (any shape)."""
    k = b[i]
    if k == 0x42 or k == 0x41:
        n, i = uleb(b, i + 1)
        for _ in range(n):
            i = skip_decl(b, i)
        return i
    if k == 0x3f:  # resource: rep, optional destructor
        i += 2
        if b[i] == 0x01:
            return uleb(b, i + 1)[1]
        if b[i] != 0x00:
            raise Bad("resource destructor")
        return i + 1
    return deftype(b, i, lambda t: t)[1]


def externdesc(b, i, m):
    k = b[i]
    if k == 0x00:
        if b[i + 1] != 0x11:
            raise Bad("core extern 0x%02x" % b[i + 1])
        t, j = uleb(b, i + 2)
        return b"\x00\x11" + leb(m(t)), j
    if k in (0x01, 0x04, 0x05):
        t, j = uleb(b, i + 1)
        return bytes([k]) + leb(m(t)), j
    if k == 0x03:
        if b[i + 1] == 0x00:
            t, j = uleb(b, i + 2)
            return b"\x03\x00" + leb(m(t)), j
        if b[i + 1] == 0x01:
            return b"\x03\x01", i + 2
        raise Bad("type bound 0x%02x" % b[i + 1])
    raise Bad("extern kind 0x%02x" % k)


def export_name(b, i):
    if b[i] != 0x00:
        raise Bad("export name kind 0x%02x" % b[i])
    return name_str(b, i + 1)


def skip_decl(b, i):
    k = b[i]
    if k == 0x01:
        return skip_deftype(b, i + 1)
    if k == 0x02:
        return skip_alias(b, i + 1)
    if k in (0x03, 0x04):  # import, export
        if b[i + 1] not in (0x00, 0x01):
            raise Bad("extern name kind")
        j = name_raw(b, i + 2)[1]
        if b[i + 1] == 0x01:
            j = name_raw(b, j)[1]
        return externdesc(b, j, lambda t: t)[1]
    raise Bad("declaration 0x%02x" % k)


def sort(b, i):
    """(sort, index after it); a core sort is 0x00 and its kind."""
    if b[i] == 0x00:
        return (0x00, b[i + 1]), i + 2
    return b[i], i + 1


def skip_alias(b, i):
    _, i = sort(b, i)
    t = b[i]
    if t in (0x00, 0x01):
        i = uleb(b, i + 1)[1]
        return name_raw(b, i)[1]
    if t == 0x02:
        i = uleb(b, i + 1)[1]
        return uleb(b, i)[1]
    raise Bad("alias target 0x%02x" % t)


def trim_instance(b, i, keep, droppable, kinds=None):
    """An instance type's declarations at b[i] (after 0x42), without the
    droppable type exports: (bytes, index after it, names dropped). kinds,
    when given, is filled as the declarations are read: {old type index:
    the first byte of the type it defines} (droppable may look there)."""
    n, i = uleb(b, i)
    if kinds is not None:
        kinds.clear()
    new = []       # old type index -> new
    nxt = 0        # the next new type index
    outer = set()  # old type indices defined by an outer alias
    out = []
    dropped = []

    def m(t):
        if t >= len(new):
            raise Bad("type index %d before its definition" % t)
        return new[t]
    for _ in range(n):
        k, start = b[i], i
        if k == 0x01:
            if kinds is not None:
                kinds[len(new)] = b[i + 1]
            d, i = deftype(b, i + 1, m)
            out.append(b"\x01" + d)
        elif k == 0x02:
            if b[i + 1] != SORT_TYPE or b[i + 2] != 0x02:
                raise Bad("alias in an instance type")
            i = uleb(b, uleb(b, i + 3)[1])[1]
            out.append(b[start:i])
            outer.add(len(new))
        elif k == 0x04:
            nm, j = export_name(b, i + 1)
            if b[j:j + 2] == b"\x03\x00":
                t, e = uleb(b, j + 2)
                if droppable(nm, t, t in outer, keep):
                    m(t)
                    new.append(new[t])  # the same type as the one it equals
                    dropped.append(nm)
                    i = e
                    continue
            d, i = externdesc(b, j, m)
            out.append(b[start:j] + d)
            if b[j] != 0x03:
                continue  # a function's export: no type index
        else:
            raise Bad("instance declaration 0x%02x" % k)
        new.append(nxt)
        nxt += 1
    return leb(len(out)) + b"".join(out), i, dropped


def default_droppable(nm, t, is_outer, keep):
    """An `eq` export of an outer alias that the component never aliases."""
    return is_outer and nm not in keep


def extern_name(b, i):
    if b[i] not in (0x00, 0x01):
        raise Bad("extern name kind 0x%02x" % b[i])
    nm, j = name_str(b, i + 1)
    if b[i] == 0x01:  # a version suffix
        j = name_raw(b, j)[1]
    return nm, j


def survey(secs):
    """What the component's top level says: {type index: (section, entry)}
    for its type sections' instance types, [(instance, type index)] of its
    instance imports, {instance: names aliased out of it}, and the type
    indices used anywhere else that this reads (an export's ascription)."""
    types, imports, aliased, other = {}, [], {}, set()
    ntype = ninst = 0
    for s, (sid, body) in enumerate(secs):
        if sid == SEC_TYPE:
            n, i = uleb(body, 0)
            for e in range(n):
                if body[i] == 0x42:
                    types[ntype] = (s, e)
                i = skip_deftype(body, i)
                ntype += 1
        elif sid == SEC_ALIAS:
            n, i = uleb(body, 0)
            for _ in range(n):
                srt, j = sort(body, i)
                if body[j] == 0x00:  # a component instance's export
                    inst, j = uleb(body, j + 1)
                    aliased.setdefault(inst, set()).add(name_str(body, j)[0])
                i = skip_alias(body, i)
                ntype += srt == SORT_TYPE
                ninst += srt == SORT_INSTANCE
        elif sid == SEC_IMPORT:
            n, i = uleb(body, 0)
            for _ in range(n):
                _, i = extern_name(body, i)
                k = body[i]
                if k == 0x05:
                    imports.append((ninst, uleb(body, i + 1)[0]))
                elif k in (0x01, 0x04) or body[i:i + 2] in (b"\x00\x11", b"\x03\x00"):
                    other.add(uleb(body, i + (2 if k in (0, 3) else 1))[0])
                i = externdesc(body, i, lambda t: t)[1]
                ntype += k == 0x03
                ninst += k == 0x05
        elif sid == SEC_EXPORT:
            n, i = uleb(body, 0)
            for _ in range(n):
                _, i = extern_name(body, i)
                srt, i = sort(body, i)
                i = uleb(body, i)[1]
                if body[i] == 0x01:
                    other.add(-1)  # an ascribed export: not read, so no trim
                    i = externdesc(body, i + 1, lambda t: t)[1]
                elif body[i] == 0x00:
                    i += 1
                else:
                    raise Bad("export ascription 0x%02x" % body[i])
                ntype += srt == SORT_TYPE
                ninst += srt == SORT_INSTANCE
        elif sid == SEC_INSTANCE:
            ninst += uleb(body, 0)[0]
    return types, imports, aliased, other


def import_types(b, each):
    """b with each instance type that one instance import uses, and only
    it, rewritten by each(body, index after 0x42, import instance) ->
    (declarations, index after them, what to report or None): (bytes,
    {import instance: report}). Every other byte is copied; a component
    with an ascribed export is returned as it is."""
    if b[:8] != HEADER:
        raise Bad("not a component")
    secs = sections(b, 8)
    types, imports, aliased, other = survey(secs)
    if -1 in other:
        return b, {}
    uses = {}
    for inst, t in imports:
        uses.setdefault(t, []).append(inst)
    todo = {}  # (section, entry) -> import instance
    for t, insts in uses.items():
        if len(insts) == 1 and t in types and t not in other:
            todo[types[t]] = insts[0]
    report = {}
    out = bytearray(b[:8])
    for s, (sid, body) in enumerate(secs):
        if sid == SEC_TYPE and any(k[0] == s for k in todo):
            n, i = uleb(body, 0)
            nb = bytearray(leb(n))
            for e in range(n):
                j = skip_deftype(body, i)
                if (s, e) in todo:
                    inst = todo[(s, e)]
                    d, end, what = each(body, i + 1, inst)
                    if end != j:
                        raise Bad("instance type's end")
                    nb += b"\x42" + d
                    if what:
                        report[inst] = what
                else:
                    nb += body[i:j]
                i = j
            if i != len(body):
                raise Bad("type section's end")
            body = bytes(nb)
        out += bytes([sid]) + leb(len(body)) + body
    return bytes(out), report


def trim(b, droppable=None, kinds=None):
    """The component b without the droppable type exports of its imported
    instance types: (bytes, {import instance: [names dropped]}); kinds as
    trim_instance's."""
    droppable = droppable or default_droppable
    keep = {}

    def each(body, i, inst):
        return trim_instance(body, i, keep.get(inst, set()), droppable, kinds)
    if b[:8] == HEADER:
        keep = survey(sections(b, 8))[2]
    return import_types(b, each)


def wit_without_use(wt, path):
    """The component's WIT, but for its `use` lines and blank lines (a
    dropped `use` takes the blank line after it)."""
    return [ln for ln in tool_text(wt, "component wit", path).split("\n")
            if ln.strip() and not ln.strip().startswith("use ")]


def names(b):
    """The component's own imports and exports, in order."""
    out = []
    for sid, body in sections(b, 8):
        if sid in (SEC_IMPORT, SEC_EXPORT):
            n, i = uleb(body, 0)
            for _ in range(n):
                nm, i = extern_name(body, i)
                out.append((sid, nm))
                if sid == SEC_IMPORT:
                    i = externdesc(body, i, lambda t: t)[1]
                else:
                    i = uleb(body, sort(body, i)[1])[1]
                    i = i + 1 if body[i] == 0x00 else externdesc(body, i + 1, lambda t: t)[1]
    return out


def check(wt, old, new, tmp):
    """Why new is not a faithful trim of old, or None."""
    return same_meaning(wt, old, new, tmp, names, SEC_TYPE, [
        (wit_without_use, "its WIT (but for `use` lines) differs from the input's")])


if __name__ == "__main__":
    step_main(sys.argv[1:], "comptrim.py", lambda b: trim(b)[0], check)
