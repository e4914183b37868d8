/* fuzz_tar: libFuzzer target for tar's ustar header code (apps/tar/th.c),
 * which reads any archive a user hands tar. The input is read as an
 * archive, entry by entry; its first bytes also name a header written by
 * th_make and read back.
 * Invariants: the reader ends (its offset grows by whole blocks and stays
 * within the archive); an entry's body lies within the archive; its name is
 * NUL-terminated and what it keeps has no leading '/' or "../"; a name
 * th_dotdot passes has no ".." component; a written header reads back with
 * its name (a folder's with a '/'), type, size and time. (ASan catches any
 * read past the archive.) */
#include <string.h>

#include "fuzz.h"

#include "../apps/tar/th.c"

/* Whether n has a ".." component, by splitting at each '/'. */
static bool has_dotdot(const char *n)
{
	for (;;) {
		const char *e = strchr(n, '/');
		size_t k = e ? (size_t)(e - n) : strlen(n);
		if (k == 2 && n[0] == '.' && n[1] == '.')
			return true;
		if (!e)
			return false;
		n = e + 1;
	}
}

static void read_all(const char *data, size_t len)
{
	struct th_ent e;
	size_t at = 0;
	int r;
	while ((r = th_next(data, len, &at, &e)) > 0) {
		CHECK(at % 512 == 0 && at <= len);
		CHECK(e.body >= data + 512 && e.body + e.size <= data + len);
		CHECK(e.body + e.size <= data + at);
		size_t n = strnlen(e.name, sizeof e.name);
		CHECK(n < sizeof e.name);
		CHECK(e.nm >= e.name && e.nm <= e.name + n);
		CHECK(e.nm[0] != '/' && strncmp(e.nm, "../", 3) != 0);
		if (!th_dotdot(e.nm))
			CHECK(!has_dotdot(e.nm));
	}
	CHECK(r >= -2);
}

static void round_trip(const uint8_t *data, size_t size)
{
	char name[300], h[1536], want[300], nm[258];
	static const char types[] = "fdl";
	if (size < 10)
		return;
	char type = types[data[0] % 3];
	unsigned long long fsize = 0, mtime = 0;
	for (int i = 1; i < 9; i++) {
		unsigned long long *v = i < 5 ? &fsize : &mtime;
		*v = *v << 8 | data[i];
	}
	fsize &= 077777777777ULL, mtime &= 077777777777ULL;
	size_t n = size - 9 < sizeof name - 1 ? size - 9 : sizeof name - 1;
	memcpy(name, data + 9, n);
	name[n] = '\0';
	memset(h, 0, sizeof h);
	if (th_make(h, nm, name, type, fsize, mtime) != 0)
		return;
	n = strlen(name);
	CHECK(n <= 256);
	strcpy(want, name);
	if (type == 'd' && (!n || name[n - 1] != '/'))
		strcat(want, "/");
	char got[258];
	th_name(h, got);
	CHECK(strcmp(got, want) == 0 && strcmp(nm, want) == 0);
	CHECK(th_num(h, TH_SIZE) == fsize && th_num(h, TH_MTIME) == mtime);
	CHECK(h[156] == (type == 'd' ? '5' : type == 'l' ? '2' : '0'));
	/* the whole header reads back: its checksum is right (a body of
	 * fsize bytes is not there, so it is short unless fsize is 0) */
	struct th_ent e;
	size_t at = 0;
	int r = th_next(h, sizeof h, &at, &e);
	CHECK(r != -1 && r != 0);
	if (fsize <= 1024) {
		CHECK(r == 1);
		CHECK(strcmp(e.name, want) == 0 && e.size == fsize);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	memcpy(copy, data, size); /* exactly size bytes: ASan sees a read past them */
	read_all(copy, size);
	free(copy);
	round_trip(data, size);
	return 0;
}
