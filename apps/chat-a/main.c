/* chat-a: one end of a chat between two running apps over IPC; chat-b is
 * the other end, built from this same file with CHAT_SELF and CHAT_PEER
 * swapped (apps/chat-b/main.c). A line typed and sent with Enter goes to
 * the peer as a message; what the peer (or anyone else) sends shows in the
 * history with its sender. "say <text>" makes this end send text, so a
 * script can talk through it.
 */
#include <vyoma.h>

#include <string.h>

#ifndef CHAT_SELF
#define CHAT_SELF "chat-a"
#define CHAT_PEER "chat-b"
#endif

/* The manifest's [window] size; draw() asks vy_ui_size for the size now,
 * so a resize relays out. */
#define W0 360
#define H0 260

static struct vy_lines hist;
static char input[160];
static size_t input_len;
static unsigned sent, received;

static void say(const char *text)
{
	char line[VY_LINE_LEN];
	if (!*text)
		return;
	vy_msg_send(CHAT_PEER, "%s", text);
	vy_snprintf(line, sizeof line, "me: %s", text);
	vy_lines_add(&hist, VY_THEME_ACCENT, line);
	sent++;
}

static void draw(void)
{
	int W = W0, H = H0;

	vy_ui_size(&W, &H);
	vy_draw_clear(VY_THEME_BG);
	vy_draw_text(6, 4, VY_THEME_DIM, VY_TEXT_M, "talking to " CHAT_PEER);
	vy_lines_draw(&hist, 6, 24, W - 12, H - 54, VY_TEXT_M, 0);
	vy_draw_fill(0, H - 26, W, 26, VY_THEME_PANEL);
	vy_draw_textn(8, H - 21, VY_THEME_TEXT, VY_TEXT_M, input, input_len);
	vy_draw_fill(8 + (int)input_len * 8, H - 21, 2, 16, VY_THEME_ACCENT);
	vy_draw_flush();
}

int main(void)
{
	struct vy_event ev;
	char line[VY_LINE_LEN];

	vy_sys_ready();
	for (bool dirty = true;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, dirty ? 0 : -1);
		dirty = t != VY_EV_TIMEOUT;
		if (t == VY_EV_TIMEOUT) {
			draw();
		} else if (t == VY_EV_EOF) {
			return 0;
		} else if (t == VY_EV_KEY) {
			int ch = vy_key_char(&ev);
			if (ch && input_len < sizeof input - 1)
				input[input_len++] = (char)ch;
			else if (vy_key_is(&ev, VY_KEY_BACKSPACE) && input_len)
				input_len--;
			else if (vy_key_is(&ev, VY_KEY_ENTER)) {
				input[input_len] = '\0';
				say(input);
				input_len = 0;
			}
		} else if (t == VY_EV_MESSAGE) {
			if (strcmp(ev.text, "state") == 0) {
				const char *last = hist.count ? vy_lines_get(&hist, hist.count - 1, NULL) : "-";
				vy_msg_answer("sent %u received %u last %s", sent, received, last);
			} else if (vy_str_starts(ev.text, "say ")) {
				say(ev.text + 4);
				vy_msg_answer("said");
			} else {
				vy_snprintf(line, sizeof line, "%s: %s", ev.from, ev.text);
				vy_lines_add(&hist, strcmp(ev.from, CHAT_PEER) == 0 ? VY_THEME_TEXT : VY_THEME_WARN, line);
				received++;
			}
		} else if (t == VY_EV_ERROR && vy_str_starts(ev.text, "error:")) {
			vy_lines_add(&hist, VY_THEME_BAD, ev.text); /* e.g. the peer is not running */
		}
	}
}
