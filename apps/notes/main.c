/* notes: a small text editor for /data/notes.txt (or another file under
 * /data, by the message "open <name>"). Saves atomically (a temporary file
 * renamed over the old one, vy_fs_save) one second after the last edit,
 * on Ctrl+s or the message "save", and before switching files, so a crash
 * or a power cut leaves either the old text or the new, never half of it.
 */
#include <vyoma.h>

#include <string.h>

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 480, H = 320;
#define CAP 16384
#define COLS ((W - 12) / 8)
#define ROWS ((H - 26) / 16)

/* The small statics in the SDK's low segment (as SDK_LOW, sdk/sdkcore.h):
 * below the 16 KB text, so each use is a 2-byte address, not 3. */
#define LOW __attribute__((section("vy_low")))
/* The text, with a '\n' before it (set in main) so that a line's start
 * is found without a bound check. */
static char buf[CAP + 2], file[64] = "notes.txt";
static char *const text = buf + 1;
LOW static char status[64];
LOW static size_t len, cur;
LOW static int top; /* the first shown screen row (long lines wrap) */
LOW static int screen_rows; /* how many the whole text takes, at the last draw */
/* the cursor's screen row and column and its line (from 1), at the last
 * walk: every change is drawn before the next event is read */
LOW static int cur_row, cur_col, cur_line;
LOW static bool dirty;
LOW static uint64_t save_at;

/* notes' numbers are sizes, never below 0: vy_join_u (no sign linked). */
static void join_kv(const char *k, size_t v)
{
	vy_join_s(k);
	vy_join_u(v);
}

/* The status line: the text joined so far (sdk/join.c: no formatter). */
static void set_status(void) { vy_str_copy(status, vy_join_end(), sizeof status); }

static void load(void)
{
	if (vy_fs_read(file, text, CAP, &len) != 0) {
		len = 0;
		vy_join_s("new file");
	} else {
		vy_join_u(len);
		vy_join_s(" bytes");
	}
	set_status();
	text[len] = '\0';
	cur = 0; /* top follows the cursor at the next draw */
	dirty = false;
}

static int save(void)
{
	if (vy_fs_save(file, text, len) != 0) {
		vy_join_s("save failed: ");
		vy_join_s(vy_err_str(vy_fs_err()));
		set_status();
		return -1;
	}
	dirty = false;
	join_kv("saved ", len);
	vy_join_s(" bytes");
	set_status();
	return 0;
}

static size_t line_start(size_t p)
{
	while (text[p - 1] != '\n')
		p--;
	return p;
}

static size_t line_end(size_t p)
{
	const char *e = memchr(text + p, '\n', len - p);
	return e ? (size_t)(e - text) : len;
}

static bool cont(size_t i) { return ((unsigned char)text[i] & 0xc0) == 0x80; }

/* A code point (ASCII or Latin-1, what vy_key_char gives) as UTF-8. */
static void insert(int c)
{
	size_t n = c >= 0x80 ? 2 : 1;
	if (len + n > CAP)
		return;
	memmove(text + cur + n, text + cur, len - cur + 1); /* and the '\0' */
	/* the lead byte, overwritten by the one byte of ASCII */
	text[cur] = (char)(0xc0 | c >> 6);
	text[cur + n - 1] = (char)(n == 2 ? 0x80 | (c & 0x3f) : c);
	cur += n;
	len += n;
	dirty = true;
}

/* The whole character at `at`. */
static void erase(size_t at)
{
	size_t n = 1;
	while (cont(at + n)) /* text[len] is '\0' */
		n++;
	memmove(text + at, text + at + n, len - at - n + 1); /* and the '\0' */
	len -= n;
	dirty = true;
}

/* The character before p, which is above 0. */
static size_t prev_char(size_t p)
{
	while (cont(--p))
		;
	return p;
}

/* Up (-1) or down (+1) one line, keeping the column where it can. */
static void vmove(int dir)
{
	size_t s = line_start(cur), col = cur - s, t;
	if (dir < 0) {
		if (s == 0)
			return;
		t = line_start(s - 1);
	} else {
		t = line_end(cur);
		if (t == len)
			return;
		t++;
	}
	cur = t + col < line_end(t) ? t + col : line_end(t);
	while (cur > t && cont(cur))
		cur--;
}

/* The keys notes knows, in one packed string: a key's index there is its
 * case below (one lookup, not a vy_key_is per key). */
enum { K_SAVE, K_ENTER, K_TAB, K_BACKSPACE, K_DELETE, K_LEFT, K_RIGHT, K_UP, K_DOWN, K_HOME, K_END };
static const char keys[] = "Ctrl+s\0Enter\0Tab\0Backspace\0Delete\0Left\0Right\0Up\0Down\0Home\0End\0";

static void on_key(const struct vy_event *ev)
{
	int ch = vy_key_char(ev), k = 0;
	const char *n = keys;

	for (; *n && strcmp(n, ev->key); n += strlen(n) + 1)
		k++;
	if (!ch && k - 1u < 2u) /* Enter types '\n' (10), Tab '\t' (9) */
		ch = 11 - k;
	if (ch)
		insert(ch);
	else if (k == K_SAVE) {
		save();
		return;
	} else if (k == K_BACKSPACE && cur > 0)
		erase(cur = prev_char(cur));
	else if (k == K_DELETE && cur < len)
		erase(cur);
	else if (k == K_LEFT && cur > 0)
		cur = prev_char(cur);
	else if (k == K_RIGHT && cur < len)
		while (cont(++cur)) /* text[len] is '\0', no continuation */
			;
	else if (k == K_UP || k == K_DOWN)
		vmove(k == K_UP ? -1 : 1);
	else if (k == K_HOME)
		cur = line_start(cur);
	else if (k == K_END)
		cur = line_end(cur);
	else
		return;
	if ((ch || k < K_LEFT) && dirty) { /* an edit: typed, or Enter, Tab, Backspace, Delete */
		save_at = vy_time_ms() + 1000;
		vy_join_s("modified");
		set_status();
	}
}

/* The text as screen rows: a line longer than the window wraps every cols
 * characters. One walk finds the cursor's row and column; with paint it
 * also draws the rows from `top` on. */
static void walk(int cols, int rows, bool paint)
{
	int row = 0, col = 0, line = 1;
	size_t seg = 0;

	for (size_t i = 0;; i++) {
		bool end = i >= len, nl = text[i] == '\n'; /* text[len] is '\0' */
		bool wrap = !end && !nl && !cont(i) && col == cols;
		if ((end || nl || wrap) && paint && (unsigned)(row - top) < (unsigned)rows)
			vy_draw_textn(6, 4 + (row - top) * 16, VY_THEME_TEXT, VY_TEXT_M, text + seg, i - seg);
		if (wrap) {
			row++;
			col = 0;
			seg = i;
		}
		if (i == cur) {
			cur_row = row;
			cur_col = col;
			cur_line = line;
		}
		if (end) {
			screen_rows = row + 1;
			break;
		}
		col += !cont(i);
		if (nl) {
			row++;
			line++;
			col = 0;
			seg = i + 1;
		}
	}
}

static void draw(void)
{
	int cols, rows;

	vy_ui_size(&W, &H);
	cols = COLS > 1 ? COLS : 1;
	rows = ROWS > 1 ? ROWS : 1;
	walk(cols, rows, false);
	if (cur_row < top)
		top = cur_row;
	if (cur_row >= top + rows)
		top = cur_row - rows + 1;
	vy_draw_clear(VY_THEME_BG);
	walk(cols, rows, true);
	vy_draw_fill(6 + cur_col * 8, 4 + (cur_row - top) * 16, 2, 16, VY_THEME_ACCENT);
	vy_draw_fill(0, H - 20, W, 20, VY_THEME_PANEL);
	vy_join_s(file);
	join_kv("  line ", (size_t)cur_line);
	vy_join_s("  ");
	vy_join_s(status);
	vy_draw_text(6, H - 18, VY_THEME_DIM, VY_TEXT_M, vy_join_end());
	vy_draw_flush();
}

static void on_message(const char *msg)
{
	if (strcmp(msg, "save") == 0) {
		if (save() == 0) {
			vy_join_s("saved ");
			vy_join_s(file);
		} else {
			vy_join_s("error: ");
			vy_join_s(vy_err_str(vy_fs_err()));
		}
	} else if (vy_str_starts(msg, "open ")) {
		const char *name = vy_str_skip_space(msg + 5);
		if (dirty)
			save();
		vy_str_copy(file, name, sizeof file);
		load();
		vy_join_s("opened ");
		vy_join_s(file);
	} else if (strcmp(msg, "state") == 0) {
		vy_join_s("file ");
		vy_join_s(file);
		join_kv(" bytes ", len);
		join_kv(" cursor ", cur);
		join_kv(" line ", (size_t)cur_line);
		join_kv(" saved ", !dirty);
		join_kv(" rows ", (size_t)screen_rows);
	} else if (!vy_str_starts(msg, "error")) {
		vy_join_s("error: unknown command (save, open <name>, state)");
	} else {
		return;
	}
	vy_join_answer();
}

/* Drawn after every event, as todo and files do; the wait is for the
 * next event, or (with an edit unsaved) until its save is due: at least
 * 1 ms, never 0, which would ask stdin's pollable (one wasi:io/poll
 * import more). */
int main(void)
{
	struct vy_event ev;

	buf[0] = '\n';
	load();
	vy_sys_ready();
	for (;;) {
		int64_t wait = -1;
		draw();
		if (dirty) {
			wait = (int64_t)(save_at - vy_time_ms());
			wait = wait > 1 ? wait : 1;
		}
		enum vy_ev_type t = vy_ev_wait(&ev, wait);
		if (t == VY_EV_TIMEOUT) /* only a timed wait ends so: the save is due */
			save();
		if (t == VY_EV_EOF)
			break;
		if (t == VY_EV_KEY)
			on_key(&ev);
		else if (t == VY_EV_MESSAGE)
			on_message(ev.text);
	}
	if (dirty)
		save();
	return 0;
}
