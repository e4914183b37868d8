/* fuzz_cmd_nl: libFuzzer target for nl (apps/nl/main.c), the whole command
 * from one input (fuzz/cmdhost.h: arguments up to "\0\0", then stdin),
 * under ASan and UBSan. Invariants beyond no report: the status is 0 or 1,
 * and 1 exactly when something was said on stderr. When it ran (not
 * --help; -b -i -s -v -w read again as vy_opt_next took them), the output
 * is what the header says, byte for byte: each line of stdin (a last one
 * without '\n' gets one) after its number, right-aligned in WIDTH columns
 * (wider when it has more digits), and SEP; the numbers from -v's on by
 * -i's; numbered are all lines (-b a), the non-empty ones (t, the
 * default) or none (any other style); a line not numbered is after WIDTH
 * and SEP's length in spaces. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define NL_WIDTH_MAX 1000 /* the same refusal, sooner */
#define main app_main
#include "../apps/nl/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

static char want[CMDHOST_OUT];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "nl", app_main);
	cmdhost_said();
	const char *v, *sep = "\t";
	int c;
	bool known = true;
	char style = 't';
	unsigned long long num = 1, inc = 1, w = 6;
	cmdhost_opts();
	while ((c = cmdhost_opt("b:i:s:v:w:", &v)) != -1) {
		known &= c != '?';
		if (c == 'b')
			style = *v;
		else if (c == 's')
			sep = v;
		else if (c == 'i' || c == 'v' || c == 'w')
			*(c == 'i' ? &inc : c == 'v' ? &num : &w) = strtoull(v, NULL, 10);
	}
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !known)
		return 0;
	const char *in = (const char *)cmdhost_in;
	size_t n = cmdhost_in_n, k = 0, sl = strlen(sep);
	for (size_t i = 0; i < n;) {
		const char *e = memchr(in + i, '\n', n - i);
		size_t len = e ? (size_t)(e - (in + i)) : n - i;
		if (k + w + sl + len + 32 > sizeof want)
			return 0;
		if (style == 'a' || (style == 't' && len)) {
			k += (size_t)snprintf(want + k, sizeof want - k, "%*llu", (int)w, num);
			memcpy(want + k, sep, sl);
			num += inc;
		} else {
			memset(want + k, ' ', w + sl);
			k += w;
		}
		k += sl;
		memcpy(want + k, in + i, len);
		k += len;
		want[k++] = '\n';
		i += len + 1;
	}
	CHECK(cmdhost.out_n == k && !memcmp(cmdhost.out, want, k));
	return 0;
}
