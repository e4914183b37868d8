"""chat: two running apps talk over IPC: typed lines arrive at the peer
with their sender, both ways; a stopped peer shows an error."""

from apps_lib import ask, boot_ready, check, fields, key, state, system, type_text, wait_state


def test_chat_between_two_apps():
    with system(["chat-a", "chat-b"]) as s:
        c = s.console()
        boot_ready(c, 2)
        type_text(c, "chat-a", "hello b")
        key(c, "chat-a", "Enter")
        st = wait_state(c, "chat-b", lambda t: fields(t)["received"] == "1")
        check(st.endswith("last chat-a: hello b"), st)
        check(state(c, "chat-a").startswith("sent 1 received 0 last me: hello b"), state(c, "chat-a"))
        ask(c, "chat-b", "say hi a, how are you?")
        st = wait_state(c, "chat-a", lambda t: fields(t)["received"] == "1")
        check(st.endswith("last chat-b: hi a, how are you?"), st)
        # a third party is shown with its own name
        c.send("@chat-a: from the console")
        wait_state(c, "chat-a", lambda t: t.endswith("last console: from the console"))
        # the peer gone: the sender sees the supervisor's refusal
        c.must("stop chat-b")
        ask(c, "chat-a", "say anyone?")
        wait_state(c, "chat-a", lambda t: "error:" in t and "chat-b" in t, what="refusal shown")
