/* mouse: VY_EV_MOUSE events for apps that ask for them (vy_mouse_on), and
 * click helpers. Linking this file marks the component as a mouse user:
 * the build finds sdk_mark_mouse's string in it and the audit refuses the
 * app unless vyoma.toml says `mouse = true` (docs/audit.md, "SDK marks").
 * `used` keeps the string through LTO and --gc-sections. */
#include "sdkcore.h"

__attribute__((used)) static const char sdk_mark_mouse[] = "vyoma-mark:mouse";

void vy_mouse_on(void) { sdk_mouse_parse = sdk_mouse_fields; }

bool vy_mouse_click(const struct vy_event *ev, struct vy_box r)
{
	return ev->type == VY_EV_MOUSE && ev->kind == VY_MOUSE_DOWN && ev->buttons == 1 &&
	       vy_ui_hit(r, ev->x, ev->y);
}
