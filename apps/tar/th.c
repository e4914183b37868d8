/* th: tar's ustar header, read (th_next: checksum, name, size, the body's
 * place, extension entries skipped) and written (th_make). No SDK: the
 * reader is fuzzed natively (fuzz/fuzz_tar.c). */
#include "th.h"

#include <string.h>

/* Where each numeric field is and its width. */
static const unsigned char th_at[TH_N] = {100, 108, 116, 124, 136, 148}, th_w[TH_N] = {8, 8, 8, 12, 12, 8};

unsigned long long th_num(const char *h, int f)
{
	unsigned long long v = 0;
	for (const char *p = h + th_at[f]; p < h + th_at[f] + th_w[f] && *p; p++)
		if (*p >= '0' && *p <= '7')
			v = v * 8 + (unsigned)(*p - '0');
	return v;
}

/* The header's checksum: its bytes summed, the checksum field as spaces. */
static unsigned th_sum(const char *h)
{
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += i >= 148 && i < 156 ? ' ' : (unsigned char)h[i];
	return sum;
}

char *th_cpy(char *o, const char *s, size_t max)
{
	while (max-- && *s)
		*o++ = *s++;
	return o;
}

void th_name(const char *h, char *name)
{
	*th_cpy(th_cpy(th_cpy(name, h + 345, 155), "/", h[345] != 0), h, 100) = '\0';
}

bool th_dotdot(const char *n)
{
	for (const char *p = n; (p = strstr(p, "..")); p++)
		if ((p == n || p[-1] == '/') && (!p[2] || p[2] == '/'))
			return true;
	return false;
}

int th_next(const char *data, size_t len, size_t *at, struct th_ent *e)
{
	if (len % 512)
		return -2;
	for (;;) {
		const char *h = data + *at;
		bool empty = true;
		if (len - *at < 512)
			return 0;
		for (int i = 0; i < 512 && empty; i++)
			empty = !h[i];
		if (empty)
			return 0;
		if (th_sum(h) != th_num(h, TH_SUM))
			return -1;
		th_name(h, e->name);
		const char *nm = e->name;
		while (*nm == '/' || !strncmp(nm, "../", 3))
			nm += *nm == '/' ? 1 : 3;
		e->h = h;
		e->nm = nm;
		e->size = th_num(h, TH_SIZE);
		*at += 512;
		if (e->size > len - *at)
			return -2;
		e->body = data + *at;
		*at += (e->size + 511) / 512 * 512;
		/* pax and GNU extension headers: their data is metadata */
		char t = h[156];
		if (t != 'x' && t != 'g' && t != 'L' && t != 'K')
			return 1;
	}
}

int th_make(char *h, char *nm, const char *name, char type, unsigned long long size, unsigned long long mtime)
{
	size_t n = strlen(name);
	bool d = type == 'd';
	if (n > 256)
		return -1;
	/* a folder's name ends in '/'; long names use the prefix field */
	*th_cpy(th_cpy(nm, name, n), "/", d && (!n || name[n - 1] != '/')) = '\0';
	n = strlen(nm);
	if (n <= 100) {
		memcpy(h, nm, n);
	} else {
		const char *cut = nm + n - 100;
		while (*cut && *cut != '/')
			cut++;
		if (!*cut || cut - nm > 155)
			return -1;
		memcpy(h + 345, nm, (size_t)(cut - nm));
		memcpy(h, cut + 1, strlen(cut + 1));
	}
	unsigned long long v[TH_N] = {d ? 0755 : type == 'l' ? 0777 : 0644, 0, 0, size, mtime};
	h[156] = d ? '5' : type == 'l' ? '2' : '0';
	memcpy(h + 257, "ustar\0" "00user", 12);
	memcpy(h + 297, "user", 4);
	/* the checksum last (six digits, a NUL and a space), over the rest */
	h[155] = ' ';
	for (int f = 0; f < TH_N; f++) {
		unsigned long long x = f == TH_SUM ? th_sum(h) : v[f];
		char *e = h + th_at[f] + th_w[f] - 1 - (f == TH_SUM);
		*e = '\0';
		while (e-- > h + th_at[f])
			*e = (char)('0' + (x & 7)), x >>= 3;
	}
	return 0;
}
