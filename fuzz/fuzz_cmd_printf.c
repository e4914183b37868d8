/* fuzz_cmd_printf: libFuzzer target for printf (apps/printf/main.c), the
 * whole command from its arguments (fuzz/cmdhost.h), under ASan and UBSan:
 * its format and escape parsing and its own integer conversions. stdout
 * is cut at PRINTF_CUT bytes (as a pipe into `head` is): a width of
 * 2^31 - 1 is promised. Invariants beyond no report, from printf's header
 * and POSIX: the status is 0 or 1, and 1 exactly when something was said
 * on stderr; a format with no '%' and no '\' is printed once as it is
 * (however many arguments); and a format that is one conversion
 * %[-+ #0][width][.precision] of d i o u x X s (width and precision up to
 * 3 digits; the flags C defines for it) with one argument (a decimal integer, or 'c for a character's
 * code) prints what C's printf prints for it (POSIX printf is C's there). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/printf/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/fmt.c"
#include "../sdk/fmts.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

#define PRINTF_CUT 65536

/* a decimal integer that fits (no leading 0: that is octal), or 'c */
static bool number(const char *s, long long *v)
{
	if ((s[0] == '\'' || s[0] == '"') && s[1]) {
		*v = (unsigned char)s[1];
		return true;
	}
	const char *d = s + (*s == '-' || *s == '+');
	return !(d[0] == '0' && d[1]) && cmdhost_int(s, v) == 0;
}

/* fmt is one conversion this checks: C's format for it in cf */
static bool one_conversion(const char *fmt, char *cf, size_t cap)
{
	size_t n = strlen(fmt);
	if (n < 2 || n + 3 > cap || fmt[0] != '%' || !strchr("diouxXs", fmt[n - 1]))
		return false;
	/* the flags C defines for the conversion ('#' for o x X; for s '-') */
	char conv = fmt[n - 1];
	size_t f = strspn(fmt + 1, "-+ #0");
	if (memchr(fmt + 1, '#', f) && !strchr("oxX", conv))
		return false;
	if (conv == 's' && strspn(fmt + 1, "-") != f)
		return false;
	const char *p = fmt + 1 + f;
	size_t w = strspn(p, "0123456789");
	if (w > 3)
		return false;
	p += w;
	if (*p == '.') {
		p++;
		size_t d = strspn(p, "0123456789");
		if (d > 3)
			return false;
		p += d;
	}
	if (p != fmt + n - 1)
		return false;
	memcpy(cf, fmt, n - 1);
	cf[n - 1] = '\0';
	if (fmt[n - 1] != 's')
		strcat(cf, "ll");
	strncat(cf, fmt + n - 1, 1);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_out_cut = PRINTF_CUT;
	cmdhost_run(data, size, "printf", app_main);
	int st = cmdhost.status;
	CHECK(st == 0 || st == 1);
	CHECK(st == (cmdhost.err_n > 0));
	if (st || cmdhost_out_failed || cmdhost_argc < 2)
		return 0;

	char fmt[64], cf[72], a[64], want[1100];
	if (!cmdhost_arg(1, fmt, sizeof fmt) || !strcmp(fmt, "--help"))
		return 0;
	if (!strchr(fmt, '%') && !strchr(fmt, '\\')) {
		CHECK(cmdhost.out_n == strlen(fmt) && !memcmp(cmdhost.out, fmt, cmdhost.out_n));
		return 0;
	}
	long long v;
	if (cmdhost_argc != 3 || !one_conversion(fmt, cf, sizeof cf) || !cmdhost_arg(2, a, sizeof a))
		return 0;
	int n;
	if (fmt[strlen(fmt) - 1] == 's')
		n = snprintf(want, sizeof want, cf, a);
	else if (number(a, &v))
		n = snprintf(want, sizeof want, cf, v);
	else
		return 0;
	CHECK(n >= 0 && (size_t)n < sizeof want);
	CHECK(cmdhost.out_n == (size_t)n && !memcmp(cmdhost.out, want, (size_t)n));
	return 0;
}
