/* fuzz_cmd_tr: libFuzzer target for tr (apps/tr/main.c), the whole command
 * from one input (fuzz/cmdhost.h: arguments up to "\0\0", then stdin): its
 * SET parser (ranges, escapes, classes, -c) and its byte loop, under ASan
 * and UBSan. Invariants beyond no report: the status is 0 or 1, and 1
 * exactly when something was said on stderr. When it ran, not for --help
 * (the options and operands as vy_opt_next takes them, read again here):
 * translating, the output has stdin's length and is a function of it
 * byte by byte (one byte always becomes the same byte); -d, the output is
 * stdin less a set of byte values (a value is always deleted or always
 * kept); -s, the output is what the same command without -s gives (stdin
 * itself for -s SET1 alone) with some byte values' runs squeezed to one
 * (a value's runs are always squeezed or never). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/tr/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/cmdre.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

static char first[CMDHOST_OUT + 1], opbuf[2][CMDHOST_OUT + 1];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "tr", app_main);
	cmdhost_said();
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped())
		return 0;

	/* the options (a word of -c -d -s -C, anywhere before "--") and the
	 * operands, as vy_opt_next permutes them; it ran, so no other option */
	bool comp = false, del = false, sq = false, dashes = false;
	const char *ops[2] = {NULL};
	size_t nops = 0;
	for (size_t i = 1; i < cmdhost_argc; i++) {
		const char *a = (const char *)cmdhost_argv[i].ptr;
		size_t l = cmdhost_argv[i].len;
		if (!dashes && l == 2 && !memcmp(a, "--", 2)) {
			dashes = true;
		} else if (!dashes && l > 1 && a[0] == '-') {
			for (size_t j = 1; j < l; j++)
				comp |= a[j] == 'c' || a[j] == 'C', del |= a[j] == 'd', sq |= a[j] == 's';
		} else {
			CHECK(nops < 2 && l <= CMDHOST_OUT);
			memcpy(opbuf[nops], a, l); /* the input's may have no NUL */
			opbuf[nops][l] = '\0';
			ops[nops] = opbuf[nops];
			nops++;
		}
	}
	const uint8_t *in = cmdhost_in;
	size_t n = cmdhost_in_n, o = cmdhost.out_n;
	memcpy(first, cmdhost.out, o);

	if (!sq && !del) { /* translated: a function of each byte */
		int to[256];
		memset(to, -1, sizeof to);
		CHECK(o == n);
		for (size_t i = 0; i < n; i++) {
			CHECK(to[in[i]] < 0 || to[in[i]] == (uint8_t)first[i]);
			to[in[i]] = (uint8_t)first[i];
		}
		return 0;
	}
	if (!sq) { /* deleted: a set of values, the rest kept in order */
		signed char kept[256];
		size_t j = 0;
		memset(kept, -1, sizeof kept);
		for (size_t i = 0; i < n; i++) {
			bool k = j < o && (uint8_t)first[j] == in[i];
			CHECK(kept[in[i]] < 0 || kept[in[i]] == k);
			kept[in[i]] = k;
			j += k;
		}
		CHECK(j == o);
		return 0;
	}

	/* squeezed: against the same command without -s */
	const char *t = (const char *)in;
	size_t tn = n;
	if (del || nops == 2) {
		const char *args[6] = {NULL}, **a = args;
		if (comp || del)
			*a++ = comp && del ? "-cd" : comp ? "-c" : "-d";
		*a++ = "--";
		for (size_t i = 0; i < nops; i++)
			*a++ = ops[i];
		if (!cmdhost_again(args, in, n, "tr", app_main))
			return 0;
		CHECK(cmdhost.status == 0);
		t = cmdhost.out, tn = cmdhost.out_n;
	}
	signed char squeezed[256];
	memset(squeezed, -1, sizeof squeezed);
	for (size_t i = 0, j = 0; i < tn || j < o;) {
		CHECK(i < tn && j < o && t[i] == first[j]);
		uint8_t b = (uint8_t)t[i];
		size_t ri = i, rj = j;
		while (i < tn && t[i] == (char)b)
			i++;
		while (j < o && first[j] == (char)b)
			j++;
		if (i - ri > 1) { /* a run: kept whole or squeezed to one */
			bool s = j - rj == 1;
			CHECK(s || j - rj == i - ri);
			CHECK(squeezed[b] < 0 || squeezed[b] == s);
			squeezed[b] = s;
		} else {
			CHECK(j - rj == 1);
		}
	}
	return 0;
}
