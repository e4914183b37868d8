"""shell: typed lines become supervisor commands or messages, and the
answers appear in its transcript (the window and `log shell`)."""

from apps_lib import boot_ready, check, key, state, system, type_text, wait_for, wait_state


def transcript(c):
    return [l[2:] for l in c.log("shell", 300) if l.startswith("| ")]


def wait_shown(c, pred, what):
    return wait_for(lambda: any(pred(l) for l in transcript(c)), 10, what=what)


def command(c, text):
    type_text(c, "shell", text)
    key(c, "shell", "Enter")


def test_shell_runs_commands_and_sends_messages():
    with system(["shell", "clock"]) as s:
        c = s.console()
        boot_ready(c, 2)
        command(c, "ps")
        wait_shown(c, lambda l: l == "ok ps", "ok ps in the shell")
        lines = transcript(c)
        check(any(l.startswith("NAME ") for l in lines), lines)
        check(any(l.split()[:1] == ["clock"] and "running" in l for l in lines), lines)
        # ps fits the shell's 68 columns (shcols): one row per app, never wrapped
        table = lines[len(lines) - 1 - lines[::-1].index("> ps"):]
        check(table[1].split()[:3] == ["NAME", "PID", "STATE"] and len(table) >= 4, table)
        check(all(len(l) <= 68 for l in table), [l for l in table if len(l) > 68])
        # a message to an app, and its answer shown
        command(c, "@clock time")
        wait_shown(c, lambda l: l.startswith("@clock: ") and l.count(":") == 3, "clock's answer")
        # errors are shown, not fatal
        command(c, "@nosuch hello")
        wait_shown(c, lambda l: l.startswith("error:") and "nosuch" in l, "unknown app error")
        command(c, "frobnicate")
        wait_shown(c, lambda l: l.startswith("error:") and "frobnicate" in l, "unknown command error")
        # a command with an effect: restart clock, see a new pid
        pid = c.ps()["clock"]["pid"]
        command(c, "restart clock")
        wait_shown(c, lambda l: l.startswith("ok restart clock"), "restart answer")
        check(c.ps()["clock"]["pid"] != pid, c.ps())
        # editing: backspace, escape, history recall
        type_text(c, "shell", "pz")
        key(c, "shell", "Backspace")
        type_text(c, "shell", "s")
        check(state(c, "shell").endswith("input ps"), state(c, "shell"))
        # the history is the supervisor's (shhist): its answer comes back
        key(c, "shell", "Escape", "Up")
        wait_state(c, "shell", lambda t: t.endswith("input restart clock"), what="Up recalls")
        key(c, "shell", "Up", "Up", "Down")
        wait_state(c, "shell", lambda t: t.endswith("input frobnicate"), what="Up Up Down")
        key(c, "shell", "Escape")
        command(c, "clear")
        wait_state(c, "shell", lambda t: t.startswith("lines 0 ") and t.endswith(" input -"),
                   what="cleared")
        check(c.state("shell") == "running")


def test_ps_fits_the_shell_window_on_screen():
    """The ps table in the shell's window: no row reaches the last 8 of its
    68 columns (the full table's 120-character rows wrapped there)."""
    from apps_lib import screenshot
    from screen import windows
    with system(["shell", "clock"]) as s:
        c = s.console()
        boot_ready(c, 2)
        command(c, "ps")
        wait_shown(c, lambda l: l == "ok ps", "ok ps in the shell")
        wait_for(lambda: "shell" in windows(c)[0], 10, what="the window")
        w = windows(c)[0]["shell"]
        bg = (0x1B, 0x1F, 0x2A)
        x0, x1 = w["cx"] + 6 + 60 * 8, w["cx"] + 6 + 68 * 8
        # the scrollback area, above the input line (24 rows high)
        def right_part_empty():
            _, _, rows = screenshot(c, s, "ps.png")
            texty = [y for y in range(w["cy"] + 4, w["cy"] + w["ch"] - 28)
                     if any(rows[y][x] != bg for x in range(x0, x1))]
            return texty == []
        def has_table():
            _, _, rows = screenshot(c, s, "ps.png")
            return any(rows[y][x] != bg for y in range(w["cy"] + 4, w["cy"] + w["ch"] - 28)
                       for x in range(w["cx"] + 6, w["cx"] + 6 + 8 * 40))
        wait_for(has_table, 10, what="the table drawn")
        check(right_part_empty(), "a ps row reaches columns 61-68 of the shell (it wrapped)")
