/* compat: SDK 1's vy_wait (sdk/vyoma_compat.h), for apps not yet moved to
 * SDK 2: the supervisor's error lines stay VY_EV_SUPERVISOR events. Goes
 * with the compat header. */
#include "vyoma.h"

enum vy_ev_type sdk_compat_wait(struct vy_event *ev, int64_t timeout_ms)
{
	if (vy_ev_wait(ev, timeout_ms) == VY_EV_ERROR)
		ev->type = VY_EV_SUPERVISOR;
	return ev->type;
}
