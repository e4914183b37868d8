"""The broker: unicast, broadcast, reply, sender attribution, errors for an
unknown or stopped target, and capability checks before routing."""

from harness import App, System, check, wait_for


def talker(name, *after, caps=("stdio",)):
    """An app that waits for "@<any>: go", then runs the given lines."""
    return App.scripted(name, "ready", "until go", *after, "serve", caps=caps)


def test_unicast_and_attribution_between_apps():
    apps = [talker("alice", "say @bob: hi bob"), App.scripted("bob", "ready", "echo")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@alice: go")
        # bob sees who spoke; alice gets bob's answer, attributed to bob
        c.wait_log("bob", "got: @alice: hi bob")
        c.wait_log("alice", "got: @bob: echo hi bob")
        st = c.stats()
        check(st["alice"]["msgs_sent"] == 1 and st["bob"]["msgs_recv"] == 1, st)
        check(st["alice"]["msgs_recv"] == 2 and st["bob"]["msgs_sent"] == 1, st)


def test_console_unicast_and_reply():
    apps = [App.scripted("echo", "ready", "echo")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@echo: ping 1")
        check(c.expect("@echo: ") == "@echo: echo ping 1", "reply reaches the console")
        c.wait_log("echo", "got: @console: ping 1")


def test_reply_goes_to_last_sender():
    apps = [talker("a", "say @r: from a"), talker("b", "say @r: from b"),
            App.scripted("r", "ready", "echo")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@a: go")
        c.wait_log("a", "got: @r: echo from a")
        c.send("@b: go")
        c.wait_log("b", "got: @r: echo from b")
        check(not any("echo from b" in l for l in c.log("a")), "a did not get b's reply")


def test_reply_with_nobody_to_reply_to():
    apps = [App.scripted("lonely", "ready", "say @reply: anyone?", "serve")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.wait_log("lonely", "got: @supervisor: error: nobody to reply to")


def test_broadcast_reaches_every_other_app_and_console():
    apps = [talker("caster", "say @broadcast: hello all"),
            App.scripted("l1", "ready", "serve"), App.scripted("l2", "ready", "serve")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@caster: go")
        check(c.expect("hello all") == "@caster: hello all", "console hears the broadcast")
        c.wait_log("l1", "got: @caster: hello all")
        c.wait_log("l2", "got: @caster: hello all")
        check(not any("got: @caster:" in l for l in c.log("caster")), "not to the sender")


def test_console_broadcast_and_two_consoles():
    apps = [App.scripted("l1", "ready", "serve"), App.scripted("echo", "ready", "echo")]
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
    apps = [App.scripted("talk", "sleep 300", "say @console: hello tests", "serve")]
    with System(apps) as s:
        c = s.console()
        check(c.expect("hello tests") == "@talk: hello tests", "message to the console")


def test_unknown_target_and_stopped_target():
    apps = [talker("a", "say @nosuch: x", "say @zed: y"),
            App.scripted("zed", "ready", "serve")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.must("stop zed")
        c.send("@a: go")
        c.wait_log("a", "got: @supervisor: error: unknown app nosuch")
        c.wait_log("a", "got: @supervisor: error: zed is not running")
        check(c.stats()["a"]["drops"] == 2, "both counted as drops")
        # the console gets the same errors
        c.send("@nosuch: x")
        check("unknown app nosuch" in c.expect("@supervisor: error:"), "console error")


def test_malformed_message_lines():
    apps = [talker("a", "say @Bad: x", "say @ok:no-space", "say @all: x")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@a: go")
        c.wait_log("a", "bad target name")
        c.wait_log("a", "expected a space after ':'")
        c.wait_log("a", "reserved name cannot be a target")
        check(c.stats()["a"]["drops"] == 3, "three drops")


def test_supervisor_command_needs_shell():
    apps = [talker("noshell", "say @supervisor: ps"),
            talker("withshell", "say @supervisor: ps", caps=("stdio", "shell"))]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@noshell: go")
        c.send("@withshell: go")
        c.wait_log("noshell", "got: @supervisor: error: supervisor needs the shell capability")
        c.wait_log("withshell", "got: @supervisor: ok ps")
        c.wait_log("withshell", "withshell")  # its own ps row
        st = c.stats()
        check(st["noshell"]["refused"] == 1 and st["withshell"]["refused"] == 0, st)
        check(any("refused supervisor line: missing capability shell" in l
                  for l in c.log("supervisor", 200)), "refusal in the supervisor log")


def test_messages_need_stdio_and_draw_needs_display():
    apps = [talker("mute", "say @console: x", "say VYOMA_DRAW:flush", caps=()),
            talker("painter", "say VYOMA_DRAW:fill_rect:0,0,4,4,ff0000ff",
                   caps=("stdio", "display"))]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@mute: go")
        c.send("@painter: go")
        c.wait_log("mute", "unicast needs the stdio capability")
        c.wait_log("mute", "draw needs the display capability")
        wait_for(lambda: c.stats()["painter"]["draw"] == 1, what="draw line counted")
        check(c.stats()["mute"]["refused"] == 2, "two refusals")


def test_test_verbs_only_for_the_console():
    apps = [talker("sneaky", "say VYOMA_TEST:stats")]
    with System(apps) as s:
        c = s.console()
        c.wait_ready()
        c.send("@sneaky: go")
        c.wait_log("sneaky", "test lines are for the control socket only")
        c.send("VYOMA_TEST:nosuchverb")
        check("unknown verb" in c.expect("VYOMA_TEST:error"), "unknown verb refused")


def test_mouse_input_only_for_mouse_apps():
    apps = [App.scripted("clicky", "ready", "serve", caps=("stdio", "display", "mouse")),
            App.scripted("plain", "ready", "serve", caps=("stdio", "display"))]
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
