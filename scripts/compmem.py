"""compmem: lowerings that need only the memory, made before the main
instance (a step of scripts/app-slim.py, after merge_args, before
comppack.py).

wit-component lowers an imported function that needs the memory or
`cabi_realloc` after the main instance exists, since they are its exports;
the main module imports a stand-in from a "shim" module (a function that
calls through a table) and a "fixup" module fills the table with the real
lowerings afterwards: about 30 bytes for each such function. A lowering
that needs only the memory (no realloc) can be made before the main
instance if the memory is not the main module's: so the shim module
defines the memory (same limits) and exports it, the main module imports
it instead of defining it, and those lowerings are made directly and given
to the main module in place of their stand-ins. The shim and fixup modules
are written again for the lowerings that still need `cabi_realloc` (none
left: no table, no fixup module). When two or more need it (a stand-in,
an import of the fixup module and a lowering after the main instance
each), they too are made directly, with the shim's one function as their
allocator: a trampoline through the table's one slot, which the fixup
module fills with the main instance's `cabi_realloc` (imported from that
instance itself: no instance of exports, no alias left for it); the host
calls it only while a call of the app's is lowering a result, after the
fixup.
Every other entry is kept, the core function, instance and module indices
are renumbered.

Expects the shape wit-component writes (main module 0 instantiated with one
instance of exports, shim module 1 instantiated with nothing, fixup module 2
with the lowerings' instance and the shim's); anything else raises Bad and
the caller keeps its input."""
import comppack as cp
from comppack import enc_name, name_at
from wasmleb import Bad, leb, sections, uleb

MEM, FUNC, TABLE = 0x02, 0x00, 0x01
# cabi_realloc's type, (i32 i32 i32 i32) -> i32, and the index the
# trampoline's alias is known by until the entries are renumbered.
REALLOC_TYPE = b"\x60\x04\x7f\x7f\x7f\x7f\x01\x7f"
TRAMP_OLD = 1 << 30


def short(k):
    digits = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if k >= len(digits):
        raise Bad("too many lowerings")
    return digits[k:k + 1]


# ---- the component's entries, one by one ----

def flat(secs):
    """[(sid, entry)]: one per alias, canonical function and core instance,
    one per other section."""
    out = []
    for sid, body in secs:
        if sid not in (2, 6, 8):
            out.append((sid, body))
            continue
        n, i = uleb(body, 0)
        for _ in range(n):
            if sid == 6:
                end = cp.alias_item(body, i)[0]
            elif sid == 8:
                end = cp.canon_item(body, i)[0]
            else:
                end = cp.core_instance_item(body, i)[0]
            out.append((sid, body[i:end]))
            i = end
        if i != len(body):
            raise Bad("section %d size" % sid)
    return out


def defines(sid, e):
    """The core space an entry adds to ('func', 'inst', 'mod', 'mem') or None."""
    if sid == 1:
        return "mod"
    if sid == 2:
        return "inst"
    if sid == 8:
        return "func" if e[0] != 0x00 else None
    if sid == 6 and e[0] == 0x00:
        return {FUNC: "func", MEM: "mem", 0x12: "inst", 0x11: "mod"}.get(e[1], "other")
    return None


def decode_alias(e):
    """(sort bytes, target, instance, name) of an export alias."""
    k = 2 if e[0] == 0x00 else 1
    target = e[k]
    if target not in (0x00, 0x01):
        raise Bad("outer alias")
    inst, j = uleb(e, k + 1)
    nm, j = name_at(e, j)
    return e[:k], target, inst, nm


def enc_alias(sort, target, inst, nm):
    return sort + bytes([target]) + leb(inst) + enc_name(nm)


def decode_instance(e):
    return cp.parse_instances(b"\x01" + e)[0]


def enc_instance(d):
    return cp.enc_instances([d])[1:]


def map_canon(e, fmap):
    """A canonical function with its core function indices mapped."""
    kind = e[0]
    if kind in (0x02, 0x03, 0x04):
        return e
    if e[1] != 0x00 or kind not in (0x00, 0x01):
        raise Bad("canonical function kind %d" % kind)
    f, j = uleb(e, 2)
    out = bytearray(e[:2] + leb(fmap(f) if kind == 0x00 else f))
    n, j = uleb(e, j)
    out += leb(n)
    for _ in range(n):
        op = e[j]
        out.append(op)
        j += 1
        if op in (0x03, 0x04, 0x05, 0x07):
            idx, j = uleb(e, j)
            out += leb(fmap(idx) if op != 0x03 else idx)
        elif op > 0x07:
            raise Bad("canonical option %d" % op)
    return bytes(out) + e[j:]


def lower_opts(e):
    """The option bytes of a lowering: [(op, idx)]."""
    if e[:2] != b"\x01\x00":
        return None
    _, j = uleb(e, 2)
    n, j = uleb(e, j)
    opts = []
    for _ in range(n):
        op = e[j]
        j += 1
        idx = None
        if op in (0x03, 0x04, 0x05, 0x07):
            idx, j = uleb(e, j)
        opts.append((op, idx))
    return opts


# ---- the core modules ----

def module_secs(mod):
    if mod[:8] != b"\x00asm\x01\x00\x00\x00":
        raise Bad("not a core module")
    return sections(mod, 8)


def vec_entries(body, each):
    n, i = uleb(body, 0)
    out = []
    for _ in range(n):
        start = i
        i = each(body, i)
        out.append(body[start:i])
    if i != len(body):
        raise Bad("module section size")
    return out


def limits_end(b, i):
    flags = b[i]
    if flags not in (0x00, 0x01):
        raise Bad("memory limits flags %d" % flags)
    _, i = uleb(b, i + 1)
    if flags & 1:
        _, i = uleb(b, i)
    return i


def shim_slots(mod):
    """The shim module: ({export name: (slot, type bytes)}, table name)."""
    s = dict(module_secs(mod))
    if set(s) != {1, 3, 4, 7, 10}:
        raise Bad("shim sections %s" % sorted(s))
    types = vec_entries(s[1], functype_end)
    ftypes = [uleb(e, 0)[0] for e in vec_entries(s[3], lambda b, i: uleb(b, i)[1])]
    bodies = vec_entries(s[10], lambda b, i: sum(uleb(b, i)))
    slot_of = []
    for k, (t, body) in enumerate(zip(ftypes, bodies)):
        size, j = uleb(body, 0)
        nparams = uleb(types[t], 1)[0]
        want = b"\x00" + b"".join(b"\x20" + leb(p) for p in range(nparams))
        if body[j:j + len(want)] != want or body[j + len(want)] != 0x41:
            raise Bad("shim function %d" % k)
        slot, m = uleb(body, j + len(want) + 1)
        if body[m:] != b"\x11" + leb(t) + b"\x00\x0b":
            raise Bad("shim function %d" % k)
        slot_of.append((slot, types[t]))
    out, table = {}, None
    for e in vec_entries(s[7], lambda b, i: uleb(b, name_at(b, i)[1] + 1)[1]):
        nm, j = name_at(e, 0)
        kind, idx = e[j], uleb(e, j + 1)[0]
        if kind == FUNC:
            out[nm] = slot_of[idx]
        elif kind == TABLE:
            table = nm
    return out, table


def functype_end(b, i):
    if b[i] != 0x60:
        raise Bad("func type form")
    n, i = uleb(b, i + 1)
    i += n
    n, i = uleb(b, i)
    return i + n


def fixup_slots(mod):
    """The fixup module: {slot: field of its "0" import} (an elem segment
    at 0 listing the imported functions in order)."""
    s = dict(module_secs(mod))
    if set(s) != {1, 2, 9}:
        raise Bad("fixup sections %s" % sorted(s))
    fields = []
    for e in vec_entries(s[2], lambda b, i: import_end(b, i)):
        m, j = name_at(e, 0)
        f, j = name_at(e, j)
        if e[j] == FUNC:
            if m != b"0":
                raise Bad("fixup import module")
            fields.append(f)
    elem = s[9]
    n, i = uleb(elem, 0)
    if n != 1 or elem[i:i + 4] != b"\x00\x41\x00\x0b":
        raise Bad("fixup elem segment")
    k, i = uleb(elem, i + 4)
    funcs = []
    for _ in range(k):
        f, i = uleb(elem, i)
        funcs.append(f)
    if funcs != list(range(len(fields))) or i != len(elem):
        raise Bad("fixup elem order")
    return dict(enumerate(fields))


def import_end(b, i):
    _, i = name_at(b, i)
    _, i = name_at(b, i)
    kind = b[i]
    if kind == FUNC:
        return uleb(b, i + 1)[1]
    if kind == TABLE:
        return limits_end(b, i + 2)
    if kind == MEM:
        return limits_end(b, i + 1)
    raise Bad("import kind %d" % kind)


def section(sid, entries):
    body = leb(len(entries)) + b"".join(entries)
    return bytes([sid]) + leb(len(body)) + body


def main_module(mod, mem_field):
    """The main module importing its memory ("1" mem_field) instead of
    defining and exporting it: (module, its memory export's name, limits)."""
    secs = module_secs(mod)
    s = dict(secs)
    if 5 not in s or 2 not in s or 7 not in s:
        raise Bad("main module without memory, imports or exports")
    mems = vec_entries(s[5], limits_end)
    imports = vec_entries(s[2], import_end)
    if len(mems) != 1 or any(e[name_at(e, name_at(e, 0)[1])[1]] == MEM for e in imports):
        raise Bad("main module memories")
    exports = vec_entries(s[7], lambda b, i: uleb(b, name_at(b, i)[1] + 1)[1])
    mem_exp = [e for e in exports if e[name_at(e, 0)[1]] == MEM]
    if len(mem_exp) != 1:
        raise Bad("main module memory exports")
    out = bytearray(mod[:8])
    for sid, body in secs:
        if sid == 5:
            continue
        if sid == 2:
            out += section(2, imports + [enc_name(b"1") + enc_name(mem_field) + bytes([MEM]) + mems[0]])
            continue
        if sid == 7:
            out += section(7, [e for e in exports if e not in mem_exp])
            continue
        out += bytes([sid]) + leb(len(body)) + body
    return bytes(out), name_at(mem_exp[0], 0)[0], mems[0]


def unique(slots):
    types = []
    for t in slots:
        if t not in types:
            types.append(t)
    return types


def new_shim(slots, limits):
    """Shim module for the slots [(type bytes)] kept, with the memory."""
    r = len(slots)
    types = unique(slots)
    out = bytearray(b"\x00asm\x01\x00\x00\x00")
    if r:
        out += section(1, types)
        out += section(3, [leb(types.index(t)) for t in slots])
        out += section(4, [b"\x70\x01" + leb(r) + leb(r)])
    out += section(5, [limits])
    exports = [enc_name(short(k)) + bytes([FUNC]) + leb(k) for k in range(r)]
    if r:
        exports.append(enc_name(short(r)) + bytes([TABLE, 0]))
    exports.append(enc_name(short(r + 1)) + bytes([MEM, 0]))
    out += section(7, exports)
    if r:
        code = []
        for k, t in enumerate(slots):
            nparams = uleb(t, 1)[0]
            body = b"\x00" + b"".join(b"\x20" + leb(p) for p in range(nparams)) + \
                b"\x41" + leb(k) + b"\x11" + leb(types.index(t)) + b"\x00\x0b"
            code.append(leb(len(body)) + body)
        out += section(10, code)
    return bytes(out)


def new_fixup(slots, fields=None):
    """Fixup module: fills the shim's table with the slots' lowerings
    (imports "0" "0", "0" "1", ..., or "0" fields[k])."""
    r = len(slots)
    types = unique(slots)
    out = bytearray(b"\x00asm\x01\x00\x00\x00")
    out += section(1, types)
    imports = [enc_name(b"0") + enc_name(fields[k] if fields else short(k)) + bytes([FUNC]) + leb(types.index(t))
               for k, t in enumerate(slots)]
    imports.append(enc_name(b"1") + enc_name(short(r)) + b"\x01\x70\x01" + leb(r) + leb(r))
    out += section(2, imports)
    out += section(9, [b"\x00\x41\x00\x0b" + leb(r) + b"".join(leb(k) for k in range(r))])
    return bytes(out)


# ---- the rewrite ----

class Entry:
    """One entry: its section id, bytes (with the input's indices, or a
    decoded core instance), and the (space, index) it had in the input."""

    def __init__(self, sid, raw, old=None):
        self.sid, self.raw, self.old = sid, raw, old


def direct(data):
    """The component with its memory-only lowerings made directly (see the
    doc), or unchanged when it has none."""
    items, count = [], {}
    for sid, e in flat(sections(data, 8)):
        sp = defines(sid, e)
        old = None
        if sp:
            old = (sp, count.get(sp, 0))
            count[sp] = old[1] + 1
        items.append(Entry(sid, decode_instance(e) if sid == 2 else e, old))
    owner = {x.old: x for x in items if x.old}
    mods = [x for x in items if x.sid == 1]
    if len(mods) == 1:
        return data  # no lowering needs the memory
    of_mod = {x.raw[1]: x.old[1] for x in items if x.sid == 2 and x.raw[0] == "inst"}
    if len(mods) != 3 or set(of_mod) != {0, 1, 2} or count.get("mem") != 1:
        raise Bad("not the shape of one main, shim and fixup module")
    i_main, i_shim, i_fix = of_mod[0], of_mod[1], of_mod[2]
    inst = {x.old[1]: x.raw for x in items if x.sid == 2}
    if inst[i_shim][2] or len(inst[i_main][2]) != 1:
        raise Bad("the shim or main instantiation's arguments")
    fix_args = dict(inst[i_fix][2])
    if fix_args.get(b"1") != i_shim or set(fix_args) != {b"0", b"1"}:
        raise Bad("the fixup instantiation's arguments")
    i_low = fix_args[b"0"]
    slots, _ = shim_slots(mods[1].raw)
    fix = fixup_slots(mods[2].raw)
    lows = {nm: idx for nm, sort, idx in inst[i_low][1] if sort == FUNC}
    # Each table slot's lowering, and which still need cabi_realloc.
    lowering, keep = {}, []
    for slot in range(len(fix)):
        x = owner[("func", lows[fix[slot]])]
        opts = lower_opts(x.raw) if x.sid == 8 else None
        if opts is None:
            raise Bad("slot %d is not a lowering" % slot)
        lowering[slot] = x
        if {op for op, _ in opts} & {0x04, 0x05, 0x06, 0x07}:
            keep.append(slot)
    # With two or more lowerings needing only the memory and cabi_realloc
    # (the same one), all are made directly, their allocator the shim's
    # trampoline: the table's one slot, filled with cabi_realloc.
    tramp = None
    reallocs = {idx for s in keep for op, idx in lower_opts(lowering[s].raw) if op == 0x04}
    if len(keep) > 1 and len(reallocs) == 1 and all(
            {op for op, _ in lower_opts(lowering[s].raw)} <= {0x00, 0x03, 0x04} for s in keep):
        tramp = reallocs.pop()
        keep = []
    elif len(keep) == len(fix):
        return data
    newslot = {slot: n for n, slot in enumerate(keep)}
    types = dict(slots.values())
    r = len(keep)
    shim_slots_types = [types[s] for s in keep]
    if tramp is not None:
        r, shim_slots_types = 1, [REALLOC_TYPE]
        x = owner[("func", tramp)]
        if x.sid != 6:
            raise Bad("the allocator is no alias")
        _, target, i, realloc_name = decode_alias(x.raw)
        if (target, i) != (1, i_main):
            raise Bad("the allocator is not the main instance's")
        for s in lowering:
            lowering[s].raw = map_canon(lowering[s].raw, lambda f: TRAMP_OLD if f == tramp else f)
    mem_field = short(r + 1)
    main, mem_name, limits = main_module(mods[0].raw, mem_field)
    mods[0].raw = main
    mods[1].raw = new_shim(shim_slots_types, limits)
    inst[i_main][2].append((b"1", i_shim))
    out, moved = [], []
    if tramp is not None:
        moved.append(Entry(6, enc_alias(b"\x00\x00", 1, i_shim, short(0)), ("func", TRAMP_OLD)))
    for x in items:
        if x.sid == 6 and x.raw[0] == 0x00 and x.raw[1] == MEM:
            sort, target, i, nm = decode_alias(x.raw)
            if (target, i, nm) != (1, i_main, mem_name):
                raise Bad("the memory alias")
            x.raw = enc_alias(sort, 1, i_shim, mem_field)
            moved.insert(0, x)
            continue
        if x.sid == 6 and x.raw[:2] == b"\x01\x00":  # a component function
            moved.append(x)
            continue
        if x.sid == 8 and x.raw[0] == 0x00 and any(
                y.sid == 6 and y.raw[:2] == b"\x01\x00" for y in items[items.index(x):]):
            raise Bad("a lift before a function alias")
        if x.sid == 6 and x.raw[:2] == b"\x00\x00":
            sort, target, i, nm = decode_alias(x.raw)
            if target == 1 and i == i_shim:
                slot = slots[nm][0]
                if slot in newslot:
                    x.raw = enc_alias(sort, 1, i_shim, short(newslot[slot]))
                else:  # the lowering itself, where its stand-in stood
                    x = Entry(8, lowering[slot].raw, x.old)
        if any(x is lowering[s] for s in lowering if s not in newslot):
            continue
        if x.sid == 2 and x.old[1] == i_low:
            if not r or tramp is not None:  # the fixup takes cabi_realloc from the main instance
                continue
            x.raw = ("exp", [(short(newslot[s]), FUNC, lows[fix[s]]) for s in keep])
        if tramp is not None and x is owner[("func", tramp)] and not used_elsewhere(items, tramp, i_low):
            continue  # cabi_realloc's alias: nothing refers to it now
        if x is mods[2] or (x.sid == 2 and x.old[1] == i_fix):
            if not r:
                continue
            if x is mods[2]:
                x.raw = new_fixup(shim_slots_types, None if tramp is None else [realloc_name])
            elif tramp is not None:
                x.raw = ("inst", x.raw[1], [(nm, i_main if i == i_low else i) for nm, i in x.raw[2]])
        out.append(x)
        if x.sid == 2 and x.old[1] == i_shim:
            out.append(moved)
    k = next(k for k, x in enumerate(out) if isinstance(x, list))
    out[k:k + 1] = moved
    return encode(data[:8], out)


def used_elsewhere(items, f, i_low):
    """Whether an entry other than core instance i_low names core function
    f: an instance's export, or a canonical function's option."""
    seen = set()

    def note(idx):
        seen.add(idx)
        return idx
    for x in items:
        if x.sid == 2 and x.old[1] != i_low and x.raw[0] == "exp":
            seen |= {i for _, sort, i in x.raw[1] if sort == FUNC}
        elif x.sid == 8:
            map_canon(x.raw, note)
    return f in seen


def encode(head, out):
    """The entries as sections, each with its core indices renumbered as
    their new order gives them (comppack then groups the sections)."""
    new, count = {}, {}
    for x in out:
        sp = defines(x.sid, x.raw if x.sid != 2 else b"")
        sp = "inst" if x.sid == 2 else sp
        if x.old and sp:
            new[x.old] = count.get(sp, 0)
            count[sp] = new[x.old] + 1

    def m(sp):
        return lambda idx: new[(sp, idx)]

    secs = []
    for x in out:
        if x.sid == 2:
            d = x.raw
            if d[0] == "inst":
                d = ("inst", m("mod")(d[1]), [(nm, m("inst")(i)) for nm, i in d[2]])
            else:
                d = ("exp", [(nm, s, m({FUNC: "func", MEM: "mem"}.get(s, "table"))(i))
                             for nm, s, i in d[1]])
            secs.append((2, b"\x01" + enc_instance(d)))
        elif x.sid == 6:
            raw = x.raw
            if raw[2 if raw[0] == 0x00 else 1] == 0x01:
                sort, target, i, nm = decode_alias(raw)
                raw = enc_alias(sort, target, m("inst")(i), nm)
            secs.append((6, b"\x01" + raw))
        elif x.sid == 8:
            secs.append((8, b"\x01" + map_canon(x.raw, m("func"))))
        else:
            secs.append((x.sid, x.raw))
    return cp.join(head, secs)
