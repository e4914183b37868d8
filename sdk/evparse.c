/* evparse: one line of the app's stdin as an event (docs/protocol.md,
 * docs/input.md). Apart from sdk/event.c, which reads and frames the lines,
 * so it needs no WASI and tests/unit/test_sdk_ui.c runs it on the host. */
#include "sdkcore.h"

#include <string.h>

/* The window's content size, 0 until a resize line says (vy_ui_size). */
SDK_LOW static int ev_w, ev_h;
SDK_LOW static bool ev_sized; /* set by vy_ui_size: the app relays out */
/* Where the resize fields are read: static, so sdk_ev_parse needs no stack
 * frame (the SDK is single-threaded). */
SDK_LOW static const char *ev_p;
void (*sdk_mouse_parse)(struct vy_event *ev, const char *args);
void (*sdk_paste_decode)(char *s);
int (*sdk_timer_due)(uint64_t *next);

void vy_ui_size(int *w, int *h)
{
	ev_sized = true;
	if (ev_w > 0) {
		*w = ev_w;
		*h = ev_h;
	}
}

enum vy_ev_type sdk_ev_parse(struct vy_event *ev, char *line)
{
	static const char input[] = "VYOMA_INPUT:";

	memset(ev, 0, sizeof *ev);
	ev->text = line;
	if (line[0] == '@') {
		char *colon = line + 1;
		while (*colon && !(colon[0] == ':' && colon[1] == ' '))
			colon++;
		if (*colon) {
			enum vy_ev_type t = VY_EV_MESSAGE;
			*colon = '\0';
			ev->from = line + 1;
			ev->text = colon + 2;
			if (strcmp(ev->from, "supervisor"))
				vy_str_copy(sdk_last_sender, ev->from, sizeof sdk_last_sender);
			else
				t = vy_str_starts(ev->text, "error: ") ? VY_EV_ERROR : VY_EV_SUPERVISOR;
			return ev->type = t;
		}
	}
	/* VYOMA_INPUT:<kind>:<args>, the supervisor's own lines: told apart by
	 * the kind's first letter (key, mouse, focus, resize, paste). */
	if (vy_str_starts(line, input)) {
		char *kind = line + sizeof input - 1;
		/* the args start after "<kind>:": key 4, focus/mouse/paste 6, resize 7 */
		char *arg = kind + (*kind == 'k' ? 4 : *kind == 'r' ? 7 : 6);

		ev->text = arg;
		switch (*kind) {
		case 'k':
			ev->key = arg;
			return ev->type = VY_EV_KEY;
		case 'm':
			/* parsed only in apps that asked (vy_mouse_on, sdk/mouse.c) */
			if (sdk_mouse_parse)
				sdk_mouse_parse(ev, arg);
			return ev->type = VY_EV_MOUSE;
		case 'f':
			ev->focused = *arg == '1';
			return ev->type = VY_EV_FOCUS;
		case 'r':
			if (!ev_sized) /* only apps that relayout: vy_ui_size */
				break;
			ev_p = arg;
			ev->w = ev_w = sdk_num_next(&ev_p);
			ev->h = ev_h = sdk_num_next(&ev_p);
			return ev->type = VY_EV_RESIZE;
		case 'p':
			if (sdk_paste_decode)
				sdk_paste_decode(arg);
			return ev->type = VY_EV_PASTE;
		}
		ev->text = line;
	}
	return ev->type = VY_EV_LINE;
}

