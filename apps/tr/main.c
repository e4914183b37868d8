/* tr: translates, squeezes (-s) or deletes (-d) bytes of stdin (busybox
 * tr). SETs know ranges a-z, escapes \n \t \\ \NNN and the classes
 * [:alpha:] [:digit:] [:alnum:] [:upper:] [:lower:] [:space:] [:blank:]
 * [:punct:] [:print:] [:graph:] [:cntrl:] [:xdigit:]; -c complements SET1.
 * SET2 shorter than SET1 is padded with its last byte. */
#include <vyoma_cmd.h>
#include <string.h>

static const char usage[] = "[-cds] SET1 [SET2]\n\nTranslate, squeeze or delete characters of stdin.\n"
			    "\t-c\tComplement SET1\n\t-d\tDelete characters in SET1\n\t-s\tSqueeze repeats of characters in the last SET\n";

static int one(const char **pp)
{
	const char *p = *pp;
	int c = (unsigned char)*p++;
	if (c == '\\' && *p) {
		c = (unsigned char)*p++;
		if (c >= '0' && c <= '7') {
			c -= '0';
			for (int i = 0; i < 2 && *p >= '0' && *p <= '7'; i++)
				c = c * 8 + (*p++ - '0');
		} else {
			const char *k = strchr("n\nt\tr\ra\ab\bf\fv\v", c);
			if (k && (k - "n\nt\tr\ra\ab\bf\fv\v") % 2 == 0)
				c = (unsigned char)k[1];
		}
	}
	*pp = p;
	return c;
}

/* Expand a SET into bytes (at most 256 * 4 with repeats). */
static size_t expand(const char *s, unsigned char *out)
{
	size_t n = 0;
	while (*s && n < 1024) {
		if (s[0] == '[' && s[1] == ':') {
			const char *e = strstr(s, ":]");
			int k = e ? vy_cmd_class(s + 2, (size_t)(e - s - 2)) : -1;
			if (k >= 0) {
				for (int c = 0; c < 256 && n < 1024; c++)
					if (vy_cmd_in_class(k, c))
						out[n++] = (unsigned char)c;
				s = e + 2;
				continue;
			}
		}
		int a = one(&s);
		if (*s == '-' && s[1]) {
			s++;
			int b = one(&s);
			for (int c = a; c <= b && n < 1024; c++)
				out[n++] = (unsigned char)c;
		} else {
			out[n++] = (unsigned char)a;
		}
	}
	return n;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	bool comp = false, del = false, sq = false, in1[256] = {0}, insq[256] = {0};
	static unsigned char s1[1024], s2[1024], map[256], buf[65536], out[65536];
	size_t n1 = 0, n2 = 0;
	struct vy_opt o = {0};
	long n;
	int prev = -1;

	while ((c = vy_opt_next(&o, argc, argv, "cdsC", usage)) != -1) {
		if (c == '?')
			return 1;
		comp |= c == 'c' || c == 'C', del |= c == 'd', sq |= c == 's';
	}
	if (o.ind >= argc || argc - o.ind > 2 || (!del && !sq && argc - o.ind < 2))
		vy_cmd_bad_usage(usage);
	n1 = expand(argv[o.ind], s1);
	if (o.ind + 1 < argc)
		n2 = expand(argv[o.ind + 1], s2);
	for (size_t i = 0; i < n1; i++)
		in1[s1[i]] = true;
	if (comp) {
		n1 = 0;
		for (int b = 0; b < 256; b++)
			if (!in1[b])
				s1[n1++] = (unsigned char)b;
		for (int b = 0; b < 256; b++)
			in1[b] = !in1[b];
	}
	for (int b = 0; b < 256; b++)
		map[b] = (unsigned char)b;
	if (!del && n2)
		for (size_t i = 0; i < n1; i++)
			map[s1[i]] = s2[i < n2 ? i : n2 - 1];
	/* -s squeezes the last SET given: SET2 when translating, else SET1 */
	if (sq) {
		if (n2 && (del || argc - o.ind == 2))
			for (size_t i = 0; i < n2; i++)
				insq[s2[i]] = true;
		else
			memcpy(insq, in1, sizeof insq);
	}
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		size_t k = 0;
		for (long i = 0; i < n; i++) {
			int b = buf[i];
			if (del && in1[b])
				continue;
			b = map[b];
			if (sq && insq[b] && b == prev)
				continue;
			out[k++] = (unsigned char)b;
			prev = b;
		}
		if (vy_write(out, k) != 0)
			return 1;
	}
	return n < 0;
}
