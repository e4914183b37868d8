/* fmt: a small vsnprintf for apps. wasi-libc's printf family pulls in
 * floating point and FILE machinery worth several times a typical app, so
 * the SDK formats integers and strings itself. */
#include "vyoma.h"

struct out {
	char *buf;
	size_t cap, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void emit(struct out *o, const char *s, size_t n, int width, int left, char padc)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		pad(o, padc, fill);
	while (n--)
		put(o, *s++);
	if (left)
		pad(o, ' ', fill);
}

static void number(struct out *o, unsigned long long v, int neg, unsigned base, int upper,
		   int width, int left, int zero)
{
	char tmp[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t n = 0;

	do {
		tmp[sizeof tmp - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (zero && !left) {
			put(o, '-');
			emit(o, tmp + sizeof tmp - n, n, width - 1, 0, '0');
			return;
		}
		tmp[sizeof tmp - 1 - n++] = '-';
	}
	emit(o, tmp + sizeof tmp - n, n, width, left, zero && !left ? '0' : ' ');
}

int vy_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = {buf, cap, 0};

	for (; *fmt; fmt++) {
		int left = 0, zero = 0, width = 0, prec = -1, lng = 0;
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				zero = 1;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			lng += *fmt == 'z' ? (sizeof(size_t) > 4 ? 2 : 1) : 1;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
			unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			number(&o, u, v < 0, 10, 0, width, left, zero);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
				: lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			number(&o, v, 0, *fmt == 'u' ? 10 : 16, *fmt == 'X', width, left, zero);
			break;
		}
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			number(&o, (unsigned long long)(size_t)va_arg(ap, void *), 0, 16, 0, 0, 0, 0);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit(&o, &c, 1, width, left, ' ');
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n = 0;
			if (!s)
				s = "(null)";
			while (s[n] && (prec < 0 || n < (size_t)prec))
				n++;
			emit(&o, s, n, width, left, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return (int)o.len;
}

int vy_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vy_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
