/* tree: draws the folder tree under /data (the output of Debian's tree
 * with its default options in the C locale: ASCII-art lines, byte-order
 * names, dot files hidden unless -a, then "N directories, M files");
 * -L N limits the depth, -d shows folders only. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static bool all, dirs_only;
static long long maxlevel = -1;
static unsigned long long ndirs, nfiles;
static char prefix[1024];

static void walk(const char *path, size_t plen, long long level)
{
	size_t n, k = 0;
	char **names = vy_cmd_list(path, &n);
	if (!names)
		return;
	char **keep = names;
	for (size_t i = 0; i < n; i++) {
		struct vy_st st;
		char *sub = vy_cmd_join(path, names[i]);
		bool dir = sub && vy_st_get(sub, &st, true) == 0 && st.type == 'd';
		if ((names[i][0] == '.' && !all) || (dirs_only && !dir)) {
			free(sub);
			continue;
		}
		free(sub);
		keep[k++] = names[i];
	}
	for (size_t i = 0; i < k; i++) {
		struct vy_st st;
		bool last = i + 1 == k;
		char *sub = vy_cmd_join(path, keep[i]);
		if (!sub)
			return;
		vy_st_get(sub, &st, false);
		vy_printf("%.*s%s %s", (int)plen, prefix, last ? "`--" : "|--", keep[i]);
		if (st.type == 'l') {
			struct vy_st t;
			vy_print(vy_st_get(sub, &t, true) == 0 ? "" : "");
		}
		vy_print("\n");
		if (st.type == 'd') {
			ndirs++;
			if ((maxlevel < 0 || level + 1 < maxlevel) && plen + 4 < sizeof prefix) {
				memcpy(prefix + plen, last ? "    " : "|   ", 4);
				walk(sub, plen + 4, level + 1);
			}
		} else {
			nfiles++;
		}
		free(sub);
	}
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};
	static char *dot[] = {".", NULL};

	while ((c = vy_opt_next(&o, argc, argv, "adL:", "[-ad] [-L LEVEL] [DIR]...\n\nDraw the folder tree.\n\t-a\tDot files too\n\t-d\tFolders only\n\t-L N\tAt most N levels\n")) != -1) {
		if (c == '?')
			return 1;
		all |= c == 'a', dirs_only |= c == 'd';
		if (c == 'L' && (vy_cmd_num(o.arg, &maxlevel) || maxlevel < 1))
			return vy_cmd_err("invalid level '%s'", o.arg), 1;
	}
	if (o.ind == argc)
		argv = dot, argc = 1, o.ind = 0;
	for (int i = o.ind; i < argc; i++) {
		struct vy_st st;
		if (vy_st_get(argv[i], &st, true) != 0 || st.type != 'd') {
			vy_printf("%s  [error opening dir]\n", argv[i]);
			continue;
		}
		vy_printf("%s\n", argv[i]);
		ndirs++; /* tree counts the folder it starts from */
		walk(argv[i], 0, 0);
	}
	vy_printf("\n%llu director%s", ndirs, ndirs == 1 ? "y" : "ies");
	if (!dirs_only)
		vy_printf(", %llu file%s", nfiles, nfiles == 1 ? "" : "s");
	vy_print("\n");
	return 0;
}
