"""files: lists /data (folders first), navigates with keys and messages,
makes folders, deletes with confirmation, and hands text files to notes and
other files to hexview, saying so when that app is not running."""

import os

from apps_lib import ask, boot_ready, check, data_path, fields, key, state, system, wait_state


def test_files_browse_and_manage():
    data = {"b.txt": "bbb", "a.txt": "a", "docs/readme.md": "# hi\n", "zdir/x": "x"}
    data["blob.bin"] = "\x00\x01\x02"
    with system(["files", "hexview", "notes"], data=data) as s:
        c = s.console()
        boot_ready(c, 3)
        check(ask(c, "files", "ls") == "docs/ zdir/ a.txt b.txt blob.bin", ask(c, "files", "ls"))
        st = fields(state(c, "files"))
        check(st["cwd"] == "/data" and st["entries"] == "5" and st["selected"] == "docs", st)
        key(c, "files", "Enter")
        check(fields(state(c, "files"))["cwd"] == "/data/docs")
        check(ask(c, "files", "ls") == "readme.md")
        key(c, "files", "Backspace", "Down", "Down", "Down")
        check(fields(state(c, "files"))["selected"] == "b.txt")
        # Enter on a text file opens it in notes, which answers
        key(c, "files", "Enter")
        wait_state(c, "notes", lambda t: fields(t)["file"] == "b.txt" and fields(t)["bytes"] == "3")
        wait_state(c, "files", lambda t: "status notes: opened b.txt" in t, what="files says notes opened it")
        # any other file in hexview
        key(c, "files", "Down")
        key(c, "files", "Enter")
        wait_state(c, "hexview", lambda t: fields(t)["file"] == "blob.bin" and fields(t)["size"] == "3")
        wait_state(c, "files", lambda t: "status hexview: opened blob.bin 3 bytes" in t)
        # and when the viewer is not running, files says so
        c.must("stop hexview")
        key(c, "files", "Enter")
        wait_state(c, "files", lambda t: "status hexview is not running: F1, then hexview" in t,
                   what="files reports hexview missing")
        key(c, "files", "Up")
        # Delete asks first: n keeps, y removes
        key(c, "files", "Delete", "n")
        state(c, "files")  # a round trip: the keys are handled
        check(os.path.exists(data_path(s, "b.txt")))
        key(c, "files", "Delete", "y")
        state(c, "files")
        check(not os.path.exists(data_path(s, "b.txt")), "b.txt not deleted")
        check(ask(c, "files", "ls") == "docs/ zdir/ a.txt blob.bin", ask(c, "files", "ls"))
        # messages
        check(ask(c, "files", "mkdir new") == "made new")
        check(os.path.isdir(data_path(s, "new")))
        check(ask(c, "files", "cd new") == "cwd /data/new")
        check(ask(c, "files", "ls") == "-")
        check(ask(c, "files", "cd ..") == "cwd /data")
        check(ask(c, "files", "rm new").startswith("deleted"))
        check(ask(c, "files", "rm zdir").startswith("error: cannot delete zdir"), "non-empty folder")
        check(ask(c, "files", "cd ../..") .startswith("error"), "no way out of /data")
        check(ask(c, "files", "cd a.txt").startswith("error"))
        # files made by others show up on refresh
        with open(data_path(s, "c.txt"), "w") as f:
            f.write("c")
        key(c, "files", "r")
        check("c.txt" in ask(c, "files", "ls").split())
