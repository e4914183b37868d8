/* launcher: the app list (see launcher.h). The list is read from the apps
 * directory each time it opens, so an app added since shows up; a
 * directory whose manifest does not load is left out. The panel is drawn
 * by the compositor over the windows, like the shortcut overlay; it
 * scrolls with the selection when the apps outnumber the rows. */
#include "launcher.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "ctl.h"
#include "font.h"
#include "icon.h"
#include "load.h"
#include "log.h"
#include "wm.h"

#define C_PANEL      0x1b1f27f4u
#define C_LINE       0x88c0d0ffu
#define C_RULE       0x2b303bffu
#define C_SEL        0x2e3440ffu
#define C_NAME       0xeceff4ffu
#define C_DESC       0x8a92a2ffu
#define C_DIM        0x6b7282ffu
#define C_RUN        0xa3be8cffu
#define NAME_COL     150 /* where descriptions start */

static struct {
	struct canvas_rect desk;
	struct launcher_entry e[LAUNCHER_MAX];
	int n, sel, top;
	bool shown;
	launcher_start_fn start;
	void (*damage)(struct canvas_rect r);
} ln;

void launcher_set_start_fn(launcher_start_fn fn) { ln.start = fn; }
void launcher_set_damage_hook(void (*fn)(struct canvas_rect r)) { ln.damage = fn; }
bool launcher_shown(void) { return ln.shown; }

static int ln_rows(void)
{
	int fit = (ln.desk.h - 16 - LAUNCHER_HEAD - LAUNCHER_FOOT) / LAUNCHER_ROW;
	return ln.n < fit ? (ln.n > 0 ? ln.n : 1) : fit > 1 ? fit : 1;
}

struct canvas_rect launcher_rect(void)
{
	int h = LAUNCHER_HEAD + ln_rows() * LAUNCHER_ROW + LAUNCHER_FOOT;

	return (struct canvas_rect){ ln.desk.x + 4, ln.desk.y + ln.desk.h - h - 4, LAUNCHER_W, h };
}

static void ln_damage(void)
{
	if (ln.damage)
		ln.damage(launcher_rect());
}

static int ln_cmp(const void *a, const void *b)
{
	return strcmp(((const struct launcher_entry *)a)->name,
		      ((const struct launcher_entry *)b)->name);
}

/* Every app under the apps dir whose manifest loads, by name; commands
 * (`command = true`) are run from the shell with arguments, not launched. */
static void ln_scan(void)
{
	char dir[APP_DIR_MAX];
	struct load_result *l = malloc(sizeof *l);
	struct dirent *d;
	DIR *dp;

	ln.n = 0;
	load_app_dir(dir, sizeof dir, "");
	if (!l || !(dp = opendir(dir))) {
		log_warn(NULL, "launcher: cannot list %s", dir);
		free(l);
		return;
	}
	while ((d = readdir(dp)) && ln.n < LAUNCHER_MAX) {
		if (!man_valid_name(d->d_name) || load_manifest(d->d_name, l) < 0 || l->man.command)
			continue;
		snprintf(ln.e[ln.n].name, sizeof ln.e[0].name, "%s", l->man.name);
		snprintf(ln.e[ln.n].desc, sizeof ln.e[0].desc, "%s", l->man.description);
		icon_load(ln.e[ln.n].name, true);
		ln.n++;
	}
	closedir(dp);
	free(l);
	qsort(ln.e, (size_t)ln.n, sizeof ln.e[0], ln_cmp);
}

void launcher_open(void)
{
	if (ln.shown)
		return;
	ln_scan();
	ln.sel = ln.top = 0;
	ln.shown = true;
	ln_damage();
}

void launcher_close(void)
{
	if (!ln.shown)
		return;
	ln_damage();
	ln.shown = false;
}

void launcher_toggle(void)
{
	if (ln.shown)
		launcher_close();
	else
		launcher_open();
}

static void ln_select(int i)
{
	int rows = ln_rows();

	if (ln.n == 0)
		return;
	ln.sel = i < 0 ? 0 : i >= ln.n ? ln.n - 1 : i;
	if (ln.sel < ln.top)
		ln.top = ln.sel;
	if (ln.sel >= ln.top + rows)
		ln.top = ln.sel - rows + 1;
	ln_damage();
}

int launcher_start(const char *name)
{
	const struct app *a = app_find(name);
	char err[1280];

	if (a && a->display) {
		wm_focus(a->display);
		return 0;
	}
	if (!ln.start || ln.start(name, err, sizeof err) < 0) {
		log_warn(name, "launcher: not started: %s", ln.start ? err : "no start function");
		return -1;
	}
	return 0;
}

static void ln_choose(void)
{
	char name[MAN_NAME_MAX + 1];

	if (ln.sel >= ln.n)
		return;
	snprintf(name, sizeof name, "%s", ln.e[ln.sel].name);
	launcher_close();
	launcher_start(name);
}

/* The next app after the selection whose name starts with c, wrapping. */
static void ln_initial(char c)
{
	for (int k = 1; k <= ln.n; k++) {
		int i = (ln.sel + k) % ln.n;
		if (ln.e[i].name[0] == c) {
			ln_select(i);
			return;
		}
	}
}

static void ln_up(void) { ln_select(ln.sel - 1); }
static void ln_down(void) { ln_select(ln.sel + 1); }
static void ln_home(void) { ln_select(0); }
static void ln_end(void) { ln_select(ln.n - 1); }
static void ln_pgup(void) { ln_select(ln.sel - ln_rows()); }
static void ln_pgdn(void) { ln_select(ln.sel + ln_rows()); }

static const struct {
	const char *key;
	void (*fn)(void);
} ln_keys[] = {
	{ "Up", ln_up },     { "Down", ln_down },       { "Home", ln_home },
	{ "End", ln_end },   { "PageUp", ln_pgup },     { "PageDown", ln_pgdn },
	{ "Enter", ln_choose }, { "Escape", launcher_close },
};

void launcher_key(const char *name)
{
	for (size_t i = 0; i < sizeof ln_keys / sizeof ln_keys[0]; i++)
		if (strcmp(name, ln_keys[i].key) == 0) {
			ln_keys[i].fn();
			return;
		}
	if (name[0] >= 'a' && name[0] <= 'z' && !name[1])
		ln_initial(name[0]);
}

void launcher_click(int x, int y)
{
	struct canvas_rect r = launcher_rect();
	int row;

	if (!canvas_rect_contains(r, x, y)) {
		launcher_close();
		return;
	}
	row = (y - r.y - LAUNCHER_HEAD) / LAUNCHER_ROW;
	if (y < r.y + LAUNCHER_HEAD || row >= ln_rows() || ln.top + row >= ln.n)
		return;
	ln.sel = ln.top + row;
	ln_choose();
}

static void ln_text(struct canvas *f, const struct canvas_rect *clip, int x, int y, uint32_t rgba,
		    const char *s)
{
	font_draw(f, clip, x, y, rgba, FONT_MEDIUM, s, strlen(s));
}

void launcher_paint(struct canvas *f, const struct canvas_rect *clip)
{
	struct canvas_rect r = launcher_rect();
	struct canvas_rect in = canvas_rect_intersect(*clip, (struct canvas_rect){
		r.x + 8, r.y, r.w - 16, r.h });
	int rows = ln_rows();

	canvas_fill(f, clip, r, C_PANEL);
	canvas_outline(f, clip, r, C_LINE);
	ln_text(f, &in, r.x + 16, r.y + 12, C_LINE, "Apps");
	ln_text(f, &in, r.x + r.w - 16 - 8 * 24, r.y + 12, C_DIM, "Enter starts, Esc closes");
	canvas_fill(f, clip, (struct canvas_rect){ r.x + 16, r.y + 34, r.w - 32, 1 }, C_RULE);
	if (ln.n == 0)
		ln_text(f, &in, r.x + 16, r.y + LAUNCHER_HEAD + 3, C_DIM, "no apps found");
	for (int i = 0; i < rows && ln.top + i < ln.n; i++) {
		const struct launcher_entry *e = &ln.e[ln.top + i];
		const struct app *a = app_find(e->name);
		int y = r.y + LAUNCHER_HEAD + i * LAUNCHER_ROW;
		struct canvas_rect name = canvas_rect_intersect(in, (struct canvas_rect){
			r.x + 50, y, NAME_COL - 54, LAUNCHER_ROW });

		if (ln.top + i == ln.sel) {
			canvas_fill(f, clip, (struct canvas_rect){ r.x + 8, y, r.w - 16, LAUNCHER_ROW },
				    C_SEL);
			canvas_fill(f, clip, (struct canvas_rect){ r.x + 8, y, 3, LAUNCHER_ROW }, C_LINE);
		}
		if (a && a->pid > 0)
			canvas_dot(f, clip, r.x + 16, y + (LAUNCHER_ROW - CANVAS_DOT) / 2, C_RUN);
		icon_paint(f, &in, r.x + 28, y + (LAUNCHER_ROW - ICON_SIZE) / 2, e->name,
			   wm_accent(e->name), 0xff);
		ln_text(f, &name, r.x + 50, y + 3, C_NAME, e->name);
		ln_text(f, &in, r.x + NAME_COL, y + 3, C_DESC, e->desc);
	}
	if (ln.top > 0 || ln.top + rows < ln.n) {
		char more[48];
		snprintf(more, sizeof more, "%d-%d of %d", ln.top + 1,
			 ln.top + rows < ln.n ? ln.top + rows : ln.n, ln.n);
		ln_text(f, &in, r.x + 16, r.y + r.h - 24, C_DIM, more);
	} else {
		ln_text(f, &in, r.x + 16, r.y + r.h - 24, C_DIM, "F1 or a click on VyomaOS opens this");
	}
}

/* launcher: `VYOMA_TEST:launcher shown= n= sel= top= rows= x= y= w= h=`,
 * then one `VYOMA_TEST:entry <name> row=<i> running=<0|1> icon=<png|default> desc=<text>`
 * per app (row: on the panel, -1 when scrolled away). */
static void ln_verb(struct app *c, const char *verb, const char *args)
{
	struct canvas_rect r = launcher_rect();
	int rows = ln_rows();

	(void)args;
	app_raw(c, "VYOMA_TEST:launcher shown=%d n=%d sel=%d top=%d rows=%d x=%d y=%d w=%d h=%d",
		ln.shown, ln.n, ln.sel, ln.top, rows, r.x, r.y, r.w, r.h);
	for (int i = 0; ln.shown && i < ln.n; i++) {
		const struct app *a = app_find(ln.e[i].name);
		int row = i >= ln.top && i < ln.top + rows ? i - ln.top : -1;
		app_raw(c, "VYOMA_TEST:entry %s row=%d running=%d icon=%s desc=%s", ln.e[i].name, row,
			a && a->pid > 0, icon_has_png(ln.e[i].name) ? "png" : "default", ln.e[i].desc);
	}
	ctl_test_ok(c, verb);
}

void launcher_init(struct canvas_rect desk)
{
	ln.desk = desk;
	ln.shown = false;
	ln.n = ln.sel = ln.top = 0;
	ctl_test_register("launcher", ln_verb);
}

void launcher_fini(void) { ln.shown = false; }
