/* timer: one-shot and repeating timers, fired by vy_ev_wait as VY_EV_TIMER
 * events through the hook sdk_timer_due (sdk/sdk.h), so an app without
 * timers links none of this. */
#include "sdkcore.h"

static struct {
	uint64_t due, period; /* monotonic ns; period 0: one-shot */
	int id;               /* 0: a free slot */
} tm[VY_TIMER_MAX];
static int tm_next_id;

static int timer_due(uint64_t *next);

int vy_timer_start(uint32_t ms, bool repeat)
{
	sdk_timer_due = timer_due;
	for (int i = 0; i < VY_TIMER_MAX; i++) {
		if (tm[i].id)
			continue;
		tm[i].period = repeat ? (uint64_t)(ms ? ms : 1) * 1000000u : 0;
		tm[i].due = vy_time_ns() + (uint64_t)ms * 1000000u;
		tm[i].id = ++tm_next_id > 0 ? tm_next_id : (tm_next_id = 1);
		return tm[i].id;
	}
	return -1;
}

void vy_timer_stop(int id)
{
	for (int i = 0; i < VY_TIMER_MAX; i++)
		if (tm[i].id == id)
			tm[i].id = 0;
}

static int timer_due(uint64_t *next)
{
	uint64_t now = vy_time_ns();
	int pick = -1;

	*next = 0;
	for (int i = 0; i < VY_TIMER_MAX; i++) {
		if (!tm[i].id)
			continue;
		if (pick < 0 || tm[i].due < tm[pick].due)
			pick = i;
	}
	if (pick < 0)
		return 0;
	if (tm[pick].due > now) {
		*next = tm[pick].due;
		return 0;
	}
	int id = tm[pick].id;
	if (tm[pick].period) {
		/* Late by more than a period: skip the missed ticks, no burst. */
		tm[pick].due += tm[pick].period;
		if (tm[pick].due <= now)
			tm[pick].due = now + tm[pick].period;
	} else {
		tm[pick].id = 0;
	}
	return id;
}
