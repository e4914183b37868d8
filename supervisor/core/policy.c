/* policy: what happens after an app exits on its own. Kept free of any
 * state but its arguments so the arithmetic (backoff doubling, the sliding
 * give-up window, the runner's exit codes) is unit tested exactly. */
#include "policy.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

enum pol_exit pol_classify(int wstatus)
{
	if (WIFEXITED(wstatus)) {
		if (WEXITSTATUS(wstatus) == 0)
			return POL_OK;
		if (WEXITSTATUS(wstatus) == RUN_EXIT_REFUSED)
			return POL_REFUSED;
	}
	return POL_FAIL;
}

static const char *pol_code_meaning(int code)
{
	static const struct {
		int code;
		const char *meaning;
	} codes[] = {
		{ 0, "success" },
		{ 1, "failure" },
		{ RUN_EXIT_REFUSED, "refused by the import audit or bad arguments" },
		{ RUN_EXIT_MEMCAP, "memory cap exceeded" },
		{ RUN_EXIT_TRAP, "trap" },
		{ RUN_EXIT_SETUP, "runtime setup failure" },
		{ 127, "runner not found" },
	};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i].code == code)
			return codes[i].meaning;
	return "failure";
}

void pol_describe(int wstatus, char *buf, unsigned len)
{
	if (WIFEXITED(wstatus))
		snprintf(buf, len, "exit %d (%s)", WEXITSTATUS(wstatus),
			 pol_code_meaning(WEXITSTATUS(wstatus)));
	else if (WIFSIGNALED(wstatus))
		snprintf(buf, len, "signal %d (%s)", WTERMSIG(wstatus),
			 strsignal(WTERMSIG(wstatus)));
	else
		snprintf(buf, len, "status 0x%x", (unsigned)wstatus);
}

uint64_t pol_backoff_ms(unsigned level)
{
	if (level >= 5) /* 1 s << 5 = 32 s, already past the cap */
		return POL_BACKOFF_MAX_MS;
	uint64_t ms = (uint64_t)POL_BACKOFF_BASE_MS << level;
	return ms > POL_BACKOFF_MAX_MS ? POL_BACKOFF_MAX_MS : ms;
}

bool pol_record_failure(struct pol_hist *h, uint64_t now_ms, unsigned window_secs,
			unsigned max_failures)
{
	uint64_t window = (uint64_t)window_secs * 1000u;
	unsigned keep = 0;

	/* Forget failures that left the window. */
	for (unsigned i = 0; i < h->n; i++)
		if (now_ms - h->at_ms[i] < window || window == 0)
			h->at_ms[keep++] = h->at_ms[i];
	h->n = keep;
	if (h->n == POL_HIST_MAX) {
		memmove(h->at_ms, h->at_ms + 1, (POL_HIST_MAX - 1) * sizeof h->at_ms[0]);
		h->n--;
	}
	h->at_ms[h->n++] = now_ms;
	if (max_failures == 0)
		return false;
	if (max_failures > POL_HIST_MAX)
		max_failures = POL_HIST_MAX;
	return h->n >= max_failures;
}

enum pol_verdict pol_decide(enum restart_policy p, enum pol_exit e, bool gave_up)
{
	static const enum pol_verdict table[3][3] = {
		/*                    OK           FAIL         REFUSED */
		[RESTART_NEVER]      = { POL_DONE,    POL_DONE,    POL_GIVE_UP },
		[RESTART_ON_FAILURE] = { POL_DONE,    POL_RESTART, POL_GIVE_UP },
		[RESTART_ALWAYS]     = { POL_RESTART, POL_RESTART, POL_GIVE_UP },
	};
	enum pol_verdict v;

	if ((unsigned)p > RESTART_ALWAYS || (unsigned)e > POL_REFUSED)
		return POL_GIVE_UP;
	v = table[p][e];
	if (v == POL_RESTART && gave_up && e == POL_FAIL)
		return POL_GIVE_UP;
	return v;
}
