/* fuzz_cmd_sort: libFuzzer target for sort (apps/sort/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin): its key parser, its fields and comparisons and the merge sort,
 * under ASan and UBSan. Invariants beyond no report: the status is 0 or 2
 * (trouble, as POSIX says), and 2 exactly when something was said on
 * stderr. When it ran (not --help), each output line ends with '\n' and
 * the output's lines are stdin's (a last line without '\n' gets one): the
 * same lines without -u; with -u some of them, none twice (identical lines
 * have equal keys); and sorted, so that the same command on its own output
 * gives that output again. On the same stdin, sort with no options gives
 * its lines in the order of their bytes (a shorter line before one it
 * starts). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/sort/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

struct ln {
	const char *p;
	size_t n;
};
static struct ln lin[CMDHOST_OUT + 1], lout[CMDHOST_OUT + 1];
static char first[CMDHOST_OUT + 1];

static int bytes(const struct ln *a, const struct ln *b)
{
	int c = memcmp(a->p, b->p, a->n < b->n ? a->n : b->n);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

static int qbytes(const void *a, const void *b) { return bytes(a, b); }

/* The lines of s: each ended by '\n', but a last one may lack it. */
static size_t lines(const char *s, size_t n, struct ln *v)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t l = e ? (size_t)(e - (s + i)) : n - i;
		v[k++] = (struct ln){s + i, l};
		i += l + 1;
	}
	return k;
}

/* Whether the run's options hold -u; -1 when this cannot tell. */
static int unique(void)
{
	const char *v;
	int c, u = 0;
	cmdhost_opts();
	while ((c = cmdhost_opt("nrufbst:k:", &v)) != -1) {
		if (c == '?')
			return -1;
		u |= c == 'u';
	}
	return u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "sort", app_main);
	CHECK(cmdhost.status == 0 || cmdhost.status == 2);
	CHECK((cmdhost.status == 2) == (cmdhost.err_n > 0));
	const char *in = (const char *)cmdhost_in;
	size_t n = cmdhost_in_n, o = cmdhost.out_n;
	int u = unique();
	if (n > CMDHOST_OUT) /* more lines than lin holds */
		return 0;
	if (!cmdhost.status && o < CMDHOST_OUT && !cmdhost_helped() && u >= 0) {
		memcpy(first, cmdhost.out, o + 1);
		CHECK(!o || first[o - 1] == '\n');
		size_t ni = lines(in, n, lin), no = lines(first, o, lout);
		qsort(lin, ni, sizeof *lin, qbytes);
		qsort(lout, no, sizeof *lout, qbytes);
		size_t i = 0;
		for (size_t j = 0; j < no; j++, i++) {
			CHECK(!u || !j || bytes(&lout[j - 1], &lout[j]) != 0);
			while (u && i < ni && bytes(&lin[i], &lout[j]) < 0)
				i++;
			CHECK(i < ni && bytes(&lin[i], &lout[j]) == 0);
		}
		CHECK(u || i == ni);

		/* sorted: the same arguments on the output */
		if (cmdhost_again(cmdhost_args(), (const uint8_t *)first, o, "sort", app_main))
			CHECK(cmdhost.status == 0 && cmdhost.out_n == o && !memcmp(cmdhost.out, first, o));
	}

	/* no options: in the order of the bytes */
	if (!cmdhost_again((const char *[]){NULL}, (const uint8_t *)in, n, "sort", app_main))
		return 0;
	CHECK(cmdhost.status == 0);
	size_t no = lines(cmdhost.out, cmdhost.out_n, lout);
	CHECK(no == lines(in, n, lin));
	for (size_t j = 1; j < no; j++)
		CHECK(bytes(&lout[j - 1], &lout[j]) <= 0);
	return 0;
}
