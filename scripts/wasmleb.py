"""wasmleb: the LEB128 integers of the WebAssembly binary format, for the
build's scripts that read or write components (app-marks.py, app-slim.py,
comppack.py), and the section list of a module or component."""


class Bad(Exception):
    """Input that is not what the grammar says."""


def read_leb(b, i, signed):
    """The LEB128 at b[i], signed or not: (value, index after it)."""
    r = s = 0
    while True:
        if i >= len(b):
            raise Bad("truncated")
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return (r - (1 << s) if signed and x & 0x40 else r), i


def uleb(b, i):
    """The unsigned LEB128 at b[i]: (value, index after it)."""
    return read_leb(b, i, False)


def sleb(b, i):
    """The signed LEB128 at b[i] (a component's value type index)."""
    return read_leb(b, i, True)


def leb(n):
    """n as unsigned LEB128."""
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def sections(b, i):
    """The sections of a module or component from b[i] (after its
    header): [(id, body)]."""
    out = []
    while i < len(b):
        sid = b[i]
        size, j = uleb(b, i + 1)
        if j + size > len(b):
            raise Bad("truncated section")
        out.append((sid, b[j:j + size]))
        i = j + size
    return out


def enc_sleb(n):
    """n as signed LEB128."""
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)
