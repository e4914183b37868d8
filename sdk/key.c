/* key: reading VYOMA_INPUT:key events. Key names are those of
 * docs/input.md; a printable key is named by the character it types. */
#include "vyoma.h"

#include <string.h>

bool vy_key_is(const struct vy_event *ev, const char *name)
{
	return ev->type == VY_EV_KEY && strcmp(ev->key, name) == 0;
}

int vy_key_char(const struct vy_event *ev)
{
	const unsigned char *k = (const unsigned char *)ev->key;
	int c;

	if (ev->type != VY_EV_KEY)
		return 0;
	c = k[0];
	/* U+0080..U+00FF is C2 or C3 and one more byte (the supervisor sends
	 * valid UTF-8): the code point, then judged as a one-byte key */
	if ((c & 0xfe) == 0xc2 && k[1] && !k[2])
		c = (c & 3) << 6 | (k[1] & 0x3f), k++;
	if (k[1])
		return strcmp((const char *)k, "Space") ? 0 : ' ';
	/* not C0, DEL nor C1 (0x7f..0x9f) */
	return c >= 0x20 && (unsigned)c - 0x7f > 0x20 ? c : 0;
}
