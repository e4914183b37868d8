/* monitor: a live process list. Asks the supervisor for `ps` every second
 * and shows each app's state, pid, uptime, memory (with a bar) and
 * restarts. Up/Down/PageUp/PageDown/Home/End select an app (the list
 * scrolls with the selection, vy_ui_list); Enter restarts it, x stops it,
 * s starts it; the supervisor's answer shows in the status line. A click
 * selects a row, a click on the selected row restarts it (a double click,
 * in effect), and the wheel scrolls (vy_ui_list_mouse). */
#include <vyoma.h>

#include <string.h>

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 460, H = 300;
#define MAXROWS 48
#define ROW 18

static struct vy_ps rows[MAXROWS], pending[MAXROWS];
static int nrows, npending;
static struct vy_ui_list list;
static unsigned rounds;
static char status[96] = "Enter restart  x stop  s start";

static uint32_t state_colour(const char *s)
{
	if (strcmp(s, "running") == 0)
		return VY_THEME_GOOD;
	if (strcmp(s, "failed") == 0 || strcmp(s, "backoff") == 0)
		return VY_THEME_BAD;
	if (strcmp(s, "stopped") == 0)
		return VY_THEME_DIM;
	return VY_THEME_WARN;
}

/* The spaces that right-align s in 6 columns, as "%6d" would, with the
 * narrow formatter (a width costs an app the full one: sdk/fmtn.c). */
static const char *sp6(const char *s)
{
	size_t n = strlen(s);
	return &"      "[n < 6 ? n : 6];
}

static void draw(void)
{
	vy_ui_size(&W, &H);
	long maxmem = 1;
	int running = 0;

	for (int i = 0; i < nrows; i++) {
		if (rows[i].mem_kib > maxmem)
			maxmem = rows[i].mem_kib;
		running += strcmp(rows[i].state, "running") == 0;
	}
	vy_draw_clear(VY_THEME_BG);
	vy_draw_fill(0, 0, W, ROW + 2, VY_THEME_PANEL);
	vy_draw_text(6, 3, VY_THEME_DIM, VY_TEXT_M, "APP");
	vy_draw_text(110, 3, VY_THEME_DIM, VY_TEXT_M, "STATE");
	vy_draw_text(198, 3, VY_THEME_DIM, VY_TEXT_M, "PID");
	vy_draw_text(254, 3, VY_THEME_DIM, VY_TEXT_M, "UPTIME");
	vy_draw_text(318, 3, VY_THEME_DIM, VY_TEXT_M, "MEM KiB");
	vy_draw_text(430, 3, VY_THEME_DIM, VY_TEXT_M, "RST");
	vy_ui_list_layout(&list, (struct vy_box){0, ROW + 3, W, H - 22 - (ROW + 3)}, ROW);
	for (int i = list.top; i < nrows && i < list.top + list.rows; i++) {
		struct vy_ps *r = &rows[i];
		int y = vy_ui_list_row(&list, i).y + 1;
		if (i == list.sel)
			vy_draw_fill(0, y - 1, W, ROW, VY_RGBA(0x5f, 0xb3, 0xf9, 0x40));
		char a[24], b[24];
		/* "%-12.12s": cut at 12 bytes, padded to 12 */
		size_t n = vy_str_copy(a, r->name, 13);
		vy_draw_textf(6, y, VY_THEME_TEXT, VY_TEXT_M, "%s%s", a, &"            "[n < 12 ? n : 12]);
		vy_draw_text(110, y, state_colour(r->state), VY_TEXT_M, r->state);
		if (r->pid > 0) {
			vy_snprintf(a, sizeof a, "%d", r->pid);
			vy_snprintf(b, sizeof b, "%u", r->uptime_ds / 10);
			vy_draw_textf(182, y, VY_THEME_DIM, VY_TEXT_M, "%s%s %s%s.%us", sp6(a), a, sp6(b), b,
				      r->uptime_ds % 10);
		}
		if (r->mem_kib >= 0) {
			vy_snprintf(a, sizeof a, "%ld", r->mem_kib);
			vy_draw_textf(310, y, VY_THEME_TEXT, VY_TEXT_M, "%s%s", sp6(a), a);
			vy_draw_fill(362, y + 4, (int)(56 * r->mem_kib / maxmem) + 1, 9, VY_THEME_ACCENT);
		}
		vy_draw_textf(438, y, r->restarts ? VY_THEME_WARN : VY_THEME_DIM, VY_TEXT_M, "%u", r->restarts);
	}
	vy_draw_fill(0, H - 20, W, 20, VY_THEME_PANEL);
	vy_draw_textf(6, H - 18, VY_THEME_DIM, VY_TEXT_M, "%d apps, %d running  %s", nrows, running, status);
	vy_draw_flush();
}

static void on_answer(const char *text)
{
	if (npending < MAXROWS && vy_ps_parse(text, &pending[npending]) == 0) {
		npending++;
	} else if (strcmp(text, "ok ps") == 0) {
		memcpy(rows, pending, sizeof rows[0] * (size_t)npending);
		nrows = npending;
		npending = 0;
		rounds++;
		vy_ui_list_set_count(&list, nrows);
	} else if (!vy_str_starts(text, "NAME ")) {
		vy_str_copy(status, text, sizeof status);
	}
}

static void on_input(const struct vy_event *ev)
{
	int sel = list.sel;
	const char *name = sel >= 0 ? rows[sel].name : NULL;
	if (vy_ui_list_mouse(&list, ev)) {
		/* the wheel moves the view, a click the selection */
		if (name && ev->kind == VY_MOUSE_DOWN && list.sel == sel)
			vy_sys_command("restart %s", name);
		return;
	}
	if (vy_ui_list_key(&list, ev))
		return;
	if (name && vy_key_is(ev, VY_KEY_ENTER))
		vy_sys_command("restart %s", name);
	else if (name && vy_key_char(ev) == 'x')
		vy_sys_command("stop %s", name);
	else if (name && vy_key_char(ev) == 's')
		vy_sys_command("start %s", name);
}

int main(void)
{
	struct vy_event ev;
	uint64_t next = 0;

	vy_mouse_on();
	vy_sys_ready();
	for (;;) {
		uint64_t now = vy_time_ms();
		if (now >= next) {
			vy_sys_command("ps");
			next = now + 1000;
		}
		/* next > now here: the clamp only tells LTO the wait is never 0,
		 * so vy_ev_wait keeps no path for a zero timeout */
		switch (vy_ev_wait(&ev, next - now > 1 ? (int64_t)(next - now) : 1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_ERROR:
		case VY_EV_SUPERVISOR:
			on_answer(ev.text);
			if (strcmp(ev.text, "ok ps") != 0)
				continue;
			break;
		case VY_EV_KEY:
		case VY_EV_MOUSE:
			on_input(&ev);
			break;
		case VY_EV_RESIZE:
			break;
		case VY_EV_MESSAGE:
			if (strcmp(ev.text, "state") == 0)
				vy_msg_answer("apps %d rounds %u selected %s sel %d top %d rows %d", nrows, rounds,
					      list.sel >= 0 ? rows[list.sel].name : "-", list.sel, list.top, list.rows);
			continue;
		default:
			continue;
		}
		draw();
	}
}
