"""`vyoma pkg`: the real CLI on a real app's bundle (apps/clock, built by
`make apps`). A standard tool (tar) must list and extract it, sha256sum of
what it extracts must equal what the signed MANIFEST says, the same inputs
and key must give the same bytes, and every refusal (tampered, unknown key,
revoked key, downgrade, system app name) must leave nothing written."""

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
import tomllib

from harness import ROOT, check, supervisor_binary


def pkg(*args, ok=True):
    p = subprocess.run([supervisor_binary(), "pkg"] + list(args), cwd=ROOT,
                       capture_output=True, timeout=60)
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    if ok is not None:
        check((p.returncode == 0) == ok, "vyoma pkg %s: rc %d\n%s" % (" ".join(args), p.returncode, out))
    return out


def keypair(d, name):
    pkg("keygen", "--out", os.path.join(d, name))
    with open(os.path.join(d, name + ".pub"), "rb") as f:
        return tomllib.load(f)["key_id"]


def setup():
    comp = os.path.join(ROOT, "build", "apps", "clock", "clock.wasm")
    check(os.path.exists(comp), "build/apps/clock/clock.wasm missing: run `make apps`")
    d = tempfile.mkdtemp(prefix="vyoma-pkg-")
    os.mkdir(os.path.join(d, "keys"))
    kid = keypair(d, "k")
    shutil.copy(os.path.join(d, "k.pub"), os.path.join(d, "keys"))
    return d, kid, comp


def test_pkg_bundle_is_standard_tar_and_signed():
    d, kid, comp = setup()
    try:
        out = pkg("build", "apps/clock", "--key", os.path.join(d, "k"), "--seq", "5",
                  "--out", os.path.join(d, "repo"))
        vpk = os.path.join(d, "repo", "clock.vpk")
        check(os.path.exists(vpk), out)
        # the standard tool lists it: regular files, owner 0/0, time 0, sorted
        t = subprocess.run(["tar", "tvf", vpk], capture_output=True, timeout=30)
        check(t.returncode == 0, t.stderr.decode())
        lines = t.stdout.decode().splitlines()
        names = [l.split()[-1] for l in lines]
        check(names == ["MANIFEST", "MANIFEST.sig", "clock.wasm", "vyoma.toml"], lines)
        for l in lines:
            check(l.startswith("-rw-r--r-- 0/0") and "1970-01-01 00:00" in l, l)
        # extract with tar; sha256sum of every file equals MANIFEST's
        x = os.path.join(d, "x")
        os.mkdir(x)
        subprocess.run(["tar", "xf", vpk, "-C", x], check=True, timeout=30)
        with open(os.path.join(x, "MANIFEST"), "rb") as f:
            man = tomllib.load(f)
        check(man["name"] == "clock" and man["seq"] == 5 and man["key_id"] == kid, man)
        check(man["capabilities"] == ["stdio", "display"], man)
        for entry in man["file"]:
            s = subprocess.run(["sha256sum", os.path.join(x, entry["path"])],
                               capture_output=True, check=True, timeout=30)
            check(s.stdout.split()[0].decode() == entry["sha256"], (entry, s.stdout))
            check(os.path.getsize(os.path.join(x, entry["path"])) == entry["size"], entry)
        with open(comp, "rb") as a, open(os.path.join(x, "clock.wasm"), "rb") as b:
            check(a.read() == b.read(), "the bundled component is the built one")
        # deterministic: same inputs, same key, same bytes
        pkg("build", "apps/clock", "--key", os.path.join(d, "k"), "--seq", "5",
            "--out", os.path.join(d, "again"))
        with open(vpk, "rb") as a, open(os.path.join(d, "again", "clock.vpk"), "rb") as b:
            check(a.read() == b.read(), "two builds differ")
        out = pkg("verify", vpk, "--keys", os.path.join(d, "keys"))
        check("OK: clock 0.1.0 seq 5, signed by key " + kid in out, out)
        out = pkg("info", vpk)
        check("capabilities: stdio,display" in out and "wasi:cli/stdout@0.2" in out, out)
        check("clock.wasm" in out and str(os.path.getsize(comp)) in out, out)
        # unpack after verification
        e = os.path.join(d, "installed")
        out = pkg("verify", vpk, "--keys", os.path.join(d, "keys"), "--extract", e)
        check(sorted(os.listdir(e)) == ["MANIFEST", "MANIFEST.sig", "clock.wasm", "vyoma.toml"], out)
    finally:
        shutil.rmtree(d)


def refused(d, vpk, want, *extra):
    dest = os.path.join(d, "dest")
    out = pkg("verify", vpk, "--keys", os.path.join(d, "keys"), "--extract", dest, *extra, ok=False)
    check("refused: " in out and want in out, "want %r in:\n%s" % (want, out))
    check(not os.path.exists(dest), "a refused bundle wrote " + dest)
    check(not [n for n in os.listdir(d) if n.startswith("dest")], os.listdir(d))


def test_pkg_refusals():
    d, kid, _ = setup()
    try:
        pkg("build", "apps/clock", "--key", os.path.join(d, "k"), "--seq", "3",
            "--out", os.path.join(d, "repo"))
        vpk = os.path.join(d, "repo", "clock.vpk")
        with open(vpk, "rb") as f:
            good = f.read()
        with tarfile.open(vpk) as t:
            comp_at = t.getmember("clock.wasm").offset_data
            man_at = t.getmember("MANIFEST").offset_data
            sig_at = t.getmember("MANIFEST.sig").offset_data
        bad = os.path.join(d, "bad.vpk")
        sig_hex = good.index(b'signature = "', sig_at) + 20
        for at, want in ((comp_at + 200, "'clock.wasm': SHA-256 mismatch"),
                         (man_at + 10, "MANIFEST: bad signature"),
                         (sig_hex, "bad signature")):
            b = bytearray(good)
            b[at] = ord("0") if b[at] != ord("0") else ord("1")
            with open(bad, "wb") as f:
                f.write(b)
            refused(d, bad, want)
        refused(d, vpk, "a downgrade is refused", "--installed-seq", "4")
        refused(d, vpk, "'clock' is the name of a system app", "--system", "shell,clock")
        # another key: unknown, then trusted but revoked by the signed index
        kid2 = keypair(d, "k2")
        pkg("build", "apps/hello", "--key", os.path.join(d, "k2"), "--out", os.path.join(d, "other"))
        other = os.path.join(d, "other", "hello.vpk")
        refused(d, other, "signed by key %s, which is not a trusted key" % kid2)
        shutil.copy(os.path.join(d, "k2.pub"), os.path.join(d, "keys"))
        out = pkg("index", os.path.join(d, "repo"), "--key", os.path.join(d, "k"), "--revoke", kid2)
        check("1 packages, 1 revoked keys" in out, out)
        pkg("verify", other, "--keys", os.path.join(d, "keys"))
        refused(d, other, "signed by key %s, which is revoked" % kid2,
                "--index", os.path.join(d, "repo"))
        # the index is signed: a changed byte is refused
        idx = os.path.join(d, "repo", "INDEX")
        with open(idx, "rb") as f:
            text = f.read()
        with open(idx, "wb") as f:
            f.write(text.replace(b"seq = 3", b"seq = 9"))
        out = pkg("verify", vpk, "--keys", os.path.join(d, "keys"), "--index",
                  os.path.join(d, "repo"), ok=False)
        check("INDEX: bad signature" in out, out)
        # a key is never overwritten
        out = pkg("keygen", "--out", os.path.join(d, "k"), ok=False)
        check("already exists" in out, out)
    finally:
        shutil.rmtree(d)


def test_pkg_index_describes_the_bundles():
    d, kid, _ = setup()
    try:
        repo = os.path.join(d, "repo")
        for app in ("clock", "hello"):
            pkg("build", "apps/" + app, "--key", os.path.join(d, "k"), "--seq", "2", "--out", repo)
        pkg("index", repo, "--key", os.path.join(d, "k"))
        with open(os.path.join(repo, "INDEX"), "rb") as f:
            idx = tomllib.load(f)
        check(idx["key_id"] == kid and idx["revoked"] == [], idx)
        check([p["name"] for p in idx["package"]] == ["clock", "hello"], idx)
        for p in idx["package"]:
            with open(os.path.join(repo, p["file"]), "rb") as f:
                data = f.read()
            check(p["size"] == len(data) and p["sha256"] == hashlib.sha256(data).hexdigest(), p)
            check(p["seq"] == 2 and p["version"] == "0.1.0" and p["description"], p)
        check(idx["package"][1]["capabilities"] == ["stdio"], idx)
        out = pkg("verify", os.path.join(repo, "hello.vpk"), "--keys", os.path.join(d, "keys"),
                  "--index", repo)
        check("OK: hello" in out, out)
    finally:
        shutil.rmtree(d)
