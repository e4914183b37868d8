/* fuzz_cmd_wc: libFuzzer target for wc (apps/wc/main.c), the whole command
 * from its arguments and stdin (fuzz/cmdhost.h), under ASan and UBSan.
 * Invariants beyond no report, from wc's header and busybox: the status is
 * 0 or 1, and 1 exactly when something was said on stderr (and then
 * nothing is printed); and with options from -l -w -c -m -L (none: -l -w
 * -c), the output is the counts asked for, in the order lines, words,
 * characters, bytes, longest line, counted here on their own: lines are
 * '\n's, a word starts at printable ASCII and ends at a space (' ', '\t'
 * to '\r'), a character is a byte that does not continue UTF-8 (10xxxxxx),
 * and a line's length counts characters, a tab to the next multiple of 8;
 * one count bare, several each right-aligned in 9 columns, a space between;
 * then a newline. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/wc/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "wc", app_main);
	int st = cmdhost_status01();

	static const char order[] = "lwmcL";
	int want = 0;
	char a[64];
	for (size_t i = 1; i < cmdhost_argc; i++) {
		if (!cmdhost_arg(i, a, sizeof a) || a[0] != '-' || !a[1] || strspn(a + 1, order) != strlen(a + 1))
			return 0;
		for (const char *p = a + 1; *p; p++)
			want |= 1 << (strchr(order, *p) - order);
	}
	want = want ? want : 1 | 2 | 8;
	CHECK(st == 0);
	unsigned long long cnt[5] = {0}, col = 0;
	bool word = false;
	for (size_t i = 0; i < cmdhost_in_n; i++) {
		unsigned char b = cmdhost_in[i];
		bool cont = (b & 0xc0) == 0x80;
		cnt[0] += b == '\n';
		if (b > ' ' && b < 0x7f && !word)
			cnt[1]++;
		word = b > ' ' && b < 0x7f ? true : b == ' ' || (b >= '\t' && b <= '\r') ? false : word;
		cnt[2] += !cont;
		cnt[3]++;
		if (b == '\n')
			col = 0;
		else if (!cont)
			col = b == '\t' ? col / 8 * 8 + 8 : col + 1;
		cnt[4] = col > cnt[4] ? col : cnt[4];
	}
	bool single = !(want & (want - 1)), first = true;
	cmdhost_want_n = 0;
	for (int i = 0; i < 5; i++)
		if (want & 1 << i) {
			cmdhost_emit(single ? "%llu" : first ? "%9llu" : " %9llu", cnt[i]);
			first = false;
		}
	cmdhost_emit("\n");
	CHECK(cmdhost_out_is_want());
	return 0;
}
