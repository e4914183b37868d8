"""notes: edits with keys, saves atomically to /data (autosave and on
demand), reloads what it saved after a restart, switches files."""

import os

from apps_lib import (ask, boot_ready, check, data_path, fields, key, send_input, state, system, type_text,
                      wait_for, wait_state)


def read(s, name):
    try:
        with open(data_path(s, name)) as f:
            return f.read()
    except OSError:
        return None


def test_notes_edit_save_reload():
    with system(["notes"], data={"notes.txt": "first line\nsecond\n"}) as s:
        c = s.console()
        boot_ready(c, 1)
        st = fields(state(c, "notes"))
        check(st["bytes"] == "18" and st["cursor"] == "0", st)
        # type at the start, move down a line, go to its end, append
        type_text(c, "notes", "Hi ")
        key(c, "notes", "Down", "End")
        type_text(c, "notes", "!!")
        key(c, "notes", "Left", "Backspace")
        check(fields(state(c, "notes"))["saved"] == "0")
        # autosave a second after the last edit
        wait_for(lambda: read(s, "notes.txt") == "Hi first line\nsecond!\n", 5, what="autosave")
        check(fields(state(c, "notes"))["saved"] == "1")
        check(not os.path.exists(data_path(s, "notes.txt.tmp")), "temp file left behind")
        # Enter, Delete, Up/Home, explicit save
        key(c, "notes", "End", "Enter")
        type_text(c, "notes", "third")
        key(c, "notes", "Up", "Home", "Delete")
        check(ask(c, "notes", "save") == "saved notes.txt")
        check(read(s, "notes.txt") == "Hi first line\necond!\nthird\n", repr(read(s, "notes.txt")))
        # a restart reloads the saved text
        c.must("restart notes")
        wait_state(c, "notes", lambda t: fields(t)["bytes"] == str(len("Hi first line\necond!\nthird\n")))
        # another file; the old one is saved first
        type_text(c, "notes", "x")
        check(ask(c, "notes", "open todo.txt") == "opened todo.txt")
        check(read(s, "notes.txt").startswith("xHi first"), read(s, "notes.txt"))
        type_text(c, "notes", "buy milk")
        ask(c, "notes", "save")
        check(read(s, "todo.txt") == "buy milk")
        type_text(c, "notes", "!")
        key(c, "notes", "Ctrl+s")
        check(fields(state(c, "notes"))["saved"] == "1")
        check(read(s, "todo.txt") == "buy milk!", read(s, "todo.txt"))


def test_notes_wraps_long_lines_and_types_latin1():
    # issue 16: text past the right edge was hidden. A line longer than the
    # window wraps; a narrower window (a resize line) wraps it more; typed
    # Latin-1 is saved as UTF-8.
    with system(["notes"], data={"notes.txt": ""}) as s:
        c = s.console()
        boot_ready(c, 1)
        type_text(c, "notes", "x" * 80)  # 58 columns in 480 pixels
        wait_state(c, "notes", lambda t: fields(t)["rows"] == "2", what="two screen rows")
        send_input(c, "notes", "VYOMA_INPUT:resize:250,200")  # 29 columns
        wait_state(c, "notes", lambda t: fields(t)["rows"] == "3", what="three screen rows")
        key(c, "notes", "Enter", "\u00e9", "\u00fc", "Left", "Backspace")
        check(ask(c, "notes", "save") == "saved notes.txt")
        with open(data_path(s, "notes.txt"), "rb") as f:
            check(f.read() == b"x" * 80 + b"\n\xc3\xbc", "saved as UTF-8")
        st = fields(state(c, "notes"))
        check(st["bytes"] == "83" and st["rows"] == "4", st)
