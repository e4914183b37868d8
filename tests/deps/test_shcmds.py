#!/usr/bin/env python3
"""Tests of the shell lexer check_used_programs.py relies on: each snippet's
commands, and nothing from strings, comments, heredocs or case patterns.
Also runs the checker on a lock without llvm-19: it must fail naming it.
Prints PASS/FAIL lines and "N passed, N failed"."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from shcmds import command_words  # noqa: E402

CASES = [
    ("ls -l | wc -l", ["ls", "wc"]),
    ('echo "a (b) | c; d"', ["echo"]),
    ("X=1 Y=2 env -i FOO=bar make all", ["env", "make"]),
    ("timeout -k 1 5 qemu-x -accel kvm", ["timeout", "qemu-x"]),
    ("env -u VYOMA_ACCEL bash x.sh", ["env", "bash"]),
    ("timeout -s KILL 5 sleep 9", ["timeout", "sleep"]),
    ("nice -n 19 cargo build && strip x || true", ["nice", "cargo", "strip", "true"]),
    ('v=$(sha256sum "$f" | cut -d" " -f1)', ["sha256sum", "cut"]),
    ('echo "$(date +%s) $(( 1 + 2 ))"', ["echo", "date"]),
    ("# grep in a comment\nsed -n 1p f # awk", ["sed"]),
    ("cat <<EOF\nnot a command\nEOF\ntail f", ["cat", "tail"]),
    ("cat <<-'E'\n\tgrep\n\tE\nhead f", ["cat", "head"]),
    ("case $x in\nkvm | tcg) echo yes ;;\n*) printf no ;;\nesac\nuname", ["echo", "printf", "uname"]),
    ("f() { awk 1; }\nf", ["awk", "f"]),
    ("if [ -x a ]; then lz4 -d x; else zstd -d x; fi", ["[", "lz4", "zstd"]),
    ("arr=(one two three)\nfor a in x y; do mkdir $a; done", ["mkdir"]),
    ('"$QEMU" -m 1G', []),
    ("command -v sudo >/dev/null || die no", ["command", "die"]),
    ("echo ${x%%|*} ${y:-a b}", ["echo"]),
    ("a \\\n  b c", ["a"]),
    ("( cd d && tar -xf t ) >/dev/null 2>&1", ["cd", "tar"]),
    ("while read -r k v; do :; done < <(grep x f)", ["read", ":", "grep"]),
    ("echo x >", ["echo"]),  # a redirection cut off at the end of the text
]


def main():
    passed = failed = 0
    for text, want in CASES:
        got = [w for w, _ in command_words(text)]
        if sorted(got) == sorted(want):
            passed += 1
            print("PASS shcmds: %r" % text)
        else:
            failed += 1
            print("FAIL shcmds: %r: got %r, want %r" % (text, got, want))

    # The checker fails when a used program's package is not in the lock.
    lock = os.path.join(HERE, "..", "..", "deps.lock")
    with tempfile.NamedTemporaryFile("w", suffix=".lock", delete=False) as t:
        t.writelines(l for l in open(lock) if not l.startswith("deb      llvm-19 "))
    try:
        p = subprocess.run([sys.executable, os.path.join(HERE, "check_used_programs.py"), "--lock", t.name],
                           capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(t.name)
    if p.returncode != 0 and "FAIL deps: program llvm-ar-19 (used at mk/apps.mk" in p.stdout \
            and "llvm-19, which deps.lock does not list" in p.stdout:
        passed += 1
        print("PASS shcmds: the checker fails on a lock without llvm-19, naming llvm-ar-19 and llvm-19")
    else:
        failed += 1
        print("FAIL shcmds: the checker on a lock without llvm-19: exit %d\n%s" % (p.returncode, p.stdout[-2000:]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
