"""The /data every conformance case starts from, made the same way each
run (nothing big is kept in git): the corpus's awkward inputs by name.

  empty.txt    no bytes at all            nonl.txt   last line without '\\n'
  long.txt     a 1 MB line, then one more  bin.dat    every byte value, twice
  utf8.txt     multi-byte characters       crlf.txt   CRLF line ends
  words.txt    words, repeats, blank lines nums.txt   numbers to sort
  fields.txt   ':' separated fields        a.txt b.txt sorted lists (comm, join, diff)
  data.json    JSON for json (jq)          sub/       a small tree (ls, find, du, tree)
  arch.tar     a ustar archive (one entry tries to leave the folder)
  words.gz     words.txt gzipped           two.gz     two gzip members
  trunc.gz     a gzip cut short            plain.gz   text, not gzip
  zeros.gz     10 MiB of zeros in 10 KB    junk.gz    a member, then bytes that are not
  named.gz     words.txt by GNU gzip (its name and time in the header, no -n)
  fields.gz    a header with every optional field (extra, name, comment, header CRC)
  big.txt      300 KB of numbered lines    big.gz     big.txt gzipped (past the 32 KiB window)
  big.bin      100 KB of noise (incompressible)
  procs.txt    a process list as the supervisor gives it to ps and uptime
and no file named missing.txt: the case of a file that does not exist."""

import gzip
import io
import os
import random
import struct
import subprocess
import tarfile
import zlib


def w(d, name, data):
    p = os.path.join(d, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def ustar(entries):
    """A ustar archive (as Python's tarfile writes it) of (name, bytes) files,
    (name/, None) folders and (name, str) symbolic links."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            i = tarfile.TarInfo(name.rstrip("/"))
            i.mtime, i.uname, i.gname = 1700000000, "root", "root"
            if data is None:
                i.type, i.mode = tarfile.DIRTYPE, 0o755
                t.addfile(i)
            elif isinstance(data, str):
                i.type, i.linkname, i.mode = tarfile.SYMTYPE, data, 0o777
                t.addfile(i)
            else:
                i.size, i.mode = len(data), 0o644
                t.addfile(i, io.BytesIO(data))
    return buf.getvalue()


def make(d):
    os.makedirs(d)
    w(d, "empty.txt", b"")
    w(d, "nonl.txt", "first line\nsecond line without newline")
    w(d, "long.txt", "x" * (1 << 20) + "\nshort\n")
    w(d, "bin.dat", bytes(range(256)) * 2 + b"\x00\x00tail")
    w(d, "utf8.txt", "h\u00e9llo w\u00f6rld\n\u00f1and\u00fa \u65e5\u672c\u8a9e\ncaf\u00e9\n")
    w(d, "crlf.txt", b"one\r\ntwo words\r\n\r\nthree\r\n")
    w(d, "words.txt", "the quick brown fox\njumps over\n\nthe lazy dog\nthe lazy dog\nThe End\n"
      "apple\napple\nbanana\n\tindented line\ntrailing space \n")
    w(d, "nums.txt", "10\n9\n-3\n100\n2\n2\n0\n7.5\nabc\n42 x\n")
    w(d, "fields.txt", "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:A User:/home/user:/bin/sh\n"
      "daemon:x:1:1::/:/bin/false\nshort:line\n")
    w(d, "a.txt", "apple\nbanana\ncherry\ndate\n")
    w(d, "b.txt", "banana\ncherry\nelder\nfig\n")
    w(d, "k1.txt", "1 one\n2 two\n3 three\n")
    w(d, "k2.txt", "1 uno\n3 tres\n4 cuatro\n")
    w(d, "cols.txt", "a b c\nlonger words here\nx y\n")
    w(d, "tabs.txt", "a\tb\tc\n\tlead\nno tabs\n12345678\tx\n")
    w(d, "para.txt", "This is a paragraph of text that is long enough to be folded and "
      "formatted at a narrow width by fold and fmt.\n\nSecond paragraph, short.\n")
    w(d, "data.json", '{"name": "vyoma", "n": [1, 2.5, -3e2], "ok": true, "none": null, '
      '"nested": {"a": {"b": "deep \\"q\\" \\u00e9"}}, "list": [{"id": 1}, {"id": 2}]}\n')
    w(d, "expr.bc", "2^100\n1/3\nscale=20; 1/3\n(1+2)*3-4%3\n-5/2\nscale=3;-5/2\n10%3\n2^-2\nsqrt(2)\n"
      "scale=0;sqrt(17)\n0.5*3\n1.50+1\n" + "9" * 90 + "*3\na=5;a*a\n3>2\nx\n2^1000\nscale=50;sqrt(2)\n-0.5\n0\n.000\n")
    w(d, "sub/x.txt", "x\n")
    w(d, "sub/y.txt", "yy\nyy\n")
    w(d, "sub/deep/z.txt", "zzz\n")
    os.makedirs(os.path.join(d, "sub/empty"))
    w(d, "arch.tar", ustar([("t/", None), ("t/one.txt", b"one\n"), ("t/deep/two.txt", b"two\n" * 300),
                           ("t/link", "one.txt"), ("../escape.txt", b"no\n")]))
    with open(os.path.join(d, "words.txt"), "rb") as f:
        words = f.read()
    w(d, "words.gz", gzip.compress(words, 9, mtime=0))
    w(d, "two.gz", gzip.compress(b"one\n", mtime=0) + gzip.compress(b"two\n", mtime=0))
    w(d, "trunc.gz", gzip.compress(words, mtime=0)[:40])
    w(d, "plain.gz", "not compressed\n")
    w(d, "zeros.gz", gzip.compress(bytes(10 << 20), 9, mtime=0))
    w(d, "junk.gz", gzip.compress(words, mtime=0) + b"trailing junk\n")
    os.utime(os.path.join(d, "words.txt"), (1700000000, 1700000000))
    w(d, "named.gz", subprocess.run(["gzip", "-c", "words.txt"], cwd=d, check=True,
                                    stdout=subprocess.PIPE).stdout)
    head = b"\x1f\x8b\x08\x1e" + struct.pack("<I", 1700000000) + b"\x00\x03" \
        + struct.pack("<H", 6) + b"AB\x02\x00xy" + b"words.txt\x00" + b"a comment\x00"
    head += struct.pack("<H", zlib.crc32(head) & 0xffff)
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    w(d, "fields.gz", head + raw.compress(words) + raw.flush()
      + struct.pack("<II", zlib.crc32(words), len(words)))
    big = "".join("line %d: %s\n" % (i, " ".join(str(i * k % 997) for k in range(1, 8)))
                  for i in range(9000)).encode()
    w(d, "big.txt", big)
    w(d, "big.gz", gzip.compress(big, 6, mtime=0))
    w(d, "big.bin", random.Random(1).randbytes(100000))
    w(d, "procs.txt", "uptime 93784 0.25 0.10 0.05\n"
      "app clock running 812 7424 5423000 0 stdio,display\n"
      "app notes stopped - - - 2 stdio,display,filesystem\n"
      "cmd ps#7 running 905 3100 12 0 stdio,shell\n")
    os.makedirs(os.path.join(d, "emptydir"))
    for root, dirs, files in os.walk(d):
        for n in dirs + files:
            os.utime(os.path.join(root, n), (1700000000, 1700000000))
    os.utime(d, (1700000000, 1700000000))
