/* ls: lists files and folders under /data (busybox ls), one a line, in
 * byte order: -a with dot files (and . ..), -A without . .., -d folders
 * themselves, -F marks folders '/' and links '@', -R recursive, -r
 * reverse, -S by size, -t by time, -l long (WASI gives no modes or
 * owners: a folder shows drwxr-xr-x, a file -rw-r--r--, the owner
 * "user"), -1 (the default here). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "[-1aAdFlrRSt] [FILE]...\n\nList files and folders.\n"
			    "\t-a\tShow dot files\n\t-A\tShow dot files but not . and ..\n\t-d\tList folders, not their contents\n"
			    "\t-F\tAppend / to folders, @ to links\n\t-l\tLong listing\n\t-r\tReverse\n\t-R\tRecursive\n"
			    "\t-S\tSort by size\n\t-t\tSort by time\n";
static bool opt[128], sep; /* sep: something was printed, a header needs a blank line */
static int status;

struct ent {
	char *name, *path;
	struct vy_st st;
};

/* -S larger first, -t newer first; then by name */
static int cmp(const struct ent *a, const struct ent *b)
{
	const uint64_t *x = opt['S'] ? &a->st.size : &a->st.mtime_s, *y = opt['S'] ? &b->st.size : &b->st.mtime_s;
	int c = opt['S'] || opt['t'] ? (*x < *y) - (*x > *y) : 0;
	if (!c)
		c = strcmp(a->name, b->name);
	return opt['r'] ? -c : c;
}

static void sort(struct ent *v, size_t n)
{
	for (size_t i = 1; i < n; i++) /* insertion sort: folders are small */
		for (size_t j = i; j > 0 && cmp(&v[j - 1], &v[j]) > 0; j--) {
			struct ent t = v[j];
			v[j] = v[j - 1], v[j - 1] = t;
		}
}

static void show(const struct ent *e)
{
	if (opt['l']) {
		static const char *const mon = "JanFebMarAprMayJunJulAugSepOctNovDec";
		struct vy_tm tm;
		vy_cmd_civil((long long)e->st.mtime_s, &tm);
		vy_printf("%s %4llu user     user     %9llu %.3s %2lld %02lld:%02lld ",
			  e->st.type == 'd' ? "drwxr-xr-x" : e->st.type == 'l' ? "lrwxrwxrwx" : "-rw-r--r--",
			  e->st.nlink, e->st.size, mon + (tm.mon - 1) * 3, tm.day, tm.hour, tm.min);
	}
	sep = true;
	vy_print(e->name);
	vy_print(!opt['F'] ? "\n" : e->st.type == 'd' ? "/\n" : e->st.type == 'l' ? "@\n" : "\n");
}

static void list_dir(const char *path, bool header);

static void fail(const char *path)
{
	vy_cmd_err("%s: %s", path, vy_cmd_fserr());
	status = 1;
}

/* Sorted, then shown; at the top (the operands) folders are not shown
 * but listed, unless -d; below, folders are listed again only with -R. */
static void listing(struct ent *v, size_t n, bool top, bool header)
{
	sort(v, n);
	for (size_t i = 0; i < n; i++)
		if (!top || v[i].st.type != 'd' || opt['d'])
			show(&v[i]);
	for (size_t i = 0; i < n; i++)
		if (v[i].st.type == 'd' && v[i].path && (top ? !opt['d'] : opt['R']))
			list_dir(v[i].path, header);
}

static void list_dir(const char *path, bool header)
{
	size_t n, k = 0;
	char **names = vy_cmd_list(path, &n);
	if (!names) {
		fail(path);
		return;
	}
	struct ent *v = malloc((n + 2) * sizeof *v);
	if (!v)
		vy_cmd_exit(1);
	if (opt['a']) {
		/* no path: never listed again; ".." shows as "." does */
		for (; k < 2; k++) {
			v[k] = (struct ent){.name = k ? ".." : ".", .st.type = 'd'};
			vy_st_get(path, &v[k].st, true);
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (names[i][0] == '.' && !opt['a'] && !opt['A'])
			continue;
		/* one that fails to stat shows as an empty file */
		v[k] = (struct ent){.name = names[i], .path = vy_cmd_join(path, names[i])};
		if (v[k].path)
			vy_st_get(v[k].path, &v[k].st, false);
		k++;
	}
	if (header) {
		vy_print(sep ? "\n" : "");
		vy_print(path);
		vy_print(":\n");
	}
	sep = true;
	listing(v, k, false, true);
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};
	static char *dot[] = {".", NULL};

	while ((c = vy_opt_next(&o, argc, argv, "1aAdFlrRSt", usage)) != -1) {
		if (c == '?')
			return 1;
		opt[c] = true;
	}
	if (o.ind == argc)
		argv = dot, argc = 1, o.ind = 0;
	/* Files first (as one listing), then each folder with a header when
	 * there is more than one operand, as ls does. */
	struct ent *v = malloc((size_t)argc * sizeof *v);
	size_t n = 0;
	if (!v)
		return 1;
	for (int i = o.ind; i < argc; i++) {
		v[n].name = v[n].path = argv[i];
		if (vy_st_get(argv[i], &v[n].st, true) != 0)
			fail(argv[i]);
		else
			n++;
	}
	listing(v, n, true, argc - o.ind > 1 || opt['R']);
	return status;
}
