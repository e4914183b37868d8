/* t-exit: test command: exits at once with status 0, or 1 when its first
 * argument is not "0" (WASI 0.2 exit carries ok or error only). */
#include "../tcmd.h"

int main(void)
{
	char a[8];
	tc_init();
	return tc_argc() > 1 && strcmp(tc_arg(1, a, sizeof a), "0") != 0;
}
