/* todo: a todo list kept in /data/todo.txt, one item a line ("[x] text"
 * when done). The SDK 2 example of a text field and a list view: type an
 * item and Enter adds it; Up/Down/PageUp/PageDown, a click or the wheel
 * select one; Ctrl+d ticks it, Ctrl+k removes it. Every change is saved at
 * once (atomically, vy_fs_save). Messages: "add <text>", "state". */
#include <vyoma.h>

#include <string.h>

#define MAX 64
#define ROW 18
#define FILE_NAME "todo.txt"

static int W = 360, H = 300;
static char items[MAX][VY_FIELD_MAX];
static bool done[MAX];
static int n;
static struct vy_ui_field field;
static struct vy_ui_list list;
static char status[80] = "Enter adds  Ctrl+d ticks  Ctrl+k removes";

/* The file's text, read and written whole: a save writes at most
 * MAX * (VY_FIELD_MAX + 4) bytes, and a file over sizeof items is not
 * loaded (its reading is refused as too large, never cut). */
static char buf[MAX * (VY_FIELD_MAX + 5)];

/* The status line: the text joined so far (sdk/join.c: no formatter). */
static void set_status(const char *what, enum vy_err e)
{
	vy_join_s(what);
	vy_join_s(vy_err_str(e));
	vy_str_copy(status, vy_join_end(), sizeof status);
}

static char *cat(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static void save(void)
{
	char *p = buf;

	for (int i = 0; i < n; i++) {
		p = cat(cat(p, done[i] ? "[x] " : "[ ] "), items[i]);
		*p++ = '\n';
	}
	if (vy_fs_save(FILE_NAME, buf, (size_t)(p - buf)) != 0)
		set_status("save failed: ", vy_fs_err());
}

static void load(void)
{
	char *p, *nl;
	size_t len;
	enum vy_err e = VY_OK;

	if (vy_fs_read(FILE_NAME, buf, sizeof items + 1, &len) != 0)
		e = vy_fs_err();
	else if (len > sizeof items)
		e = VY_E_FILE_TOO_LARGE;
	if (e) {
		if (e != VY_E_NO_ENTRY)
			set_status("cannot read: ", e);
		return;
	}
	buf[len] = '\0';
	for (p = buf; *p && n < MAX; p = nl + 1) {
		for (nl = p; *nl && *nl != '\n'; nl++) /* the line's end, or the text's */
			;
		*nl = '\0';
		done[n] = vy_str_starts(p, "[x] ");
		vy_str_copy(items[n++], *p == '[' && nl - p >= 4 ? p + 4 : p, VY_FIELD_MAX);
		if (nl == buf + len)
			break;
	}
	vy_ui_list_set_count(&list, n);
}

static void add(const char *text)
{
	if (!text[0] || n == MAX)
		return;
	vy_str_copy(items[n], text, VY_FIELD_MAX);
	done[n++] = false;
	vy_ui_list_set_count(&list, n);
	vy_ui_list_select(&list, n - 1);
	save();
}

static void remove_sel(void)
{
	int s = list.sel;
	if (s < 0)
		return;
	memmove(items[s], items[s + 1], sizeof items[0] * (size_t)(n - s - 1));
	memmove(done + s, done + s + 1, sizeof done[0] * (size_t)(n - s - 1));
	vy_ui_list_set_count(&list, --n);
	save();
}

static void draw(void)
{
	struct vy_box r, bar, foot;

	vy_ui_size(&W, &H);
	r = (struct vy_box){0, 0, W, H};
	bar = vy_ui_cut_top(&r, 24);
	foot = vy_ui_cut_top(&r, -20); /* the list: all but the status row */
	vy_ui_list_layout(&list, vy_ui_inset(foot, 2), ROW);
	foot = r;
	vy_draw_clear(VY_THEME_BG);
	vy_ui_field_draw(&field, bar, VY_TEXT_M, true);
	for (int i = list.top; i < n && i < list.top + list.rows; i++) {
		struct vy_box row = vy_ui_list_row(&list, i);
		if (i == list.sel)
			vy_draw_fill(row.x, row.y, row.w, row.h, VY_THEME_PANEL);
		vy_draw_text(row.x + 4, row.y + 1, done[i] ? VY_THEME_GOOD : VY_THEME_DIM, VY_TEXT_M,
			     done[i] ? "[x]" : "[ ]");
		vy_draw_text(row.x + 36, row.y + 1, done[i] ? VY_THEME_DIM : VY_THEME_TEXT, VY_TEXT_M, items[i]);
	}
	vy_draw_fill(foot.x, foot.y, foot.w, foot.h, VY_THEME_PANEL);
	vy_join_d(n);
	vy_join_s(" items  ");
	vy_join_s(status);
	vy_draw_text(6, foot.y + 2, VY_THEME_DIM, VY_TEXT_M, vy_join_end());
	vy_draw_flush();
}

static void on_key(const struct vy_event *ev)
{
	if (vy_key_is(ev, VY_KEY_ENTER)) {
		add(field.text);
		vy_ui_field_set(&field, "");
	} else if (vy_key_is(ev, "Ctrl+d") && list.sel >= 0) {
		done[list.sel] = !done[list.sel];
		save();
	} else if (vy_key_is(ev, "Ctrl+k")) {
		remove_sel();
	} else if (vy_key_is(ev, VY_KEY_HOME) || vy_key_is(ev, VY_KEY_END) || !vy_ui_list_key(&list, ev)) {
		vy_ui_field_event(&field, ev); /* Home/End edit the field */
	}
}

int main(void)
{
	struct vy_event ev;

	vy_ui_field_clipboard(&field);
	vy_mouse_on();
	load();
	vy_sys_ready();
	for (;;) {
		draw();
		switch (vy_ev_wait(&ev, -1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_KEY:
			on_key(&ev);
			break;
		case VY_EV_PASTE:
			vy_ui_field_event(&field, &ev);
			break;
		case VY_EV_MOUSE:
			vy_ui_list_mouse(&list, &ev);
			break;
		case VY_EV_MESSAGE:
			if (vy_str_starts(ev.text, "add ")) {
				add(ev.text + 4);
				vy_join_s("added ");
				vy_join_d(n);
				vy_join_answer();
			} else if (strcmp(ev.text, "state") == 0) {
				vy_join_s("items ");
				vy_join_d(n);
				vy_join_s(" sel ");
				vy_join_d(list.sel);
				vy_join_s(" top ");
				vy_join_d(list.top);
				vy_join_s(" rows ");
				vy_join_d(list.rows);
				vy_join_s(" done ");
				vy_join_d(list.sel >= 0 && done[list.sel]);
				vy_join_s(" field ");
				vy_join_s(field.len ? field.text : "-");
				vy_join_s(" first ");
				vy_join_s(n ? items[0] : "-");
				vy_join_answer();
			}
			break;
		default:
			break;
		}
	}
}
