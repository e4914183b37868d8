#!/usr/bin/env python3
"""Deterministic cpio "newc" packer for the VyomaOS initramfs.

Reads a list of entries (one a line, the format of the kernel's
usr/gen_init_cpio without uid/gid) and writes an uncompressed newc archive:

    dir   <path> <mode>
    file  <path> <mode> <host source file>
    nod   <path> <mode> <c|b> <major> <minor>
    slink <path> <mode> <target>

Modes are octal permission bits. Everything that could vary between builds is
fixed: entries are sorted by path (bytes), parents are added when missing,
uid/gid are 0, every mtime is --mtime (default 0), inode numbers count from 1
in archive order, nlink is 1 (2 for directories). The same list and the same
file contents therefore give the same bytes. Duplicate paths are an error.
Standard library only, so it runs wherever the build runs.
"""
import argparse
import os
import stat
import sys

MAX_NAME = 4096
TYPE_BITS = {"dir": stat.S_IFDIR, "file": stat.S_IFREG,
             "slink": stat.S_IFLNK}


class ListError(Exception):
    pass


def norm_path(raw, lineno):
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise ListError(f"line {lineno}: bad archive path {raw!r}")
    path = "/".join(parts)
    if len(path) >= MAX_NAME:
        raise ListError(f"line {lineno}: path too long")
    return path


def parse_mode(raw, lineno):
    try:
        mode = int(raw, 8)
    except ValueError:
        raise ListError(f"line {lineno}: bad octal mode {raw!r}") from None
    if mode & ~0o7777:
        raise ListError(f"line {lineno}: mode {raw} has more than permission bits")
    return mode


def parse_list(lines):
    """Returns {path: entry}; an entry is a dict with kind, mode and data."""
    entries = {}
    for lineno, line in enumerate(lines, 1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        kind = words[0]
        want = {"dir": 3, "file": 4, "nod": 6, "slink": 4}.get(kind)
        if want is None:
            raise ListError(f"line {lineno}: unknown entry kind {kind!r}")
        if len(words) != want:
            raise ListError(f"line {lineno}: '{kind}' takes {want - 1} fields, got {len(words) - 1}")
        path = norm_path(words[1], lineno)
        if path in entries:
            raise ListError(f"line {lineno}: {path} listed twice")
        ent = {"kind": kind, "mode": parse_mode(words[2], lineno), "data": b"",
               "rdev": (0, 0), "src": None}
        if kind == "file":
            ent["src"] = words[3]
            if not os.path.isfile(words[3]):
                raise ListError(f"line {lineno}: {words[3]} is not a regular file")
        elif kind == "slink":
            ent["data"] = words[3].encode()
        elif kind == "nod":
            if words[3] not in ("c", "b"):
                raise ListError(f"line {lineno}: device type must be c or b")
            try:
                ent["rdev"] = (int(words[4]), int(words[5]))
            except ValueError:
                raise ListError(f"line {lineno}: bad device numbers") from None
            ent["dtype"] = stat.S_IFCHR if words[3] == "c" else stat.S_IFBLK
        entries[path] = ent
    # Every parent directory must exist in the archive before its children.
    for path in list(entries):
        parts = path.split("/")
        for i in range(1, len(parts)):
            parent = "/".join(parts[:i])
            ent = entries.get(parent)
            if ent is None:
                entries[parent] = {"kind": "dir", "mode": 0o755, "data": b"",
                                   "rdev": (0, 0), "src": None}
            elif ent["kind"] != "dir":
                raise ListError(f"{parent} is a {ent['kind']} but {path} is under it")
    return entries


def header(ino, mode, nlink, mtime, size, rdev, name):
    fields = (ino, mode, 0, 0, nlink, mtime, size, 0, 0, rdev[0], rdev[1],
              len(name) + 1, 0)
    return b"070701" + b"".join(b"%08X" % f for f in fields) + name + b"\0"


def pad4(n):
    return b"\0" * (-n % 4)


def write_archive(entries, out, mtime):
    """Writes the archive; returns [(size, path)] of the regular files."""
    sizes = []
    pos = 0

    def emit(chunk):
        nonlocal pos
        out.write(chunk)
        pos += len(chunk)

    for ino, path in enumerate(sorted(entries, key=lambda p: p.encode()), 1):
        ent = entries[path]
        if ent["kind"] == "file":
            with open(ent["src"], "rb") as f:
                data = f.read()
            sizes.append((len(data), path))
        else:
            data = ent["data"]
        ftype = ent.get("dtype") or TYPE_BITS[ent["kind"]]
        nlink = 2 if ent["kind"] == "dir" else 1
        hdr = header(ino, ftype | ent["mode"], nlink, mtime, len(data),
                     ent["rdev"], path.encode())
        emit(hdr)
        emit(pad4(pos))
        emit(data)
        emit(pad4(pos))
    trailer = header(0, 0, 1, 0, 0, (0, 0), b"TRAILER!!!")
    emit(trailer)
    emit(pad4(pos))
    # Pad to 512 bytes like cpio(1) does; the kernel accepts either.
    emit(b"\0" * (-pos % 512))
    return sizes, pos


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("list", help="entry list, '-' for stdin")
    ap.add_argument("-o", "--output", required=True, help="archive to write")
    ap.add_argument("--mtime", type=int,
                    default=int(os.environ.get("SOURCE_DATE_EPOCH", "0")),
                    help="mtime of every entry (default: $SOURCE_DATE_EPOCH or 0)")
    ap.add_argument("--top", type=int, default=0,
                    help="print the N largest files after writing")
    args = ap.parse_args()
    try:
        src = sys.stdin if args.list == "-" else open(args.list, encoding="utf-8")
        with src:
            entries = parse_list(src)
    except (ListError, OSError) as e:
        sys.exit(f"mkcpio: error: {e}")
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as out:
        sizes, total = write_archive(entries, out, args.mtime)
    os.replace(tmp, args.output)
    print(f"mkcpio: {len(entries)} entries, {total} bytes uncompressed")
    if args.top:
        print(f"mkcpio: largest files (of {total} bytes):")
        for size, path in sorted(sizes, key=lambda s: (-s[0], s[1]))[:args.top]:
            print(f"  {size:>10}  {100.0 * size / total:5.1f}%  /{path}")


if __name__ == "__main__":
    main()
