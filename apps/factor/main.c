/* factor: prints each number (from the arguments, or one a line of stdin)
 * with its prime factors (busybox factor): "N: P P ...". Up to 2^64-1:
 * trial division by small primes, then Miller-Rabin (the bases that are
 * exact below 2^64) and Pollard's rho for what is left. */
#include <vyoma_cmd.h>
#include <string.h>

typedef unsigned long long u64;

/* a*b mod m without 128-bit arithmetic (Debian's wasm32 compiler-rt, which
 * __int128 would call, is built with a stack protector the SDK lacks). */
static u64 mulmod(u64 a, u64 b, u64 m)
{
	u64 r = 0;
	for (a %= m; b; b >>= 1) {
		if (b & 1)
			r = r >= m - a ? r - (m - a) : r + a;
		a = a >= m - a ? a - (m - a) : a + a;
	}
	return r;
}

static u64 powmod(u64 a, u64 e, u64 m)
{
	u64 r = 1;
	for (a %= m; e; e >>= 1, a = mulmod(a, a, m))
		if (e & 1)
			r = mulmod(r, a, m);
	return r;
}

static bool prime(u64 n)
{
	static const u64 bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
	if (n < 2)
		return false;
	u64 d = n - 1;
	int s = 0;
	while (!(d & 1))
		d >>= 1, s++;
	for (int i = 0; i < 12; i++) {
		u64 a = bases[i] % n, x;
		if (!a)
			return true;
		x = powmod(a, d, n);
		if (x == 1 || x == n - 1)
			continue;
		int r = 1;
		for (; r < s && (x = mulmod(x, x, n)) != n - 1; r++)
			;
		if (r == s)
			return false;
	}
	return true;
}

static u64 gcd(u64 a, u64 b)
{
	while (b) {
		u64 t = a % b;
		a = b, b = t;
	}
	return a;
}

static u64 rho(u64 n)
{
	for (u64 c = 1;; c++) {
		u64 x = 2, y = 2, d = 1;
		while (d == 1) {
			x = (mulmod(x, x, n) + c) % n;
			y = (mulmod(y, y, n) + c) % n;
			y = (mulmod(y, y, n) + c) % n;
			d = gcd(x > y ? x - y : y - x, n);
		}
		if (d != n)
			return d;
	}
}

static u64 found[64];
static int nfound;

static void split(u64 n)
{
	if (n < 2)
		return;
	if (prime(n)) {
		found[nfound++] = n;
		return;
	}
	u64 d = rho(n);
	split(d);
	split(n / d);
}

/* One number: s[0, len), blanks around it (and a '\n' after). */
static int one(const char *s, size_t len)
{
	u64 n = 0;
	const char *p = s, *end = s + len, *digits;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	p += p < end && *p == '+';
	for (digits = p; p < end && *p >= '0' && *p <= '9'; p++) {
		if (n > (~0ULL - (u64)(*p - '0')) / 10)
			break;
		n = n * 10 + (u64)(*p - '0');
	}
	bool ok = p > digits;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++;
	if (!ok || p < end)
		return vy_cmd_err("invalid number '%.*s'", (int)len, s);
	vy_printf("%llu:", n);
	nfound = 0;
	for (u64 q = 2; q < 1000 && q * q <= n; q++)
		while (n % q == 0)
			found[nfound++] = q, n /= q;
	split(n);
	for (int i = 1; i < nfound; i++) /* few factors: insertion sort */
		for (int j = i; j > 0 && found[j - 1] > found[j]; j--) {
			u64 t = found[j];
			found[j] = found[j - 1], found[j - 1] = t;
		}
	for (int i = 0; i < nfound; i++)
		vy_printf(" %llu", found[i]);
	vy_print("\n");
	return 0;
}

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), status = 0;
	struct vy_opt o = {0};
	struct vy_rd r;
	long n;

	if (vy_opt_next(&o, argc, argv, "", "[NUMBER]...\n\nPrint the prime factors of NUMBERs (or of each line of stdin).\n") != -1)
		return 1;
	/* an invalid number ends the run, as in busybox */
	for (int i = o.ind; i < argc; i++)
		if (one(argv[i], strlen(argv[i])) != 0)
			return 1;
	if (o.ind < argc)
		return status;
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0)
		if (one(l, (size_t)n - (l[n - 1] == '\n')) != 0)
			return 1;
	return status;
}
