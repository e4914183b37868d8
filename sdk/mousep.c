/* mousep: the fields of a VY_EV_MOUSE line ("<x>,<y>,<buttons>,<kind>"),
 * for vy_mouse_on (sdk/mouse.c), apart from it so the parser is one place
 * the unit tests can reach. */
#include "sdkcore.h"

/* The read position: static, as sdk/evparse.c's, so that taking its
 * address for sdk_num_next needs no stack frame. */
SDK_LOW static const char *m_p;

void sdk_mouse_fields(struct vy_event *ev, const char *args)
{
	m_p = args;
	ev->x = sdk_num_next(&m_p);
	ev->y = sdk_num_next(&m_p);
	ev->buttons = sdk_num_next(&m_p);
	ev->text = m_p;
	ev->kind = *m_p;
	if (*m_p == VY_MOUSE_WHEEL) { /* <x>,<y>,<notches>,wheel */
		ev->dy = ev->buttons;
		ev->buttons = 0;
	}
}
