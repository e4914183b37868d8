/* str: the few string helpers apps keep rewriting. */
#include "sdkcore.h"

#include <limits.h>
#include <string.h>

bool vy_str_starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

long long vy_str_atoll(const char *s, const char **end)
{
	unsigned long long v = 0, max = LLONG_MAX;
	int neg = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	max += (unsigned)neg; /* held at LLONG_MAX, or LLONG_MIN */
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');
		v = v > (max - d) / 10 ? max : v * 10 + d;
	}
	if (end)
		*end = s;
	return neg && v ? -(long long)(v - 1) - 1 : (long long)v;
}

char *vy_str_dec(char *end, unsigned long long v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* The SDK's own numbers (mouse coordinates, ps fields) fit in 32 bits:
 * this is vy_str_atoll's parse in 32-bit arithmetic (the same result modulo
 * 2^32 while the number fits in 64 bits), so that apps which never call
 * vy_str_atoll do not link it. */
long sdk_num(const char *s, const char **end)
{
	unsigned long v = 0;
	bool neg = *s == '-';

	s += *s == '-' || *s == '+';
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned)(*s - '0');
	*end = s;
	return (long)(neg ? 0 - v : v);
}

int sdk_num_next(const char **p)
{
	const char *end;
	int v = (int)sdk_num(*p, &end);
	*p = *end == ',' ? end + 1 : end;
	return v;
}

const char *sdk_name_at(const char *names, unsigned i)
{
	for (; *names && i; i--)
		names += strlen(names) + 1;
	return *names ? names : "unknown";
}

size_t vy_str_copy(char *dst, const char *src, size_t cap)
{
	size_t n = 0;
	while (src[n]) {
		if (n + 1 < cap)
			dst[n] = src[n];
		n++;
	}
	if (cap)
		dst[n < cap ? n : cap - 1] = '\0';
	return n;
}

const char *vy_str_skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

const char *vy_str_word(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	s = vy_str_skip_space(s);
	while (*s && *s != ' ' && *s != '\t') {
		if (n + 1 < cap)
			out[n++] = *s;
		s++;
	}
	if (cap)
		out[n] = '\0';
	return s;
}
