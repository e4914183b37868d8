/* fuzz_cmd_factor: libFuzzer target for factor (apps/factor/main.c), the
 * whole command from its arguments and stdin (fuzz/cmdhost.h), under ASan
 * and UBSan: its parse and its Miller-Rabin and Pollard rho. Invariants
 * beyond no report, from factor's header and busybox: the status is 0 or
 * 1, and 1 exactly when something was said on stderr; every line printed
 * is "N:" and N's prime factors, each " P", in order, whose product is N
 * (none for 0 and 1); and when the numbers are operands (none starting with
 * '-') or stdin's lines (no NUL in them), the lines are theirs, one each
 * in order, up to the first that is not a number (blanks around it, a '+',
 * digits, below 2^64), which fails the run. Primes are checked here with a
 * Miller-Rabin of its own (128-bit products). */
#include <errno.h>

#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/factor/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

typedef unsigned __int128 u128;

static u64 pw(u64 a, u64 e, u64 m)
{
	u128 r = 1, b = a % m;
	for (; e; e >>= 1, b = b * b % m)
		if (e & 1)
			r = r * b % m;
	return (u64)r;
}

static bool is_prime(u64 n)
{
	static const u64 bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
	if (n < 2)
		return false;
	for (int i = 0; i < 12; i++)
		if (n % bases[i] == 0)
			return n == bases[i];
	u64 d = n - 1;
	int s = 0;
	for (; !(d & 1); s++)
		d >>= 1;
	for (int i = 0; i < 12; i++) {
		u64 x = pw(bases[i], d, n);
		int r = 0;
		for (; r < s && x != 1 && x != n - 1; r++)
			x = (u64)((u128)x * x % n);
		if (x != n - 1 && !(x == 1 && r == 0))
			return false;
	}
	return true;
}

/* The number in s[0, len) as factor's header has it, or false. */
static bool number(const char *s, size_t len, u64 *v)
{
	size_t i = 0, d;
	bool over = false;
	u128 x = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	i += i < len && s[i] == '+';
	for (d = i; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		x = x * 10 + (unsigned)(s[i] - '0');
		over |= x > UINT64_MAX;
		x = over ? 0 : x;
	}
	if (i == d || over)
		return false;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	*v = (u64)x;
	return i == len;
}

/* One line of output, "N: P P...": checks it; N in *n. Returns past it. */
static const char *check_line(const char *p, const char *end, u64 *n)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	CHECK(nl);
	char *q;
	CHECK(*p >= '0' && *p <= '9');
	errno = 0;
	*n = strtoull(p, &q, 10);
	CHECK(errno == 0 && *q == ':');
	u128 prod = 1;
	u64 last = 0;
	for (q++; q < nl;) {
		CHECK(*q == ' ' && q[1] >= '0' && q[1] <= '9');
		u64 f = strtoull(q + 1, &q, 10);
		CHECK(f >= last && is_prime(f));
		last = f;
		prod *= f;
		CHECK(prod <= *n);
	}
	CHECK(q == nl);
	CHECK(*n < 2 ? prod == 1 : prod == *n);
	return nl + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "factor", app_main);
	int st = cmdhost.status;
	CHECK(st == 0 || st == 1);
	CHECK(st == (cmdhost.err_n > 0));
	if (cmdhost_argc == 2 && cmdhost_argv[1].len == 6 && !memcmp(cmdhost_argv[1].ptr, "--help", 6))
		return 0;

	const char *p = cmdhost.out, *end = cmdhost.out + cmdhost.out_n;
	bool operands = cmdhost_argc > 1;
	for (size_t i = 1; i < cmdhost_argc; i++)
		if (cmdhost_argv[i].len && cmdhost_argv[i].ptr[0] == '-')
			return 0; /* an option, or "--": not checked */
	const char *in = (const char *)cmdhost_in, *in_end = in + cmdhost_in_n;
	if (!operands && memchr(in, 0, cmdhost_in_n))
		return 0;
	for (size_t i = 1;; i++) {
		const char *s;
		size_t len;
		if (operands) {
			if (i >= cmdhost_argc)
				break;
			s = (const char *)cmdhost_argv[i].ptr, len = cmdhost_argv[i].len;
		} else {
			if (in == in_end)
				break;
			const char *nl = memchr(in, '\n', (size_t)(in_end - in));
			s = in, len = nl ? (size_t)(nl - in) : (size_t)(in_end - in);
			in = nl ? nl + 1 : in_end;
		}
		u64 want, got;
		if (!number(s, len, &want)) {
			CHECK(st == 1 && p == end);
			return 0;
		}
		p = check_line(p, end, &got);
		CHECK(got == want);
	}
	CHECK(st == 0 && p == end);
	return 0;
}
