"""comptypes: one alias per imported type in an app's component (a step of
scripts/comppack.py). `wasm-tools component new` aliases an imported
resource type once for each import type that uses it ("pollable" for the
clock's, the streams' and the sockets' instance types; "network",
"error-code", "input-stream", ...) and again for its `resource.drop`: a
later alias of the same export of the same instance is the same type, so
it is dropped and every later reference to it, or to a type after it, is
renumbered.

What follows the first dropped alias is rewritten only in the shapes
wit-component writes there (canonical functions; instance types, whose
aliases of the component's types are the only indices that name ours;
imports of instances; value, function and resource-handle types); anything
else there raises Bad and the caller keeps its input (component-model
Binary.md: a value type is a primitive byte or a type index as signed
LEB128)."""
from wasmleb import Bad, enc_sleb, leb, sleb, uleb

PRIM = set(range(0x73, 0x80)) | {0x64}
TYPE = 0x03


def valtype(b, i, m):
    if b[i] in PRIM:
        return b[i:i + 1], i + 1
    t, j = sleb(b, i)
    if t < 0:
        raise Bad("value type %d" % t)
    return enc_sleb(m(t)), j


def option(b, i, m):
    if b[i] == 0x00:
        return b"\x00", i + 1
    if b[i] != 0x01:
        raise Bad("option flag")
    v, i = valtype(b, i + 1, m)
    return b"\x01" + v, i


def name_raw(b, i):
    n, j = uleb(b, i)
    return b[i:j + n], j + n


def deftype(b, i, m):
    """One type definition from b[i] with its type indices mapped (also
    scripts/comptrim.py's, for the declarations of instance types)."""
    k = b[i]
    if k in PRIM:
        return b[i:i + 1], i + 1
    if k in (0x69, 0x68):  # own, borrow
        t, j = uleb(b, i + 1)
        return bytes([k]) + leb(m(t)), j
    if k in (0x6b, 0x70):  # option, list
        v, j = valtype(b, i + 1, m)
        return bytes([k]) + v, j
    if k == 0x6a:  # result
        ok, j = option(b, i + 1, m)
        err, j = option(b, j, m)
        return b"\x6a" + ok + err, j
    if k == 0x6f:  # tuple
        n, j = uleb(b, i + 1)
        out = bytearray(b"\x6f" + leb(n))
        for _ in range(n):
            v, j = valtype(b, j, m)
            out += v
        return bytes(out), j
    if k in (0x6e, 0x6d):  # flags, enum: names only
        n, j = uleb(b, i + 1)
        for _ in range(n):
            _, j = name_raw(b, j)
        return b[i:j], j
    if k in (0x72, 0x71):  # record, variant
        n, j = uleb(b, i + 1)
        out = bytearray(bytes([k]) + leb(n))
        for _ in range(n):
            nm, j = name_raw(b, j)
            if k == 0x72:
                v, j = valtype(b, j, m)
            else:
                v, j = option(b, j, m)
                if b[j] != 0x00:
                    raise Bad("variant case refines")
                v, j = v + b"\x00", j + 1
            out += nm + v
        return bytes(out), j
    if k == 0x40:  # function
        n, j = uleb(b, i + 1)
        out = bytearray(b"\x40" + leb(n))
        for _ in range(n):
            nm, j = name_raw(b, j)
            v, j = valtype(b, j, m)
            out += nm + v
        if b[j] == 0x00:
            v, j = valtype(b, j + 1, m)
            return bytes(out) + b"\x00" + v, j
        if b[j:j + 2] == b"\x01\x00":
            return bytes(out) + b"\x01\x00", j + 2
        raise Bad("function results")
    if k == 0x42:  # instance type: only its outer aliases name our types
        return instancetype(b, i, m)
    raise Bad("type kind 0x%02x" % k)


def instancetype(b, i, m):
    """An instance type with the indices of its aliases of the enclosing
    component's types (outer, count 1) mapped; its own declarations
    (types, exports) use its own index space and are copied. Aliases of
    other kinds and core types in it raise Bad."""
    from comppack import externdesc_end, name_end
    n, j = uleb(b, i + 1)
    out = bytearray(b"\x42" + leb(n))
    for _ in range(n):
        tag, start = b[j], j
        if tag == 0x01:  # a type of its own
            _, j = deftype(b, j + 1, lambda t: t)
            out += b[start:j]
        elif tag == 0x04:  # an export: its description names its own types
            if b[j + 1] != 0x00:
                raise Bad("export name kind %d" % b[j + 1])
            j = externdesc_end(b, name_end(b, j + 2))
            out += b[start:j]
        elif tag == 0x02 and b[j + 1] == TYPE and b[j + 2] == 0x02:
            ct, j = uleb(b, j + 3)
            t, j = uleb(b, j)
            if ct != 1:
                raise Bad("an alias %d components out" % ct)
            out += b"\x02\x03\x02\x01" + leb(m(t))
        else:
            raise Bad("instance declaration %d" % tag)
    return bytes(out), j


def canon(b, i, m):
    """One canonical function with its type index mapped."""
    from comppack import canon_item
    end, raw, _, refs = canon_item(b, i)
    types = [t for space, sort, t in refs if sort == TYPE and space == "comp"]
    if not types:
        return raw, end
    t = types[0]  # lift and resource.*: the type is the last field
    return raw[:len(raw) - len(leb(t))] + leb(m(t)), end


def no_types(sid, body):
    """Refuses an instance (5) or export (11) section that names a type."""
    n, i = uleb(body, 0)
    for _ in range(n):
        if sid == 5:
            tag = body[i]
            if tag == 0x00:
                _, i = uleb(body, i + 1)
            elif tag != 0x01:
                raise Bad("instance tag %d" % tag)
            else:
                i += 1
            k, i = uleb(body, i)
        else:
            k = 1
        for _ in range(k):
            if sid == 11 or tag == 0x01:
                i += 1  # export name kind
            _, i = name_raw(body, i)
            sort = body[i]
            if sort == TYPE:
                raise Bad("a type exported after a dropped alias")
            i += 2 if sort == 0x00 else 1
            _, i = uleb(body, i)
            if sid == 11:
                if body[i] != 0x00:
                    raise Bad("an ascribed export type after a dropped alias")
                i += 1
    if i != len(body):
        raise Bad("section %d size" % sid)


def vec(body, each):
    """A section's entries through each(body, i) -> (bytes or None to drop,
    end): the new body, or None when nothing is left."""
    n, i = uleb(body, 0)
    kept = []
    for _ in range(n):
        raw, i = each(body, i)
        if raw is not None:
            kept.append(raw)
    if i != len(body):
        raise Bad("section size")
    return leb(len(kept)) + b"".join(kept) if kept else None


def import_item(b, i, m):
    """One import with the instance type it names mapped (wit-component
    imports only instances; anything else raises Bad)."""
    from comppack import name_end
    if b[i] != 0x00:
        raise Bad("import name kind %d" % b[i])
    j = name_end(b, i + 1)
    if b[j] != 0x05:
        raise Bad("an import of kind %d after a dropped alias" % b[j])
    t, k = uleb(b, j + 1)
    return b[i:j + 1] + leb(m(t)), k


def types_defined(sid, body):
    """How many types a section before any dropped alias defines."""
    if sid == 7:
        return uleb(body, 0)[0]
    if sid in (10, 11):
        from comppack import extern_entries
        return sum(1 for _, sort, _ in extern_entries(sid, body) if sort == TYPE)
    return 0


def dedupe(secs):
    """secs with the repeated type aliases dropped (see the doc)."""
    count = 0  # types so far, in the input's numbering
    dropped = []  # the input's indices of dropped aliases
    first = {}  # (instance, name) -> new index
    to = {}  # dropped index -> the new index of its first alias

    def m(t):
        if t in to:
            return to[t]
        return t - sum(1 for d in dropped if d < t)

    def alias(b, i):
        nonlocal count
        start, sort = i, b[i]
        i += 2 if sort == 0 else 1
        target = b[i]
        if target == 2:
            ct, j = uleb(b, i + 1)
            _, j = uleb(b, j)
            if sort == TYPE:
                if ct == 0 and dropped:
                    raise Bad("an inner alias after a dropped one")
                count += 1
            return b[start:j], j
        inst, j = uleb(b, i + 1)
        nm, j = name_raw(b, j)
        if sort != TYPE:
            return b[start:j], j
        key = (target, inst, nm)
        count += 1
        if target == 0 and key in first:
            dropped.append(count - 1)
            to[count - 1] = first[key]
            return None, j
        first.setdefault(key, m(count - 1))
        return b[start:j], j

    def typedef(b, i):
        nonlocal count
        raw, j = deftype(b, i, m)
        count += 1
        return raw, j

    out = []
    for sid, body in secs:
        if sid == 6:
            body = vec(body, alias)
        elif dropped and sid == 7:
            body = vec(body, typedef)
        elif dropped and sid == 8:
            body = vec(body, lambda b, i: canon(b, i, m))
        elif dropped and sid in (5, 11):
            no_types(sid, body)
        elif dropped and sid == 10:
            body = vec(body, lambda b, i: import_item(b, i, m))
        elif dropped and sid not in (0, 1, 2, 3):
            raise Bad("section %d after a dropped alias" % sid)
        else:
            count += types_defined(sid, body)
        if body is not None:
            out.append((sid, body))
    return out
