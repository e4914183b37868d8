"""The build's choice of formatter (mk/apps.mk, scripts/fmt-narrow.py): an
app keeps the narrow one (sdk/fmtn.c) only when no '%' in its linked
module's data is followed (after any l and z) by what only the full one
does: - 0-9 * . x X p f. Run on stand-in modules with a data section of
the bytes each case needs, then on every app as built."""

import os
import subprocess
import tempfile

from harness import BUILD, ROOT, check

PICK = os.path.join(ROOT, "scripts", "fmt-narrow.py")


def leb(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def module(*segments):
    """A core module with one memory and an active data segment at 1024
    for each of SEGMENTS."""
    mem = b"\x05" + leb(3) + b"\x01\x00\x01"
    body = leb(len(segments))
    for s in segments:
        body += b"\x00\x41" + leb(1024) + b"\x0b" + leb(len(s)) + s
    return b"\0asm\x01\0\0\0" + mem + b"\x0b" + leb(len(body)) + body


def pick(data):
    """(exit status, stderr) of the chooser on a module with DATA."""
    with tempfile.TemporaryDirectory() as t:
        path = os.path.join(t, "core.wasm")
        with open(path, "wb") as f:
            f.write(data)
        r = subprocess.run(["python3", PICK, path], capture_output=True, text=True)
        return r.returncode, r.stderr


NARROW = [b"%s %d %i %u %c\0", b"%ld %lu %lld %llu %zu %zd\0", b"100%% done\0", b"ends in %\0",
          b"%q %hd %\x01\x02 %l!\0", b"no format at all\0"]
WIDE = [b"%5d\0", b"%-s\0", b"%02d\0", b"%.3s\0", b"%*d\0", b"%x\0", b"%lX\0", b"%p\0", b"%f\0",
        b"%llx\0", b"%zx\0", b"%%%5d\0", b"%%5d\0", b"vyoma-mark:runtime-format\0"]


def test_narrow_formats_keep_the_narrow_formatter():
    for d in NARROW:
        rc, err = pick(module(b"head\0", d))
        check(rc == 0, "%r sent to the full formatter: rc %d %s" % (d, rc, err))
    rc, err = pick(module(*NARROW))
    check(rc == 0, "all narrow formats together: rc %d %s" % (rc, err))


def test_any_wide_format_takes_the_full_formatter():
    # "%%5d": the tail "%5d" may be a format of its own (the linker merges
    # a string into the tail of another), so it counts
    for d in WIDE:
        rc, err = pick(module(*NARROW, d))
        check(rc == 1 and "needs the full formatter" in err, "%r kept the narrow one: rc %d %s" % (d, rc, err))


def test_unreadable_module_is_an_error():
    for data in (b"", b"not wasm at all", module(b"%d\0")[:-3]):
        rc, err = pick(data)
        check(rc == 2, "%r: rc %d %s" % (data[:16], rc, err))


def test_every_built_app_got_the_formatter_its_formats_need():
    apps = sorted(os.listdir(os.path.join(BUILD, "wasm", "app")))
    narrow = []
    for a in apps:
        d = os.path.join(BUILD, "wasm", "app", a)
        if not os.path.exists(os.path.join(d, "fmt")):
            continue
        with open(os.path.join(d, "fmt")) as f:
            got = f.read().strip()
        rc, err = pick(open(os.path.join(d, "core.wasm"), "rb").read())
        check(got in ("narrow", "full"), "%s: fmt says %r" % (a, got))
        if got == "narrow":
            narrow.append(a)
            check(rc == 0, "%s has the narrow formatter but: %s" % (a, err))
    check("hello" in narrow and "logview" in narrow, "narrow: %s" % narrow)
    # printf formats its conversions with the full one ('%llx' among them;
    # it pads %s and %c itself since session 10, so it no longer builds a
    # format at run time, and no app carries VY_RUNTIME_FORMAT's mark: the
    # mark alone is checked on a stand-in module above, in WIDE)
    with open(os.path.join(BUILD, "wasm", "app", "printf", "fmt")) as f:
        check(f.read().strip() == "full", "printf has the narrow formatter")
    rc, err = pick(open(os.path.join(BUILD, "wasm", "app", "printf", "core.wasm"), "rb").read())
    check(rc == 1 and "needs the full formatter" in err, "printf: rc %d %s" % (rc, err))
