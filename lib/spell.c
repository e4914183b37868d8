/* spell: "did you mean" (see spell.h). Pure; the tables are tiny, so the
 * quadratic distance costs nothing. */
#include "spell.h"

#include <string.h>

unsigned spell_distance(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	unsigned d[SPELL_MAX + 1][SPELL_MAX + 1];

	if (alen > SPELL_MAX || blen > SPELL_MAX)
		return SPELL_MAX;
	for (size_t i = 0; i <= alen; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= blen; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= alen; i++)
		for (size_t j = 1; j <= blen; j++) {
			unsigned sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			unsigned del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			unsigned best = sub < del ? sub : del;

			best = best < ins ? best : ins;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[alen][blen];
}

int spell_nearest(const char *s, size_t len, const char *const *words, size_t n)
{
	unsigned best = SPELL_MAX;
	int at = -1;

	for (size_t i = 0; i < n; i++) {
		unsigned d = spell_distance(s, len, words[i]);
		if (d < best) {
			best = d;
			at = (int)i;
		}
	}
	return at >= 0 && best <= 2 && 2 * best < len ? at : -1;
}
