/* fmt: a small vsnprintf for apps. wasi-libc's printf family pulls in
 * floating point and FILE machinery worth several times a typical app, so
 * the SDK formats integers and strings itself. */
#include "sdkcore.h"

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

/* A conversion's text: static, not on the stack, so the function needs
 * no stack frame (the SDK is single-threaded and this is not reentered). */
SDK_LOW static char fmt_tmp[24];

/* One path for every conversion: each makes its text (digits are written
 * backwards into tmp), then the padding and the text are emitted the same
 * way, in one loop (about 1.2 KB of wasm; one emitter per kind was 1.5). */
int vy_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = {buf, cap, 0};

	for (; *fmt; fmt++) {
		char *end = fmt_tmp + sizeof fmt_tmp, *p = end, *tmp = fmt_tmp;
		const char *s = tmp;
		int left = 0, zero = 0, width = 0, prec = -1, lng = 0, fill;
		size_t n = 1;
		unsigned long long v;
		unsigned base = 16;
		char padc = ' ', c;
		bool neg = false;

		if (*fmt != '%') {
			s = fmt;
			goto emit;
		}
		for (fmt++;; fmt++) {
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
			prec = 0;
			if (*++fmt == '*') {
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
		c = *fmt;
		/* Every integer conversion: the argument as 64 bits (a 32-bit one
		 * sign- or zero-extended), then its digits. */
		if (c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X' || c == 'p') {
			bool wide = lng >= 2 || (lng && sizeof(long) > 4);
			v = wide ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
			if (c == 'd' || c == 'i') {
				long long sv = wide ? (long long)v : (int)v;
				neg = sv < 0;
				v = neg ? 0ull - (unsigned long long)sv : (unsigned long long)sv;
			}
			if (c == 'd' || c == 'i' || c == 'u')
				base = 10;
			do {
				unsigned d = (unsigned)(v % base);
				*--p = (char)(d < 10 ? '0' + d : (c == 'X' ? 'A' : 'a') + d - 10);
				v /= base;
			} while (v);
			if (zero && !left)
				padc = '0';
			if (neg) {
				if (padc == '0') {
					put(&o, '-');
					width--;
				} else {
					*--p = '-';
				}
			}
			s = p;
			n = (size_t)(end - p);
			goto emit;
		}
		switch (c) {
		case 'f':
			/* %f is sdk/fmtf.c's, linked by VY_FLOAT_FORMAT (vyoma.h); the
			 * double is taken either way, so the arguments stay in step */
			if (sdk_fmt_f) {
				s = p = sdk_fmt_f(va_arg(ap, double), prec, end);
				n = (size_t)(end - p);
				break;
			}
			(void)va_arg(ap, double);
			s = "%f";
			n = 2;
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (n = 0; s[n] && (prec < 0 || n < (size_t)prec); n++)
				;
			break;
		case '\0':
			fmt--;
			continue;
		default: /* "%%" is '%'; an unknown conversion stays as it is */
			tmp[0] = '%';
			tmp[1] = c;
			n = c == '%' ? 1 : 2;
			width = 0;
		}
	emit:
		/* The text, and before or after it the padding up to the width:
		 * one loop, one put. */
		fill = width > (int)n ? width - (int)n : 0;
		for (size_t i = 0; i < n + (size_t)fill; i++)
			put(&o, left ? (i < n ? s[i] : ' ') : (i < (size_t)fill ? padc : s[i - (size_t)fill]));
	}
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return (int)o.len;
}
