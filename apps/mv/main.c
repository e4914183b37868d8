/* mv: moves (renames) files and folders under /data (busybox mv): SRC
 * DEST, or SRC... DIR; -n never overwrites. */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	bool noclobber = false;
	struct vy_opt o = {0};
	struct vy_st st;

	while ((c = vy_opt_next(&o, argc, argv, "fin", "[-n] SRC DEST | SRC... DIR\n\nMove or rename files.\n\t-n\tDo not overwrite\n")) != -1) {
		if (c == '?')
			return 1;
		noclobber |= c == 'n';
	}
	if (argc - o.ind < 2)
		vy_cmd_bad_usage("[-n] SRC DEST | SRC... DIR\n");
	const char *dest = argv[argc - 1];
	bool into = vy_st_get(dest, &st, true) == 0 && st.type == 'd';
	if (argc - o.ind > 2 && !into)
		return vy_cmd_err("'%s' is not a directory", dest), 1;
	for (int i = o.ind; i < argc - 1; i++) {
		char *to = vy_cmd_target(dest, into, argv[i]);
		if (!to || (noclobber && vy_st_get(to, &st, false) == 0))
			continue;
		if (vy_file_rename(argv[i], to) != 0) {
			vy_cmd_err("can't rename '%s': %s", argv[i], vy_fs_error());
			status = 1;
		}
	}
	return status;
}
