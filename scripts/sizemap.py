#!/usr/bin/env python3
"""The bytes of a static binary by ingredient, from the GNU ld map file of its
link (-Wl,-Map=FILE): every input section the linker kept in an output
section that takes room in the file (not .bss, .tbss, nor debug sections),
summed by where it came from: libc, each library, our code (the supervisor's
objects and archives), the compiler's runtime. With the stripped binary the
rest (ELF headers, alignment) is printed too; several links side by side,
one column each. Numbers only (make bench, bench/image.sh; docs/perf.md,
sizes).

usage: sizemap.py MAP STRIPPED-BINARY [MAP STRIPPED-BINARY]..."""

import os
import re
import sys

# The file name of an input, matched in this order: first hit names the row.
ROWS = [
    ("libc", re.compile(r"x86_64-linux-musl/(libc\.a|crt|Scrt|rcrt)|"
                        r"/(libc\.a|libm(-[0-9.]+)?\.a|libmvec\.a|crt1\.o|crti\.o|crtn\.o)\b")),
    ("libsodium", re.compile(r"libsodium\.a")),
    ("libpng", re.compile(r"libpng(16)?\.a")),
    ("zlib", re.compile(r"libz\.a")),
    ("libseccomp", re.compile(r"libseccomp\.a")),
    ("libdrm", re.compile(r"libdrm\.a")),
    ("libmd", re.compile(r"libmd\.a")),
    ("compiler runtime", re.compile(r"libgcc|crtbegin|crtend|libssp")),
    ("our code", re.compile(r"(^|/)(libv[a-z]+\.a|main\.o)|build/")),
]
SKIP_OUT = re.compile(r"^\.(bss|tbss|debug|comment|note\.gnu\.build-id|stab|gnu\.warning)|^/DISCARD/")
IN_SEC = re.compile(r"^ (\S+)?\s*(?:\n)?\s*0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")


def row_of(path):
    for name, rx in ROWS:
        if rx.search(path):
            return name
    return "other: " + os.path.basename(path.split("(")[0])


def sizes(map_path):
    out = {}
    with open(map_path) as f:
        text = f.read()
    start = text.find("Linker script and memory map")
    lines = text[start:].splitlines()
    cur_out = None
    pending = None  # an input section name alone on its line; numbers follow
    for ln in lines:
        if ln and not ln.startswith(" "):
            cur_out = ln.split()[0]
            pending = None
            continue
        if cur_out is None or SKIP_OUT.match(cur_out):
            continue
        f = ln.split()
        if len(f) == 1 and ln.startswith(" ") and not ln.startswith("  "):
            pending = f[0]
            continue
        if len(f) >= 3 and f[0].startswith("0x") and f[1].startswith("0x") and pending:
            size, src = int(f[1], 16), " ".join(f[2:])
            pending = None
        elif len(f) >= 4 and ln.startswith(" ") and not ln.startswith("  ") and \
                f[1].startswith("0x") and f[2].startswith("0x"):
            size, src = int(f[2], 16), " ".join(f[3:])
        else:
            continue
        if size == 0 or src.startswith("load address"):
            continue
        r = row_of(src)
        out[r] = out.get(r, 0) + size
    return out


def main():
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    cols = []
    for i in range(0, len(args), 2):
        rows = sizes(args[i])
        size = os.stat(args[i + 1]).st_size
        rows["headers, alignment"] = size - sum(rows.values())
        rows["total (stripped file)"] = size
        cols.append(rows)
    names = sorted({n for c in cols for n in c if not n.startswith(("headers", "total"))},
                   key=lambda n: -cols[0].get(n, 0))
    for n in names + ["headers, alignment", "total (stripped file)"]:
        print("    %-22s" % n + "".join(" %9d" % c.get(n, 0) for c in cols))


if __name__ == "__main__":
    main()
