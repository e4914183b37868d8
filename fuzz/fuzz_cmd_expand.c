/* fuzz_cmd_expand: libFuzzer target for expand (apps/expand/main.c), the
 * whole command from one input (fuzz/cmdhost.h: arguments up to "\0\0",
 * then stdin), under ASan and UBSan. Invariants beyond no report: the
 * status is 0 or 1, and 1 exactly when something was said on stderr. When
 * it ran (not --help; -i and -t read again as vy_opt_next took them), the
 * output is stdin with each tab it turns (every one, or with -i those with
 * only blanks before them on their line) made the spaces to the next tab
 * stop, a multiple of -t's N (8) columns: as the header and POSIX say,
 * each byte a column but a UTF-8 continuation byte, from 0 at each line.
 * Every other byte is as it was. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define EXPAND_TAB_MAX 1000 /* the same refusal, sooner */
#define main app_main
#include "../apps/expand/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "expand", app_main);
	cmdhost_said();
	const char *v;
	int c;
	bool initial = false, known = true;
	long long t = 8;
	cmdhost_opts();
	while ((c = cmdhost_opt("it:", &v)) != -1) {
		known &= c != '?';
		initial |= c == 'i';
		if (c == 't')
			t = strtoll(v, NULL, 10);
	}
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !known)
		return 0;
	const char *in = (const char *)cmdhost_in, *out = cmdhost.out;
	size_t n = cmdhost_in_n, on = cmdhost.out_n, j = 0;
	long long col = 0;
	bool lead = true;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)in[i];
		if (ch == '\t' && (lead || !initial)) {
			long long k = t - col % t;
			CHECK(on - j >= (size_t)k);
			for (; k; k--, col++)
				CHECK(out[j++] == ' ');
			continue;
		}
		CHECK(j < on && out[j++] == (char)ch);
		lead &= ch == ' ';
		col += (ch & 0xc0) != 0x80;
		if (ch == '\n')
			col = 0, lead = true;
	}
	CHECK(j == on);
	return 0;
}
