"""`vyoma check DIR`: validate a root without booting (like `nginx -t`)."""

import os
import subprocess

from harness import EMPTY_COMPONENT, App, System, check, supervisor_binary

# (component (import "wasi:sockets/tcp@0.2.0" (instance))), from wasm-tools parse
SOCKETS_COMPONENT = bytes.fromhex(
    "0061736d0d0001000703014200" "0a1b01001677617369" "3a736f636b6574732f"
    "74637040302e322e300500")


def run_check(root):
    p = subprocess.run([supervisor_binary(), "check", root], capture_output=True, timeout=30)
    return p.returncode, p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")


def test_check_accepts_a_valid_root():
    s = System([App.scripted("a", "serve"), App.scripted("b", "serve", caps=("stdio", "shell")),
                App.scripted("spare", "serve", boot=False)])
    code, out = run_check(s.root)
    check(code == 0, out)
    check("boot.toml: ok (2 apps)" in out, out)
    check("spare/vyoma.toml: ok" in out, "every manifest, booted or not: " + out)
    check("3 apps ok, 0 errors" in out, out)
    check(s.proc is None, "nothing was started")


def test_check_reports_every_error_with_a_place():
    s = System([App.scripted("good", "serve"),
                App("typo", manifest='name = "typo"\n[capabilities]\nstdoi = true\n', script=""),
                App.scripted("net", "serve"),
                App.scripted("ghost", "serve")])
    with open(s.app_path("net", "net.wasm"), "wb") as f:
        f.write(SOCKETS_COMPONENT)
    with open(s.app_path("ghost", "ghost.wasm"), "wb") as f:
        f.write(b"not a component")
    s.write_boot(["good", "typo", "net", "ghost", "absent"])
    code, out = run_check(s.root)
    check(code == 1, out)
    check("typo/vyoma.toml:3:1:" in out, out)
    check("needs capability 'network'" in out, out)
    check("ghost.wasm" in out, out)
    check("boot list names absent" in out, out)
    check("1 apps ok, 4 errors: FAILED" in out, out)


def test_check_bad_boot_list():
    s = System([App.scripted("a", "serve")], boot_text="[[app]]\nname = \"a\"\nx = \"left\"\n")
    code, out = run_check(s.root)
    check(code == 1 and "boot.toml:3:" in out, out)
    code, out = run_check(os.path.join(s.dir, "nowhere"))
    check(code == 1 and "nowhere" in out, out)
    check(EMPTY_COMPONENT.startswith(b"\0asm"), "fixture sanity")
