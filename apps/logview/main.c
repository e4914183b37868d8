/* logview: the log of one app (or of the supervisor), from `log <app>`,
 * refreshed every two seconds. Left/Right (or Tab) pick the app among
 * those `ps` lists, Up/Down scroll. Another app can point it at a log with
 * the message "show <app>".
 */
#include <vyoma.h>

#include <string.h>

/* The manifest's [window] size; draw() asks vy_ui_size for the size now,
 * so a resize relays out. */
#define W0 520
#define H0 300
#define MAXAPPS 32

static char apps[MAXAPPS][32], pend_apps[MAXAPPS][32];
static int napps = 1, npend, cur;
static struct vy_lines view, pend;
/* answers awaited: 2 (the ps, then the log), 1 (the log) or 0 */
static int nqueue;
static unsigned scroll;

/* The app list and this app's log, asked for together. */
static void refresh(void)
{
	if (nqueue)
		return; /* answers still coming */
	nqueue = 2;
	vy_sys_command("ps");
	vy_sys_command("log %s 100", apps[cur]);
}

/* The last tab named name, or -1. */
static int find(const char *name)
{
	int i = napps;
	while (--i >= 0 && strcmp(apps[i], name) != 0)
		;
	return i;
}

static void select_app(const char *name)
{
	int i = find(name);
	if (i >= 0) {
		cur = i;
	} else if (napps < MAXAPPS) {
		vy_str_copy(apps[napps], name, sizeof apps[0]);
		cur = napps++;
	}
	scroll = 0;
	vy_lines_clear(&view);
}

static void on_answer(const char *text)
{
	bool quoted = vy_str_starts(text, "| "); /* a log line, never the end */
	bool failed = vy_str_starts(text, "error:"), done = !quoted && (failed || vy_str_starts(text, "ok "));
	char name[32];

	if (!nqueue)
		return;
	if (nqueue == 2) {
		/* a ps row's first word is the app's name (not the NAME header,
		 * nor the final "ok ps" or an error) */
		vy_str_word(text, name, sizeof name);
		if (!done && strcmp(name, "NAME") != 0 && name[0] && npend < MAXAPPS - 1)
			vy_str_copy(pend_apps[npend++], name, sizeof pend_apps[0]);
		if (done) {
			char keep[32];
			vy_str_copy(keep, apps[cur], sizeof keep);
			memcpy(apps, pend_apps, sizeof apps[0] * (size_t)npend);
			napps = npend;
			vy_str_copy(apps[napps++], "supervisor", sizeof apps[0]);
			npend = 0;
			cur = find(keep);
			cur += cur < 0; /* gone: the first tab */
		}
	} else {
		if (done) {
			if (failed)
				vy_lines_add(&pend, VY_THEME_BAD, text);
			view = pend;
			vy_lines_clear(&pend);
		} else {
			vy_lines_add(&pend, VY_THEME_TEXT, quoted ? text + 2 : text);
		}
	}
	nqueue -= done;
}

static int first; /* the first tab on screen */

static void draw(void)
{
	int x = 6, need = 0, W = W0, H = H0;

	vy_ui_size(&W, &H);
	/* The tab bar scrolls with the selection: start from the first tab
	 * that still leaves the selected one on screen. */
	for (int i = first = 0; i <= cur; i++)
		need += vy_text_width(VY_TEXT_M, apps[i]) + 12;
	for (; first < cur && need > W - 6; first++)
		need -= vy_text_width(VY_TEXT_M, apps[first]) + 12;
	vy_draw_clear(VY_THEME_BG);
	vy_draw_fill(0, 0, W, 20, VY_THEME_PANEL);
	for (int i = first; i < napps && x < W; i++) {
		int w = vy_text_width(VY_TEXT_M, apps[i]) + 8;
		if (i == cur)
			vy_draw_fill(x - 4, 1, w, 18, VY_THEME_ACCENT);
		vy_draw_text(x, 2, i == cur ? VY_THEME_BG : VY_THEME_DIM, VY_TEXT_M, apps[i]);
		x += w + 4;
	}
	vy_lines_draw(&view, 6, 24, W - 12, H - 28, VY_TEXT_S, scroll);
	if (!view.count)
		vy_draw_text(6, 30, VY_THEME_DIM, VY_TEXT_M, "(no log lines)");
	vy_draw_flush();
}

static void on_key(const struct vy_event *ev)
{
	int old = cur;
	if (vy_key_is(ev, VY_KEY_RIGHT) || vy_key_is(ev, VY_KEY_TAB))
		cur = (cur + 1) % napps;
	else if (vy_key_is(ev, VY_KEY_LEFT))
		cur = (cur + napps - 1) % napps;
	else if (vy_key_is(ev, VY_KEY_UP) && scroll + 1 < view.count)
		scroll++;
	else if (vy_key_is(ev, VY_KEY_DOWN) && scroll)
		scroll--;
	if (cur != old) {
		select_app(apps[cur]);
		refresh();
	}
}

int main(void)
{
	struct vy_event ev;
	uint64_t next = 0;
	uint32_t last_col;

	vy_str_copy(apps[0], "supervisor", sizeof apps[0]);
	vy_sys_ready();
	for (;;) {
		uint64_t now = vy_time_ms();
		if (now >= next) {
			refresh();
			next = now + 2000;
		}
		/* next > now here: the clamp only tells LTO the wait is never 0,
		 * so vy_ev_wait keeps no path for a zero timeout */
		switch (vy_ev_wait(&ev, next - now > 1 ? (int64_t)(next - now) : 1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_ERROR:
		case VY_EV_SUPERVISOR:
			on_answer(ev.text);
			if (nqueue)
				continue;
			break;
		case VY_EV_KEY:
			on_key(&ev);
			break;
		case VY_EV_MESSAGE:
			if (vy_str_starts(ev.text, "show ")) {
				select_app(vy_str_skip_space(ev.text + 5));
				refresh();
				vy_msg_answer("showing %s", apps[cur]);
			} else if (strcmp(ev.text, "state") == 0) {
				const char *last = view.count ? vy_lines_get(&view, view.count - 1, &last_col) : "-";
				vy_msg_answer("app %s apps %d lines %u tab %d first %d last %s", apps[cur], napps, view.count,
					      cur, first, last);
			}
			continue;
		default:
			continue;
		}
		draw();
	}
}
