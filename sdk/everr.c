/* everr: which SDK call wrote the line a VY_EV_ERROR refuses, read from the
 * supervisor's reason (docs/protocol.md lists them). On its own: only apps
 * that ask link the table. */
#include "vyoma.h"

#include <string.h>

const char *vy_ev_error_call(const struct vy_event *ev)
{
	/* pairs: a word of the reason, the call; the first match wins */
	static const char map[] =
		"draw\0vy_draw_*\0display\0vy_draw_*\0clip\0vy_clip_copy\0notify\0vy_ui_notify\0"
		"shell\0vy_sys_command\0command\0vy_sys_command\0usage\0vy_sys_command\0"
		"reply\0vy_msg_reply_latest\0unknown app\0vy_msg_send\0not running\0vy_msg_send\0"
		"queue full\0vy_msg_send\0not reading\0vy_msg_send\0";
	const char *m = map;

	if (ev->type != VY_EV_ERROR)
		return "";
	for (; *m; m += strlen(m) + 1) {
		const char *call = m + strlen(m) + 1;
		if (strstr(ev->text, m))
			return call;
		m = call;
	}
	return "a raw line";
}
