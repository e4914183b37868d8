/* t-echo: test command: writes its arguments joined by spaces and a newline. */
#include "../tcmd.h"

int main(void)
{
	char a[4096];
	tc_init();
	for (size_t i = 1; i < tc_argc(); i++) {
		tc_arg(i, a, sizeof a);
		if ((i > 1 && tc_write(" ", 1) < 0) || tc_write(a, strlen(a)) < 0)
			return 1;
	}
	return tc_write("\n", 1) < 0;
}
