"""apps_lib: what the app tests (test_app_*.py) share. They boot the real
supervisor with the real runner and the components `make apps` built, and
drive each app the ways a user or another app would: messages (IPC), keys
and mouse lines (VYOMA_TEST:send through the input path), files under the
root's /data, TCP, and once the display exists, screenshots.

Every bundled app answers `state` with one line describing what it shows,
which is what most checks read."""

import os
import re
import time

from harness import BUILD, ROOT as ROOT_DIR, App, System, check, wait_for

RUNNER = os.path.join(BUILD, "vyoma-run")
CACHE = os.path.join(BUILD, "test-cache")


def system(names, data=None, boot=None, **kw):
    """A System of built apps; `names` are app names or App objects.
    `data` maps paths under /data to bytes or str."""
    apps = [n if isinstance(n, App) else App(n, built=n) for n in names]
    for a in apps:
        check(os.path.isdir(os.path.join(BUILD, "apps", a.built)),
              "build/apps/%s missing: run `make apps`" % a.built)
    check(os.access(RUNNER, os.X_OK), "build/vyoma-run missing: run `make runner`")
    os.makedirs(CACHE, exist_ok=True)
    s = System(apps, runner=RUNNER, extra_args=["--cache", CACHE], boot=boot, **kw)
    for path, content in (data or {}).items():
        full = os.path.join(s.root, "data", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content.encode() if isinstance(content, str) else content)
    return s


def data_path(s, path):
    return os.path.join(s.root, "data", path)


def ask(c, app, msg, timeout=10.0):
    """Send `@app: msg` from the console and return the app's answer."""
    c.send("@%s: %s" % (app, msg))
    line = c.expect(lambda l: l.startswith("@%s: " % app), timeout, "answer of %s to %r" % (app, msg))
    return line[len(app) + 3:]


def state(c, app):
    return ask(c, app, "state")


def fields(text):
    """'a 1 b x' -> {'a': '1', 'b': 'x'} (pairs of words)."""
    w = text.split()
    return dict(zip(w[0::2], w[1::2]))


def wait_state(c, app, pred, timeout=10.0, what=None):
    """Ask `state` until pred(state) holds; return that state."""
    last = [None]

    def probe():
        last[0] = state(c, app)
        return last[0] if pred(last[0]) else None
    try:
        return wait_for(probe, timeout, interval=0.1, what=what or "state of %s" % app)
    except AssertionError as e:
        raise AssertionError("%s; last state: %r" % (e, last[0]))


def send_input(c, app, line):
    c.test("send %s %s" % (app, line))


def key(c, app, *names):
    """Key presses, in order, to app (as the input router would send them)."""
    for n in names:
        send_input(c, app, "VYOMA_INPUT:key:" + n)


def type_text(c, app, text):
    key(c, app, *[("Space" if ch == " " else ch) for ch in text])


def mouse(c, app, x, y, buttons, event):
    send_input(c, app, "VYOMA_INPUT:mouse:%d,%d,%d,%s" % (x, y, buttons, event))


def boot_ready(c, n=None, timeout=30.0):
    got = c.wait_ready(timeout)
    if n is not None:
        check(got == n, "ready %d apps, expected %d" % (got, n))
    return got


def draws(c, app):
    """How many draw lines the supervisor took from app so far."""
    return c.stats()[app]["draw"]


def running(c, app):
    return c.state(app) == "running"


def has_screenshot():
    """True once the display module offers VYOMA_TEST:screenshot."""
    sup = os.path.join(os.path.dirname(__file__), "..", "..", "supervisor")
    for f in os.listdir(sup):
        if f.endswith(".c"):
            with open(os.path.join(sup, f), errors="replace") as fh:
                if '"screenshot"' in fh.read():
                    return True
    return False


def pause(secs):
    time.sleep(secs)


__all__ = ["ROOT_DIR", "system", "data_path", "ask", "state", "fields", "wait_state", "key", "type_text",
           "mouse", "send_input", "boot_ready", "draws", "running", "has_screenshot", "pause",
           "check", "wait_for", "App", "re"]


# -- screenshots -----------------------------------------------------------------

def read_png(path):
    """A PNG (8-bit RGB or RGBA, not interlaced) as (w, h, rows of (r,g,b))."""
    import struct
    import zlib
    with open(path, "rb") as f:
        data = f.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG: " + path)
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            check(depth == 8 and ctype in (2, 6) and interlace == 0, "unsupported PNG")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def windows(c):
    """{app: {x, y, w, h, cx, cy, cw, ch, z, focused, ...}} from VYOMA_TEST:windows."""
    out = {}
    for l in c.test("windows"):
        if l.startswith("window "):
            parts = l.split()
            out[parts[1]] = {k: (int(v) if re.fullmatch(r"-?\d+", v) else v)
                             for k, v in (p.split("=", 1) for p in parts[2:])}
    return out


def window(c, app, timeout=15.0):
    """The app's window once it has one: readiness does not wait for an
    app's first frame, so a test asking right after boot must wait."""
    from harness import wait_for
    return wait_for(lambda: windows(c).get(app), timeout, interval=0.05,
                    what="a window for %s" % app)


def screenshot(c, s, name="shot.png"):
    """Take a screenshot into the system's temp dir; return (w, h, rows)."""
    import os as _os
    path = _os.path.join(s.dir, name)
    c.test("screenshot " + path)
    return read_png(path)


def hexrgb(v):
    return ((v >> 16) & 255, (v >> 8) & 255, v & 255)


def colours_in(rows, x, y, w, h):
    """The set of colours in a screen rectangle."""
    return {rows[j][i] for j in range(y, y + h) for i in range(x, x + w)}


__all__ += ["read_png", "windows", "screenshot", "hexrgb", "colours_in"]


def job_unesc(s):
    """The bytes of a job line's escaped text (sh_unesc, docs/commands.md)."""
    out, i = bytearray(), 0
    b = s.encode()
    while i < len(b):
        if b[i:i + 1] == b"\\" and i + 1 < len(b):
            e = b[i + 1:i + 2]
            if e in (b"\\", b"n", b"t"):
                out += {b"\\": b"\\", b"n": b"\n", b"t": b"\t"}[e]
                i += 2
                continue
            if e == b"x":
                out.append(int(b[i + 2:i + 4], 16))
                i += 4
                continue
        out.append(b[i])
        i += 1
    return bytes(out)


def job_start(c, wire, timeout=20):
    """Send `run <wire>` (docs/commands.md); the job id, or the error text
    (`<status> <reason>`)."""
    c.send("@supervisor: run " + wire)
    line = c.expect(lambda l: l.startswith("@supervisor: ok run ") or
                    l.startswith("@supervisor: error: run: "), timeout, "answer to run " + wire)
    m = re.match(r"@supervisor: ok run (\d+)$", line)
    return int(m.group(1)) if m else line[len("@supervisor: error: run: "):]


def job_finish(c, job, timeout=20):
    """(status, stdout bytes, stderr lines, per-stage statuses) of a job."""
    out, err = b"", []
    pre = "@supervisor: job %d " % job
    while True:
        l = c.expect(lambda x: x.startswith(pre), timeout, "job %d lines" % job)
        kind, _, rest = l[len(pre):].partition(" ")
        if kind == "out":
            out += job_unesc(rest) + b"\n"
        elif kind == "part":
            out += job_unesc(rest)
        elif kind == "err":
            err.append(rest)
        elif kind == "exit":
            words = rest.split()
            return int(words[0]), out, err, dict(w.split("=") for w in words[1:])
