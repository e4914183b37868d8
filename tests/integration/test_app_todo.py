"""todo: the SDK 2 text field and list view in an app: typing (Latin-1
too) and Enter add an item, a paste goes into the field, Ctrl+d ticks and
Ctrl+k removes the selected item, the list scrolls with the selection at
any window size, and /data/todo.txt always holds the list."""

from apps_lib import (ask, boot_ready, check, data_path, fields, key, send_input, state, system, type_text,
                      wait_for, wait_state)


def read(s):
    try:
        with open(data_path(s, "todo.txt"), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def test_todo_field_list_and_file():
    with system(["todo"], data={"todo.txt": "[ ] milk\n[x] bread\n"}) as s:
        c = s.console()
        boot_ready(c, 1)
        st = fields(state(c, "todo"))
        check(st["items"] == "2" and st["first"] == "milk", st)
        # typing, Latin-1 included, and Enter
        type_text(c, "todo", "caf")
        key(c, "todo", "\u00e9", "Space", "a", "u", "Left", "Backspace", "Delete", "Backspace")
        wait_state(c, "todo", lambda st: fields(st)["field"] == "caf\u00e9", what="the typed text")
        key(c, "todo", "End")
        type_text(c, "todo", " lait")
        key(c, "todo", "Enter")
        wait_for(lambda: read(s) == "[ ] milk\n[x] bread\n[ ] caf\u00e9 lait\n", 5, what="saved with the new item")
        st = fields(state(c, "todo"))
        check(st["items"] == "3" and st["sel"] == "2" and st["field"] == "-", st)
        # a paste goes into the field, control characters as spaces
        send_input(c, "todo", "VYOMA_INPUT:paste:eggs\\tand ham")
        wait_state(c, "todo", lambda st: "eggs and ham" in st, what="the paste")
        key(c, "todo", "Enter")
        wait_for(lambda: (read(s) or "").endswith("[ ] eggs and ham\n"), 5, what="the pasted item")
        # tick and remove the selected one
        key(c, "todo", "Up", "Ctrl+d")
        wait_for(lambda: "[x] caf\u00e9 lait\n" in (read(s) or ""), 5, what="ticked")
        key(c, "todo", "Ctrl+k")
        wait_for(lambda: read(s) == "[ ] milk\n[x] bread\n[ ] eggs and ham\n", 5, what="removed")
        # many items in a small window: the selection never leaves the screen
        for i in range(30):
            ask(c, "todo", "add item %d" % i)
        send_input(c, "todo", "VYOMA_INPUT:resize:360,120")
        st = wait_state(c, "todo", lambda st: fields(st)["rows"] == "4", what="4 rows after the resize")
        st = fields(st)
        check(st["items"] == "33" and st["sel"] == "32" and st["top"] == "29", st)
        key(c, "todo", *["Up"] * 10)
        st = fields(state(c, "todo"))
        check(st["sel"] == "22" and int(st["top"]) <= 22 < int(st["top"]) + 4, st)
        key(c, "todo", "PageUp", "Home")  # Home edits the field, PageUp moves 4
        st = fields(state(c, "todo"))
        check(st["sel"] == "18" and st["top"] == "18", st)
        # the wheel scrolls and drags the selection along; a click selects
        send_input(c, "todo", "VYOMA_INPUT:mouse:10,40,-2,wheel")
        st = fields(state(c, "todo"))
        check(st["top"] == "12" and 12 <= int(st["sel"]) < 16, st)
        send_input(c, "todo", "VYOMA_INPUT:mouse:10,46,1,down")  # the list starts at y 26: row 1
        check(fields(state(c, "todo"))["sel"] == "13", state(c, "todo"))
        check(c.state("todo") == "running")
