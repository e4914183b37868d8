#!/usr/bin/env python3
"""wallpaper: the default desktop wallpaper, made at build time.

    python3 scripts/wallpaper.py OUT.png [WIDTH HEIGHT]   (default 1280 800)

A calm night sky for a dark desktop ("vyoma" is the sky): a vertical
gradient in the theme's colours, a soft glow of the accent blue up right,
the rim of a planet rising at the bottom left, and a few hundred stars
from a fixed pseudo-random sequence. Low contrast, so windows stay in
front. Standard library only; the output is deterministic (same
arguments, same bytes), so the image stays reproducible. scripts/rootfs.sh
puts it at /etc/vyoma/wallpaper.png; a /data/wallpaper.png replaces it
(docs/display.md, "Wallpaper").
"""

import math
import struct
import sys
import zlib

TOP, BOTTOM = (0x1D, 0x23, 0x33), (0x0C, 0x0E, 0x14)
GLOW = (0x5E, 0x81, 0xAC)
RIM = (0x88, 0xC0, 0xD0)
PLANET = (0x12, 0x15, 0x1D)


def lcg(seed):
    while True:
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        yield seed


def mix(a, b, t):
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))


def render(w, h):
    px = [bytearray(w * 3) for _ in range(h)]
    gx, gy, gr = 0.78 * w, 0.28 * h, 0.60 * w
    pcx, pcy, pr = 0.16 * w, 1.62 * h, 0.98 * h
    for y in range(h):
        base = mix(TOP, BOTTOM, y / (h - 1))
        row = px[y]
        dy2 = (y - gy) ** 2
        py2 = (y - pcy) ** 2
        for x in range(w):
            c = base
            d = math.sqrt((x - gx) ** 2 + dy2) / gr
            if d < 1.0:
                c = mix(c, GLOW, 0.20 * (1.0 - d) ** 2)
            pd = math.sqrt((x - pcx) ** 2 + py2) - pr
            if pd < 0:
                # The planet: dark, a little lighter towards its rim.
                c = mix(PLANET, c, max(0.0, 1.0 + pd / 40.0) * 0.35)
            if -3.0 < pd < 36.0:
                # The rim, lit from the glow's side, and a thin haze above it.
                ang = math.atan2(y - pcy, x - pcx)
                light = max(0.0, math.cos(ang + math.pi / 2 - 0.55)) ** 3
                if pd < 1.5:
                    a = (1.0 - abs(pd + 0.75) / 2.25) * light * 0.85
                else:
                    a = 0.16 * (1.0 - pd / 36.0) ** 2 * light
                if a > 0:
                    c = mix(c, RIM, a)
            row[3 * x:3 * x + 3] = bytes(c)
    r = lcg(20261201)
    for _ in range(int(w * h / 3500)):
        x, y = next(r) % w, next(r) % int(h * 0.82)
        if math.sqrt((x - pcx) ** 2 + (y - pcy) ** 2) < pr + 4:
            continue
        level = 70 + next(r) % 150
        size = 2 if next(r) % 23 == 0 else 1
        for yy in range(y, min(y + size, h)):
            for xx in range(x, min(x + size, w)):
                old = px[yy][3 * xx:3 * xx + 3]
                px[yy][3 * xx:3 * xx + 3] = bytes(mix(tuple(old), (0xE5, 0xE9, 0xF0), level / 255))
    return px


def png(w, h, rows):
    raw = b"".join(b"\x02" + bytes(a - b & 0xFF for a, b in zip(row, prev))
                   for row, prev in zip(rows, [bytearray(w * 3)] + rows[:-1]))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    if len(sys.argv) not in (2, 4):
        sys.exit("usage: wallpaper.py OUT.png [WIDTH HEIGHT]")
    w, h = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) == 4 else (1280, 800)
    data = png(w, h, render(w, h))
    with open(sys.argv[1] + ".tmp", "wb") as f:
        f.write(data)
    import os
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])


if __name__ == "__main__":
    main()
