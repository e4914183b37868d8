/* du: disk use of files and folders under /data in KiB (busybox du): -s
 * only the totals, -a files too, -h human units? no: -k (the default).
 * WASI gives sizes, not blocks: a file counts its size rounded up to 4
 * KiB blocks and a folder 4 KiB, which is what ext4 and tmpfs report for
 * the small files of a home folder. */
#include <vyoma_cmd.h>
#include <stdlib.h>

static bool all, summary;

static unsigned long long du(const char *p, int depth)
{
	struct vy_st st;
	if (vy_st_get(p, &st, false) != 0) {
		vy_cmd_err("%s: %s", p, vy_err_str(vy_fs_err()));
		return 0;
	}
	unsigned long long k = st.type == 'd' ? 4 : (st.size + 4095) / 4096 * 4;
	if (st.type == 'd') {
		size_t n;
		char **names = vy_cmd_list(p, &n);
		for (size_t i = 0; names && i < n; i++) {
			char *sub = vy_cmd_join(p, names[i]);
			if (sub)
				k += du(sub, depth + 1);
			free(sub);
		}
		vy_names_free(names);
	}
	if (depth == 0 || (!summary && (st.type == 'd' || all)))
		vy_printf("%llu\t%s\n", k, p);
	return k;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};
	static char *dot[] = {".", NULL};

	while ((c = vy_opt_next(&o, argc, argv, "askL", "[-as] [FILE]...\n\nPrint disk use in KiB.\n\t-a\tFiles too\n\t-s\tOnly totals\n")) != -1) {
		if (c == '?')
			return 1;
		all |= c == 'a', summary |= c == 's';
	}
	if (o.ind == argc)
		argv = dot, argc = 1, o.ind = 0;
	for (int i = o.ind; i < argc; i++)
		du(argv[i], 0);
	return 0;
}
