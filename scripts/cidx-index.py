#!/usr/bin/env python3
"""cidx-index: writes the image's cache index (lib/cimg.h, docs/runner.md
"The image's index"): one line "SHA256 SIZE NAME" per precompiled artifact
(*.cwasm) of a cache directory, sorted by name, after the header line
"vyoma-cache-index 1". scripts/rootfs.sh puts it beside the artifacts as
/var/cache/vyoma/index, so PID 1 seals its cache index at boot from it
(checking each file's size) instead of hashing every artifact; the runner
still hashes the one artifact it loads against it. Deterministic: the same
artifacts give the same bytes.

usage: cidx-index.py CACHE_DIR OUTPUT
"""

import hashlib
import os
import re
import sys

NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\.cwasm")  # cimg_valid_name
MAX_SIZE = 64 << 20   # CIDX_ARTIFACT_MAX
MAX_ENTRIES = 4096    # CIDX_MAX_ENTRIES


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    cache, out = sys.argv[1], sys.argv[2]
    lines = []
    for name in sorted(os.listdir(cache)):
        path = os.path.join(cache, name)
        if not name.endswith(".cwasm") or not os.path.isfile(path):
            continue
        if not NAME.fullmatch(name) or len(name.encode()) > 255:
            sys.exit("cidx-index: error: %s is not an artifact's file name" % name)
        with open(path, "rb") as f:
            data = f.read()
        if len(data) > MAX_SIZE:
            sys.exit("cidx-index: error: %s is larger than %d bytes" % (name, MAX_SIZE))
        lines.append("%s %d %s\n" % (hashlib.sha256(data).hexdigest(), len(data), name))
    if len(lines) > MAX_ENTRIES:
        sys.exit("cidx-index: error: %d artifacts, more than an index lists (%d)"
                 % (len(lines), MAX_ENTRIES))
    with open(out, "w", encoding="ascii", newline="\n") as f:
        f.write("vyoma-cache-index 1\n" + "".join(lines))


if __name__ == "__main__":
    main()
