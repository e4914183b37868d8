"""paint: mouse strokes paint cells (left) and erase them (right), the
palette picks colours, the picture is saved as a PPM, and the strokes are
on the screen where the pointer went."""

from apps_lib import window
from apps_lib import (ask, boot_ready, check, colours_in, data_path, fields, hexrgb, key, mouse,
                      screenshot, state, system, windows)

INK = (0x1b, 0x1f, 0x2a)
BG = (0xf4, 0xf1, 0xea)


def ppm(s):
    with open(data_path(s, "paint.ppm"), "rb") as f:
        data = f.read()
    head = b"P6\n100 70\n255\n"
    check(data.startswith(head) and len(data) == len(head) + 100 * 70 * 3, data[:20])
    px = data[len(head):]
    return lambda x, y: tuple(px[(y * 100 + x) * 3:(y * 100 + x) * 3 + 3])


def test_paint_strokes_palette_save():
    with system(["paint"]) as s:
        c = s.console()
        boot_ready(c, 1)
        # a horizontal stroke at content y=64 (cell row 10), x 8..88 (cells 2..22)
        mouse(c, "paint", 8, 64, 1, "down")
        mouse(c, "paint", 48, 64, 1, "move")
        mouse(c, "paint", 88, 64, 1, "move")
        mouse(c, "paint", 88, 64, 1, "up")
        st = fields(state(c, "paint"))
        check(st["painted"] == "21" and st["colour"] == "1", st)
        # moves without a button paint nothing
        mouse(c, "paint", 200, 200, 0, "move")
        check(fields(state(c, "paint"))["painted"] == "21")
        # right button erases cells 2..5 of that row
        mouse(c, "paint", 8, 64, 2, "down")
        mouse(c, "paint", 20, 64, 2, "move")
        mouse(c, "paint", 20, 64, 2, "up")
        check(fields(state(c, "paint"))["painted"] == "17", state(c, "paint"))
        # palette: the third swatch is red; a bigger brush paints a 3x3 dab
        mouse(c, "paint", 2 * 24 + 10, 10, 1, "down")
        mouse(c, "paint", 2 * 24 + 10, 10, 1, "up")
        key(c, "paint", "]")
        mouse(c, "paint", 200, 200, 1, "down")
        mouse(c, "paint", 200, 200, 1, "up")
        st = fields(state(c, "paint"))
        check(st["colour"] == "2" and st["brush"] == "2" and st["painted"] == "26", st)
        check(ask(c, "paint", "save") == "saved paint.ppm")
        p = ppm(s)
        check(p(1, 10) == BG and p(5, 10) == BG and p(6, 10) == INK and p(22, 10) == INK
              and p(23, 10) == BG, [p(x, 10) for x in range(0, 25)])
        check(p(50, 44) == (0xe0, 0x45, 0x45) and p(49, 43) == (0xe0, 0x45, 0x45), "red dab")
        key(c, "paint", "c", "s")
        check(fields(state(c, "paint"))["painted"] == "0")
        check(ppm(s)(10, 10) == BG)


def test_paint_on_screen_with_the_real_pointer():
    with system(["paint"]) as s:
        c = s.console()
        boot_ready(c, 1)
        w = window(c, "paint")
        ox, oy = w["cx"], w["cy"]
        key(c, "paint", "6")  # blue
        c.test("mouse %d %d 1 down" % (ox + 100, oy + 100))
        c.test("mouse %d %d 1 move" % (ox + 300, oy + 100))
        c.test("mouse %d %d 1 up" % (ox + 300, oy + 100))
        check(fields(state(c, "paint"))["painted"] == "51", state(c, "paint"))
        _, _, rows = screenshot(c, s)
        blue = hexrgb(0x3d8be0)
        # the stroke is cell row (100-24)/4 = 19: screen y oy+24+76 .. +80
        check(colours_in(rows, ox + 100, oy + 100, 200, 4) == {blue},
              colours_in(rows, ox + 100, oy + 100, 200, 4))
        check(rows[oy + 110][ox + 200] == BG, "below the stroke is canvas")
        check(rows[oy + 10][ox + 6 * 24 + 10] == blue, "the blue swatch")
