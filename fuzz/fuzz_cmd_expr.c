/* fuzz_cmd_expr: libFuzzer target for expr (apps/expr/main.c), the whole
 * command from its arguments (fuzz/cmdhost.h: arguments up to "\0\0"; expr
 * reads no stdin): its parser, its regex match (sdk/cmdre.c) and its 64-bit
 * arithmetic, under ASan and UBSan. Invariants beyond no report, from
 * expr's header and POSIX: the status is 0..3; 2 and 3 (a bad expression,
 * an error) print nothing on stdout and say why on stderr; 0 and 1 print
 * the value and a newline and nothing on stderr, and the status is 1 exactly
 * when that value is null or zero ("", or an integer whose value is 0);
 * and `expr A OP B` with A and B integers and OP + - * / % or a comparison
 * prints what C's 64-bit arithmetic gives, or fails (status 3) when the
 * result does not fit. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/expr/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdre.c"
#include "../sdk/fmt.c"
#include "../sdk/fmts.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

/* What expr must print for A OP B with A, B integers: 0 (and *r) if known,
 * -1 if it must fail with 3 (overflow), -2 division by zero, 1 not an
 * operator this checks. */
static int expect(long long a, const char *op, long long b, long long *r)
{
	static const char *const cmp[] = {"=", "!=", "<", "<=", ">", ">="};
	for (int i = 0; i < 6; i++)
		if (!strcmp(op, cmp[i])) {
			bool t[] = {a == b, a != b, a < b, a <= b, a > b, a >= b};
			*r = t[i];
			return 0;
		}
	if (!strcmp(op, "+"))
		return __builtin_add_overflow(a, b, r) ? -1 : 0;
	if (!strcmp(op, "-"))
		return __builtin_sub_overflow(a, b, r) ? -1 : 0;
	if (!strcmp(op, "*"))
		return __builtin_mul_overflow(a, b, r) ? -1 : 0;
	if (strcmp(op, "/") && strcmp(op, "%"))
		return 1;
	if (b == 0)
		return -2;
	if (b == -1) /* LLONG_MIN / -1 does not fit; anything % -1 is 0 */
		return *op == '/' ? (__builtin_sub_overflow(0, a, r) ? -1 : 0) : (*r = 0, 0);
	*r = *op == '/' ? a / b : a % b;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "expr", app_main);
	int st = cmdhost.status;
	CHECK(st >= 0 && st <= 3);

	/* A OP B, both integers (without '+', which GNU expr does not take) */
	char a[64], op[8], b[64];
	long long x, y, r, v;
	int e = 1;
	if (cmdhost_argc == 4 && cmdhost_arg(1, a, sizeof a) && cmdhost_arg(2, op, sizeof op) && cmdhost_arg(3, b, sizeof b) && *a != '+' &&
	    *b != '+' && !cmdhost_int(a, &x) && !cmdhost_int(b, &y))
		e = expect(x, op, y, &r);
	if (e == -1)
		CHECK(st == 3);
	if (e == -2)
		CHECK(st == 2);

	if (st >= 2) {
		CHECK(cmdhost.out_n == 0 && cmdhost.err_n > 0);
		CHECK(e < 0 || e == 1);
		return 0;
	}
	if (cmdhost_argc == 2 && cmdhost_arg(1, a, sizeof a) && !strcmp(a, "--help"))
		return 0; /* the usage, on stdout */
	CHECK(cmdhost.err_n == 0);
	CHECK(cmdhost.out_n > 0 && cmdhost.out_n < CMDHOST_OUT && cmdhost.out[cmdhost.out_n - 1] == '\n');
	/* the value, without its newline */
	cmdhost.out[cmdhost.out_n - 1] = '\0';
	bool zero = !cmdhost.out[0] || (!cmdhost_int(cmdhost.out, &v) && v == 0);
	CHECK(st == zero);
	if (e == 0)
		CHECK(!cmdhost_int(cmdhost.out, &v) && v == r);
	return 0;
}
