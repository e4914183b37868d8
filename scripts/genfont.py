#!/usr/bin/env python3
"""genfont: turn a PSF1/PSF2 console font (8x16 or 6x12) into a C header.

Run once by hand when a font changes (the headers are committed):
    python3 scripts/genfont.py /usr/share/consolefonts/Uni2-VGA16.psf.gz \
        'console-setup-linux 1.221' font8x16 > supervisor/svc/font8x16.h
    python3 scripts/genfont.py /usr/share/consolefonts/Uni2-Terminus12x6.psf.gz \
        'console-setup-linux 1.221' font6x12 > supervisor/svc/font6x12.h

The glyph for each code point is found through the font's Unicode table,
so the font's own glyph order does not matter. ASCII 32..126 must all be
present (one array, in order); then Latin-1 (U+00A0..U+00FF, all
required) and the common symbols of SYMBOLS the font has, sorted by code
point for a binary search. The replacement glyph (for everything else) is
a hollow box drawn here, not the font's U+FFFD: a box stays legible at the
4x8 size and says "no glyph" plainly. Standard library only; the output is
deterministic.

Only fonts whose licence note is in LICENCES are accepted, so the header
always says where its glyphs come from and under which terms.
"""
import gzip
import os
import struct
import sys

# Licence notes, from /usr/share/doc/console-setup-linux/copyright.fonts.gz.
LICENCES = {
    "VGA16": [
        "Its glyphs come from u_vga16.bdf, Copyright (c) 2000, 2001 Dmitry",
        "Bolkhovityanov, distributed under this permission notice (MIT style):",
        "  Permission is hereby granted, free of charge, to any person obtaining",
        "  a copy of this software and associated documentation files (the",
        "  \"Software\"), to deal in the Software without restriction, including",
        "  without limitation the rights to use, copy, modify, merge, publish,",
        "  distribute, sublicense, and/or sell copies of the Software, and to",
        "  permit persons to whom the Software is furnished to do so, subject to",
        "  the following conditions: The above copyright notice and this",
        "  permission notice shall be included in all copies or substantial",
        "  portions of the Software. THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT",
        "  WARRANTY OF ANY KIND. (Full text: /usr/share/doc/console-setup-linux/",
        "  copyright.fonts.gz, which also notes \"All console fonts are public",
        "  domain by nature\".)",
    ],
}

LICENCES["Terminus"] = [
    "Terminus Font, Copyright (c) 2010 Dimitar Toshkov Zhekov, licensed under",
    "the SIL Open Font License, Version 1.1 (https://openfontlicense.org; the",
    "Debian package's copyright file, /usr/share/doc/console-setup-linux/",
    "copyright.fonts.gz, has the notice). Bundled here as bitmap data with",
    "this notice, as the licence allows; the name is the font's own.",
]

# Beyond Latin-1: what people type and apps show most (quotes, dashes,
# the euro, arrows, a bullet, an ellipsis, boxes and shading).
SYMBOLS = [0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017D, 0x017E, 0x0192, 0x2013, 0x2014,
           0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022, 0x2026,
           0x2030, 0x2039, 0x203A, 0x20AC, 0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194,
           0x2195, 0x2212, 0x221A, 0x221E, 0x2248, 0x2260, 0x2264, 0x2265, 0x2500, 0x2502,
           0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580,
           0x2584, 0x2588, 0x2591, 0x2592, 0x2593, 0x25A0, 0x25B2, 0x25B6, 0x25BC, 0x25C0,
           0x25C6, 0x25CF, 0x263A, 0x2665, 0x266A, 0x2713]
SIZES = {(8, 16), (6, 12)}

PSF1_MAGIC = b"\x36\x04"
PSF2_MAGIC = b"\x72\xb5\x4a\x86"


def read_psf(data):
    """Return (glyphs, {codepoint: glyph index}); glyphs are lists of 16 bytes."""
    if data[:2] == PSF1_MAGIC:
        mode, height = data[2], data[3]
        count = 512 if mode & 0x01 else 256
        width, rowbytes, off = 8, 1, 4
        glyphs = [data[off + i * height: off + (i + 1) * height] for i in range(count)]
        table = {}
        if mode & 0x02 or mode & 0x04:
            pos = off + count * height
            for idx in range(count):
                seq = False
                while True:
                    (u,) = struct.unpack_from("<H", data, pos)
                    pos += 2
                    if u == 0xFFFF:
                        break
                    if u == 0xFFFE:
                        seq = True  # combining sequences follow: not single chars
                    elif not seq:
                        table.setdefault(u, idx)
        else:
            table = {i: i for i in range(count)}
    elif data[:4] == PSF2_MAGIC:
        (_, _, hdrsize, flags, count, charsize, height, width) = struct.unpack_from("<8I", data, 0)
        rowbytes = (width + 7) // 8
        glyphs = [data[hdrsize + i * charsize: hdrsize + (i + 1) * charsize] for i in range(count)]
        table = {}
        if flags & 0x01:
            pos = hdrsize + count * charsize
            for idx in range(count):
                seq = False
                while True:
                    b = data[pos]
                    if b == 0xFF:
                        pos += 1
                        break
                    if b == 0xFE:
                        seq = True
                        pos += 1
                        continue
                    n = 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                    ch = data[pos:pos + n].decode("utf-8")
                    pos += n
                    if not seq:
                        table.setdefault(ord(ch), idx)
        else:
            table = {i: i for i in range(count)}
    else:
        sys.exit("genfont: not a PSF1 or PSF2 font")
    if (width, height) not in SIZES or rowbytes != 1:
        sys.exit("genfont: need an 8x16 or 6x12 font, got %dx%d" % (width, height))
    return [bytes(g) for g in glyphs], table, width, height


def box_glyph(width, height):
    # 8x16: columns 1..5, rows 2..13, inside the 7-pixel VGA advance, its
    # sides on odd columns, which the 4x8 size samples (see font.c).
    # 6x12: columns 1..4, rows 2..10.
    if width == 8:
        rows = [0] * 16
        for y in range(2, 14):
            rows[y] = 0x44 if 2 < y < 13 else 0x7C
    else:
        rows = [0] * 12
        for y in range(2, 11):
            rows[y] = 0x48 if 2 < y < 10 else 0x78
    return bytes(rows)


def row_list(g):
    return ", ".join("0x%02x" % b for b in g)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: genfont.py FONT.psf[.gz] 'package version' NAME > NAME.h")
    path, package, name = sys.argv[1], sys.argv[2], sys.argv[3]
    family = next((k for k in LICENCES if k in os.path.basename(path)), None)
    if family is None:
        sys.exit("genfont: no licence note for %s; add one to LICENCES" % path)
    licence = LICENCES[family]
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    glyphs, table, width, height = read_psf(raw)
    missing = [c for c in list(range(32, 127)) + list(range(0xA0, 0x100)) if c not in table]
    if missing:
        sys.exit("genfont: font lacks %s" % ", ".join("U+%04X" % c for c in missing))
    extra = list(range(0xA0, 0x100)) + [c for c in SYMBOLS if c in table]
    repl = box_glyph(width, height)
    up = name.upper()
    out = []
    w = out.append
    w("/* %s: GENERATED by scripts/genfont.py; do not edit, regenerate." % name)
    w(" *")
    w(" * Source: %s, from the Debian package %s." % (os.path.basename(path), package))
    for line in licence:
        w(" * " + line if line else " *")
    w(" *")
    w(" * Data, not an interface: included by font.c only. One glyph is %d rows" % height)
    w(" * of %d pixels, top row first, bit 7 the leftmost pixel. ASCII first, in" % width)
    w(" * order; then Latin-1 and common symbols, sorted by code point. The")
    w(" * replacement glyph is a hollow box made by the generator. */")
    w("#ifndef VYOMA_%s_H" % up)
    w("#define VYOMA_%s_H" % up)
    w("")
    w("#define %s_FIRST 32" % up)
    w("#define %s_LAST  126" % up)
    w("#define %s_EXTRA %d" % (up, len(extra)))
    w("")
    w("static const unsigned char %s_glyphs[%s_LAST - %s_FIRST + 1][%d] = {" % (name, up, up, height))
    for c in range(32, 127):
        cname = "'\\\\'" if c == 92 else "'\\''" if c == 39 else "'%c'" % c
        w("\t{ %s }, /* %s */" % (row_list(glyphs[table[c]][:height]), cname))
    w("};")
    w("")
    w("static const unsigned short %s_extra_cp[%s_EXTRA] = {" % (name, up))
    for i in range(0, len(extra), 8):
        w("\t" + ", ".join("0x%04x" % c for c in extra[i:i + 8]) + ",")
    w("};")
    w("")
    w("static const unsigned char %s_extra[%s_EXTRA][%d] = {" % (name, up, height))
    for c in extra:
        w("\t{ %s }, /* U+%04X */" % (row_list(glyphs[table[c]][:height]), c))
    w("};")
    w("")
    w("static const unsigned char %s_replacement[%d] = { %s };" % (name, height, row_list(repl)))
    w("")
    w("#endif")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
