/* compat: SDK 1's vy_wait (sdk/vyoma_compat.h), for apps not yet moved to
 * SDK 2: the supervisor's error lines stay VY_EV_SUPERVISOR events, and a
 * mouse event has its fields as in SDK 1 (without vy_mouse_on, so without
 * the mouse mark). Goes with the compat header. */
#include "sdkcore.h"

enum vy_ev_type sdk_compat_wait(struct vy_event *ev, int64_t timeout_ms)
{
	enum vy_ev_type t = vy_ev_wait(ev, timeout_ms);

	if (t == VY_EV_ERROR)
		ev->type = VY_EV_SUPERVISOR;
	if (t == VY_EV_MOUSE && !sdk_mouse_parse)
		sdk_mouse_fields(ev, ev->text);
	return ev->type;
}
