/* spammer: an app that logs without pause (issue 11, item 4): VYOMA_READY,
 * then lines of about 100 bytes on stderr, in bursts of 100 with a 10 ms
 * rest between them (some 1 MB/s, a hundred times what a serial console
 * drains), forever. It needs no capability but stdio to stall a supervisor
 * that writes its console blocking. tests/integration/test_console_flood.py. */
#include <vyoma.h>

#define SPAM_BURST 100
#define SPAM_REST_MS 10

int main(void)
{
	vy_sys_ready();
	for (long i = 0;; i++) {
		vy_log("spam %08ld ................................................................", i);
		if (i % SPAM_BURST == SPAM_BURST - 1)
			vy_time_sleep(SPAM_REST_MS);
	}
}
