/* t-yes: test command: writes "y" lines (or its argument) until the reader
 * goes away, then exits 1: the flooder of the pipeline tests. */
#include "../tcmd.h"

static char block[4096];

int main(void)
{
	char w[64] = "y";
	size_t n = 0, wl;

	tc_init();
	if (tc_argc() > 1)
		tc_arg(1, w, sizeof w - 1);
	wl = strlen(w);
	w[wl++] = '\n';
	while (n + wl <= sizeof block) {
		memcpy(block + n, w, wl);
		n += wl;
	}
	while (tc_write(block, n) == 0)
		;
	return 1;
}
