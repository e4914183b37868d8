/* fuzz_cmd_tac: libFuzzer target for tac (apps/tac/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin), under ASan and UBSan. Invariants beyond no report: the status is
 * 0 or 1, and 1 exactly when something was said on stderr (an option, a
 * file operand). When it ran (not --help), the output is stdin's lines
 * last first, each as it was (a last line without '\n' first, without
 * one, as the header and busybox say): so exactly as long as stdin. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/tac/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "tac", app_main);
	cmdhost_said();
	if (cmdhost.status || cmdhost_helped() || cmdhost_in_n >= CMDHOST_OUT)
		return 0;
	const char *in = (const char *)cmdhost_in, *out = cmdhost.out;
	size_t n = cmdhost_in_n, o = 0;
	CHECK(cmdhost.out_n == n);
	for (size_t e = n; e > 0;) { /* stdin's lines from the last */
		size_t s = e - 1;
		while (s > 0 && in[s - 1] != '\n')
			s--;
		CHECK(!memcmp(out + o, in + s, e - s));
		o += e - s, e = s;
	}
	return 0;
}
