"""`@supervisor: reload`: start the new, stop the removed, restart the
changed, leave the rest running; real components run by vyoma-run."""

import os
import shutil

from harness import BUILD, App, System, boot_toml, check


def server(name, **kw):
    return App.real(name, "talker", **kw)


def test_reload_adds_removes_changes_and_keeps():
    apps = [server("keep"), server("gone"), server("change"), server("new", boot=False),
            server("touch")]
    with System(apps) as s:
        c = s.console()
        check(c.wait_ready() == 4, "four booted")
        before = c.ps()
        # new boot list: drop "gone", add "new"; change a manifest and rebuild a component
        s.write_boot(["keep", "change", "new", "touch"])
        s.add_app(server("change", caps=("stdio", "shell")))
        # a rebuilt component: touch's talker.wasm is now the echo app
        shutil.copy(os.path.join(BUILD, "apps", "echo", "echo.wasm"),
                    s.app_path("touch", "talker.wasm"))
        lines = c.must("reload")
        check("reload: started new" in lines, lines)
        check("reload: stopped gone" in lines, lines)
        check("reload: restarted change" in lines, lines)
        check("reload: restarted touch" in lines, lines)
        check("reload: 1 started, 1 stopped, 2 restarted, 1 unchanged, 0 broken, 0 died" in lines, lines)
        c.wait_state("new", "running")
        c.wait_state("change", "running")
        c.wait_state("touch", "running")
        after = c.ps()
        check("gone" not in after, "removed from ps")
        check(after["keep"]["pid"] == before["keep"]["pid"], "unchanged app untouched")
        check(after["change"]["pid"] != before["change"]["pid"], "changed app restarted")
        check(after["change"]["caps"] == "stdio,shell", "on its new manifest")
        check(after["touch"]["pid"] != before["touch"]["pid"], "rebuilt component restarted")
        # each runs what it should: the new component, the new capabilities
        c.send("@touch: who are you")
        check(c.expect("@touch: ") == "@touch: echo who are you", "touch runs the echo now")
        c.send("@change: cmd ps")
        c.wait_log("change", "got: @supervisor: ok ps")
        c.send("@new: send console hello")
        c.expect("@new: hello")
        check(not os.path.exists("/proc/" + before["gone"]["pid"]) or
              open("/proc/%s/stat" % before["gone"]["pid"]).read().split()[2] == "Z",
              "removed app's process gone")
        # a second reload with nothing changed changes nothing
        lines = c.must("reload")
        check("reload: 0 started, 0 stopped, 0 restarted, 4 unchanged, 0 broken, 0 died" in lines, lines)


def test_reload_with_a_broken_manifest_keeps_the_old_one_running():
    apps = [server("a"), server("b")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        pid = c.ps()["a"]["pid"]
        with open(s.app_path("a", "vyoma.toml"), "w") as f:
            f.write('name = "a"\nbogus = 1\n')
        lines = c.must("reload")
        check(any(l.startswith("reload: broken a: ") and "vyoma.toml:2:1:" in l for l in lines),
              lines)
        check(c.ps()["a"]["pid"] == pid and c.state("a") == "running", "a keeps running")
        c.send("@a: send console still up")
        c.expect("@a: still up")


def test_reload_with_a_broken_boot_list_changes_nothing():
    apps = [server("a")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        s.write_boot([], text="[[app]]\nname = \n")
        ok, lines = c.cmd("reload")
        check(not ok and "boot.toml:2:" in lines[-1], lines)
        check(c.state("a") == "running", "still running")
        s.write_boot(["a"])
        check(c.must("reload")[-1] == "ok reload", "fine again")


def test_reload_from_an_app_with_shell():
    apps = [server("admin", caps=("stdio", "shell")), server("late", boot=False)]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        s.write_boot(["admin", "late"], text=boot_toml(["admin", "late"]))
        c.send("@admin: cmd reload")
        c.wait_log("admin", "got: @supervisor: ok reload")
        c.wait_state("late", "running")
