"""snake: waits for the player's first key (a game that starts, or starts
over, by itself is lost before anyone looks), then moves on its own, turns
with the arrow keys (never straight back), dies at the wall, pauses, and
restarts with r."""

from apps_lib import window
from apps_lib import boot_ready, check, fields, hexrgb, key, screenshot, state, system, wait_state, windows
from harness import wait_for


def head(st):
    x, y = st["head"].split(",")
    return int(x), int(y)


def test_snake_moves_turns_dies_restarts():
    with system(["snake"]) as s:
        c = s.console()
        boot_ready(c, 1)
        st = fields(state(c, "snake"))
        check(st["dir"] == "right" and st["alive"] == "1" and st["length"] == "3", st)
        check(st["paused"] == "1", "a new game waits for a key: %s" % st)
        import time
        time.sleep(0.6)
        check(fields(state(c, "snake"))["head"] == st["head"], "it does not move on its own before a key")
        x0, y0 = head(st)
        key(c, "snake", "Right")
        wait_state(c, "snake", lambda t: head(fields(t))[0] >= x0 + 2, what="snake moving right")
        key(c, "snake", "Left")  # straight back: ignored
        key(c, "snake", "Up")
        st = wait_state(c, "snake", lambda t: fields(t)["dir"] == "up")
        y1 = head(fields(st))[1]
        wait_state(c, "snake", lambda t: head(fields(t))[1] <= y1 - 2, what="snake moving up")
        key(c, "snake", "p")
        st = fields(state(c, "snake"))
        h = st["head"]
        # paused, the screen shows the head and the food where state says
        # (one screenshot for both; the app may answer state before the
        # draw lines of its last step arrive: seen in CI, the new food not
        # yet drawn. A screenshot shows every draw line so far: the wait
        # takes the next, and the head and food must not move meanwhile.)
        w = window(c, "snake")
        hx, hy = head(st)
        fx, fy = (int(v) for v in st["food"].split(","))

        def drawn():
            _, _, rows = screenshot(c, s)
            return (rows[w["cy"] + 24 + hy * 16 + 8][w["cx"] + hx * 16 + 8] == hexrgb(0xb5f0c0)
                    and rows[w["cy"] + 24 + fy * 16 + 8][w["cx"] + fx * 16 + 8] == hexrgb(0xff6b6b))
        wait_for(drawn, 5, what="the head and the food drawn where state says")
        check(fields(state(c, "snake"))["food"] == st["food"], "the food moved while paused")
        time.sleep(0.5)
        st = fields(state(c, "snake"))
        check(st["paused"] == "1" and st["head"] == h, st)
        key(c, "snake", "p")
        # up into the wall: dead within the grid's height
        st = wait_state(c, "snake", lambda t: fields(t)["alive"] == "0", timeout=8, what="crash")
        check(head(fields(st))[1] == 0, st)
        key(c, "snake", "r")
        st = fields(state(c, "snake"))
        check(st["alive"] == "1" and st["length"] == "3" and st["score"] == "0", st)
        check(st["paused"] == "1", "the new game waits for a key too: %s" % st)




def test_snake_pauses_when_it_loses_the_focus():
    from harness import wait_for
    with system(["snake", "clock"]) as s:
        c = s.console()
        boot_ready(c, 2)
        wait_for(lambda: {"snake", "clock"} <= set(windows(c)), 15, what="two windows")
        # Give snake the focus and let it run ('p' through the focus path).
        for _ in range(2):
            if windows(c)["snake"]["focused"] == 1:
                break
            c.test("key F9")
        check(windows(c)["snake"]["focused"] == 1, windows(c))
        if fields(state(c, "snake"))["paused"] == "1":
            c.test("key p")
        wait_state(c, "snake", lambda t: fields(t)["paused"] == "0", what="running with the focus")
        c.test("key F9")  # the focus goes to the clock
        st = wait_state(c, "snake", lambda t: fields(t)["paused"] == "1", timeout=8,
                        what="paused after losing the focus")
        check(fields(st)["alive"] == "1", st)
