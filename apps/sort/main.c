/* sort: sorts the lines of stdin (busybox sort, POSIX): -n numeric, -r
 * reverse, -u unique, -f fold case, -b skip leading blanks, -s stable,
 * -t SEP field separator, -k F1[.C1][,F2[.C2]] the key (fields from 1;
 * without -t a field starts at the blanks before it, as POSIX says).
 * Lines equal by key are ordered by their bytes, unless -u or -s.
 * Trouble (a bad option or key) is status 2, as POSIX says. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "[-nrufbs] [-t SEP] [-k F1[.C1][,F2[.C2]]]\n\nSort lines of stdin.\n"
			    "\t-n\tNumeric\n\t-r\tReverse\n\t-u\tUnique (by key)\n\t-f\tFold case\n\t-b\tIgnore leading blanks\n"
			    "\t-s\tStable\n\t-t C\tField separator\n\t-k KEY\tSort by a key\n";

struct line {
	const char *p;
	size_t len;
};
static bool uniq, stable;
static char sep;
/* A key: fields and characters from 1 (f1 0: the whole line), and its
 * flags n r f b (a key with none takes the global ones). */
struct key {
	long long f1, c1, f2, c2;
	bool num, rev, fold, blanks;
};
#define MAXKEY 8
static struct key keys[MAXKEY + 1], *glob = &keys[MAXKEY];
static int nkey;

static bool blank(char c) { return c == ' ' || c == '\t'; }

/* The start of field f (1-based) in [p, e). */
static const char *field(const char *p, const char *e, long long f)
{
	for (; f > 1 && p < e; f--) {
		if (sep) {
			const char *q = memchr(p, sep, (size_t)(e - p));
			p = q ? q + 1 : e;
		} else {
			while (p < e && blank(*p))
				p++;
			while (p < e && !blank(*p))
				p++;
		}
	}
	return p;
}

static void key(const struct key *k, const struct line *l, const char **ks, const char **ke)
{
	const char *p = l->p, *e = l->p + l->len;
	long long kf1 = k->f1, kc1 = k->c1, kf2 = k->f2, kc2 = k->c2;
	bool blanks = k->blanks;
	if (kf1) {
		const char *s = field(p, e, kf1);
		if (blanks)
			while (s < e && blank(*s))
				s++;
		/* lengths compared, not pointers made past the line */
		s = kc1 > 1 ? (kc1 - 1 < e - s ? s + kc1 - 1 : e) : s;
		const char *t = e;
		if (kf2) {
			t = field(p, e, kf2);
			if (kc2) {
				if (blanks)
					while (t < e && blank(*t))
						t++;
				t = kc2 < e - t ? t + kc2 : e;
			} else if (sep) {
				const char *q = memchr(t, sep, (size_t)(e - t));
				t = q ? q : e;
			} else {
				while (t < e && blank(*t))
					t++;
				while (t < e && !blank(*t))
					t++;
			}
		}
		p = s;
		e = t > s ? t : s;
	}
	if (blanks || k->num)
		while (p < e && blank(*p))
			p++;
	*ks = p, *ke = e;
}

/* A decimal number at the start of [p, e): sign, digits, '.', digits. */
static double number(const char *p, const char *e)
{
	double v = 0, scale = 1;
	bool neg = p < e && *p == '-';
	for (p += neg; p < e && *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	if (p < e && *p == '.')
		for (p++; p < e && *p >= '0' && *p <= '9'; p++)
			v += (*p - '0') * (scale /= 10);
	return neg ? -v : v;
}

static int bytes_cmp(const char *a, const char *ae, const char *b, const char *be, bool f)
{
	for (; a < ae && b < be; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (f && x >= 'a' && x <= 'z')
			x -= 32;
		if (f && y >= 'a' && y <= 'z')
			y -= 32;
		if (x != y)
			return x - y;
	}
	return (a < ae) - (b < be);
}

static int key_cmp(const struct line *a, const struct line *b)
{
	for (int i = nkey ? 0 : MAXKEY; i < (nkey ? nkey : MAXKEY + 1); i++) {
		const struct key *k = &keys[i];
		const char *as, *ae, *bs, *be;
		int c;
		key(k, a, &as, &ae);
		key(k, b, &bs, &be);
		if (k->num) {
			double x = number(as, ae), y = number(bs, be);
			c = (x > y) - (x < y);
		} else {
			c = bytes_cmp(as, ae, bs, be, k->fold);
		}
		if (c)
			return k->rev ? -c : c;
	}
	return 0;
}

static int cmp(const struct line *a, const struct line *b)
{
	int c = key_cmp(a, b);
	if (c == 0 && !uniq && !stable)
		c = glob->rev ? -bytes_cmp(a->p, a->p + a->len, b->p, b->p + b->len, false)
			      : bytes_cmp(a->p, a->p + a->len, b->p, b->p + b->len, false);
	return c;
}

static const char *flags(const char *p, struct key *k)
{
	for (; *p && *p != ','; p++)
		k->num |= *p == 'n', k->rev |= *p == 'r', k->fold |= *p == 'f', k->blanks |= *p == 'b';
	return p;
}

/* A merge sort: stable (equal lines keep their input order, which -s and
 * -u need) and smaller than libc's qsort. */
static void msort(struct line *v, struct line *t, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	msort(v, t, h);
	msort(v + h, t, n - h);
	while (i < h && j < n)
		t[k++] = cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		t[k++] = v[i++];
	memcpy(v, t, k * sizeof *v);
}

int main(void)
{
	char **argv, *d;
	int argc = vy_cmd_args(&argv), c;
	size_t len, nl = 0, n = 0;
	struct line *v;
	struct vy_opt o = {0};
	struct vy_rd r;

	vy_cmd_usage_status = 2; /* POSIX, busybox and GNU: trouble is 2 */
	while ((c = vy_opt_next(&o, argc, argv, "nrufbst:k:", usage)) != -1) {
		char f[2] = {(char)c, 0};
		if (c == '?')
			return 2;
		flags(f, glob);
		uniq |= c == 'u', stable |= c == 's';
		if (c == 't')
			sep = o.arg[0];
		if (c == 'k') {
			struct key *k = &keys[nkey];
			const char *p = o.arg;
			if (nkey == MAXKEY)
				return vy_cmd_err("too many keys"), 2;
			/* every number given is 1 or more, as busybox wants */
			k->f1 = vy_str_atoll(p, &p);
			bool bad = k->f1 < 1;
			if (*p == '.')
				k->c1 = vy_str_atoll(p + 1, &p), bad |= k->c1 < 1;
			p = flags(p, k);
			if (*p == ',') {
				k->f2 = vy_str_atoll(p + 1, &p);
				bad |= k->f2 < 1;
				if (*p == '.')
					k->c2 = vy_str_atoll(p + 1, &p), bad |= k->c2 < 1;
				flags(p, k);
			}
			if (bad)
				return vy_cmd_err("invalid key '%s'", o.arg), 2;
			nkey++;
		}
	}
	/* A key with no ordering flags of its own takes the global ones. */
	for (int i = 0; i < nkey; i++)
		if (!keys[i].num && !keys[i].rev && !keys[i].fold && !keys[i].blanks)
			keys[i].num = glob->num, keys[i].rev = glob->rev, keys[i].fold = glob->fold, keys[i].blanks = glob->blanks;
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 2;
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &d, &len) != 0)
		return vy_cmd_err("read error"), 2;
	for (size_t i = 0; i < len; i++)
		nl += d[i] == '\n';
	v = malloc((nl + 1) * sizeof *v);
	struct line *t = malloc((nl + 1) * sizeof *v);
	if (!v || !t)
		return vy_cmd_err("out of memory"), 2;
	for (size_t s = 0; s < len;) {
		const char *e = memchr(d + s, '\n', len - s);
		size_t l = e ? (size_t)(e - (d + s)) : len - s;
		v[n++] = (struct line){d + s, l};
		s += l + 1;
	}
	msort(v, t, n);
	for (size_t i = 0; i < n; i++) {
		if (uniq && i > 0 && key_cmp(&v[i - 1], &v[i]) == 0)
			continue;
		vy_write(v[i].p, v[i].len);
		vy_write("\n", 1);
	}
	return 0;
}
