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
	if (ev->type != VY_EV_KEY)
		return 0;
	if (ev->key[0] >= 0x20 && ev->key[0] < 0x7f && ev->key[1] == '\0')
		return ev->key[0];
	if (strcmp(ev->key, "Space") == 0)
		return ' ';
	return 0;
}
