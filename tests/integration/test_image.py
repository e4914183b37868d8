"""The image holds no shared library and no dynamic executable (issue #11):
an initramfs is packed by scripts/rootfs.sh from the real supervisor, runner
and an app (uncompressed, so its bytes are read back here), and every
regular file in the archive is classified from its ELF headers
(scripts/elfcheck.py: PT_INTERP, DT_NEEDED, DT_SONAME). The checker itself
is shown to catch what it must refuse."""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(ROOT, "build")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import elfcheck  # noqa: E402


def pack(tmp, runner=None):
    out = os.path.join(tmp, "initramfs.cpio")
    env = dict(os.environ, VYOMA_INITRAMFS=out, VYOMA_APPS="hello",
               VYOMA_BOOT_TOML=os.path.join(ROOT, "boot.toml"))
    if runner:
        env["VYOMA_RUNNER"] = runner
    p = subprocess.run(["bash", os.path.join(ROOT, "scripts", "rootfs.sh")], env=env,
                       capture_output=True, text=True, timeout=600)
    return p, out


def test_image_files_are_static():
    for f in ("vyoma", "vyoma-run"):
        if not os.path.exists(os.path.join(BUILD, f)):
            raise AssertionError("build/%s missing: run `make supervisor runner apps`" % f)
    with tempfile.TemporaryDirectory() as tmp:
        p, out = pack(tmp)
        if p.returncode != 0:
            raise AssertionError("rootfs.sh failed:\n" + p.stderr[-2000:])
        kinds = {name: elfcheck.classify(data) for name, data in elfcheck.cpio_files(out)}
    bad = {n: k for n, k in kinds.items() if k in ("dynamic", "shared")}
    if bad:
        raise AssertionError("the image holds files that need a dynamic loader: %s" % bad)
    for exe in ("/init", "/bin/vyoma-run"):
        if kinds.get(exe) != "static":
            raise AssertionError("%s is %s, not a static executable" % (exe, kinds.get(exe)))
    libs = [n for n in kinds if n.startswith(("/lib", "/usr/lib")) or ".so" in n]
    if libs:
        raise AssertionError("library files in the image: %s" % libs)
    if not any(n.endswith(".cwasm") and k == "object" for n, k in kinds.items()):
        raise AssertionError("no precompiled component in the image: %s" % sorted(kinds))


def test_elfcheck_refuses_dynamic_files():
    # The host's own dynamic programs and loader are what the check exists for.
    sh = os.path.realpath("/bin/sh")
    with open(sh, "rb") as f:
        if elfcheck.classify(f.read()) != "dynamic":
            raise AssertionError("%s (dynamic) not seen as dynamic" % sh)
    ld = os.path.realpath("/lib64/ld-linux-x86-64.so.2")
    with open(ld, "rb") as f:
        if elfcheck.classify(f.read()) != "shared":
            raise AssertionError("%s not seen as a shared library" % ld)
    with tempfile.TemporaryDirectory() as tmp:
        lst = os.path.join(tmp, "list")
        with open(lst, "w") as f:
            f.write("file /lib/ld.so 755 %s\nfile /init 755 %s\n" %
                    (ld, os.path.join(BUILD, "vyoma")))
        cpio = os.path.join(tmp, "x.cpio")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "mkcpio.py"), "-o", cpio, lst],
                       check=True, capture_output=True)
        p = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "elfcheck.py"),
                            "--static-only", "--cpio", cpio], capture_output=True, text=True)
        if p.returncode != 1 or "shared   /lib/ld.so" not in p.stdout or "static   /init" not in p.stdout:
            raise AssertionError("elfcheck accepted an archive with a loader in it:\n%s%s" %
                                 (p.stdout, p.stderr))
        # rootfs.sh refuses a dynamic runner outright.
        p, _ = pack(tmp, runner=sh)
        if p.returncode == 0 or "dynamically linked" not in p.stderr:
            raise AssertionError("rootfs.sh packed a dynamic runner:\n" + p.stderr[-2000:])
