/* mousep: the fields of a VY_EV_MOUSE line ("<x>,<y>,<buttons>,<kind>"),
 * for vy_mouse_on (sdk/mouse.c), apart from it so the parser is one place
 * the unit tests can reach. */
#include "sdkcore.h"

void sdk_mouse_fields(struct vy_event *ev, const char *p)
{
	ev->x = sdk_num_next(&p);
	ev->y = sdk_num_next(&p);
	ev->buttons = sdk_num_next(&p);
	ev->text = p;
	ev->kind = *p;
	if (*p == VY_MOUSE_WHEEL) { /* <x>,<y>,<notches>,wheel */
		ev->dy = ev->buttons;
		ev->buttons = 0;
	}
}
