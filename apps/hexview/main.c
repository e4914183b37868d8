/* hexview: a file under /data in hex and ASCII, 16 bytes a row, read a
 * page at a time (vy_fs_read_at), so files of any size open at once.
 * Up/Down scroll a row, PageUp/PageDown a page, Home/End jump. Messages:
 * "open <path>" (files sends it on Enter), "row <offset>" (that row as
 * text), "state". Size: 12.2 KB, above the 10 KB aim because
 * wasi:filesystem adds 3 to 5 KB to a component: its types and lowered
 * imports, and the SDK's file code (docs/sdk.md, "Size"). */
#include <vyoma.h>

#include <string.h>

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 624, H = 340; /* 6 + 76 cells of 8: offset, 16 hex bytes, 16 characters, 10 to spare */
#define ROWS 18
#define PAGE (ROWS * 16)

static char file[256];
static uint64_t size, top;
static uint8_t page[PAGE];
static size_t have;
static char err[96];

static void load(void)
{
	have = 0;
	if (file[0] && vy_fs_read_at(file, top, page, PAGE, &have) != 0)
		vy_snprintf(err, sizeof err, "cannot read: %s", vy_err_str(vy_fs_err()));
}

static int open_file(const char *path)
{
	bool dir = false;
	vy_str_copy(file, path, sizeof file);
	top = size = 0;
	err[0] = '\0';
	if (vy_fs_stat(file, &size, &dir) != 0 || dir) {
		vy_snprintf(err, sizeof err, dir ? "%s is a folder" : "cannot open %s: %s", file, vy_err_str(vy_fs_err()));
		file[0] = '\0';
		have = 0;
		return -1;
	}
	load();
	return 0;
}

/* v in hex, at least w digits, as "%0*llx" (with the narrow formatter:
 * a width or hex costs an app the full one, sdk/fmtn.c); returns the end. */
static char *hex(char *p, uint64_t v, int w)
{
	char t[16], *q = t + sizeof t;

	for (int d = 0; d < w || v; d++, v >>= 4)
		*--q = "0123456789abcdef"[v & 15];
	while (q < t + sizeof t)
		*p++ = *q++;
	return p;
}

/* One row as text: "00000010  48 65 6c ...  Hel..." (at most 84 bytes
 * and its NUL: out has room for 96) */
static void row_text(uint64_t off, const uint8_t *b, size_t n, char *out)
{
	char *p = hex(out, off, 8);

	*p++ = ' ';
	for (size_t i = 0; i < 16; i++) {
		*p++ = ' ';
		if (i == 8)
			*p++ = ' ';
		if (i < n) {
			p = hex(p, b[i], 2);
		} else {
			*p++ = ' ';
			*p++ = ' ';
		}
	}
	*p++ = ' ';
	*p++ = ' ';
	for (size_t i = 0; i < n; i++)
		*p++ = b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
	*p = '\0';
}

static void draw(void)
{
	vy_ui_size(&W, &H);
	char line[96];
	vy_draw_clear(VY_THEME_BG);
	vy_draw_fill(0, 0, W, 22, VY_THEME_PANEL);
	if (file[0])
		vy_draw_textf(6, 3, VY_THEME_TEXT, VY_TEXT_M, "/data/%s  %llu bytes", file, (unsigned long long)size);
	else
		vy_draw_text(6, 3, VY_THEME_DIM, VY_TEXT_M, err[0] ? err : "no file: open one from files");
	for (size_t r = 0; r * 16 < have; r++) {
		size_t n = have - r * 16 < 16 ? have - r * 16 : 16;
		row_text(top + r * 16, page + r * 16, n, line);
		vy_draw_text(6, 26 + (int)r * 16, VY_THEME_DIM, VY_TEXT_M, line); /* offset column stays dim */
		vy_draw_textn(6 + 9 * 8, 26 + (int)r * 16, VY_THEME_TEXT, VY_TEXT_M, line + 9, 50);
	}
	vy_draw_flush();
}

static void scroll(int64_t rows)
{
	int64_t last = size > PAGE ? (int64_t)((size - PAGE + 15) / 16 * 16) : 0;
	int64_t t = (int64_t)top + rows * 16;
	top = (uint64_t)(t < 0 ? 0 : t > last ? last : t);
	load();
}

int main(void)
{
	struct vy_event ev;
	char line[96];

	vy_sys_ready();
	for (;;) {
		draw();
		switch (vy_ev_wait(&ev, -1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_KEY: {
			/* rows to scroll by; 0: the whole file (Home, End) */
			static const struct {
				const char *key;
				int rows;
			} keys[] = {{VY_KEY_DOWN, 1},      {VY_KEY_UP, -1}, {VY_KEY_PAGE_DOWN, ROWS},
				    {VY_KEY_PAGE_UP, -ROWS}, {VY_KEY_HOME, 0}, {VY_KEY_END, 0}};
			for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
				if (strcmp(ev.key, keys[i].key) == 0) {
					int64_t all = (int64_t)(size / 16 + 1);
					scroll(keys[i].rows ? keys[i].rows : i == 4 ? -all : all);
				}
			break;
		}
		case VY_EV_MESSAGE:
			if (vy_str_starts(ev.text, "open ")) {
				if (open_file(vy_str_skip_space(ev.text + 5)) == 0)
					vy_msg_answer("opened %s %llu bytes", file, (unsigned long long)size);
				else
					vy_msg_answer("error: %s", err);
			} else if (vy_str_starts(ev.text, "row ")) {
				uint64_t off = (uint64_t)vy_str_atoll(ev.text + 4, NULL) / 16 * 16;
				uint8_t b[16];
				size_t n = 0;
				if (!file[0] || vy_fs_read_at(file, off, b, 16, &n) != 0 || n == 0) {
					vy_msg_answer("error: no such row");
				} else {
					row_text(off, b, n, line);
					vy_msg_answer("%s", line);
				}
			} else if (strcmp(ev.text, "state") == 0) {
				vy_msg_answer("file %s size %llu top %llu", file[0] ? file : "-", (unsigned long long)size,
					 (unsigned long long)top);
			}
			break;
		default:
			break;
		}
	}
}
