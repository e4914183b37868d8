/* fuzz_cmd_head: libFuzzer target for head (apps/head/main.c), the whole
 * command from its arguments and stdin (fuzz/cmdhost.h), under ASan and
 * UBSan: its options and its line reader (sdk/cmdin.c). Invariants beyond
 * no report, from head's header and POSIX/busybox: the status is 0 or 1,
 * and 1 exactly when something was said on stderr (and then nothing is
 * printed); and with options -n N, -c N or -N (N digits, the last
 * counting; fuzz/cmdnum.h), the output is exactly the first N lines of
 * stdin (10; a last line without '\n' counts) or its first N bytes. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/head/main.c"
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
	cmdhost_run(data, size, "head", app_main);
	int st = cmdhost_status01();

	long long n;
	bool bytes, from;
	if (!cmdnum_options(&n, &bytes, &from, false))
		return 0;
	CHECK(st == 0);
	size_t len = 0;
	if (bytes) {
		len = (unsigned long long)n < cmdhost_in_n ? (size_t)n : cmdhost_in_n;
	} else {
		for (long long k = 0; k < n && len < cmdhost_in_n; k++) {
			const uint8_t *nl = memchr(cmdhost_in + len, '\n', cmdhost_in_n - len);
			len = nl ? (size_t)(nl - cmdhost_in) + 1 : cmdhost_in_n;
		}
	}
	CHECK(cmdhost.out_n == len && !memcmp(cmdhost.out, cmdhost_in, len));
	return 0;
}
