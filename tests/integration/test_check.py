"""`vyoma check DIR`: validate a root without booting (like `nginx -t`),
on roots of real components from `make apps`."""

import os
import subprocess

from harness import App, System, check, supervisor_binary


def run_check(root):
    p = subprocess.run([supervisor_binary(), "check", root], capture_output=True, timeout=30)
    return p.returncode, p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")


def test_check_accepts_a_valid_root():
    s = System([App.real("a", "talker"), App.real("b", "echo", caps=("stdio", "shell")),
                App.real("spare", "net-probe", caps=("stdio", "network"), boot=False)])
    code, out = run_check(s.root)
    check(code == 0, out)
    check("boot.toml: ok (2 apps)" in out, out)
    check("spare/vyoma.toml: ok" in out, "every manifest, booted or not: " + out)
    check("3 apps ok, 0 errors" in out, out)
    check(s.proc is None, "nothing was started")


def test_check_reports_every_error_with_a_place():
    # net: a real component that imports wasi:sockets, under a manifest
    # without network; ghost: a component file that is not one
    s = System([App.real("good", "talker"),
                App.real("typo", "talker",
                         manifest='name = "typo"\n[capabilities]\nstdoi = true\n'),
                App.real("net", "net-undeclared"),
                App.real("ghost", "talker")])
    with open(s.app_path("ghost", "talker.wasm"), "wb") as f:
        f.write(b"not a component")
    s.write_boot(["good", "typo", "net", "ghost", "absent"])
    code, out = run_check(s.root)
    check(code == 1, out)
    check("typo/vyoma.toml:3:1:" in out, out)
    check("needs capability 'network'" in out, out)
    check("ghost/talker.wasm: refused by the import audit: at byte 0: not a WebAssembly" in out, out)
    check("boot list names absent" in out, out)
    check("1 apps ok, 4 errors: FAILED" in out, out)


def test_check_bad_boot_list():
    s = System([App.real("a", "talker")], boot_text="[[app]]\nname = \"a\"\nx = \"left\"\n")
    code, out = run_check(s.root)
    check(code == 1 and "boot.toml:3:" in out, out)
    code, out = run_check(os.path.join(s.dir, "nowhere"))
    check(code == 1 and "nowhere" in out, out)


def test_check_boot_focus():
    """`focus = true` in boot.toml: one entry at most, and only for an app
    with a window."""
    two = ('[[app]]\nname = "a"\nfocus = true\n[[app]]\nname = "b"\n'
           '[[app]]\nname = "c"\nfocus = true\n')
    apps = [App.real(n, "talker", caps=("stdio", "display")) for n in ("a", "b", "c")]
    s = System(apps, boot_text=two)
    code, out = run_check(s.root)
    check(code == 1, out)
    check('boot.toml:8:9: \'app.focus\' is true for "c" and for "a" (at 3:9): one app at most '
          'has the focus at boot' in out, out)
    s.write_boot(None, '[[app]]\nname = "a"\n[[app]]\nname = "b"\nfocus = true\n')
    code, out = run_check(s.root)
    check(code == 0 and "3 apps ok, 0 errors" in out, out)
    s = System([App.real("w", "talker", caps=("stdio", "display")), App.real("t", "talker")],
               boot_text='[[app]]\nname = "w"\n[[app]]\nname = "t"\nfocus = true\n')
    code, out = run_check(s.root)
    check(code == 1, out)
    check("boot list gives the focus to t, which has no window" in out, out)
