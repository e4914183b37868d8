/* policy: restart decisions, backoff and give-up arithmetic (pure). */
#ifndef VYOMA_POLICY_H
#define VYOMA_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>

#include "manifest.h"
#include "runexit.h" /* the runner's exit codes */

#ifndef W_EXITCODE /* glibc has it, musl does not */
#define W_EXITCODE(ret, sig) ((ret) << 8 | (sig))
#endif

#define POL_BACKOFF_BASE_MS 1000u
#define POL_BACKOFF_MAX_MS  30000u
/* A run at least this long resets the backoff to its base. */
#define POL_STABLE_MS       10000u
#define POL_HIST_MAX        64u


enum pol_exit {
	POL_OK,      /* exit code 0 */
	POL_FAIL,    /* other codes, signals (watchdog and kill included) */
	POL_REFUSED, /* 70: never worth a retry */
};

enum pol_verdict {
	POL_DONE,    /* stays stopped */
	POL_RESTART, /* start again after pol_backoff_ms() */
	POL_GIVE_UP, /* failed: too many failures in the window, or refused */
};

/* Failure times inside the window, newest last. */
struct pol_hist {
	uint64_t at_ms[POL_HIST_MAX];
	unsigned n;
};

/* A waitpid() status. */
enum pol_exit pol_classify(int wstatus);
/* "exit 1 (failure)", "signal 9 (Killed)", "exit 71 (memory cap exceeded)". */
void pol_describe(int wstatus, char *buf, unsigned len);
/* Delay before restart number `level` (0-based): 1 s, 2 s, 4 s, ... 30 s. */
uint64_t pol_backoff_ms(unsigned level);
/* Record a failure at now_ms; true when max_failures (0: never) have now
 * happened within window_secs. */
bool pol_record_failure(struct pol_hist *h, uint64_t now_ms, unsigned window_secs,
			unsigned max_failures);
/* What to do after an exit the app was not asked to make. */
enum pol_verdict pol_decide(enum restart_policy p, enum pol_exit e, bool gave_up);

#endif
