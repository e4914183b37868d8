/* files: a file manager for /data. Up/Down select, Enter opens a folder
 * (a text file in notes, any other in hexview, saying so when that app is
 * not running), Backspace goes up, Delete then y removes a
 * file or an empty folder. Messages: "ls", "cd <dir>", "mkdir <name>",
 * "rm <name>", "state". Size: about 10.9 KB, above the 10 KB aim because
 * wasi:filesystem adds about 4 KB to a component: its types and lowered
 * imports, and the SDK's file code; the refresh every 5 s (wasi:io/poll
 * and the clock) about 0.8 KB (docs/sdk.md, "Size"). */
#include <vyoma.h>

#include <string.h>

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 420, H = 320;
#define MAXE 64
#define ROW 18

struct entry {
	char name[64];
	uint64_t size;
	bool dir;
};

static struct entry ents[MAXE];
static int nents, sel, first; /* first: the top row shown */
static char cwd[256] = ""; /* relative to /data, "" is /data itself */
static char status[96];
static const char *viewer; /* where the last Enter sent a file; NULL: none */
static bool confirm;

static int collect(const char *name, bool is_dir, void *ctx)
{
	(void)ctx;
	if (nents < MAXE) {
		vy_str_copy(ents[nents].name, name, sizeof ents[0].name);
		ents[nents++].dir = is_dir;
	}
	return 0;
}

/* Texts are joined from pieces (sdk/join.c: no formatter). */
static void join_cwd(void)
{
	vy_join_s(cwd);
	if (cwd[0])
		vy_join_s("/");
}

/* pre ("/data", "cwd /data") and the folder shown */
static void join_where(const char *pre)
{
	vy_join_s(pre);
	if (cwd[0])
		vy_join_s("/");
	vy_join_s(cwd);
}

static void path_of(const char *name, char *out, size_t cap)
{
	join_cwd();
	vy_join_s(name);
	vy_str_copy(out, vy_join_end(), cap);
}

/* Two pieces: a call less at each of the many two-piece texts. */
__attribute__((noinline)) static void join2(const char *a, const char *b)
{
	vy_join_s(a);
	vy_join_s(b);
}

static void set_status(void) { vy_str_copy(status, vy_join_end(), sizeof status); }

static void load(void)
{
	char p[512];
	nents = 0;
	if (vy_fs_list(cwd[0] ? cwd : "/data", collect, NULL) != 0) {
		join2("cannot list: ", vy_err_str(vy_fs_err()));
		set_status();
	}
	/* folders first, then by name (insertion sort: at most 64) */
	for (int i = 1; i < nents; i++)
		for (int j = i; j > 0; j--) {
			struct entry *a = &ents[j - 1], *b = &ents[j], t;
			if (a->dir > b->dir || (a->dir == b->dir && strcmp(a->name, b->name) <= 0))
				break;
			t = *a;
			*a = *b;
			*b = t;
		}
	for (int i = 0; i < nents; i++) {
		path_of(ents[i].name, p, sizeof p);
		vy_fs_stat(p, &ents[i].size, NULL);
	}
	if (sel >= nents)
		sel = nents ? nents - 1 : 0;
}

static int cd(const char *name)
{
	char p[256];
	bool dir = false;
	if (strcmp(name, "..") == 0) {
		char *slash = strrchr(cwd, '/');
		*(slash ? slash : cwd) = '\0'; /* the last part off, or all of one */
	} else {
		path_of(name, p, sizeof p);
		if (strchr(name, '/') || vy_fs_stat(p, NULL, &dir) != 0 || !dir)
			return -1;
		vy_str_copy(cwd, p, sizeof cwd);
	}
	sel = 0;
	load();
	return 0;
}

static int rm(const char *name)
{
	char p[256];
	bool dir = false;
	path_of(name, p, sizeof p);
	if (vy_fs_stat(p, NULL, &dir) != 0 || (dir ? vy_fs_rmdir(p) : vy_fs_delete(p)) != 0) {
		join2("cannot delete ", name);
		join2(": ", vy_err_str(vy_fs_err()));
		set_status();
		return -1;
	}
	join2("deleted ", name);
	set_status();
	load();
	return 0;
}

static void draw(void)
{
	vy_ui_size(&W, &H);
	vy_draw_clear(VY_THEME_BG);
	vy_draw_fill(0, 0, W, 22, VY_THEME_PANEL);
	join_where("/data");
	vy_draw_text(6, 3, VY_THEME_TEXT, VY_TEXT_M, vy_join_end());
	first = sel >= (H - 48) / ROW ? sel - (H - 48) / ROW + 1 : 0;
	for (int i = first; i < nents; i++) {
		int y = 26 + (i - first) * ROW;
		if (y + ROW > H - 22)
			break;
		if (i == sel)
			vy_draw_fill(0, y - 1, W, ROW, VY_RGBA(0x5f, 0xb3, 0xf9, 0x40));
		vy_draw_fill(8, y + 3, 10, 10, ents[i].dir ? VY_THEME_WARN : VY_THEME_DIM);
		vy_draw_text(26, y, VY_THEME_TEXT, VY_TEXT_M, ents[i].name);
		/* right-aligned, in 8-pixel cells: "folder" ending at W - 8, a
		 * size (its digits, one cell each) at W - 20 */
		if (ents[i].dir) {
			vy_draw_text(W - 8 - 6 * 8, y, VY_THEME_DIM, VY_TEXT_M, "folder");
		} else {
			const char *t;
			vy_join_d((long long)ents[i].size);
			t = vy_join_end();
			vy_draw_text(W - 20 - (int)strlen(t) * 8, y, VY_THEME_DIM, VY_TEXT_M, t);
		}
	}
	if (!nents)
		vy_draw_text(26, 30, VY_THEME_DIM, VY_TEXT_M, "(empty)");
	vy_draw_fill(0, H - 20, W, 20, VY_THEME_PANEL);
	vy_draw_text(6, H - 18, confirm ? VY_THEME_WARN : VY_THEME_DIM, VY_TEXT_M,
		     status[0] ? status : "Enter open  Backspace up  Delete remove");
	vy_draw_flush();
}

/* Text files open in notes, the rest in hexview. */
static const char *viewer_of(const char *name)
{
	/* one packed string, not a table of pointers */
	const char *dot = strrchr(name, '.'), *t = ".txt\0.md\0.toml\0.c\0.h\0.log\0.json\0.csv\0.html\0.css\0.sh\0.py\0";

	for (; dot && *t; t += strlen(t) + 1)
		if (strcmp(dot, t) == 0)
			return "notes";
	return "hexview";
}

static void on_key(const struct vy_event *ev)
{
	char p[256];
	struct entry *e = nents ? &ents[sel] : NULL;
	int ch = ev->key[1] ? 0 : ev->key[0]; /* y and r: keys named by their one character */

	if (confirm) {
		confirm = false;
		status[0] = '\0';
		if (ch == 'y' && e)
			rm(e->name);
		return;
	}
	status[0] = '\0';
	if (vy_key_is(ev, VY_KEY_UP) && sel > 0)
		sel--;
	else if (vy_key_is(ev, VY_KEY_DOWN) && sel + 1 < nents)
		sel++;
	else if (vy_key_is(ev, VY_KEY_BACKSPACE))
		cd("..");
	else if (ch == 'r')
		load();
	else if (e && vy_key_is(ev, VY_KEY_ENTER)) {
		if (e->dir) {
			cd(e->name);
		} else {
			path_of(e->name, p, sizeof p);
			viewer = viewer_of(e->name);
			join2("open ", p);
			vy_join_send(viewer);
			join2("opening ", e->name);
			join2(" in ", viewer);
			set_status();
		}
	} else if (e && vy_key_is(ev, VY_KEY_DELETE)) {
		confirm = true;
		join2("delete ", e->name);
		vy_join_s("? y/n");
		set_status();
	}
}

static void on_message(const char *m)
{
	if (strcmp(m, "ls") == 0) {
		for (int i = 0; i < nents; i++) {
			if (i)
				vy_join_s(" ");
			vy_join_s(ents[i].name);
			if (ents[i].dir)
				vy_join_s("/");
		}
		if (!nents)
			vy_join_s("-");
	} else if (vy_str_starts(m, "cd ")) {
		if (cd(vy_str_skip_space(m + 3)) == 0) {
			join_where("cwd /data");
		} else {
			join2("error: no folder ", m + 3);
		}
	} else if (vy_str_starts(m, "mkdir ")) {
		char p[256];
		path_of(vy_str_skip_space(m + 6), p, sizeof p);
		if (vy_fs_mkdir(p) == 0) {
			load();
			join2("made ", p);
		} else {
			join2("error: ", vy_err_str(vy_fs_err()));
		}
	} else if (vy_str_starts(m, "rm ")) {
		if (rm(vy_str_skip_space(m + 3)) != 0)
			vy_join_s("error: ");
		vy_join_s(status);
	} else if (strcmp(m, "state") == 0) {
		join_where("cwd /data");
		vy_join_s(" entries ");
		vy_join_d(nents);
		join2(" selected ", nents ? ents[sel].name : "-");
		join2(" status ", status[0] ? status : "-");
	} else if (!vy_str_starts(m, "error")) {
		vy_join_s("error: unknown command (ls, cd, mkdir, rm, state)");
	} else {
		return;
	}
	vy_join_answer();
}

int main(void)
{
	struct vy_event ev;

	load();
	vy_mouse_on();
	vy_sys_ready();
	for (;;) {
		draw();
		switch (vy_ev_wait(&ev, 5000)) { /* refresh now and then: other apps write too */
		case VY_EV_EOF:
			return 0;
		case VY_EV_TIMEOUT:
			load();
			break;
		case VY_EV_KEY:
			on_key(&ev);
			break;
		case VY_EV_MOUSE: /* a left click selects the row under it */
			if (ev.kind == VY_MOUSE_DOWN && ev.buttons == 1 && ev.y >= 25 &&
			    first + (ev.y - 25) / ROW < nents)
				sel = first + (ev.y - 25) / ROW;
			break;
		case VY_EV_MESSAGE:
			if (viewer && strcmp(ev.from, viewer) == 0) { /* its answer to "open" */
				join2(viewer, ": ");
				vy_join_s(ev.text);
				set_status();
				viewer = NULL;
			} else {
				on_message(ev.text);
			}
			break;
		case VY_EV_ERROR:
		case VY_EV_SUPERVISOR:
			/* "error: notes is not running": say so, and how to start it */
			if (viewer && vy_str_starts(ev.text, "error: ")) {
				join2(viewer, " is not running: F1, then ");
				vy_join_s(viewer);
				set_status();
				viewer = NULL;
			}
			break;
		default:
			break;
		}
	}
}
