/* fuzz_cmd_tail: libFuzzer target for tail (apps/tail/main.c), the whole
 * command from its arguments and stdin (fuzz/cmdhost.h), under ASan and
 * UBSan. Invariants beyond no report, from tail's header and POSIX/busybox:
 * the status is 0 or 1, and 1 exactly when something was said on stderr
 * (and then nothing is printed); and with options -n [+]N, -c [+]N or -N
 * (N digits, the last counting; fuzz/cmdnum.h), the output is exactly the
 * end of stdin: its last N lines (10; a last line without '\n' counts) or
 * bytes, or with +N from line or byte N on (+0 as +1). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/tail/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

#include "cmdnum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "tail", app_main);
	int st = cmdhost_status01();

	long long n;
	bool bytes, from;
	if (!cmdnum_options(&n, &bytes, &from, true))
		return 0;
	CHECK(st == 0);
	const uint8_t *in = cmdhost_in;
	size_t len = cmdhost_in_n, start = len; /* the output is in[start, len) */
	unsigned long long un = (unsigned long long)n;
	if (bytes && from) {
		start = un <= 1 ? 0 : un - 1 < len ? (size_t)(un - 1) : len;
	} else if (bytes) {
		start = un < len ? len - (size_t)un : 0;
	} else if (from) {
		start = 0; /* past n - 1 newlines */
		for (unsigned long long k = 1; k < un && start < len; k++) {
			const uint8_t *nl = memchr(in + start, '\n', len - start);
			start = nl ? (size_t)(nl - in) + 1 : len;
		}
	} else {
		/* the lines, each up to its '\n' or the end */
		size_t lines = 0, i;
		for (i = 0; i < len; i++)
			lines += in[i] == '\n' || i == len - 1;
		unsigned long long skip = un < lines ? lines - un : 0;
		for (start = 0; skip > 0; skip--) {
			const uint8_t *nl = memchr(in + start, '\n', len - start);
			start = nl ? (size_t)(nl - in) + 1 : len;
		}
	}
	CHECK(cmdhost.out_n == len - start && !memcmp(cmdhost.out, in + start, len - start));
	return 0;
}
