"""Where PID 1's relay code lies (supervisor/start/relay.ld, docs/perf.md).

A relayed message runs through the functions marked VY_HOT and a few of
musl's (read, write, epoll_wait, memchr, ...). After a Wasmtime runner has
had the CPU, each page of code the relay touches costs a TLB miss, so the
link puts them all in .text.relay, on two pages. These tests read the
image's supervisor (build/vyoma) with readelf and nm."""

import os
import re
import subprocess

from harness import BUILD, ROOT, check

VYOMA = os.path.join(BUILD, "vyoma")
# musl's functions a relayed message calls (callgrind over a ping-pong).
LIBC = ("read", "write", "epoll_wait", "epoll_pwait", "memchr", "memcmp", "__syscall_ret",
        "__syscall_cp")
HOT_RE = re.compile(r"^VY_HOT\s+(?:static\s+)?(?:inline\s+)?[\w\s\*]*?\b(\w+)\s*\(", re.M)


def relay_section():
    out = subprocess.run(["readelf", "-SW", VYOMA], capture_output=True, text=True,
                         check=True).stdout
    for ln in out.splitlines():
        f = ln.replace("[ ", "[").split()
        if len(f) > 5 and f[1] == ".text.relay":
            return int(f[3], 16), int(f[5], 16)
    return None


def text_symbols():
    out = subprocess.run(["nm", VYOMA], capture_output=True, text=True, check=True).stdout
    syms = {}
    for ln in out.splitlines():
        f = ln.split()
        if len(f) == 3 and f[1] in "tTwW":
            syms.setdefault(f[2].split(".")[0], []).append(int(f[0], 16))
    return syms


def hot_functions():
    names = set()
    for top in ("supervisor", "lib"):
        for d, _, files in os.walk(os.path.join(ROOT, top)):
            for fn in files:
                if fn.endswith(".c"):
                    with open(os.path.join(d, fn)) as f:
                        names.update(HOT_RE.findall(f.read()))
    return names


def test_the_relay_code_is_in_one_section_on_two_pages():
    sec = relay_section()
    check(sec is not None, "build/vyoma has no .text.relay section (relay.ld not linked?)")
    addr, size = sec
    pages = (addr + size - 1) // 4096 - addr // 4096 + 1
    check(pages <= 2, ".text.relay is %d bytes at %#x: %d pages, not 2" % (size, addr, pages))
    syms = text_symbols()
    hot = sorted(n for n in hot_functions() if n in syms)
    # Most VY_HOT functions keep a symbol (LTO is off); a parse that found
    # none would make the check below vacuous.
    check(len(hot) >= 20, "only %d VY_HOT functions found: %s" % (len(hot), hot))
    outside = [n for n in hot + list(LIBC)
               if n not in syms or not any(addr <= a < addr + size for a in syms[n])]
    check(not outside, "outside .text.relay [%#x, %#x): %s" % (addr, addr + size, outside))
