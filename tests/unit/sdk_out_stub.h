/* sdk_out_stub.h: the SDK's output buffer (sdk/out.c) for host-built SDK
 * tests: what the code under test writes collects in outb[0..outn), for
 * the test to compare. Included once, by a test_sdk_*.c, after cmocka. */
#ifndef SDK_OUT_STUB_H
#define SDK_OUT_STUB_H

#include <string.h>

static char outb[65536];
static size_t outn;

char *sdk_out_room(char *p, size_t n)
{
	if (p)
		outn = (size_t)(p - outb);
	assert_true(outn + n <= sizeof outb);
	return outb + outn;
}
int sdk_out_done(char *p)
{
	outn = (size_t)(p - outb);
	return 0;
}
int vy_write(const void *b, size_t n)
{
	memcpy(outb + outn, b, n);
	outn += n;
	return 0;
}
int vy_print(const char *s) { return vy_write(s, strlen(s)); }

/* What was written since the last call, as a string (and the buffer
 * emptied). */
__attribute__((unused)) static const char *out(void)
{
	static char s[sizeof outb + 1];
	memcpy(s, outb, outn);
	s[outn] = '\0';
	outn = 0;
	return s;
}

#endif
