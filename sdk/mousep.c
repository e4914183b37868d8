/* mousep: the fields of a VY_EV_MOUSE line ("<x>,<y>,<buttons>,<kind>"),
 * for vy_mouse_on (sdk/mouse.c), apart from it so the parser is one place
 * the unit tests can reach. */
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
