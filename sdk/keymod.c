/* keymod: the modifier prefixes of a key name ("Ctrl+Alt+Delete") as bits.
 * On its own so that apps which never ask do not link it. */
#include "vyoma.h"

unsigned vy_key_mods(const struct vy_event *ev)
{
	static const char pre[] = "Ctrl+\0Alt+\0Shift+";
	const char *k = ev->key;
	unsigned mods = 0;

	if (ev->type != VY_EV_KEY)
		return 0;
	/* In the order docs/input.md fixes: Ctrl, Alt, Shift; "Ctrl++" is Ctrl
	 * with the "+" key, so a prefix needs something after it. */
	for (unsigned bit = 0, off = 0; bit < 3; off += bit == 0 ? 6 : 5, bit++) {
		size_t n = bit == 2 ? 6 : (size_t)(5 - bit);
		if (vy_str_starts(k, pre + off) && k[n]) {
			mods |= 1u << bit;
			k += n;
		}
	}
	return mods;
}
