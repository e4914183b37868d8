#!/usr/bin/env python3
"""genfont: turn an 8x16 PSF1/PSF2 console font into supervisor/svc/font8x16.h.

Run once by hand when the font changes (the header is committed):
    python3 scripts/genfont.py /usr/share/consolefonts/Lat15-VGA16.psf.gz \
        'console-setup-linux 1.221' > supervisor/svc/font8x16.h

The glyph for each code point is found through the font's Unicode table,
so the font's own glyph order does not matter. ASCII 32..126 must all be
present. The replacement glyph (for everything else) is a hollow box drawn
here, not the font's U+FFFD: a box stays legible at the 4x8 size and says
"no glyph" plainly. Standard library only; the output is deterministic.

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
    if width != 8 or height != 16 or rowbytes != 1:
        sys.exit("genfont: need an 8x16 font, got %dx%d" % (width, height))
    return [bytes(g) for g in glyphs], table


def box_glyph():
    # Columns 1..5, rows 2..13: inside the 7-pixel VGA advance, and its sides
    # fall on odd columns, which the 4x8 size samples (see font.c).
    rows = [0] * 16
    for y in range(2, 14):
        rows[y] = 0x44 if 2 < y < 13 else 0x7C
    return bytes(rows)


def row_list(g):
    return ", ".join("0x%02x" % b for b in g)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: genfont.py FONT.psf[.gz] 'package version' > font8x16.h")
    path, package = sys.argv[1], sys.argv[2]
    family = next((k for k in LICENCES if k in os.path.basename(path)), None)
    if family is None:
        sys.exit("genfont: no licence note for %s; add one to LICENCES" % path)
    licence = LICENCES[family]
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    glyphs, table = read_psf(raw)
    missing = [c for c in range(32, 127) if c not in table]
    if missing:
        sys.exit("genfont: font lacks %s" % ", ".join("U+%04X" % c for c in missing))
    repl = box_glyph()
    out = []
    w = out.append
    w("/* font8x16: GENERATED by scripts/genfont.py; do not edit, regenerate.")
    w(" *")
    w(" * Source: %s, from the Debian package %s." % (os.path.basename(path), package))
    for line in licence:
        w(" * " + line if line else " *")
    w(" *")
    w(" * Data, not an interface: included by font.c only. One glyph is 16 rows")
    w(" * of 8 pixels, top row first, bit 7 the leftmost pixel. The replacement")
    w(" * glyph is a hollow box made by the generator. */")
    w("#ifndef VYOMA_FONT8X16_H")
    w("#define VYOMA_FONT8X16_H")
    w("")
    w("#define FONT8X16_FIRST 32")
    w("#define FONT8X16_LAST  126")
    w("")
    w("static const unsigned char font8x16_glyphs[FONT8X16_LAST - FONT8X16_FIRST + 1][16] = {")
    for c in range(32, 127):
        name = "'\\\\'" if c == 92 else "'\\''" if c == 39 else "'%c'" % c
        w("\t{ %s }, /* %s */" % (row_list(glyphs[table[c]]), name))
    w("};")
    w("")
    w("static const unsigned char font8x16_replacement[16] = { %s };" % row_list(repl))
    w("")
    w("#endif")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
