/* find: walks folders under /data and prints the paths that match (busybox
 * find): -name PATTERN (fnmatch: * ? [...]), -iname, -type f|d|l,
 * -maxdepth N, -mindepth N, -empty, -print; tests are ANDed, ! negates the
 * next. Children are visited in byte order of their names. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

#define MAXT 16
struct test {
	char kind; /* n name, i iname, t type, e empty */
	bool neg;
	const char *arg;
};
static struct test tests[MAXT];
static int ntest;
static long long maxdepth = -1, mindepth = 0;

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* fnmatch for one name: * ? [set] [!set] \x. */
static bool glob(const char *p, const char *s, bool icase)
{
	for (; *p; p++, s++) {
		if (*p == '*') {
			for (const char *t = s;; t++) {
				if (glob(p + 1, t, icase))
					return true;
				if (!*t)
					return false;
			}
		}
		if (!*s)
			return false;
		if (*p == '?')
			continue;
		if (*p == '[') {
			const char *q = p + 1;
			bool neg = *q == '!' || *q == '^', hit = false;
			q += neg;
			for (bool first = true; *q && (first || *q != ']'); q++, first = false) {
				if (q[1] == '-' && q[2] && q[2] != ']') {
					hit |= lower(*s) >= lower(*q) && lower(*s) <= lower(q[2]);
					q += 2;
				} else {
					hit |= icase ? lower(*q) == lower(*s) : *q == *s;
				}
			}
			if (!*q || hit == neg)
				return false;
			p = q;
			continue;
		}
		if (*p == '\\' && p[1])
			p++;
		if (icase ? lower(*p) != lower(*s) : *p != *s)
			return false;
	}
	return !*s;
}

static bool match(const char *path, const struct vy_st *st)
{
	const char *base = strrchr(path, '/');
	base = base && base[1] ? base + 1 : path;
	for (int i = 0; i < ntest; i++) {
		struct test *t = &tests[i];
		bool ok;
		if (t->kind == 'n' || t->kind == 'i')
			ok = glob(t->arg, base, t->kind == 'i');
		else if (t->kind == 't')
			ok = st->type == t->arg[0];
		else {
			size_t n = 0;
			char **names = st->type == 'd' ? vy_cmd_list(path, &n) : NULL;
			ok = st->type == 'd' ? names && n == 0 : st->size == 0;
			vy_names_free(names);
		}
		if (ok == t->neg)
			return false;
	}
	return true;
}

/* The one message of a path that cannot be read. */
static int fail(const char *path) { return vy_cmd_err("%s: %s", path, vy_cmd_fserr()); }

static int walk(const char *path, long long depth)
{
	struct vy_st st;
	int rc = 0;
	if (vy_st_get(path, &st, false) != 0)
		return fail(path);
	if (depth >= mindepth && match(path, &st))
		vy_printf("%s\n", path);
	if (st.type != 'd' || depth == maxdepth)
		return 0;
	size_t n;
	char **names = vy_cmd_list(path, &n);
	if (!names)
		return fail(path);
	for (size_t i = 0; i < n; i++) {
		char *sub = vy_cmd_join(path, names[i]);
		if (!sub || walk(sub, depth + 1) != 0)
			rc = -1;
		free(sub);
	}
	vy_names_free(names);
	return rc;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), i = 1, status = 0;
	bool neg = false;

	if (argc > 1 && !strcmp(argv[1], "--help"))
		vy_cmd_usage("[PATH]... [-name PAT] [-iname PAT] [-type f|d|l] [-maxdepth N] [-mindepth N] [-empty] [!]\n\n"
			     "Print paths under PATH (.) that match.\n");
	int first = i;
	while (i < argc && argv[i][0] != '-' && strcmp(argv[i], "!"))
		i++;
	int npath = i - first;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "!")) {
			neg = !neg;
			continue;
		}
		if (!strcmp(a, "-print") || !strcmp(a, "-a"))
			continue;
		if (ntest == MAXT)
			return vy_cmd_err("too many tests"), 1;
		struct test *t = &tests[ntest];
		if (!strcmp(a, "-empty")) {
			*t = (struct test){'e', neg, NULL};
			ntest++, neg = false;
			continue;
		}
		if (i + 1 >= argc)
			return vy_cmd_err("%s: needs an argument", a), 1;
		const char *v = argv[++i];
		if (!strcmp(a, "-name") || !strcmp(a, "-iname") || !strcmp(a, "-type")) {
			*t = (struct test){a[1] == 'n' ? 'n' : a[1] == 'i' ? 'i' : 't', neg, v};
			ntest++;
		} else if (!strcmp(a, "-maxdepth") || !strcmp(a, "-mindepth")) {
			if (vy_cmd_num(v, a[2] == 'a' ? &maxdepth : &mindepth) != 0)
				return vy_cmd_err("invalid number '%s'", v), 1;
		} else {
			return vy_cmd_err("unrecognized: %s", a), 1;
		}
		neg = false;
	}
	if (!npath)
		return walk(".", 0) != 0;
	for (int k = first; k < first + npath; k++)
		if (walk(argv[k], 0) != 0)
			status = 1;
	return status;
}
