/* shell: the system's command line (docs/commands.md, "The shell"), in its
 * window and, through the focused-window keyboard, on the serial console.
 * The line language is the supervisor's: each line typed goes to it as
 * `sh <line>` and it parses it (lib/shparse.c), runs its verbs, messages
 * and pipelines, and sends back their output as `sh out|err <text>` and
 * `sh done <status>`; it also keeps the history (Up/Down: `shhist`),
 * completes command names (Tab: `shtab`) and runs a line typed while
 * another runs next. Ctrl+C sends `shkill`. What stays here: the input
 * line, the scrollback (view.c: PageUp/PageDown, the wheel), paste. */
#include "shell.h"

#include <string.h>

#define W 560
#define H 340
#define INPUT_MAX 1000

static char input[INPUT_MAX + 1];
static size_t input_len;
static int status;     /* $?, as the supervisor's `sh done` said */
static unsigned busy;  /* lines sent and not done yet */

static void show(uint32_t col, const char *text)
{
	view_show(col, text, strlen(text));
}

static void draw(void)
{
	size_t cols = (W - 40) / (size_t)vy_text_cell_w(VY_TEXT_M);
	size_t from = input_len > cols ? input_len - cols : 0;

	vy_draw_clear(VY_THEME_BG);
	view_draw(6, 4, W - 12, H - 32);
	vy_draw_fill(0, H - 24, W, 24, VY_THEME_PANEL);
	vy_draw_text(6, H - 20, busy ? VY_THEME_DIM : VY_THEME_ACCENT, VY_TEXT_M, busy ? "*" : ">");
	/* the end of a long input line */
	input[input_len] = '\0';
	vy_draw_text(22, H - 20, VY_THEME_TEXT, VY_TEXT_M, input + from);
	vy_draw_fill(22 + (int)(input_len - from) * vy_text_cell_w(VY_TEXT_M), H - 20, 8, 16,
		     VY_THEME_ACCENT);
	vy_draw_flush();
}

static unsigned num(const char *s)
{
	unsigned v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned)(*s++ - '0');
	return v;
}

/* The supervisor's lines: a line's output (`sh out`, `sh err`), its end
 * (`sh done <status>`), `sh clear`, a Tab's completion (`sh input`), and
 * the answers of verbs, shown as they come. */
static void on_supervisor(const char *s)
{
	if (!vy_str_starts(s, "sh ")) {
		show(vy_str_starts(s, "error") ? VY_THEME_BAD
		     : vy_str_starts(s, "ok ") ? VY_THEME_GOOD : VY_THEME_TEXT, s);
		return;
	}
	switch (s[3]) {
	case 'o': /* out <text> */
	case 'e': /* err <instance>: <text> */
		show(s[3] == 'o' ? VY_THEME_TEXT : VY_THEME_BAD, s + 7);
		break;
	case 'd': /* done <status> */
		status = (int)num(s + 8);
		busy -= busy > 0;
		break;
	case 'c': /* clear */
		view_clear();
		break;
	case 'i': /* input [<text>] */
		vy_str_copy(input, s[8] ? s + 9 : "", sizeof input);
		input_len = strlen(input);
		break;
	}
}

/* ---- keys ------------------------------------------------------------------------ */

static void enter(void)
{
	char shown[INPUT_MAX + 3];

	input[input_len] = '\0';
	shown[0] = '>';
	shown[1] = ' ';
	memcpy(shown + 2, input, input_len + 1);
	show(VY_THEME_ACCENT, shown);
	if (input_len) {
		busy++;
		vy_sys_command("sh %s", input);
	}
	input_len = 0;
}

static void interrupt(void)
{
	show(VY_THEME_WARN, "^C");
	if (busy)
		vy_sys_command("shkill"); /* the rest of the line is dropped */
	else
		input_len = 0;
}

/* Typed or pasted UTF-8 text into the input line; a paste's line breaks
 * and tabs become spaces, so a paste never runs a command by itself. */
static void put(const char *p)
{
	for (; *p && input_len < INPUT_MAX; p++)
		input[input_len++] = (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p;
	view_bottom();
}

static void on_key(const struct vy_event *ev)
{
	int ch = vy_key_char(ev);

	if (ch && input_len + 2 < INPUT_MAX) {
		/* a key that types a character (up to U+00FF, so never cut) is
		 * named by its UTF-8, but for the space bar */
		put(ch == ' ' ? " " : ev->key);
	} else if (vy_key_is(ev, VY_KEY_BACKSPACE) && input_len) {
		input_len--;
	} else if (vy_key_is(ev, VY_KEY_ENTER)) {
		view_bottom();
		enter();
	} else if (vy_key_is(ev, VY_KEY_UP)) {
		vy_sys_command("shhist -1");
	} else if (vy_key_is(ev, VY_KEY_DOWN)) {
		vy_sys_command("shhist 1");
	} else if (vy_key_is(ev, VY_KEY_ESCAPE)) {
		input_len = 0;
	} else if (vy_key_is(ev, VY_KEY_PAGE_UP)) {
		view_scroll(view_page());
	} else if (vy_key_is(ev, VY_KEY_PAGE_DOWN)) {
		view_scroll(-view_page());
	} else if (vy_key_is(ev, VY_KEY_TAB)) {
		input[input_len] = '\0';
		vy_sys_command("shtab %s", input);
	} else if (strcmp(ev->key, "Ctrl+c") == 0) {
		interrupt();
	}
}

int main(void)
{
	struct vy_event ev;
	char line[VY_LINE_LEN];

	show(VY_THEME_DIM, "VyomaOS shell: help, ps, commands (Tab), @app msg");
	vy_mouse_on();
	vy_clip_on();
	/* the rows of view.c: what `ps` in a line fits */
	vy_sys_command("shcols %d", (W - 12) / vy_text_cell_w(VY_TEXT_M));
	vy_sys_ready();
	for (bool dirty = true;;) {
		/* Redraw once the events that arrived together are handled. */
		enum vy_ev_type t = vy_ev_wait(&ev, dirty ? 0 : -1);
		dirty = t != VY_EV_TIMEOUT;
		switch (t) {
		case VY_EV_TIMEOUT:
			draw();
			break;
		case VY_EV_EOF:
			return 0;
		case VY_EV_KEY:
			on_key(&ev);
			break;
		case VY_EV_PASTE:
			put(ev.text);
			break;
		case VY_EV_MOUSE:
			/* the wheel: n notches, positive towards newer lines */
			if (ev.kind == VY_MOUSE_WHEEL)
				view_scroll(-3 * ev.dy);
			break;
		case VY_EV_SUPERVISOR:
		case VY_EV_ERROR:
			on_supervisor(ev.text);
			break;
		case VY_EV_MESSAGE:
			if (strcmp(ev.text, "state") == 0) {
				input[input_len] = '\0';
				vy_msg_answer("lines %u scroll %u status %d job %s input %s", view_rows(),
					  view_offset(), status, busy ? "busy" : "idle",
					  input_len ? input : "-");
				break;
			}
			vy_snprintf(line, sizeof line, "@%s: %s", ev.from, ev.text);
			show(VY_THEME_WARN, line);
			break;
		default:
			break;
		}
	}
}
