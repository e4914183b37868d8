/* semver: app and OS versions, MAJOR.MINOR.PATCH (docs/manifest.md):
 * validation and numeric order, pure. */
#include "semver.h"

#include <stddef.h>

/* Three dot-separated numbers, each 0..99999 with no leading zero; the
 * numeric values into v[3] when v is not NULL. */
static bool version_parts(const char *s, unsigned v[3])
{
	for (int i = 0; i < 3; i++) {
		unsigned n = 0, digits = 0;

		for (; *s >= '0' && *s <= '9'; s++, digits++)
			n = digits < 6 ? n * 10 + (unsigned)(*s - '0') : n;
		if (digits == 0 || digits > 5 || (digits > 1 && s[-(int)digits] == '0'))
			return false;
		if (*s != (i < 2 ? '.' : '\0'))
			return false;
		s += i < 2;
		if (v)
			v[i] = n;
	}
	return true;
}

bool semver_valid(const char *s)
{
	return version_parts(s, NULL);
}

int semver_cmp(const char *a, const char *b)
{
	unsigned va[3] = { 0 }, vb[3] = { 0 };

	version_parts(a, va);
	version_parts(b, vb);
	for (int i = 0; i < 3; i++)
		if (va[i] != vb[i])
			return va[i] < vb[i] ? -1 : 1;
	return 0;
}
