#!/usr/bin/env python3
"""app-marks.py CORE COMPONENT: the build-time capability marks (docs/audit.md,
"SDK marks"). Reads the app's linked core module (after wasm-opt), finds which
protocol features the linked code uses by strings only that code holds, and
appends a "vyoma-marks" custom section naming them ("draw,shell") to the
finished component, after the strip step, which would drop it. The audit
(lib/audit.c) refuses a component whose marks need a capability its
vyoma.toml does not declare, at `make apps` time and at start.

Why strings: wasm-ld's --gc-sections, LTO, wasm-opt and `wasm-tools strip`
drop custom sections and names but keep every data byte the code uses, and
each mark's string is one the marked code writes or retains:
  VYOMA_DRAW:     sdk/draw.c, every draw command      -> draw  (display)
  VYOMA_CLIP:     sdk/clip.c, vy_clip_copy            -> clip  (display)
  @supervisor:    sdk/msg.c, vy_command only          -> shell (shell)
  vyoma-mark:mouse sdk/mouse.c, the mouse helpers     -> mouse (mouse)
A component without the section (built by hand) is judged on its imports
alone. The output depends only on the input bytes."""
import sys

from wasmleb import leb

MARKS = [(b"VYOMA_DRAW:", "draw"), (b"VYOMA_CLIP:", "clip"),
         (b"@supervisor: ", "shell"), (b"vyoma-mark:mouse", "mouse")]


def main():
    core, comp = sys.argv[1], sys.argv[2]
    data = open(core, "rb").read()
    marks = ",".join(m for s, m in MARKS if s in data)
    if not marks:
        return
    name = b"vyoma-marks"
    body = leb(len(name)) + name + marks.encode()
    with open(comp, "ab") as f:
        f.write(b"\x00" + leb(len(body)) + body)


if __name__ == "__main__":
    main()
