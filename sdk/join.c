/* join: a line of text made of pieces (strings and decimal numbers) in one
 * buffer, for the windowed apps whose texts are all "%s" and "%d": they
 * then link no formatter (vy_vsnprintf, about 1.1 KB, and its format
 * strings). The text is cut at VY_JOIN_MAX - 1 bytes. Single-threaded, as
 * the SDK: one text is built at a time. */
#include "sdkcore.h"

static char j_buf[VY_JOIN_MAX];
SDK_LOW static size_t j_len;

void vy_join_s(const char *s)
{
	while (*s && j_len < VY_JOIN_MAX - 1)
		j_buf[j_len++] = *s++;
}

/* The digits' scratch is static, so vy_join_d needs no stack frame. */
SDK_LOW static char j_num[21];

void vy_join_u(unsigned long long v)
{
	vy_join_s(vy_str_dec(j_num + 20, v));
}

void vy_join_d(long long v)
{
	if (v < 0)
		vy_join_s("-");
	vy_join_u(v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
}

const char *vy_join_end(void)
{
	j_buf[j_len] = '\0';
	j_len = 0;
	return j_buf;
}

/* "@<to>: <text>\n", the @-line of sdk/msg.c. */
int vy_join_send(const char *to)
{
	const char *t = vy_join_end();

	vy_print("@");
	vy_print(to);
	vy_print(": ");
	vy_print(t);
	return vy_write("\n", 1);
}

int vy_join_answer(void)
{
	if (!sdk_last_sender[0]) {
		vy_join_end();
		return -1;
	}
	return vy_join_send(sdk_last_sender);
}
