#!/usr/bin/env python3
"""fmt-narrow.py CORE: may this app keep the narrow formatter? (mk/apps.mk)

The build links every app's core module with sdk/fmtn.c, the narrow
vy_vsnprintf, and then runs this on it. The narrow one does %s %c %d %i %u
(with l, ll or z), %%, an unknown conversion and a '%' at the end exactly
as the full sdk/fmt.c does; what it lacks is what follows a '%' (after any
l and z) as one of - 0-9 * . x X p f: a flag, a width, a precision, hex,
a pointer, a float. Exit 0: no '%' byte in the module's data is followed
by one of those, so the narrow one prints what the full one would. Exit 1
(it names the first that is): the build links the app again with the full
sdk/fmt.c. Exit 2: not a module it can read; the build links the full one.

Why the data: the SDK and the apps build with -Wformat-nonliteral
(mk/apps.mk), so every format handed to the formatter is a string literal,
and the linked module holds every literal its code uses as data bytes.
Each '%' is judged on its own, wherever it is, so a format that is the
tail of another string (the linker merges those) is judged too; a '%' in
data that is not a format (a table, a text) can only cost the narrow
formatter, never print wrong. An app that builds a format at run time says
VY_RUNTIME_FORMAT (sdk/vyoma.h), whose mark string sends it to the full
formatter. The answer depends only on the input bytes."""
import re
import sys

from wasmleb import Bad, sections, sleb, uleb

MARK = b"vyoma-mark:runtime-format"
# What the narrow formatter does not do: a '%', any l and z, then one of these.
WIDE = re.compile(rb"%[lz]*[-0-9*.xXpf]")


def segments(body):
    """The bytes of each data segment of a data section's body (an active
    segment's offset is one i32.const, as wasm-ld writes it)."""
    n, i = uleb(body, 0)
    out = []
    for _ in range(n):
        flags, i = uleb(body, i)
        if flags == 2:
            _, i = uleb(body, i)
        if flags in (0, 2):
            if body[i:i + 1] != b"\x41":
                raise Bad("a data segment's offset is not an i32.const")
            _, i = sleb(body, i + 1)
            if body[i:i + 1] != b"\x0b":
                raise Bad("a data segment's offset is not one instruction")
            i += 1
        elif flags != 1:
            raise Bad(f"data segment flags {flags}")
        size, i = uleb(body, i)
        if i + size > len(body):
            raise Bad("truncated data segment")
        out.append(body[i:i + size])
        i += size
    return out


def first_wide(module):
    """None if the narrow formatter will do, else the first conversion
    (or the mark) that needs the full one."""
    if module[:8] != b"\0asm\x01\0\0\0":
        raise Bad("not a core module")
    segs = [s for sid, body in sections(module, 8) if sid == 11 for s in segments(body)]
    for data in segs:
        if MARK in data:
            return MARK.decode()
        for i in range(len(data)):
            if data[i] == 0x25 and WIDE.match(data, i):
                return data[i:i + 8].split(b"\0")[0].decode("latin-1")
    return None


def main():
    try:
        wide = first_wide(open(sys.argv[1], "rb").read())
    except (OSError, IndexError, Bad) as e:
        print(f"fmt-narrow.py: {e}", file=sys.stderr)
        return 2
    if wide is None:
        return 0
    print(f"fmt-narrow.py: {sys.argv[1]}: {wide!r} needs the full formatter", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
