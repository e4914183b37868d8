/* fuzz_cmd_fold: libFuzzer target for fold (apps/fold/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin): its options, its column count (tabs, backspace, CR, UTF-8) and
 * its breaks, under ASan and UBSan. Invariants beyond no report: the
 * status is 0 or 1, and 1 exactly when something was said on stderr. When
 * it ran (not --help; -b and -w read again as vy_opt_next took them), the
 * output is stdin with newlines put in, nothing else changed; and no
 * output line goes past WIDTH columns, counted as the header says (-b:
 * bytes; else a tab to the next multiple of 8, backspace back one, CR to
 * 0, a UTF-8 continuation byte nothing), but a line of one byte, which
 * fold must print however wide (a tab wider than WIDTH). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/fold/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "fold", app_main);
	cmdhost_said();
	const char *v;
	int c;
	bool bytes = false, known = true;
	long long w = 80;
	cmdhost_opts();
	while ((c = cmdhost_opt("bsw:", &v)) != -1) {
		known &= c != '?';
		bytes |= c == 'b';
		if (c == 'w')
			w = strtoll(v, NULL, 10);
	}
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !known)
		return 0;
	const char *in = (const char *)cmdhost_in, *out = cmdhost.out;
	size_t n = cmdhost_in_n, on = cmdhost.out_n, i = 0;
	for (size_t j = 0; j < on; j++) {
		if (i < n && out[j] == in[i])
			i++;
		else
			CHECK(out[j] == '\n'); /* one fold put in */
	}
	CHECK(i == n);
	for (size_t s = 0; s < on;) {
		const char *e = memchr(out + s, '\n', on - s);
		size_t len = e ? (size_t)(e - (out + s)) : on - s;
		unsigned long long col = 0;
		for (size_t k = 0; k < len; k++) {
			unsigned char ch = (unsigned char)out[s + k];
			col = bytes ? col + 1 : ch == '\t' ? (col / 8 + 1) * 8 : ch == '\b' ? (col ? col - 1 : 0)
			      : ch == '\r' ? 0 : (ch & 0xc0) == 0x80 ? col : col + 1;
			CHECK(col <= (unsigned long long)w || len == 1);
		}
		s += len + 1;
	}
	return 0;
}
