/* fuzz_cmd_strings: libFuzzer target for strings (apps/strings/main.c),
 * the whole command from its arguments and stdin (fuzz/cmdhost.h), under
 * ASan and UBSan. Invariants beyond no report, from its header and
 * busybox: the status is 0 or 1, and 1 exactly when something was said on
 * stderr (and then nothing is printed); -n N is taken exactly when N is an
 * integer 1..4096; and with options -n N (N digits; 4 when none), the
 * output is exactly, found here on its own, each run of stdin of at least
 * N printable characters (' '..'~' and tab), on a line of its own. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/strings/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "strings", app_main);
	int st = cmdhost_status01();

	long long min = 4;
	char a[64];
	for (size_t i = 1; i < cmdhost_argc; i++) {
		if (!cmdhost_arg(i, a, sizeof a) || strncmp(a, "-n", 2) || !strcmp(a, "--help"))
			return 0;
		if (!a[2] && !cmdhost_arg(++i, a + 2, sizeof a - 2))
			return 0;
		if (a[2] == '-' || a[2] == '+' || cmdhost_int(a + 2, &min) < 0)
			return 0;
		if (min < 1 || min > 4096) {
			CHECK(st == 1);
			return 0;
		}
	}
	CHECK(st == 0);
	cmdhost_want_n = 0;
	for (size_t i = 0, start = 0; i <= cmdhost_in_n; i++) {
		unsigned char b = i < cmdhost_in_n ? cmdhost_in[i] : 0;
		if ((b >= ' ' && b <= '~') || b == '\t')
			continue;
		if (i - start >= (unsigned long long)min)
			cmdhost_emit("%.*s\n", (int)(i - start), (const char *)cmdhost_in + start);
		start = i + 1;
	}
	CHECK(cmdhost_out_is_want());
	return 0;
}
