#!/usr/bin/env python3
"""pipeline_sup: a 10-stage pipeline of the cat command moving a file
THROUGH THE SUPERVISOR, the way the shell runs one (bench/pipeline.sh
calls it beside busybox's cat chain on the same data).

A hosted supervisor (tests/integration's harness, as the conformance
suite's supervisor executor) gets `@supervisor: run cat < in | cat | ...
| cat` on its control socket, as the shell sends it. The supervisor opens
`< in` beneath /data, makes the pipe(2) pairs and starts ten runners; the
bytes go runner to runner. Two ends are timed, from the `run` line to the
job's `exit` line:

- `> out`: the last stage writes a file the supervisor opened (the
  pipeline's own cost);
- to the caller: the last stage's output comes back as `job N out` lines
  on the control socket (what the shell's window gets), read here as raw
  bytes and counted, not parsed.

Usage: pipeline_sup.py INPUT_FILE HOST_MS STAGES
"""

import os
import re
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
from apps_lib import job_finish, job_start, system  # noqa: E402
from harness import App  # noqa: E402


def timed_file(c, line, size, out):
    t0 = time.monotonic()
    job = job_start(c, line, 60)
    if not isinstance(job, int):
        sys.exit("pipeline_sup: run refused: %s" % job)
    st, _, err, _ = job_finish(c, job, 600)
    ms = (time.monotonic() - t0) * 1000
    if st != 0 or os.path.getsize(out) != size:
        sys.exit("pipeline_sup: status %d, %d of %d bytes: %s" % (st, os.path.getsize(out), size, err[:3]))
    return ms


def timed_relay(c, line):
    """Raw bytes of the job lines up to its exit line; (ms, bytes read)."""
    t0 = time.monotonic()
    job = job_start(c, line, 60)
    if not isinstance(job, int):
        sys.exit("pipeline_sup: run refused: %s" % job)
    end = re.compile(rb"@supervisor: job %d exit (\d+)" % job)
    tail, n = c.buf, len(c.buf)
    c.buf = b""
    c.sock.settimeout(600)
    while True:
        m = end.search(tail)
        if m and b"\n" in tail[m.end():]:
            break
        chunk = c.sock.recv(1 << 20)
        if not chunk:
            sys.exit("pipeline_sup: the supervisor closed the socket")
        n += len(chunk)
        tail = tail[-200:] + chunk
    ms = (time.monotonic() - t0) * 1000
    if m.group(1) != b"0":
        sys.exit("pipeline_sup: the relayed pipeline exited %s" % m.group(1).decode())
    return ms, n


def main():
    src, host_ms, stages = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    size = os.path.getsize(src)
    mb = size / 1e6
    s = system([App("cat", built="cat", boot=False)], boot=())
    s.start()
    try:
        c = s.console()
        c.wait_ready()
        data = os.path.join(s.root, "data")
        shutil.copyfile(src, os.path.join(data, "in"))
        chain = "cat < in" + " | cat" * (stages - 1)
        file_ms = timed_file(c, chain + " > out", size, os.path.join(data, "out"))
        os.unlink(os.path.join(data, "out"))
        relay_ms, relay_bytes = timed_relay(c, chain)
    finally:
        s.stop()
    print("  %d-stage pipeline through the supervisor (`run` on the control socket, as the shell):" % stages)
    print("    > out (file)      %6d ms  %6.1f MB/s  %6.2f x busybox" % (file_ms, mb * 1000 / file_ms, file_ms / host_ms))
    print("    to the caller     %6d ms  %6.1f MB/s  %6.2f x busybox  (%d MB of job lines read)" %
          (relay_ms, mb * 1000 / relay_ms, relay_ms / host_ms, relay_bytes // 1000000))


if __name__ == "__main__":
    main()
