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

	if (ev->type != VY_EV_KEY)
		return 0;
	if (k[0] >= 0x20 && k[0] < 0x7f && k[1] == '\0')
		return k[0];
	/* U+00A0..U+00FF: C2 A0..BF, C3 80..BF */
	if ((k[0] == 0xc2 || k[0] == 0xc3) && (k[1] & 0xc0) == 0x80 && k[2] == '\0' &&
	    (k[0] == 0xc3 || k[1] >= 0xa0))
		return (k[0] & 3) << 6 | (k[1] & 0x3f);
	if (strcmp(ev->key, "Space") == 0)
		return ' ';
	return 0;
}
