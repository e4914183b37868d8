/* store: the app store (docs/packages.md, "The store"). Lists the
 * repository's apps from `pkg search -m` with version, size, what each may
 * do in plain words, and whether it is installed, upgradable or part of the
 * system; installs, upgrades and removes the selected app by sending
 * `pkg ...` to the supervisor, which fetches, verifies and installs (the
 * store itself has no network and no files). Anything that would let an
 * app do more than before is shown first and needs "Allow".
 *
 * Keys: Up/Down select, Enter install/upgrade, Delete remove, u refresh;
 * in the question, y or Enter allow, n cancel.
 * Mouse: a click selects a row or presses a button.
 * `state` (a message) answers one line for tests. Written small: the
 * build holds apps of apps/ to 10 KB (docs/sdk.md, "Size"). */
#include <vyoma.h>

#include <stddef.h>
#include <string.h>

#define W 560
#define H 360
#define ROW 20
#define LIST_Y 26
#define LIST_ROWS 9
#define DETAIL_Y (LIST_Y + LIST_ROWS * ROW + 4)
#define STATUS_Y (H - 22)
#define BTN_Y (STATUS_Y - 30)
#define BTN_W 110
#define BTN_H 24
#define ASK_X 60
#define ASK_Y 90
#define ASK_W (W - 120)
#define ASK_H 140
#define MAXAPPS 64

/* st[0]: 'a'vailable, 'i'nstalled, 'u'pgrade, 's'ystem */
struct entry {
	char name[32], version[24], st[2], size[12];
	char caps[96], added[96], desc[128];
};

static struct entry apps[MAXAPPS], pending[MAXAPPS];
static int napps, npending, sel, top;
static bool busy, asking, failed;
static char status[160] = "Enter install  Del remove  u refresh";

static const char *const plain[][2] = {
	{ "display", "show a window" },
	{ "mouse", "use the mouse" },
	{ "network", "use the network" },
	{ "filesystem", "keep files in /data" },
	{ "shell", "control other apps" },
};

/* Where pat is in s, or NULL (libc's strstr would cost hundreds of bytes). */
static const char *find(const char *s, const char *pat)
{
	for (; *s; s++) {
		size_t i = 0;

		while (pat[i] && s[i] == pat[i])
			i++;
		if (!pat[i])
			return s;
	}
	return NULL;
}

/* "display,network" -> "show a window, use the network" (stdio, which
 * every app has, is left out). */
static void words_of(const char *caps, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (find(caps, plain[i][0])) {
			if (out[0])
				vy_str_copy(out + strlen(out), ", ", cap - strlen(out));
			vy_str_copy(out + strlen(out), plain[i][1], cap - strlen(out));
		}
}

static const struct {
	const char *key;
	unsigned short off, cap;
} keys[] = {
#define F(k, m) { k, offsetof(struct entry, m), sizeof(((struct entry *)0)->m) }
	F(" name=", name), F(" version=", version), F(" state=", st), F(" size=", size),
	F(" caps=", caps), F(" new=", added), F(" desc=", desc),
#undef F
};

/* "pkg-entry k=v ... desc=TEXT" into the next entry (desc runs to the
 * end of the line, state keeps its first letter). */
static void parse_entry(const char *line)
{
	struct entry *e = &pending[npending];

	if (npending == MAXAPPS)
		return;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *p = find(line, keys[i].key);
		size_t n = 0;

		if (!p)
			return;
		p += strlen(keys[i].key);
		while (p[n] && (p[n] != ' ' || keys[i].off == offsetof(struct entry, desc)))
			n++;
		vy_str_copy((char *)e + keys[i].off, p, n + 1 < keys[i].cap ? n + 1 : keys[i].cap);
	}
	npending++;
}

static void refresh(void)
{
	npending = 0;
	vy_sys_command("pkg search -m");
}

static struct entry *cur(void)
{
	return sel < napps ? &apps[sel] : NULL;
}

static const char *action(const struct entry *e)
{
	return !e ? NULL : e->st[0] == 'u' ? "Upgrade" : e->st[0] == 'a' ? "Install" : NULL;
}

static bool removable(const struct entry *e)
{
	return e && (e->st[0] == 'i' || e->st[0] == 'u');
}

/* ---- drawing ------------------------------------------------------------------ */

static void button(int x, int y, const char *label, bool on)
{
	vy_draw_fill(x, y, BTN_W, BTN_H, on ? VY_THEME_ACCENT : VY_THEME_LINE);
	vy_draw_text(x + (BTN_W - 8 * (int)strlen(label)) / 2, y + 4,
		     on ? VY_THEME_BG : VY_THEME_DIM, VY_TEXT_M, label);
}

/* s cut at w bytes and padded with spaces to w, on its right (or, with
 * right, on its left): "%-16.16s" and "%6.6s" with the narrow formatter (a
 * width costs an app the full one: sdk/fmtn.c) */
static char *col(char *p, const char *s, size_t w, bool right)
{
	size_t n = strlen(s), pad;

	n = n < w ? n : w;
	pad = w - n;
	memset(p, ' ', pad);
	p += right ? pad : 0;
	memcpy(p, s, n);
	if (!right)
		memset(p + n, ' ', pad);
	return p + n + (right ? 0 : pad);
}

/* s cut at max bytes, as "%.66s" */
static void text_cut(int y, uint32_t rgba, const char *s, size_t max)
{
	size_t n = strlen(s);
	vy_draw_textn(8, y, rgba, VY_TEXT_M, s, n < max ? n : max);
}

static void draw(void)
{
	struct entry *e = cur();
	char words[200], row[40];

	vy_draw_clear(VY_THEME_BG);
	vy_draw_fill(0, 0, W, LIST_Y - 4, VY_THEME_PANEL);
	vy_draw_textf(8, 3, VY_THEME_TEXT, VY_TEXT_M, "App store: %d apps",
		      napps);
	top = sel < LIST_ROWS ? 0 : sel - LIST_ROWS + 1;
	for (int i = top; i < napps && i < top + LIST_ROWS; i++) {
		const struct entry *r = &apps[i];
		int y = LIST_Y + (i - top) * ROW + 2;
		char s = r->st[0];

		if (i == sel)
			vy_draw_fill(0, y - 2, W, ROW, VY_RGBA(0x5f, 0xb3, 0xf9, 0x40));
		char *p = col(row, r->name, 16, false);
		*p++ = ' ';
		p = col(p, r->version, 9, false);
		*p++ = ' ';
		*col(p, r->size, 6, true) = '\0';
		vy_draw_textf(8, y, s == 'i' ? VY_THEME_GOOD : s == 'u' ? VY_THEME_WARN : VY_THEME_TEXT,
			      VY_TEXT_M, "%s B  %s", row,
			      s == 'i' ? "installed" : s == 'u' ? "upgrade"
			      : s == 's' ? "system" : "");
	}
	vy_draw_fill(0, DETAIL_Y, W, STATUS_Y - DETAIL_Y, VY_THEME_PANEL);
	if (e) {
		words_of(e->caps, words, sizeof words);
		text_cut(DETAIL_Y + 6, VY_THEME_DIM, e->desc, 66);
		words[58] = '\0'; /* "%.58s" */
		vy_draw_textf(8, DETAIL_Y + 24, VY_THEME_TEXT, VY_TEXT_M, "It can: %s", words);
		if (e->st[0] == 'u' && e->added[0] != '-') {
			words_of(e->added, words, sizeof words);
			words[61] = '\0';
			vy_draw_textf(8, DETAIL_Y + 42, VY_THEME_WARN, VY_TEXT_M, "New: %s", words);
		}
		button(8, BTN_Y, action(e) ? action(e) : "Install", action(e) && !busy);
		button(8 + BTN_W + 8, BTN_Y, "Remove", removable(e) && !busy);
	}
	text_cut(STATUS_Y + 3, failed ? VY_THEME_BAD : VY_THEME_DIM, status, 66);
	if (asking && e) {
		words_of(e->added[0] != '-' ? e->added : e->caps, words, sizeof words);
		vy_draw_fill(ASK_X - 2, ASK_Y - 2, ASK_W + 4, ASK_H + 4, VY_THEME_WARN);
		vy_draw_fill(ASK_X, ASK_Y, ASK_W, ASK_H, VY_THEME_BG);
		vy_draw_textf(ASK_X + 12, ASK_Y + 12, VY_THEME_WARN, VY_TEXT_M,
			      "%s asks to:", e->name);
		words[52] = '\0';
		vy_draw_text(ASK_X + 12, ASK_Y + 40, VY_THEME_TEXT, VY_TEXT_M, words);
		button(ASK_X + 12, ASK_Y + ASK_H - 36, "Allow (y)", true);
		button(ASK_X + ASK_W - 12 - BTN_W, ASK_Y + ASK_H - 36, "Cancel (n)", false);
	}
	vy_draw_flush();
}

/* ---- actions ------------------------------------------------------------------ */

/* `pkg VERB NAME [--accept CAPS]` for the selected app. */
static void send(const char *verb, const char *accept)
{
	vy_sys_command("pkg %s %s%s%s", verb, cur()->name, accept ? " --accept " : "", accept ? accept : "");
	busy = true;
	failed = false;
}

/* Install or upgrade the selected app: first the question when it would
 * be able to do anything new, then the command. */
static void act(void)
{
	struct entry *e = cur();
	const char *a = action(e);
	bool more = e && e->added[0] != '-';

	if (busy || !a)
		return;
	if (!asking && more) {
		asking = true;
		return;
	}
	asking = false;
	send(a[0] == 'U' ? "upgrade" : "install", a[0] == 'U' && more ? e->added : NULL);
}

static void remove_sel(void)
{
	if (!busy && removable(cur()))
		send("remove", NULL);
}

static void on_answer(const char *text)
{
	if (vy_str_starts(text, "pkg-entry ")) {
		parse_entry(text);
		return;
	}
	if (strcmp(text, "ok pkg search") == 0) {
		memcpy(apps, pending, sizeof apps[0] * (size_t)npending);
		napps = npending;
		if (sel >= napps)
			sel = napps ? napps - 1 : 0;
		return;
	}
	if (vy_str_starts(text, "error: pkg ")) {
		failed = true;
		busy = false;
		text += 7;
	} else if (vy_str_starts(text, "ok pkg ")) {
		if (busy)
			refresh();
		busy = false;
		return;
	} else if (vy_str_starts(text, "pkg: ")) {
		text += 5;
	} else {
		return;
	}
	vy_str_copy(status, text, sizeof status);
}

static bool in(int x, int y, int rx, int ry)
{
	return x >= rx && x < rx + BTN_W && y >= ry && y < ry + BTN_H;
}

static void on_click(int x, int y)
{
	if (asking) {
		if (in(x, y, ASK_X + 12, ASK_Y + ASK_H - 36))
			act();
		else if (in(x, y, ASK_X + ASK_W - 12 - BTN_W, ASK_Y + ASK_H - 36))
			asking = false;
	} else if (y >= LIST_Y && y < LIST_Y + LIST_ROWS * ROW) {
		if (top + (y - LIST_Y) / ROW < napps)
			sel = top + (y - LIST_Y) / ROW;
	} else if (in(x, y, 8, BTN_Y)) {
		act();
	} else if (in(x, y, 16 + BTN_W, BTN_Y)) {
		remove_sel();
	}
}

static void on_key(const struct vy_event *ev)
{
	int ch = vy_key_char(ev);
	bool enter = vy_key_is(ev, VY_KEY_ENTER);

	if (asking) {
		if (ch == 'y' || enter)
			act();
		else if (ch == 'n')
			asking = false;
	} else if (vy_key_is(ev, VY_KEY_UP)) {
		sel -= sel > 0;
	} else if (vy_key_is(ev, VY_KEY_DOWN)) {
		sel += sel + 1 < napps;
	} else if (enter) {
		act();
	} else if (vy_key_is(ev, VY_KEY_DELETE)) {
		remove_sel();
	} else if (ch == 'u' && !busy) {
		refresh();
	}
}

/* "apps N selected NAME busy B asking A failed F marks
 * name:st,... status TEXT" */
static void answer_state(void)
{
	char marks[400] = "-", *m = marks;

	for (int i = 0; i < napps && m < marks + sizeof marks - 40; i++) {
		size_t l = strlen(apps[i].name);

		memcpy(m, apps[i].name, l);
		m += l;
		*m++ = ':';
		*m++ = apps[i].st[0];
		*m++ = ',';
	}
	if (m > marks)
		m[-1] = '\0';
	vy_msg_answer("apps %d selected %s busy %d asking %d failed %d marks %s status %s",
		  napps, cur() ? cur()->name : "-", busy, asking, failed,
		  marks, status);
}

int main(void)
{
	struct vy_event ev;

	vy_mouse_on();
	vy_sys_ready();
	refresh();
	draw();
	for (;;) {
		switch (vy_ev_wait(&ev, -1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_SUPERVISOR:
		case VY_EV_ERROR:
			on_answer(ev.text);
			break;
		case VY_EV_KEY:
			on_key(&ev);
			break;
		case VY_EV_MOUSE:
			if (ev.kind != VY_MOUSE_DOWN)
				continue;
			on_click(ev.x, ev.y);
			break;
		case VY_EV_MESSAGE:
			if (strcmp(ev.text, "state") == 0)
				answer_state();
			continue;
		default:
			continue;
		}
		if (ev.type != VY_EV_SUPERVISOR || !vy_str_starts(ev.text, "pkg-entry "))
			draw();
	}
}
