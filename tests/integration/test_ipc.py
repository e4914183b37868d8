"""The broker: unicast, broadcast, reply, sender attribution, errors for an
unknown or stopped target, and capability checks before routing. Real
components: the talker does what a message tells it ("say <line>" writes
any protocol line), the echo answers every message; both log each line
they read as "got: <line>" on stderr, which lands in their log ring."""

import time

from harness import App, System, check, wait_for


def talker(name, **kw):
    return App.real(name, "talker", **kw)


def echo(name, **kw):
    return App.real(name, "echo", **kw)


def test_unicast_and_attribution_between_apps():
    apps = [talker("alice"), echo("bob")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@alice: send bob hi bob")
        # bob sees who spoke; alice gets bob's answer, attributed to bob
        c.wait_log("bob", "got: @alice: hi bob")
        c.wait_log("alice", "got: @bob: echo hi bob")
        st = c.stats()
        check(st["alice"]["msgs_sent"] == 1 and st["bob"]["msgs_recv"] == 1, st)
        check(st["alice"]["msgs_recv"] == 2 and st["bob"]["msgs_sent"] == 1, st)


def test_sender_cannot_be_forged():
    # a message that claims another sender in its text is still attributed
    # to the app that wrote it
    apps = [talker("mallory"), echo("bob")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@mallory: say @bob: @alice: it is me, alice")
        c.wait_log("bob", "got: @mallory: @alice: it is me, alice")
        check(not any(l.startswith("got: @alice:") for l in c.log("bob")), c.log("bob"))


def test_console_unicast_and_reply():
    apps = [echo("echo")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@echo: ping 1")
        check(c.expect("@echo: ") == "@echo: echo ping 1", "reply reaches the console")
        c.wait_log("echo", "got: @console: ping 1")


def test_messages_written_from_where_they_were_read():
    # The last line of a read goes out from the supervisor's read buffer,
    # "@<sender>: " rewritten in front of its text in place (app_io.c):
    # a sender's name longer than the target's (the room before the read),
    # and two lines in one read, the first queued and the second rewritten
    # over the first's bytes: each arrives whole, attributed, in order.
    name = "a-sender-with-a-31-byte-name-xy"
    check(len(name) == 31, name)
    apps = [App.scripted(name, "ready", "until go", "say @b: from the long name", "serve"),
            App.scripted("b", "ready", "serve"), App.scripted("c", "ready", "serve")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@%s: go" % name)
        c.wait_log("b", "@%s: from the long name" % name)
        c.send("@c: first of two\n@b: second of two, a longer line than the first")
        c.wait_log("c", "@console: first of two")
        c.wait_log("b", "@console: second of two, a longer line than the first")
        c.send("@c: x\n@c: y\n@b: z")
        c.wait_log("b", "@console: z")
        got = [l for l in c.log("c") if "@console: " in l]
        check([l.split("@console: ")[1] for l in got] == ["first of two", "x", "y"], got)
        st = c.stats()
        check(st["b"]["msgs_recv"] == 3 and st["c"]["msgs_recv"] == 3, st)


def test_reply_goes_to_last_sender():
    apps = [talker("a"), talker("b"), echo("r")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@a: send r from a")
        c.wait_log("a", "got: @r: echo from a")
        c.send("@b: send r from b")
        c.wait_log("b", "got: @r: echo from b")
        check(not any("echo from b" in l for l in c.log("a")), "a did not get b's reply")
        # the talker's own @reply: goes back to whoever spoke to it last
        c.send("@r: hello r")  # r answers the console, a is untouched
        c.expect("@r: echo hello r")
        c.send("@a: reply back to the console")
        check(c.expect("@a: ") == "@a: back to the console", "talker replied to the console")


def test_reply_with_nobody_to_reply_to():
    apps = [talker("lonely")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        # VYOMA_TEST:send puts a line on its stdin without making anyone its
        # sender: nobody has ever sent lonely a message
        c.test("send lonely reply anyone?")
        c.wait_log("lonely", "got: @supervisor: error: nobody to reply to")
        check(c.stats()["lonely"]["msgs_sent"] == 0, c.stats()["lonely"])
        # a console that sent a message and went away is nobody as well
        c2 = s.console()
        c2.send("@lonely: sleep 300")
        c2.send("@lonely: reply are you still there?")
        c2.close()
        wait_for(lambda: sum("nobody to reply to" in l for l in c.log("lonely")) == 2, 5,
                 what="the second refusal")


def test_broadcast_reaches_every_other_app_and_console():
    apps = [talker("caster"), talker("l1"), talker("l2")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@caster: broadcast hello all")
        check(c.expect("hello all") == "@caster: hello all", "console hears the broadcast")
        c.wait_log("l1", "got: @caster: hello all")
        c.wait_log("l2", "got: @caster: hello all")
        check(not any("got: @caster:" in l for l in c.log("caster")), "not to the sender")
        st = c.stats()
        check(st["caster"]["msgs_sent"] == 3, "two apps and the console: %s" % st["caster"])


def test_console_broadcast_and_two_consoles():
    apps = [talker("l1"), echo("echo")]
    with System(apps) as s:
        c1, c2 = s.console(), s.console()
        c1.wait_ready()
        c1.send("@broadcast: to everyone")
        c1.wait_log("l1", "got: @console: to everyone")
        # the other console is "every other running app" too
        check(c2.expect("to everyone") == "@console: to everyone", "second console")
        # the echo app answered the broadcast: @reply goes to c1, the sender
        c1.expect("@echo: echo to everyone")
        c1.send("@echo: hi")
        c1.expect("@echo: echo hi")
        check(not any("echo hi" in l for l in c2.drain()), "a reply goes to one connection")


def test_app_writes_to_console():
    apps = [talker("talk")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.test("send talk send console hello tests")
        check(c.expect("hello tests") == "@talk: hello tests", "message to the console")


def test_unknown_target_and_stopped_target():
    apps = [talker("a"), talker("zed")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.must("stop zed")
        c.send("@a: send nosuch x")
        c.send("@a: send zed y")
        c.wait_log("a", "got: @supervisor: error: unknown app nosuch")
        c.wait_log("a", "got: @supervisor: error: zed is not running")
        check(c.stats()["a"]["drops"] == 2, "both counted as drops")
        # the console gets the same errors
        c.send("@nosuch: x")
        check("unknown app nosuch" in c.expect("@supervisor: error:"), "console error")


def test_malformed_message_lines():
    apps = [talker("a")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@a: say @Bad: x")
        c.send("@a: say @ok:no-space")
        c.send("@a: say @all: x")
        c.wait_log("a", "bad target name")
        c.wait_log("a", "expected a space after ':'")
        c.wait_log("a", "reserved name cannot be a target")
        check(c.stats()["a"]["drops"] == 3, "three drops")


def test_supervisor_command_needs_shell():
    apps = [talker("noshell"), talker("withshell", caps=("stdio", "shell"))]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@noshell: cmd ps")
        c.send("@withshell: cmd ps")
        c.wait_log("noshell", "got: @supervisor: error: supervisor needs the shell capability")
        c.wait_log("withshell", "got: @supervisor: ok ps")
        c.wait_log("withshell", "got: @supervisor: withshell ")  # its own ps row
        st = c.stats()
        check(st["noshell"]["refused"] == 1 and st["withshell"]["refused"] == 0, st)
        check(any("refused supervisor lines: missing capability shell" in l
                  for l in c.log("supervisor", 200)), "refusal in the supervisor log")
        # a command that changes state, from an app
        c.send("@noshell: cmd stop withshell")
        c.send("@withshell: cmd stop noshell")
        c.wait_state("noshell", "stopped")
        check(c.state("withshell") == "running", "the refused command did nothing")


def test_draw_needs_display():
    apps = [talker("plain"), talker("painter", caps=("stdio", "display"))]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@plain: say VYOMA_DRAW:flush")
        c.send("@painter: say VYOMA_DRAW:fill_rect:0,0,4,4,ff0000ff")
        c.wait_log("plain", "draw needs the display capability")
        wait_for(lambda: c.stats()["painter"]["draw"] == 1, what="draw line counted")
        st = c.stats()
        check(st["plain"]["refused"] == 1 and st["plain"]["draw"] == 0, st["plain"])


def test_without_stdio_a_real_app_has_no_voice():
    # The runner connects stdin/stdout only with `stdio`: the talker's
    # VYOMA_READY never reaches the supervisor, and its stdin is empty, so
    # it reads end-of-file at once and exits; its stderr (the log) remains.
    apps = [App.real("mute", "talker", caps=("display",), restart="never"), talker("witness")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.wait_state("mute", "stopped")
        c.wait_log("mute", "stdin closed, exiting")
        st = c.stats()
        check(st["mute"]["lines_in"] == 0 and st["mute"]["refused"] == 0, st["mute"])
        check(st["witness"]["lines_in"] == 1, "the witness's VYOMA_READY: %s" % st["witness"])


def test_messages_need_stdio():
    # The supervisor's own check, behind the runner's: only a process that
    # writes on its stdout without `stdio` reaches it, and a real component
    # cannot (see test_without_stdio_a_real_app_has_no_voice), so the
    # native fixture plays that app.
    apps = [App.scripted("mute", "ready", "until go", "say @console: x", "say VYOMA_DRAW:flush",
                         "serve", caps=()),
            talker("witness")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.test("send mute go")
        c.wait_log("mute", "unicast needs the stdio capability")
        c.wait_log("mute", "draw needs the display capability")
        check(c.stats()["mute"]["refused"] == 2, "two refusals")


def test_test_verbs_only_for_the_console():
    apps = [talker("sneaky")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@sneaky: say VYOMA_TEST:stats")
        c.wait_log("sneaky", "test lines are for the control socket only")
        c.send("VYOMA_TEST:nosuchverb")
        check("unknown verb" in c.expect("VYOMA_TEST:error"), "unknown verb refused")


def test_mouse_input_only_for_mouse_apps():
    apps = [talker("clicky", caps=("stdio", "display", "mouse")),
            talker("plain", caps=("stdio", "display"))]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.test("send clicky VYOMA_INPUT:mouse:3,4,1,down")
        c.wait_log("clicky", "got: VYOMA_INPUT:mouse:3,4,1,down")
        try:
            c.test("send plain VYOMA_INPUT:mouse:3,4,1,down")
            check(False, "mouse input to an app without mouse")
        except AssertionError as e:
            check("not delivered to plain" in str(e), str(e))
        c.test("send plain VYOMA_INPUT:key:a")  # keys need no capability
        c.wait_log("plain", "got: VYOMA_INPUT:key:a")
        check(c.stats()["plain"]["refused"] == 1, "refusal counted")
        check(not any("mouse" in l for l in c.log("plain")), "plain never saw the mouse")
