"""comppack: a leaner encoding of the component wrapper that `wasm-tools
component new` writes around an app's core module (scripts/app-slim.py runs
these after renaming the core-level names). Each rewrite keeps every index
and every type, so the component's imports, exports and WIT are the same:

- sections: the alias, canonical-function and core-instance entries between
  two other sections are regrouped so that entries of one kind follow each
  other in one section (a section costs its id, size and count); the order
  of the entries of each index space (core functions, core instances,
  component functions, ...) is kept, so every index stays what it was, and
  an entry still comes after everything it refers to;
- canonical options: "string-encoding=utf8" is dropped (the default);
- the export: the nested component that only re-exports the lifted `run`
  function ("import-func-run" -> "run") and its instantiation become one
  instance made of that export.

Grammar (component-model Binary.md): sections id:u8 size:u32 body; an alias
section (6) is vec(sort target), a canonical function section (8)
vec(canon), a core instance section (2) vec(0x00 module vec(name 0x12
instance) | 0x01 vec(name sort idx)), an instance section (5) vec(0x00
component vec(name sort idx) | 0x01 vec(exportname sort idx)). Anything
else: raise Bad, and the caller keeps its input."""
import comptypes
from wasmleb import Bad, leb, sections, uleb

CORE, COMP = "core", "comp"
CORE_FUNC, CORE_INST, CORE_MOD = 0x00, 0x12, 0x11
COMP_FUNC, COMP_TYPE, COMP_COMPONENT, COMP_INST = 0x01, 0x03, 0x04, 0x05
# Canonical options: (byte, what its index names, or None for no index).
OPTS = {0x00: None, 0x01: None, 0x02: None, 0x03: (CORE, 0x02),
        0x04: (CORE, CORE_FUNC), 0x05: (CORE, CORE_FUNC), 0x06: None,
        0x07: (CORE, CORE_FUNC)}
UTF8 = 0x00


def name_end(b, i):
    n, i = uleb(b, i)
    if i + n > len(b):
        raise Bad("truncated name")
    return i + n


def enc_name(s):
    return leb(len(s)) + s


def name_at(b, i):
    """The name at b[i] and the index after it."""
    j = name_end(b, i)
    return b[uleb(b, i)[1]:j], j


def alias_item(b, i):
    """One alias: (end, defines (space, sort), refs [(space, sort, idx)])."""
    sort = b[i]
    if sort == 0x00:
        space, s = CORE, b[i + 1]
        i += 2
    else:
        space, s = COMP, sort
        i += 1
    target = b[i]
    if target == 0x00:
        idx, i = uleb(b, i + 1)
        return name_end(b, i), (space, s), [(COMP, COMP_INST, idx)]
    if target == 0x01:
        idx, i = uleb(b, i + 1)
        return name_end(b, i), (space, s), [(CORE, CORE_INST, idx)]
    if target == 0x02:
        ct, i = uleb(b, i + 1)
        idx, i = uleb(b, i)
        return i, (space, s), ([(space, s, idx)] if ct == 0 else [])
    raise Bad("alias target %d" % target)


def canon_opts(b, i, refs):
    """Canonical options from b[i]: (end, their bytes without utf8)."""
    n, i = uleb(b, i)
    kept = []
    for _ in range(n):
        op = b[i]
        if op not in OPTS:
            raise Bad("canonical option %d" % op)
        start = i
        i += 1
        if OPTS[op]:
            idx, i = uleb(b, i)
            refs.append(OPTS[op] + (idx,))
        if op != UTF8:
            kept.append(b[start:i])
    return i, leb(len(kept)) + b"".join(kept)


def canon_item(b, i):
    """One canonical function: (end, new bytes, defines, refs)."""
    kind = b[i]
    refs = []
    if kind == 0x00 and b[i + 1] == 0x00:  # lift core-func opts type
        f, j = uleb(b, i + 2)
        refs.append((CORE, CORE_FUNC, f))
        j, opts = canon_opts(b, j, refs)
        t, end = uleb(b, j)
        refs.append((COMP, COMP_TYPE, t))
        return end, b[i:i + 2] + leb(f) + opts + leb(t), (COMP, COMP_FUNC), refs
    if kind == 0x01 and b[i + 1] == 0x00:  # lower func opts
        f, j = uleb(b, i + 2)
        refs.append((COMP, COMP_FUNC, f))
        end, opts = canon_opts(b, j, refs)
        return end, b[i:i + 2] + leb(f) + opts, (CORE, CORE_FUNC), refs
    if kind in (0x02, 0x03, 0x04):  # resource.new / drop / rep
        t, end = uleb(b, i + 1)
        return end, b[i:end], (CORE, CORE_FUNC), [(COMP, COMP_TYPE, t)]
    raise Bad("canonical function kind %d" % kind)


def core_instance_item(b, i):
    tag = b[i]
    refs = []
    if tag == 0x00:
        mod, j = uleb(b, i + 1)
        refs.append((CORE, CORE_MOD, mod))
        k, j = uleb(b, j)
        for _ in range(k):
            j = name_end(b, j)
            if b[j] != CORE_INST:
                raise Bad("instantiate arg sort")
            idx, j = uleb(b, j + 1)
            refs.append((CORE, CORE_INST, idx))
        return j, (CORE, CORE_INST), refs
    if tag == 0x01:
        k, j = uleb(b, i + 1)
        for _ in range(k):
            j = name_end(b, j)
            sort = b[j]
            idx, j = uleb(b, j + 1)
            refs.append((CORE, sort, idx))
        return j, (CORE, CORE_INST), refs
    raise Bad("core instance tag %d" % tag)


def items(sid, body):
    """The entries of an alias, canonical or core instance section, or the
    module of a module section: [(sid, bytes, defines, refs)]."""
    if sid == 1:
        return [(sid, body, (CORE, CORE_MOD), [])]
    n, i = uleb(body, 0)
    out = []
    for _ in range(n):
        if sid == 6:
            end, defines, refs = alias_item(body, i)
            raw = body[i:end]
        elif sid == 8:
            end, raw, defines, refs = canon_item(body, i)
        else:
            end, defines, refs = core_instance_item(body, i)
            raw = body[i:end]
        out.append((sid, raw, defines, refs))
        i = end
    if i != len(body):
        raise Bad("section %d size" % sid)
    return out


def regroup(run, start_index):
    """A run of alias/canon/core-instance sections as fewer sections.
    start_index[(space, sort)] is the index the run's first entry of that
    space gets."""
    entries = []
    for sid, body in run:
        entries.extend(items(sid, body))
    pos, seen = [], {}
    for e in entries:
        pos.append(seen.get(e[2], 0))
        seen[e[2]] = pos[-1] + 1
    written = {sp: 0 for sp in seen}
    done = [False] * len(entries)

    def ready(k):
        e = entries[k]
        if done[k] or written[e[2]] != pos[k]:
            return False
        for space, sort, idx in e[3]:
            sp = (space, sort)
            if sp in seen and idx >= start_index.get(sp, 0) + written[sp]:
                return False
        return True

    order, cur = [], None
    while len(order) < len(entries):
        # A module refers to nothing and is a section of its own: written as
        # soon as the one before it, it splits no run of another kind.
        pick = next((k for k in range(len(entries)) if ready(k) and entries[k][0] in (cur, 1)), None)
        if pick is None:
            pick = next((k for k in range(len(entries)) if ready(k)), None)
        if pick is None:  # only in input that refers ahead
            raise Bad("an entry refers to one not yet defined")
        done[pick] = True
        written[entries[pick][2]] += 1
        order.append(pick)
        cur = entries[pick][0]
    out = []
    for k in order:
        sid, raw = entries[k][0], entries[k][1]
        if out and out[-1][0] == sid != 1:
            out[-1][1].append(raw)
        else:
            out.append((sid, [raw]))
    return [(sid, raws[0] if sid == 1 else leb(len(raws)) + b"".join(raws)) for sid, raws in out]


def defines_of(sid, body):
    """How many entries of each space a section other than 2/6/8 defines,
    as far as the run's indices need it: {(space, sort): n}."""
    if sid == 1:
        return {(CORE, CORE_MOD): 1}
    if sid == 4:
        return {(COMP, COMP_COMPONENT): 1}
    if sid in (7, 3):
        n, _ = uleb(body, 0)
        return {(COMP, COMP_TYPE) if sid == 7 else (CORE, 0x10): n}
    if sid == 5:
        n, _ = uleb(body, 0)
        return {(COMP, COMP_INST): n}
    if sid == 10:
        return import_defines(body)
    if sid in (0, 11):
        return export_defines(body) if sid == 11 else {}
    raise Bad("section %d" % sid)


EXTERN_SORT = {0x00: (CORE, CORE_MOD), 0x01: (COMP, COMP_FUNC), 0x02: (COMP, 0x02),
               0x03: (COMP, COMP_TYPE), 0x04: (COMP, COMP_COMPONENT), 0x05: (COMP, COMP_INST)}


def externdesc_end(b, i):
    kind = b[i]
    if kind == 0x00:
        return uleb(b, i + 2)[1]
    if kind in (0x01, 0x04, 0x05):
        return uleb(b, i + 1)[1]
    if kind == 0x03:
        if b[i + 1] == 0x00:
            return uleb(b, i + 2)[1]
        if b[i + 1] == 0x01:
            return i + 2
    raise Bad("extern kind %d" % kind)


def extern_entries(sid, body):
    """[(name, sort, index)] of an import section (10: the kind of each
    import's description, index None) or an export section (11)."""
    n, i = uleb(body, 0)
    out = []
    for _ in range(n):
        if body[i] != 0x00:
            raise Bad("name kind %d" % body[i])
        j = name_end(body, i + 1)
        nm, sort = body[uleb(body, i + 1)[1]:j], body[j]
        if sid == 10:
            idx, i = None, externdesc_end(body, j)
        else:
            if sort == 0x00:
                raise Bad("core sort export")
            idx, i = uleb(body, j + 1)
            if body[i] == 0x01:
                i = externdesc_end(body, i + 1)
            elif body[i] == 0x00:
                i += 1
            else:
                raise Bad("export type flag")
        out.append((nm, sort, idx))
    if i != len(body):
        raise Bad("section %d size" % sid)
    return out


def import_defines(body):
    got = {}
    for _, kind, _ in extern_entries(10, body):
        sp = EXTERN_SORT.get(kind)
        if sp is None:
            raise Bad("import kind %d" % kind)
        got[sp] = got.get(sp, 0) + 1
    return got


def export_defines(body):
    """A component export defines a new index in its sort's space."""
    got = {}
    for _, sort, _ in extern_entries(11, body):
        got[(COMP, sort)] = got.get((COMP, sort), 0) + 1
    return got


def count_defines(sid, body):
    """{(space, sort): n} for any top-level section."""
    if sid in (1, 2, 6, 8):
        got = {}
        for e in items(sid, body):
            got[e[2]] = got.get(e[2], 0) + 1
        return got
    return defines_of(sid, body)


def pack_sections(secs):
    """secs with every run of alias/canon/core-instance sections regrouped."""
    out, run, index = [], [], {}

    def flush():
        if run:
            out.extend(regroup(run, dict(index)))
            for sid, body in run:
                for sp, n in count_defines(sid, body).items():
                    index[sp] = index.get(sp, 0) + n
            run.clear()

    for sid, body in secs:
        if sid in (1, 2, 6, 8):
            run.append((sid, body))
            continue
        flush()
        for sp, n in count_defines(sid, body).items():
            index[sp] = index.get(sp, 0) + n
        out.append((sid, body))
    flush()
    return out


def inline_export(secs):
    """The nested component that re-exports lifted functions under new names,
    and its one instantiation, as one instance of those exports."""
    comps = [k for k, (sid, _) in enumerate(secs) if sid == 4]
    if len(comps) != 1:
        return secs
    k = comps[0]
    if k + 1 >= len(secs) or secs[k + 1][0] != 5:
        raise Bad("the nested component is not instantiated next")
    imports, exports = [], []
    for sid, body in sections(secs[k][1], 8):
        if sid == 7:
            continue
        if sid not in (10, 11):
            raise Bad("nested section %d" % sid)
        for nm, sort, idx in extern_entries(sid, body):
            if sort != COMP_FUNC:
                raise Bad("nested import or export is not a function")
            if sid == 10:
                imports.append(nm)
            else:
                exports.append((nm, idx))
    inst = secs[k + 1][1]
    n, i = uleb(inst, 0)
    if n != 1 or inst[i] != 0x00:
        raise Bad("the nested component's instance")
    comp, i = uleb(inst, i + 1)
    nargs, i = uleb(inst, i)
    args = {}
    for _ in range(nargs):
        j = name_end(inst, i)
        nm = inst[uleb(inst, i)[1]:j]
        if inst[j] != COMP_FUNC:
            raise Bad("nested argument is not a function")
        idx, i = uleb(inst, j + 1)
        args[nm] = idx
    if i != len(inst) or comp != 0 or set(args) != set(imports):
        raise Bad("the nested component's arguments")
    new = bytearray(b"\x01\x01" + leb(len(exports)))
    for nm, idx in exports:
        if idx >= len(imports):
            raise Bad("nested export of no import")
        new += b"\x00" + leb(len(nm)) + nm + bytes([COMP_FUNC]) + leb(args[imports[idx]])
    return secs[:k] + [(5, bytes(new))] + secs[k + 2:]


def pack(data):
    """The component, re-encoded as the module's doc says."""
    if data[:8] != b"\x00asm\x0d\x00\x01\x00":
        raise Bad("not a component")
    secs = sections(data, 8)
    return join(data[:8], pack_sections(comptypes.dedupe(inline_export(secs))))


def parse_instances(body):
    """Core instance entries: ('inst', module, [(name, idx)]) or
    ('exp', [(name, sort, idx)])."""
    n, i = uleb(body, 0)
    got = []
    for _ in range(n):
        tag = body[i]
        i += 1
        if tag == 0:
            mod, i = uleb(body, i)
            k, i = uleb(body, i)
            args = []
            for _ in range(k):
                nm, i = name_at(body, i)
                if body[i] != 0x12:
                    raise Bad("instantiate arg sort")
                idx, i = uleb(body, i + 1)
                args.append((nm, idx))
            got.append(("inst", mod, args))
        elif tag == 1:
            k, i = uleb(body, i)
            exps = []
            for _ in range(k):
                nm, i = name_at(body, i)
                sort = body[i]
                idx, i = uleb(body, i + 1)
                exps.append((nm, sort, idx))
            got.append(("exp", exps))
        else:
            raise Bad("core instance tag %d" % tag)
    if i != len(body):
        raise Bad("core instance section size")
    return got


def enc_instances(entries):
    out = bytearray(leb(len(entries)))
    for e in entries:
        if e[0] == "inst":
            out += b"\x00" + leb(e[1]) + leb(len(e[2]))
            for nm, idx in e[2]:
                out += enc_name(nm) + b"\x12" + leb(idx)
        else:
            out += b"\x01" + leb(len(e[1]))
            for nm, sort, idx in e[1]:
                out += enc_name(nm) + bytes([sort]) + leb(idx)
    return bytes(out)


def join(head, secs):
    """The binary of a header and [(id, body)] sections."""
    return head + b"".join(bytes([sid]) + leb(len(body)) + body for sid, body in secs)
