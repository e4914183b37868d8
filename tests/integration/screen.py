"""screen: what the display tests need to check screenshots pixel by pixel.

- `Shot`: a PNG read with the standard library (zlib), `shot.px(x, y)` as
  0xRRGGBB.
- The numbers of docs/display.md: chrome geometry, theme colours, the
  desktop gradient.
- `Ref`: a reference renderer of the draw protocol (clear, fill_rect,
  draw_text in the three sizes with the font read from
  supervisor/svc/font8x16.h, pixel, 45-degree lines) written from docs/draw.md,
  so expected window contents are computed, not copied from the supervisor.
- `display_system`: a hosted supervisor with the real runner and the test
  apps draw-scene and input-echo, placed by boot.toml.
"""

import os
import re
import struct
import zlib

from harness import BUILD, ROOT, App, System, check

RUNNER = os.path.join(BUILD, "vyoma-run")
CACHE = os.path.join(BUILD, "test-cache")

# docs/display.md: geometry and theme
SCREEN_W, SCREEN_H = 1024, 768
BORDER, TITLE_H, CLOSE_W, STRIP_H = 2, 24, 24, 24
C_BORDER = 0x3B4252      # unfocused border
C_TITLE = 0x262B34       # unfocused title bar
C_TITLE_F = 0x323946     # focused title bar
C_STRIP = 0x14171C       # status strip
C_LOGO = 0x88C0D0        # "VyomaOS" in the strip
DESK_TOP, DESK_BOTTOM = 0x1E222A, 0x101217
ACCENTS = [0x5E81AC, 0x88C0D0, 0xA3BE8C, 0xEBCB8B, 0xD08770, 0xB48EAD, 0x8FBCBB, 0xBF616A]


def accent_of(name):
    """FNV-1a of the app name picks its accent colour."""
    h = 2166136261
    for b in name.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return ACCENTS[h % len(ACCENTS)]


def _cdiv(a, b):
    """C integer division (truncates towards zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def desktop(y, h=SCREEN_H):
    c = 0
    for sh in (0, 8, 16):
        a, b = DESK_TOP >> sh & 0xFF, DESK_BOTTOM >> sh & 0xFF
        c |= (a + _cdiv((b - a) * y, h - 1)) << sh
    return c


def content_origin(x, y):
    """Content corner of a window whose outer corner is (x, y)."""
    return x + BORDER, y + BORDER + TITLE_H


def blend(dst, rgba):
    """docs/draw.md: out = (src * a + dst * (255 - a) + 127) / 255 per channel."""
    a = rgba & 0xFF
    out = 0
    for sh in (16, 8, 0):
        s, d = rgba >> (sh + 8) & 0xFF, dst >> sh & 0xFF
        out |= ((s * a + d * (255 - a) + 127) // 255) << sh
    return out


def rgba_of(text):
    v = int(text, 16)
    return v << 8 | 0xFF if len(text) == 6 else v


class Shot:
    """An 8-bit RGB or RGBA PNG, non-interlaced (what the supervisor writes)."""

    def __init__(self, path):
        with open(path, "rb") as f:
            data = f.read()
        check(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG: " + path)
        pos, idat = 8, b""
        while pos < len(data):
            n, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if kind == b"IHDR":
                self.w, self.h, depth, color, _, _, inter = struct.unpack(">IIBBBBB", body)
                check(depth == 8 and color in (2, 6) and inter == 0, "unexpected PNG kind")
                self.bpp = 3 if color == 2 else 4
            elif kind == b"IDAT":
                idat += body
            pos += 12 + n
        raw = zlib.decompress(idat)
        stride = self.w * self.bpp
        rows, prev = [], bytearray(stride)
        for y in range(self.h):
            f = raw[y * (stride + 1)]
            line = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
            if f != 0:  # the supervisor writes unfiltered rows; others are slow here
                line = bytearray(line)
                self._unfilter(f, line, prev)
            rows.append(line)
            prev = line
        self.rows = rows

    def _unfilter(self, f, line, prev):
        bpp = self.bpp
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 0xFF

    def px(self, x, y):
        r = self.rows[y]
        i = x * self.bpp
        return r[i] << 16 | r[i + 1] << 8 | r[i + 2]


def expect_px(shot, x, y, want, what=""):
    got = shot.px(x, y)
    check(got == want, "pixel (%d, %d)%s: got %06x, want %06x" % (x, y, " " + what if what else "",
                                                                  got, want))


# ---- the font and a reference renderer -------------------------------------------------

_FONT = None


def font():
    """{code point: 16 rows} for ASCII 32..126, from supervisor/svc/font8x16.h."""
    global _FONT
    if _FONT is None:
        text = open(os.path.join(ROOT, "supervisor", "svc", "font8x16.h")).read()
        rows = re.findall(r"\{((?:\s*0x[0-9a-f]{2},?){16})\s*\}", text)
        check(len(rows) >= 95, "font8x16.h: %d glyphs" % len(rows))
        _FONT = {32 + i: [int(v, 16) for v in re.findall(r"0x([0-9a-f]{2})", r)]
                 for i, r in enumerate(rows[:95])}
    return _FONT


def glyph_bits(ch, size):
    """Set pixels (x, y) of one cell of character ch in size s, m or l."""
    g = font()[ord(ch)]
    out = []
    if size == "m":
        for y in range(16):
            out += [(x, y) for x in range(8) if g[y] >> (7 - x) & 1]
    elif size == "l":
        for y in range(32):
            out += [(x, y) for x in range(16) if g[y // 2] >> (7 - x // 2) & 1]
    else:  # s: of each pair of columns the right one, each pair of rows ORed
        for y in range(8):
            r = g[2 * y] | g[2 * y + 1]
            out += [(x, y) for x in range(4) if r >> (6 - 2 * x) & 1]
    return out


CELL = {"s": (4, 8), "m": (8, 16), "l": (16, 32)}


class Ref:
    """A w x h window content, drawn by the rules of docs/draw.md."""

    def __init__(self, w, h, color=0):
        self.w, self.h = w, h
        self.px = [[color] * w for _ in range(h)]

    def put(self, x, y, rgba):
        if 0 <= x < self.w and 0 <= y < self.h:
            self.px[y][x] = blend(self.px[y][x], rgba)

    def line(self, text):
        """One draw command without the VYOMA_DRAW: prefix."""
        cmd, _, args = text.partition(":")
        if cmd == "clear":
            self.fill(0, 0, self.w, self.h, rgba_of(args))
        elif cmd == "fill_rect":
            x, y, w, h, c = args.split(",")
            self.fill(int(x), int(y), int(w), int(h), rgba_of(c))
        elif cmd == "pixel":
            x, y, c = args.split(",")
            self.put(int(x), int(y), rgba_of(c))
        elif cmd == "draw_text":
            x, y, c, size, s = args.split(",", 4)
            self.text(int(x), int(y), rgba_of(c), size, s)
        elif cmd == "line":
            x0, y0, x1, y1, c = args.split(",")
            x0, y0, x1, y1 = int(x0), int(y0), int(x1), int(y1)
            check(abs(x1 - x0) == abs(y1 - y0), "Ref draws 45-degree lines only")
            sx, sy = (1 if x1 >= x0 else -1), (1 if y1 >= y0 else -1)
            for k in range(abs(x1 - x0) + 1):
                self.put(x0 + sx * k, y0 + sy * k, rgba_of(c))
        elif cmd == "flush":
            pass
        else:
            raise AssertionError("Ref cannot draw " + cmd)

    def fill(self, x, y, w, h, rgba):
        for yy in range(max(y, 0), min(y + h, self.h)):
            for xx in range(max(x, 0), min(x + w, self.w)):
                self.px[yy][xx] = blend(self.px[yy][xx], rgba)

    def text(self, x, y, rgba, size, s):
        cw, _ = CELL[size]
        for i, ch in enumerate(s):
            for gx, gy in glyph_bits(ch, size):
                self.put(x + i * cw + gx, y + gy, rgba)


def expect_content(shot, cx, cy, ref, what="window"):
    """Every pixel of a window's content area against the reference."""
    bad = []
    for y in range(ref.h):
        for x in range(ref.w):
            got = shot.px(cx + x, cy + y)
            if got != ref.px[y][x]:
                bad.append("(%d,%d) got %06x want %06x" % (x, y, got, ref.px[y][x]))
    check(not bad, "%s: %d of %d pixels differ, first: %s" % (what, len(bad), ref.w * ref.h,
                                                               bad[:5]))


# ---- systems with display apps -----------------------------------------------------------

def boot_text(entries):
    """entries: (name, x, y, w, h) with None for unplaced/unsized."""
    out = []
    for name, x, y, w, h in entries:
        out.append('[[app]]\nname = "%s"' % name)
        if x is not None:
            out.append("x = %d\ny = %d" % (x, y))
        if w is not None:
            out.append("width = %d\nheight = %d" % (w, h))
        out.append("")
    return "\n".join(out) + "\n"


def copy_app(name, built, caps=("stdio", "display")):
    """A copy of a built test app under another name, with the given caps."""
    toml = 'name = "%s"\ncomponent = "%s.wasm"\n\n[capabilities]\n' % (name, built)
    toml += "".join("%s = true\n" % c for c in caps)
    toml += '\n[restart]\npolicy = "never"\n'
    return App(name, built=built, manifest=toml)


def display_system(apps, entries, extra_args=()):
    for a in apps:
        check(os.path.isdir(os.path.join(BUILD, "apps", a.built)),
              "build/apps/%s missing: run `make apps`" % a.built)
    check(os.access(RUNNER, os.X_OK), "build/vyoma-run missing: run `make runner`")
    os.makedirs(CACHE, exist_ok=True)
    return System(apps, runner=RUNNER, boot_text=boot_text(entries),
                  extra_args=["--cache", CACHE] + list(extra_args))


def windows(c):
    """{name: {x, y, w, h, cx, cy, cw, ch, z, focused, accent, ...}}, and the display line."""
    wins, disp = {}, {}
    for l in c.test("windows"):
        f = l.split()
        kv = dict(p.split("=", 1) for p in f[2 if f[0] == "window" else 1:])
        for k, v in kv.items():
            if re.fullmatch(r"-?\d+", v) and k != "accent":
                kv[k] = int(v)
        if f[0] == "window":
            wins[f[1]] = kv
        else:
            disp = kv
    return wins, disp


def ask(c, app, text, answer=None, timeout=20):
    """Send a message to app and wait for its reply starting with `answer`."""
    c.send("@%s: %s" % (app, text))
    want = "@%s: %s" % (app, answer if answer is not None else text.split()[0])
    return c.expect(lambda l: l.startswith(want), timeout, want)


def screenshot(s, c, name="shot.png"):
    path = os.path.join(s.dir, name)
    c.test("screenshot " + path)
    return Shot(path)
