/* mousep: the fields of a VY_EV_MOUSE line ("<x>,<y>,<buttons>,<kind>"),
 * for vy_mouse_on (sdk/mouse.c) and for SDK 1's vy_wait (sdk/compat.c).
 * Apart from sdk/mouse.c so that compat apps get their mouse fields
 * without the mouse mark (an app of SDK 1 that declares no mouse gets no
 * mouse lines from the supervisor anyway). */
#include "sdkcore.h"

static int m_int(const char **p)
{
	const char *end;
	int v = (int)sdk_num(*p, &end);
	*p = *end == ',' ? end + 1 : end;
	return v;
}

void sdk_mouse_fields(struct vy_event *ev, const char *p)
{
	ev->x = m_int(&p);
	ev->y = m_int(&p);
	ev->buttons = m_int(&p);
	ev->text = p;
	ev->kind = *p;
	if (*p == VY_MOUSE_WHEEL) { /* <x>,<y>,<notches>,wheel */
		ev->dy = ev->buttons;
		ev->buttons = 0;
	}
}
