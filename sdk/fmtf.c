/* fmtf: %f for vy_vsnprintf (sdk/fmt.c), through the weak hook sdk_fmt_f:
 * linked only by apps that say VY_FLOAT_FORMAT (vyoma.h). Fixed point: the
 * value times 10^digits, rounded, written as an integer with a point. */
#include "sdkcore.h"

const char sdk_fmtf_on = 1;

char *sdk_fmt_f(double v, int prec, char *end)
{
	int digits = prec < 0 ? 6 : prec > 9 ? 9 : prec;
	bool neg = v < 0;
	unsigned long long u;
	char *p = end;

	if (neg)
		v = -v;
	for (int i = 0; i < digits; i++)
		v *= 10;
	if (!(v < 1.8e19)) { /* too big, inf or NaN */
		*--p = 'g';
		*--p = 'i';
		*--p = 'b';
		return p;
	}
	u = (unsigned long long)(v + 0.5);
	for (int i = 0; u || i <= digits; i++) {
		if (i == digits && digits)
			*--p = '.';
		*--p = (char)('0' + u % 10);
		u /= 10;
	}
	if (neg)
		*--p = '-';
	return p;
}
