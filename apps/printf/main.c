/* printf: prints FORMAT with the ARGUMENTs (POSIX printf, as busybox):
 * %s %b %c %d %i %u %o %x %X %% with flags - 0 + space #, width and
 * precision (also *); escapes \n \t \\ \a \b \f \r \v \NNN \xHH; the format is
 * reused while arguments are left. Integers are 64-bit; no %f/%e/%g (a
 * component's printf has no floats here). A bad number is an error
 * (status 1) but printing goes on, as busybox does. */
#include <vyoma_cmd.h>
#include <string.h>

VY_RUNTIME_FORMAT; /* the operand is the format */

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
	return *s == '-' ? -(long long)u : (long long)u;
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

/* One conversion into out: the spec from '%' to the letter. */
static int convert(const char *spec, size_t len, char conv)
{
	char f[32], buf[64];
	const char *s;
	if (len >= sizeof f - 4)
		return 0;
	/* widths and precisions given as '*' take an argument */
	size_t k = 0;
	for (size_t i = 0; i < len - 1; i++) {
		if (spec[i] == '*') {
			k += (size_t)vy_snprintf(f + k, sizeof f - k, "%d", (int)num());
			if (k >= sizeof f - 4)
				return 0;
		} else {
			f[k++] = spec[i];
		}
	}
	f[k] = '\0';
	switch (conv) {
	case 's':
		s = next();
		vy_str_copy(f + k, "s", sizeof f - k);
		return vy_printf(f, s ? s : "");
	case 'b': {
		s = next();
		for (const char *p = s ? s : ""; *p;) {
			if (*p == '\\') {
				p++;
				int c = escape(&p, true);
				if (c < 0)
					return -1;
				char ch = (char)c;
				vy_write(&ch, 1);
			} else {
				vy_write(p++, 1);
			}
		}
		return 0;
	}
	case 'c':
		s = next();
		vy_str_copy(f + k, "c", sizeof f - k);
		return vy_printf(f, s && *s ? *s : 0);
	default: {
		bool plus = strchr(f, '+') != NULL, space = strchr(f, ' ') != NULL, alt = strchr(f, '#') != NULL;
		long long v = num();
		/* the SDK's printf knows - 0 width precision: + ' ' # are done here */
		char g[32];
		size_t j = 0;
		for (size_t i = 0; f[i]; i++)
			if (!strchr("+ #", f[i]))
				g[j++] = f[i];
		g[j] = '\0';
		const char *pre = conv == 'x' || conv == 'X' ? (alt && v ? (conv == 'x' ? "0x" : "0X") : "")
				  : conv == 'o' || conv == 'u' ? ""
				  : v >= 0 && plus ? "+" : v >= 0 && space ? " " : "";
		char digits[40];
		if (conv == 'o') { /* the SDK's printf has no %o */
			unsigned long long u = (unsigned long long)v;
			int n = 0;
			char o[24];
			do
				o[n++] = (char)('0' + (u & 7));
			while (u >>= 3);
			if (alt && o[n - 1] != '0')
				o[n++] = '0';
			for (int i = 0; i < n; i++)
				digits[i] = o[n - 1 - i];
			digits[n] = '\0';
		} else {
			vy_snprintf(digits, sizeof digits, conv == 'x' ? "%llx" : conv == 'X' ? "%llX" : conv == 'u' ? "%llu" : "%lld", v);
		}
		vy_snprintf(buf, sizeof buf, "%s%s", pre, digits);
		/* width and '-'/'0' from the spec */
		const char *w = g + 1;
		bool left = false, zero = false;
		for (; *w == '-' || *w == '0'; w++)
			left |= *w == '-', zero |= *w == '0';
		int width = (int)vy_str_atoll(w, NULL);
		int prec = strchr(w, '.') ? (int)vy_str_atoll(strchr(w, '.') + 1, NULL) : -1;
		size_t dl = strlen(digits) - (digits[0] == '-');
		int padz = prec > (int)dl ? prec - (int)dl : 0;
		int total = (int)strlen(buf) + padz;
		if (zero && !left && prec < 0 && width > total)
			padz += width - total, total = width;
		if (!left)
			for (int i = total; i < width; i++)
				vy_write(" ", 1);
		size_t sign = strlen(pre) + (digits[0] == '-');
		vy_write(buf, sign);
		for (int i = 0; i < padz; i++)
			vy_write("0", 1);
		vy_print(buf + sign);
		if (left)
			for (int i = total; i < width; i++)
				vy_write(" ", 1);
		return 0;
	}
	}
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
			if (convert(s, (size_t)(p - s) + 1, *p) < 0)
				return status;
			p++;
		}
		if (ai == start)
			break;
	} while (ai < nargs);
	return status;
}
