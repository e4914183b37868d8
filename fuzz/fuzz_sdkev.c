/* fuzz_sdkev: libFuzzer target for the app SDK's reading of its stdin
 * (sdk/evparse.c: keys, mouse, resize, paste, errors, messages) and for
 * what apps feed those events to: the text field, with the clipboard on so
 * pastes are decoded (sdk/field.c, sdk/clip.c), and the list view
 * (sdk/list.c, sdk/listmouse.c). The input is lines; each is parsed and
 * handed to a field and a list. Invariants: the field's text is
 * NUL-terminated at len < VY_FIELD_MAX, the cursor and anchor lie in it;
 * the list's selection is -1 only when it is empty, else in range and on
 * screen. (ASan catches any read past a line.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "../sdk/clip.c"
#include "../sdk/evparse.c"
#include "../sdk/field.c"
#include "../sdk/key.c"
#include "../sdk/keymod.c"
#include "../sdk/layout.c"
#include "../sdk/list.c"
#include "../sdk/listmouse.c"
#include "../sdk/mouse.c"
#include "../sdk/mousep.c"
#include "../sdk/str.c"
#include "../sdk/text.c"

/* The output buffer and drawing, as stubs: what is written is dropped. */
static char out[65536];
static size_t out_n;
char sdk_last_sender[32];

char *sdk_out_room(char *p, size_t n)
{
	if (p)
		out_n = (size_t)(p - out);
	if (out_n + n > sizeof out)
		out_n = 0;
	return out + out_n;
}
int sdk_out_done(char *p)
{
	out_n = (size_t)(p - out);
	return 0;
}
int vy_write(const void *b, size_t n)
{
	(void)b;
	(void)n;
	return 0;
}
int vy_print(const char *s) { return vy_write(s, strlen(s)); }
int vy_draw_fill(int x, int y, int w, int h, uint32_t c) { return (void)x, (void)y, (void)w, (void)h, (void)c, 0; }
int vy_draw_text(int x, int y, uint32_t c, enum vy_text_size s, const char *t)
{
	return (void)x, (void)y, (void)c, (void)s, (void)t, 0;
}
int vy_draw_textn(int x, int y, uint32_t c, enum vy_text_size s, const char *t, size_t n)
{
	CHECK(memchr(t, '\0', n) == NULL);
	return (void)x, (void)y, (void)c, (void)s, 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vy_ui_field f;
	static struct vy_ui_list l;
	char line[4096];
	int w = 300, h = 200;

	memset(&f, 0, sizeof f);
	memset(&l, 0, sizeof l);
	vy_ui_field_set(&f, "");
	vy_ui_field_clipboard(&f);
	vy_mouse_on();
	vy_ui_size(&w, &h);
	vy_ui_list_set_count(&l, 40);
	vy_ui_list_layout(&l, (struct vy_box){0, 20, 300, 100}, 16);
	while (size > 0) {
		const uint8_t *nl = memchr(data, '\n', size);
		size_t n = nl ? (size_t)(nl - data) : size;
		struct vy_event ev;

		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, data, n);
		line[n] = '\0';
		sdk_ev_parse(&ev, line);
		(void)vy_key_char(&ev);
		(void)vy_key_mods(&ev);
		vy_ui_field_event(&f, &ev);
		CHECK(f.len >= 0 && f.len < VY_FIELD_MAX && (int)strlen(f.text) == f.len);
		CHECK(f.cur >= 0 && f.cur <= f.len && f.anchor >= 0 && f.anchor <= f.len);
		vy_ui_field_draw(&f, (struct vy_box){0, 0, 300, 20}, VY_TEXT_M, true);
		if (ev.type == VY_EV_RESIZE)
			vy_ui_list_layout(&l, (struct vy_box){0, 20, ev.w, ev.h}, 16);
		vy_ui_list_key(&l, &ev);
		vy_ui_list_mouse(&l, &ev);
		if (ev.type == VY_EV_KEY && ev.key[0] == 'n')
			vy_ui_list_set_count(&l, (int)(ev.key[1] & 63));
		CHECK(l.count == 0 ? l.sel == -1 : l.sel >= 0 && l.sel < l.count);
		CHECK(l.count == 0 || (l.sel >= l.top && l.sel < l.top + l.rows));
		size -= nl ? (size_t)(nl - data) + 1 : size;
		data = nl ? nl + 1 : data + size;
	}
	return 0;
}
