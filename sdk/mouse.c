/* mouse: VY_EV_MOUSE events for apps that ask for them (vy_mouse_on), and
 * click helpers. Linking this file marks the component as a mouse user:
 * the build finds sdk_mark_mouse's string in it and the audit refuses the
 * app unless vyoma.toml says `mouse = true` (docs/audit.md, "SDK marks").
 * `used` keeps the string through LTO and --gc-sections. */
#include "sdkcore.h"

__attribute__((used)) static const char sdk_mark_mouse[] = "vyoma-mark:mouse";

static int m_int(const char **p)
{
	const char *end;
	int v = (int)sdk_num(*p, &end);
	*p = *end == ',' ? end + 1 : end;
	return v;
}

static void mouse_parse(struct vy_event *ev, const char *p)
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

void vy_mouse_on(void) { sdk_mouse_parse = mouse_parse; }

bool vy_mouse_click(const struct vy_event *ev, struct vy_box r)
{
	return ev->type == VY_EV_MOUSE && ev->kind == VY_MOUSE_DOWN && ev->buttons == 1 &&
	       vy_ui_hit(r, ev->x, ev->y);
}
