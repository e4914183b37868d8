/* ls: lists files and folders under /data (busybox ls), one a line, in
 * byte order: -a with dot files (and . ..), -A without . .., -d folders
 * themselves, -F marks folders '/' and links '@', -R recursive, -r
 * reverse, -S by size, -t by time, -l long (WASI gives no modes or
 * owners: a folder shows drwxr-xr-x, a file -rw-r--r--, the owner
 * "user"), -1 (the default here).
 * Size: up to 13 KB, because it walks folders under /data:
 * wasi:filesystem's types and wiring and the SDK's file and folder code
 * cost about 3.5 KB (docs/perf.md, "Files and sockets"). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "[-1aAdFlrRSt] [FILE]...\n\nList files and folders.\n"
			    "\t-a\tShow dot files\n\t-A\tShow dot files but not . and ..\n\t-d\tList folders, not their contents\n"
			    "\t-F\tAppend / to folders, @ to links\n\t-l\tLong listing\n\t-r\tReverse\n\t-R\tRecursive\n"
			    "\t-S\tSort by size\n\t-t\tSort by time\n";
static bool opt[128];
static int status;

struct ent {
	char *name, *path;
	struct vy_st st;
};

static int cmp(const struct ent *a, const struct ent *b)
{
	int c = 0;
	if (opt['S'])
		c = a->st.size < b->st.size ? 1 : a->st.size > b->st.size ? -1 : 0;
	else if (opt['t'])
		c = a->st.mtime_s < b->st.mtime_s ? 1 : a->st.mtime_s > b->st.mtime_s ? -1 : 0;
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
	vy_print(e->name);
	if (opt['F'] && (e->st.type == 'd' || e->st.type == 'l'))
		vy_print(e->st.type == 'd' ? "/" : "@");
	vy_print("\n");
}

static void list_dir(const char *path, bool header, bool first);

static void list_entries(struct ent *v, size_t n, const char *dir)
{
	sort(v, n);
	for (size_t i = 0; i < n; i++)
		show(&v[i]);
	if (opt['R'])
		for (size_t i = 0; i < n; i++)
			if (v[i].st.type == 'd' && strcmp(v[i].name, ".") && strcmp(v[i].name, ".."))
				list_dir(v[i].path, true, false);
	(void)dir;
}

static void list_dir(const char *path, bool header, bool first)
{
	size_t n, k = 0;
	char **names = vy_cmd_list(path, &n);
	if (!names) {
		vy_cmd_err("%s: %s", path, vy_cmd_fserr());
		status = 1;
		return;
	}
	struct ent *v = malloc((n + 2) * sizeof *v);
	if (!v)
		vy_cmd_exit(1);
	if (opt['a']) {
		v[k++] = (struct ent){".", vy_cmd_join(path, "."), {0, 0, 0, 0, 'd'}};
		v[k++] = (struct ent){"..", vy_cmd_join(path, ".."), {0, 0, 0, 0, 'd'}};
		vy_st_get(path, &v[0].st, true);
		v[1].st = v[0].st;
	}
	for (size_t i = 0; i < n; i++) {
		if (names[i][0] == '.' && !opt['a'] && !opt['A'])
			continue;
		v[k].name = names[i];
		v[k].path = vy_cmd_join(path, names[i]);
		if (!v[k].path || vy_st_get(v[k].path, &v[k].st, false) != 0)
			memset(&v[k].st, 0, sizeof v[k].st);
		k++;
	}
	if (header)
		vy_printf("%s%s:\n", first ? "" : "\n", path);
	list_entries(v, k, path);
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
	struct ent *files = malloc((size_t)argc * sizeof *files), *dirs = malloc((size_t)argc * sizeof *dirs);
	size_t nf = 0, nd = 0;
	if (!files || !dirs)
		return 1;
	for (int i = o.ind; i < argc; i++) {
		struct vy_st st;
		if (vy_st_get(argv[i], &st, true) != 0) {
			vy_cmd_err("%s: %s", argv[i], vy_cmd_fserr());
			status = 1;
		} else if (st.type != 'd' || opt['d']) {
			files[nf++] = (struct ent){argv[i], argv[i], st};
		} else {
			dirs[nd++] = (struct ent){argv[i], argv[i], st};
		}
	}
	sort(dirs, nd);
	sort(files, nf);
	for (size_t i = 0; i < nf; i++)
		show(&files[i]);
	bool many = argc - o.ind > 1 || opt['R'];
	for (size_t i = 0; i < nd; i++)
		list_dir(dirs[i].path, many, nf == 0 && i == 0);
	return status;
}
