/* fuzz_cmd_seq: libFuzzer target for seq (apps/seq/main.c), the whole
 * command from its arguments (fuzz/cmdhost.h), under ASan and UBSan.
 * stdout is cut at SEQ_CUT bytes, as a pipe into `head` is, since seq
 * promises every number up to 2^63. Invariants beyond no report, from
 * seq's header and busybox: the status is 0 or 1; 1 prints nothing and
 * says why on stderr, 0 says nothing on stderr; and for `seq [-w]...
 * [FIRST [INC]] LAST` with integer operands, the output is FIRST,
 * FIRST+INC, ... (each a line) for as long as they do not pass LAST (none
 * when INC is 0 or FIRST is already past it), with -w each as wide as the
 * wider of FIRST and LAST, and it ends at the last one that does not pass
 * LAST, unless stdout was cut first. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/seq/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

#define SEQ_CUT 16384

static int width_of(long long v)
{
	char b[32];
	return snprintf(b, sizeof b, "%lld", v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_out_cut = SEQ_CUT;
	cmdhost_run(data, size, "seq", app_main);
	int st = cmdhost.status;
	CHECK(st == 0 || st == 1);
	if (st == 1) {
		CHECK(cmdhost.out_n == 0 && cmdhost.err_n > 0);
		return 0;
	}
	CHECK(cmdhost.err_n == 0);

	/* [-w]... then 1 to 3 integers */
	char buf[64];
	size_t i = 1;
	bool w = false;
	for (; i < cmdhost_argc && cmdhost_arg(i, buf, sizeof buf) && !strcmp(buf, "-w"); i++)
		w = true;
	long long v[3] = {1, 1, 0};
	size_t n = cmdhost_argc - i;
	if (n < 1 || n > 3)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (!cmdhost_arg(i + k, buf, sizeof buf) || cmdhost_int(buf, &v[k == n - 1 ? 2 : k == 0 && n > 1 ? 0 : 1]) < 0)
			return 0;

	long long first = v[0], inc = v[1], last = v[2];
	if (inc == 0 || (inc > 0 ? first > last : first < last)) {
		CHECK(cmdhost.out_n == 0);
		return 0;
	}
	int width = w ? (width_of(first) > width_of(last) ? width_of(first) : width_of(last)) : 0;
	__int128 x = first;
	const char *p = cmdhost.out, *end = cmdhost.out + cmdhost.out_n;
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			/* only a cut leaves a part of a line, or ends early */
			CHECK(cmdhost_out_failed);
			break;
		}
		long long got;
		char line[64];
		CHECK(nl - p < (long)sizeof line);
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		CHECK(!cmdhost_int(line, &got) && *line != '+' && got == x);
		if (w)
			CHECK(nl - p == width);
		else
			CHECK(nl - p == width_of(got));
		p = nl + 1;
		x += inc;
		if (inc > 0 ? x > last : x < last) {
			CHECK(p == end); /* the last number that does not pass LAST */
			break;
		}
	}
	return 0;
}
