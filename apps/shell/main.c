/* shell: the system's command line. A line typed into it is a supervisor
 * command (ps, log clock, restart snake, ...) unless it starts with '@':
 * "@app message" (or "@app: message") sends a message to an app. Answers
 * and messages scroll above the prompt. Up/Down recall earlier lines.
 * Every line shown is also logged ("| " first, so a line can never be
 * mistaken for protocol), which keeps a transcript in `log shell`.
 */
#include <vyoma.h>

#include <string.h>

#define W 560
#define H 340
#define INPUT_MAX 180
#define HIST 16

static struct vy_lines out;
static char input[INPUT_MAX + 1];
static size_t input_len;
static char hist[HIST][INPUT_MAX + 1];
static unsigned hist_n, hist_pos;

static void show(uint32_t col, const char *text)
{
	vy_lines_add(&out, col, text);
	vy_printf("| %s\n", text);
}

static void draw(void)
{
	vy_clear(VY_THEME_BG);
	vy_lines_draw(&out, 6, 4, W - 12, H - 32, VY_TEXT_M, 0);
	vy_fill_rect(0, H - 24, W, 24, VY_THEME_PANEL);
	vy_draw_text(6, H - 20, VY_THEME_ACCENT, VY_TEXT_M, ">");
	/* Show the end of a long input line. */
	size_t cols = (W - 40) / 8, from = input_len > cols ? input_len - cols : 0;
	vy_draw_textn(22, H - 20, VY_THEME_TEXT, VY_TEXT_M, input + from, input_len - from);
	vy_fill_rect(22 + (int)(input_len - from) * 8, H - 20, 8, 16, VY_THEME_ACCENT);
	vy_flush_frame();
}

static void run(const char *line)
{
	char target[32];
	const char *p;

	line = vy_skip_space(line);
	if (!*line)
		return;
	if (strcmp(line, "clear") == 0) {
		vy_lines_clear(&out);
		return;
	}
	if (line[0] == '@') {
		/* "@app msg" or "@app: msg" */
		p = vy_word(line + 1, target, sizeof target);
		size_t n = strlen(target);
		if (n && target[n - 1] == ':')
			target[n - 1] = '\0';
		if (!target[0]) {
			show(VY_THEME_BAD, "usage: @app message");
			return;
		}
		vy_send(target, "%s", vy_skip_space(p));
		return;
	}
	if (strcmp(line, "help") == 0)
		show(VY_THEME_DIM, "@app message: send a message; clear: clear the screen; anything else:");
	vy_command("%s", line);
}

static void enter(void)
{
	char shown[INPUT_MAX + 3];

	input[input_len] = '\0';
	vy_snprintf(shown, sizeof shown, "> %s", input);
	show(VY_THEME_ACCENT, shown);
	if (input_len && (hist_n == 0 || strcmp(hist[(hist_n - 1) % HIST], input) != 0))
		vy_strlcpy(hist[hist_n++ % HIST], input, sizeof hist[0]);
	hist_pos = hist_n;
	run(input);
	input_len = 0;
	input[0] = '\0';
}

static void recall(int dir)
{
	unsigned oldest = hist_n > HIST ? hist_n - HIST : 0;
	if (dir < 0 && hist_pos > oldest)
		hist_pos--;
	else if (dir > 0 && hist_pos < hist_n)
		hist_pos++;
	else
		return;
	vy_strlcpy(input, hist_pos < hist_n ? hist[hist_pos % HIST] : "", sizeof input);
	input_len = strlen(input);
}

static void on_key(const struct vy_event *ev)
{
	int ch = vy_key_char(ev);
	if (ch && input_len < INPUT_MAX)
		input[input_len++] = (char)ch;
	else if (vy_key_is(ev, VY_KEY_BACKSPACE) && input_len)
		input_len--;
	else if (vy_key_is(ev, VY_KEY_ENTER))
		enter();
	else if (vy_key_is(ev, VY_KEY_UP))
		recall(-1);
	else if (vy_key_is(ev, VY_KEY_DOWN))
		recall(1);
	else if (vy_key_is(ev, VY_KEY_ESCAPE))
		input_len = 0;
}

int main(void)
{
	struct vy_event ev;
	char line[VY_LINE_LEN];

	show(VY_THEME_DIM, "VyomaOS shell. Type help, ps, log <app>, or @app message.");
	vy_ready();
	for (bool dirty = true;;) {
		/* Redraw once the events that arrived together are handled. */
		enum vy_ev_type t = vy_wait(&ev, dirty ? 0 : -1);
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
		case VY_EV_SUPERVISOR:
			show(vy_starts_with(ev.text, "error") ? VY_THEME_BAD
			     : vy_starts_with(ev.text, "ok ") ? VY_THEME_GOOD : VY_THEME_TEXT, ev.text);
			break;
		case VY_EV_MESSAGE:
			if (strcmp(ev.text, "state") == 0) {
				input[input_len] = '\0';
				vy_answer("lines %u input %s", out.count, input_len ? input : "-");
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
