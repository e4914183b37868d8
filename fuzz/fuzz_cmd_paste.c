/* fuzz_cmd_paste: libFuzzer target for paste (apps/paste/main.c), the
 * whole command from one input (fuzz/cmdhost.h: arguments up to "\0\0",
 * then stdin), under ASan and UBSan. A command's host here has no /data
 * (no preopens), so vy_rd_open below is what sdk/cmdfs.c's gives there:
 * "-" is stdin, any other path is not found. Invariants beyond no report:
 * the status is 0 or 1, and 1 exactly when something was said on stderr
 * (a file that is not there). When it ran with stdin alone (operands all
 * "-", or none; not --help; -d -s read again as vy_opt_next took them),
 * the output is exactly what busybox paste gives: with K operands, stdin's
 * lines K to a row, joined by the characters of -d LIST (TAB) in turn, the
 * last row's missing ones empty; with -s, the first "-" takes all lines,
 * joined the same way, and each further one an empty line. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/paste/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
int vy_rd_open(struct vy_rd *r, const char *path)
{
	if (strcmp(path, "-") != 0)
		return vy_cmd_errs(path, ": no such file or directory");
	vy_rd_stdin(r);
	return 0;
}
CMDHOST_APP_END

static char want[CMDHOST_OUT];
static struct {
	const char *p;
	size_t n;
} line[CMDHOST_OUT];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "paste", app_main);
	cmdhost_said();
	const char *v, *d = "\t";
	int c;
	bool known = true, serial = false;
	cmdhost_opts();
	while ((c = cmdhost_opt("d:s", &v)) != -1) {
		known &= c != '?';
		serial |= c == 's';
		if (c == 'd')
			d = v;
	}
	size_t k = 0, nd = strlen(d), nl = 0, w = 0;
	const char *const *a = cmdhost_args();
	for (bool dashes = false; *a; a++) { /* the operands, all "-" */
		if (!dashes && !strcmp(*a, "--")) {
			dashes = true;
			continue;
		}
		if (!dashes && (*a)[0] == '-' && (*a)[1]) { /* an option */
			const char *o = strchr(*a, 'd');
			a += o && !o[1] && a[1]; /* -d's value is the next word */
			continue;
		}
		known &= !strcmp(*a, "-");
		k++;
	}
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !known || k > 32)
		return 0;
	k += !k;
	const char *in = (const char *)cmdhost_in;
	size_t n = cmdhost_in_n;
	for (size_t i = 0; i < n; nl++) {
		const char *e = memchr(in + i, '\n', n - i);
		line[nl].p = in + i;
		line[nl].n = e ? (size_t)(e - (in + i)) : n - i;
		i += line[nl].n + 1;
	}
	if (n + 2 * nl + k + 1 > sizeof want)
		return 0;
	for (size_t r = 0; r < (serial ? k : (nl + k - 1) / k); r++) {
		size_t from = serial ? (r ? nl : 0) : r * k, to = serial ? nl : from + k;
		for (size_t f = from; f < to; f++) {
			if (f > from)
				want[w++] = d[(f - from - 1) % nd];
			if (f < nl)
				memcpy(want + w, line[f].p, line[f].n), w += line[f].n;
		}
		want[w++] = '\n';
	}
	CHECK(cmdhost.out_n == w && !memcmp(cmdhost.out, want, w));
	return 0;
}
