/* printf: prints FORMAT with the ARGUMENTs (POSIX printf, as busybox):
 * %s %b %c %d %i %u %o %x %X %% with flags - 0 + space #, width and
 * precision (also *); escapes \n \t \\ \a \b \f \r \v \NNN \xHH; the format is
 * reused while arguments are left. Integers are 64-bit; no %f/%e/%g (a
 * component's printf has no floats here). A bad number is an error
 * (status 1) but printing goes on, as busybox does. */
#include <vyoma_cmd.h>
#include <limits.h>
#include <string.h>

static int status;
static char **args;
static int nargs, ai;

static const char *next(void) { return ai < nargs ? args[ai++] : NULL; }

static long long num(void)
{
	const char *s = next();
	long long v;
	if (!s)
		return 0;
	if ((s[0] == '\'' || s[0] == '"') && s[1])
		return (unsigned char)s[1];
	const char *digits = s + (*s == '-' || *s == '+');
	if (!(digits[0] == '0' && digits[1]) && vy_cmd_num(s, &v) == 0)
		return v;
	/* hex and octal, as strtoll with base 0 */
	const char *p = s + (*s == '-' || *s == '+');
	unsigned long long u = 0;
	int base = p[0] == '0' && (p[1] | 32) == 'x' ? 16 : p[0] == '0' ? 8 : 10;
	p += base == 16 ? 2 : 0;
	for (; *p; p++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' : (*p | 32) >= 'a' && (*p | 32) <= 'f' ? (*p | 32) - 'a' + 10 : 99;
		if (d >= base)
			break;
		u = u * (unsigned)base + (unsigned)d;
	}
	if (*p || p == s) {
		vy_cmd_err("invalid number '%s'", s);
		status = 1;
	}
	return (long long)(*s == '-' ? 0 - u : u);
}

/* An escape at *pp (past the backslash); returns the byte, -1 for \c. */
static int escape(const char **pp, bool b)
{
	const char *p = *pp;
	static const char from[] = "abfnrtv\\\"'", to[] = "\a\b\f\n\r\t\v\\\"'";
	const char *k = strchr(from, *p);
	int c;
	if (*p == 'c' && b)
		return -1;
	if (*p >= '0' && *p <= '7') {
		int max = b && *p == '0' ? 4 : 3;
		c = 0;
		for (int i = 0; i < max && *p >= '0' && *p <= '7'; i++, p++)
			c = c * 8 + (*p - '0');
		*pp = p;
		return c & 255;
	}
	if (k && *p) {
		*pp = p + 1;
		return to[k - from];
	}
	if (*p == 'x' && ((p[1] | 32) >= 'a' ? (p[1] | 32) <= 'f' : p[1] >= '0' && p[1] <= '9')) {
		c = 0;
		for (int i = 0; i < 2; i++) {
			int h = p[1] | 32;
			if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f')))
				break;
			c = c * 16 + (h <= '9' ? h - '0' : h - 'a' + 10);
			p++;
		}
		*pp = p + 1;
		return c;
	}
	*pp = p;
	return '\\';
}

/* n bytes c; stops once stdout is closed (a pipe's reader gone), so a
 * width of 2^31 - 1 into `head` ends when head does. */
static void pad(char c, long long n)
{
	char b[256];
	memset(b, c, sizeof b);
	for (; n > 0; n -= (long long)sizeof b)
		if (vy_write(b, n < (long long)sizeof b ? (size_t)n : sizeof b) != 0)
			return;
}

/* A width or precision: digits, or '*' (an argument; a negative width is
 * '-', a negative precision none, as in C). Past INT_MAX is an error (GNU). */
static bool field(const char **pp, long long *v, bool *left)
{
	const char *p = *pp;
	if (*p == '*') {
		*v = num();
		p++;
	} else {
		*v = vy_str_atoll(p, &p);
	}
	*pp = p;
	if (*v < 0 && left)
		*left = true, *v = *v == LLONG_MIN ? LLONG_MAX : -*v;
	if (*v <= INT_MAX)
		return true;
	vy_cmd_err("invalid field width or precision");
	status = 1;
	return false;
}

/* One conversion: the spec from '%' to the letter conv; -1 to stop. */
static int convert(const char *spec, char conv)
{
	bool left = false, zero = false, plus = false, space = false, alt = false;
	const char *p = spec + 1;
	for (;; p++) {
		const char *k = strchr("-0+ #", *p);
		if (!*p || !k)
			break;
		bool *flag[] = {&left, &zero, &plus, &space, &alt};
		*flag[k - "-0+ #"] = true;
	}
	long long width, prec = -1;
	if (!field(&p, &width, &left) || (*p == '.' && (p++, !field(&p, &prec, NULL))))
		return -1;
	if (prec < 0)
		prec = -1;
	const char *s;
	char c;
	size_t n;
	switch (conv) {
	case 's':
		s = next();
		s = s ? s : "";
		for (n = 0; s[n] && (prec < 0 || n < (size_t)prec); n++)
			;
		break;
	case 'b':
		s = next();
		for (s = s ? s : ""; *s;) {
			if (*s == '\\') {
				s++;
				int e = escape(&s, true);
				if (e < 0)
					return -1;
				c = (char)e;
				vy_write(&c, 1);
			} else {
				vy_write(s++, 1);
			}
		}
		return 0;
	case 'c':
		s = next();
		c = s && *s ? *s : 0;
		s = &c, n = 1;
		break;
	default: {
		long long v = num();
		const char *pre = conv == 'x' || conv == 'X' ? (alt && v ? (conv == 'x' ? "0x" : "0X") : "")
				  : conv == 'o' || conv == 'u' ? ""
				  : v >= 0 && plus ? "+" : v >= 0 && space ? " " : "";
		char digits[40];
		if (conv == 'o') { /* the SDK's printf has no %o */
			unsigned long long u = (unsigned long long)v;
			int k = 0;
			char o[24];
			do
				o[k++] = (char)('0' + (u & 7));
			while (u >>= 3);
			if (alt && o[k - 1] != '0')
				o[k++] = '0';
			for (int i = 0; i < k; i++)
				digits[i] = o[k - 1 - i];
			digits[k] = '\0';
		} else {
			vy_snprintf(digits, sizeof digits, conv == 'x' ? "%llx" : conv == 'X' ? "%llX" : conv == 'u' ? "%llu" : "%lld", v);
		}
		if (prec == 0 && v == 0 && !(conv == 'o' && alt))
			digits[0] = '\0'; /* C: zero with precision 0 is no digits */
		char buf[64];
		vy_snprintf(buf, sizeof buf, "%s%s", pre, digits);
		long long dl = (long long)strlen(digits) - (digits[0] == '-');
		long long padz = prec > dl ? prec - dl : 0;
		long long total = (long long)strlen(buf) + padz;
		if (zero && !left && prec < 0 && width > total)
			padz += width - total, total = width;
		if (!left)
			pad(' ', width - total);
		size_t sign = strlen(pre) + (digits[0] == '-');
		vy_write(buf, sign);
		pad('0', padz);
		vy_print(buf + sign);
		if (left)
			pad(' ', width - total);
		return 0;
	}
	}
	if (!left)
		pad(' ', width - (long long)n);
	vy_write(s, n);
	if (left)
		pad(' ', width - (long long)n);
	return 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);

	if (argc < 2)
		vy_cmd_bad_usage("FORMAT [ARGUMENT]...\n");
	if (!strcmp(argv[1], "--help"))
		vy_cmd_usage("FORMAT [ARGUMENT]...\n\nFormat and print ARGUMENTs.\n");
	const char *fmt = argv[1];
	args = argv + 2, nargs = argc - 2;
	do {
		int start = ai;
		for (const char *p = fmt; *p;) {
			if (*p == '\\') {
				p++;
				int c = escape(&p, false);
				char ch = (char)c;
				vy_write(&ch, 1);
				continue;
			}
			if (*p != '%') {
				vy_write(p++, 1);
				continue;
			}
			if (p[1] == '%') {
				vy_write("%", 1);
				p += 2;
				continue;
			}
			const char *s = p++;
			while (*p && strchr("-+ #0123456789.*", *p))
				p++;
			if (!*p || !strchr("sbcdiouxX", *p)) {
				vy_cmd_err("%.*s: invalid format", (int)(p - s + (*p != 0)), s);
				return 1;
			}
			if (convert(s, *p) < 0)
				return status;
			p++;
		}
		if (ai == start)
			break;
	} while (ai < nargs);
	return status;
}
