"""The .cwasm cache is not a way to plant code (issue 11, item 3;
docs/runner.md, "The cache is not a way to plant code").

A precompiled artifact is native code Wasmtime runs unchecked. Here a
compromised runner is played by the test itself, with what any runner has
today (the same uid, a sandbox that does not stop file writes): after the
supervisor started, it replaces the artifact of `victim` (the echo
component) with its own (the talker's: a valid artifact, other code), and
plants one for `late` (the pong component), which had none at start. The
supervisor's cache index, sealed at its start, vouches only for the bytes
that were there then, so when victim restarts and late starts, their
runners refuse the files with a clear log line, compile their own
components, and each app behaves as itself: victim echoes, late answers
pong. With the runner of before (it trusted any file of the right name),
victim would have run the attacker's code.

The same plant with an image index in the cache (what scripts/rootfs.sh
puts in the image, scripts/cidx-index.py): the supervisor takes the
artifacts' SHA-256 from it instead of hashing them, and the runners, which
still hash what they load, refuse the plant the same way."""

import os
import shutil
import subprocess
import tempfile

from harness import ROOT, App, System, artifact, check, precompile, wait_for


def test_planted_artifacts_are_refused():
    _plant(image_index=False)


def test_planted_artifacts_are_refused_with_image_index():
    _plant(image_index=True)


def _plant(image_index):
    cache = tempfile.mkdtemp(prefix="vyoma-plant-")
    try:
        precompile(cache, ["echo", "talker"])  # the trusted step, before the supervisor
        victim_art, attacker_art = artifact(cache, "echo"), artifact(cache, "talker")
        check(victim_art and attacker_art, "precompiled: %s" % os.listdir(cache))
        if image_index:
            subprocess.run(["python3", os.path.join(ROOT, "scripts", "cidx-index.py"), cache,
                            os.path.join(cache, "index")], check=True)
        how = "(2 from the image's index, 0 hashed)" if image_index else \
            "(0 from the image's index, 2 hashed)"
        apps = [App.real("victim", "echo"), App.real("attacker", "talker"),
                App.real("late", "pong", boot=False)]
        with System(apps, extra_args=["--cache", cache], fill_cache=False) as s:
            c = s.console()
            c.wait_ready()
            check(any("cache index: 2 precompiled components" in l and how in l
                      for l in c.log("supervisor")), "the supervisor indexed the cache at start")
            c.send("@victim: before")
            check(c.expect("@victim: ", what="victim's answer") == "@victim: echo before", "echo")

            # the plant: victim's artifact replaced by the attacker's code,
            # and an artifact for late, which had none
            tmp = victim_art + ".plant"
            shutil.copyfile(attacker_art, tmp)
            os.replace(tmp, victim_art)
            late_name = os.path.basename(victim_art).replace(
                os.path.basename(victim_art).split("-wasmtime-")[0],
                _component_sha(s.app_path("late", "pong.wasm")))
            shutil.copyfile(attacker_art, os.path.join(cache, late_name))

            for verb, app, why, ask, answer in (
                    ("restart", "victim", "does not match the cache index (changed after the "
                     "supervisor started): refused, compiling", "after", "echo after"),
                    ("start", "late", "not in the cache index (written after the supervisor "
                     "started): refused, compiling", "ping", "pong")):
                c.must("%s %s" % (verb, app))
                c.wait_state(app, "running")
                c.wait_log(app, why)
                c.send("@%s: %s" % (app, ask))
                got = c.expect("@%s: " % app, what=app + "'s answer")
                check(got == "@%s: %s" % (app, answer), "%s runs its own code, not the planted "
                      "artifact: %r" % (app, got))
            wait_for(lambda: "running" == c.state("attacker"), 5, what="attacker still running")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _component_sha(path):
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
