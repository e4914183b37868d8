#!/usr/bin/env python3
"""elfcheck: says how each ELF file is linked, from its own headers.

    elfcheck.py FILE...           one line per file: "<kind> <path>"
    elfcheck.py --cpio ARCHIVE    the same for every regular file of an
                                  uncompressed newc cpio archive (the image)
    --static-only                 exit 1 if any file is not "static" or "data"

Kinds:
    static    an ELF executable with no PT_INTERP and no DT_NEEDED (what
              `file` calls statically linked, static-pie included)
    dynamic   an executable with a PT_INTERP (needs a dynamic loader)
    shared    a shared library: ET_DYN with DT_NEEDED or DT_SONAME and no
              PT_INTERP (ld-linux itself is one)
    object    another ELF (relocatable, or a precompiled .cwasm: no loader,
              no library needed)
    data      not ELF
Non-ELF files are listed only with --all. Used by scripts/rootfs.sh (the
image must hold no shared library and no dynamic executable), `make bench`
(bench/image.sh) and tests/integration/test_image.py.
"""

import argparse
import struct
import sys

PT_INTERP, PT_DYNAMIC = 3, 2
DT_NULL, DT_NEEDED, DT_SONAME = 0, 1, 14
ET_EXEC, ET_DYN = 2, 3


def classify(data):
    """The kind of the ELF image in bytes `data` (see the module doc)."""
    if len(data) < 64 or data[:4] != b"\x7fELF":
        return "data"
    if data[4] != 2 or data[5] != 1:  # 64-bit little-endian only (x86-64)
        return "object"
    e_type, = struct.unpack_from("<H", data, 16)
    e_phoff, = struct.unpack_from("<Q", data, 32)
    e_phentsize, e_phnum = struct.unpack_from("<HH", data, 54)
    interp = False
    dyn = None
    for i in range(e_phnum):
        off = e_phoff + i * e_phentsize
        if off + 56 > len(data):
            break
        p_type, = struct.unpack_from("<I", data, off)
        p_offset, = struct.unpack_from("<Q", data, off + 8)
        p_filesz, = struct.unpack_from("<Q", data, off + 32)
        if p_type == PT_INTERP:
            interp = True
        elif p_type == PT_DYNAMIC:
            dyn = (p_offset, p_filesz)
    needed = soname = False
    if dyn:
        off, size = dyn
        end = min(off + size, len(data))
        while off + 16 <= end:
            tag, = struct.unpack_from("<q", data, off)
            if tag == DT_NULL:
                break
            needed |= tag == DT_NEEDED
            soname |= tag == DT_SONAME
            off += 16
    if interp:
        return "dynamic"
    if e_type == ET_DYN and (needed or soname):
        return "shared"
    if needed:
        return "dynamic"
    if e_type in (ET_EXEC, ET_DYN) and e_phnum:
        return "static"
    return "object"


def cpio_files(path):
    """(name, bytes) of each regular file of a newc cpio archive."""
    with open(path, "rb") as f:
        buf = f.read()
    pos = 0
    while pos + 110 <= len(buf):
        hdr = buf[pos:pos + 110]
        if hdr[:6] not in (b"070701", b"070702"):
            raise ValueError("%s: not a newc cpio archive at offset %d" % (path, pos))
        mode = int(hdr[14:22], 16)
        fsize = int(hdr[54:62], 16)
        nsize = int(hdr[94:102], 16)
        name = buf[pos + 110:pos + 110 + nsize - 1].decode()
        pos = (pos + 110 + nsize + 3) & ~3
        body = buf[pos:pos + fsize]
        pos = (pos + fsize + 3) & ~3
        if name == "TRAILER!!!":
            break
        if mode & 0o170000 == 0o100000:
            yield "/" + name.lstrip("./").lstrip("/"), body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpio")
    ap.add_argument("--all", action="store_true", help="list non-ELF files too")
    ap.add_argument("--static-only", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    if a.cpio:
        items = cpio_files(a.cpio)
    else:
        items = ((p, open(p, "rb").read()) for p in a.files)
    bad = 0
    for name, data in items:
        kind = classify(data)
        if kind in ("dynamic", "shared"):
            bad += 1
        if kind != "data" or a.all:
            print("%-8s %s" % (kind, name))
    if a.static_only and bad:
        print("elfcheck: %d file(s) need a dynamic loader or are shared libraries" % bad,
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
