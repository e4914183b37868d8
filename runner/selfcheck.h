/* selfcheck: `vyoma-run --sandbox-check`, the sandbox proven from inside. */
#ifndef VYOMA_RUNNER_SELFCHECK_H
#define VYOMA_RUNNER_SELFCHECK_H

/* Call after sbx_apply. Tries what the policy must refuse (and what it must
 * still allow) and prints one line per probe, "sandbox <probe> denied" or
 * "sandbox <probe> allowed". 0 when every result is the expected one. */
int selfcheck_run(unsigned caps);

#endif
