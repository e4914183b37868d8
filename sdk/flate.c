/* flate: the deflate format's length and distance codes (RFC 1951 3.2.5)
 * for sdk/inflate.c and sdk/deflate.c, computed rather than tabled (the
 * pattern is regular: a group of four lengths, or two distances, per
 * count of extra bits); the fixed code's lengths and the order of the
 * code-length code's. Tested against the RFC's table
 * (tests/unit/test_flate.c). */
#include "flate.h"

/* not inlined: a call is smaller than its copies in gzip (deflate counts
 * and sends lengths, inflate reads them) */
__attribute__((noinline)) unsigned flate_lext(int i)
{
	return i < 4 || i == 28 ? 0 : (unsigned)(i - 4) >> 2;
}

unsigned flate_lbase(int i)
{
	return i < 4 ? (unsigned)i + 3 : i == 28 ? 258 : ((4u + (i & 3)) << flate_lext(i)) + 3;
}

unsigned flate_dext(int d)
{
	return d < 2 ? 0 : (unsigned)(d - 2) >> 1;
}

unsigned flate_dbase(int d)
{
	return d < 2 ? (unsigned)d + 1 : ((2u + (d & 1)) << flate_dext(d)) + 1;
}

void flate_fixed(unsigned char len[320])
{
	for (int i = 0; i < 320; i++)
		len[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : i < 288 ? 8 : 5;
}

const unsigned char flate_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
