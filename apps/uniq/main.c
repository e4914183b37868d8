/* uniq: drops repeated adjacent lines of stdin (busybox uniq): -c counts
 * them, -d prints only repeated lines, -u only unique ones, -i ignores
 * case, -f N skips N fields, -s N skips N characters before comparing. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "[-cdui] [-f N] [-s N]\n\nDrop repeated adjacent lines of stdin.\n"
			    "\t-c\tPrefix lines by the number of occurrences\n\t-d\tOnly repeated lines\n"
			    "\t-u\tOnly unique lines\n\t-i\tIgnore case\n\t-f N\tSkip N fields\n\t-s N\tSkip N characters\n";
static long long skipf, skipc;
static bool icase;

static const char *key(const char *l, size_t len, size_t *klen)
{
	const char *p = l, *e = l + len;
	for (long long f = 0; f < skipf && p < e; f++) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		while (p < e && *p != ' ' && *p != '\t')
			p++;
	}
	for (long long k = 0; k < skipc && p < e; k++)
		p++;
	*klen = (size_t)(e - p);
	return p;
}

static bool same(const char *a, size_t al, const char *b, size_t bl)
{
	size_t ka, kb;
	a = key(a, al, &ka);
	b = key(b, bl, &kb);
	if (ka != kb)
		return false;
	for (size_t i = 0; i < ka; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (icase && x >= 'A' && x <= 'Z')
			x += 32;
		if (icase && y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return false;
	}
	return true;
}

int main(void)
{
	char **argv, *l, *prev = NULL;
	int argc = vy_cmd_args(&argv), c;
	bool cnt = false, dup = false, uni = false;
	size_t plen = 0, pcap = 0;
	unsigned long long times = 0;
	long n;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "cduif:s:", usage)) != -1) {
		if (c == '?')
			return 1;
		if (c == 'f' || c == 's') {
			if (vy_cmd_num(o.arg, c == 'f' ? &skipf : &skipc) != 0)
				return vy_cmd_err("invalid number '%s'", o.arg), 1;
		}
		cnt |= c == 'c', dup |= c == 'd', uni |= c == 'u', icase |= c == 'i';
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	for (;;) {
		n = vy_rd_line(&r, &l);
		size_t len = n > 0 ? (size_t)n - (l[n - 1] == '\n') : 0;
		if (times && n > 0 && same(prev, plen, l, len)) {
			times++;
			continue;
		}
		if (times && !(dup && times == 1) && !(uni && times > 1)) {
			if (cnt)
				vy_printf("%7llu ", times);
			vy_write(prev, plen);
			vy_write("\n", 1);
		}
		if (n <= 0)
			break;
		if (len + 1 > pcap) {
			pcap = (len + 1) * 2;
			free(prev);
			prev = malloc(pcap);
			if (!prev)
				return vy_cmd_err("out of memory"), 1;
		}
		memcpy(prev, l, len);
		plen = len;
		times = 1;
	}
	return n < 0;
}
