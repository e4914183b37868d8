"""hexview: opens files under /data, shows exact hex rows at any offset of
a large file, scrolls with keys, and refuses what it cannot open."""

from apps_lib import ask, boot_ready, check, fields, key, screenshot, state, system, window

BIG = bytes((i * 7 + 3) & 0xff for i in range(100000))


def test_hexview_rows_and_scrolling():
    with system(["hexview"], data={"hello.txt": "Hello, VyomaOS!\n\x00\x01", "big.bin": BIG,
                                   "dir/x": "x", "empty": "", "one": "a", "two": "ab",
                                   "p4096": BIG[:4096], "p4097": BIG[:4097], "p65535": BIG[:65535]}) as s:
        c = s.console()
        boot_ready(c, 1)
        check(ask(c, "hexview", "open hello.txt") == "opened hello.txt 18 bytes")
        check(ask(c, "hexview", "row 0") ==
              "00000000  48 65 6c 6c 6f 2c 20 56  79 6f 6d 61 4f 53 21 0a  Hello, VyomaOS!.")
        blank = "   " * 6 + "    " + "   " * 7
        check(ask(c, "hexview", "row 16") == "00000010  00 01" + blank + "  ..",
              repr(ask(c, "hexview", "row 16")))
        check(ask(c, "hexview", "row 32") == "error: no such row")
        # every one of the 16 characters is on screen: the last cells of the
        # row (columns 74 and 75, '!' and '.') have ink inside the window
        w = window(c, "hexview")
        _, _, rows = screenshot(c, s)
        check(w["w"] >= 6 + 76 * 8, "the window holds a whole row: %s" % w)
        for col in (74, 75):
            x0, y0 = w["cx"] + 6 + col * 8, w["cy"] + 26
            cell = {rows[y][x] for y in range(y0, y0 + 16) for x in range(x0, x0 + 8)}
            check(len(cell) > 1, "column %d of the first row is drawn" % col)
        check(ask(c, "hexview", "open big.bin") == "opened big.bin 100000 bytes")
        off = 65536 + 48
        want = "%08x  " % off + " ".join("%02x" % b for b in BIG[off:off + 8]) + "  " + \
            " ".join("%02x" % b for b in BIG[off + 8:off + 16])
        check(ask(c, "hexview", "row %d" % off).startswith(want), ask(c, "hexview", "row %d" % off))
        key(c, "hexview", "Down", "Down", "PageDown")
        check(fields(state(c, "hexview"))["top"] == str(2 * 16 + 18 * 16))
        key(c, "hexview", "End")
        top = int(fields(state(c, "hexview"))["top"])
        check(top % 16 == 0 and 100000 - 18 * 16 <= top < 100000, top)
        key(c, "hexview", "Home", "Up")
        check(fields(state(c, "hexview"))["top"] == "0")
        # sizes come from 1-byte reads, doubling then halving (sdk/fs.c):
        # the edges of that search, exactly
        for name, n in (("empty", 0), ("one", 1), ("two", 2), ("p4096", 4096), ("p4097", 4097),
                        ("p65535", 65535)):
            check(ask(c, "hexview", "open " + name) == "opened %s %d bytes" % (name, n), name)
        check(ask(c, "hexview", "open dir").startswith("error: dir is a folder"))
        check(ask(c, "hexview", "open nope.bin").startswith("error: cannot open nope.bin: no-entry"))
        check(ask(c, "hexview", "open ../etc/vyoma/boot.toml").startswith("error: cannot open"))
