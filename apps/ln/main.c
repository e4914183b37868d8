/* ln: makes links under /data (busybox ln): TARGET LINK, or TARGET... DIR;
 * -s symbolic (the target is stored as given, and must stay inside /data
 * to be followed: WASI refuses links that leave it), -f replaces LINK. */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	bool sym = false, force = false;
	struct vy_opt o = {0};
	struct vy_st st;

	while ((c = vy_opt_next(&o, argc, argv, "sfn", "[-sf] TARGET LINK | TARGET... DIR\n\nMake links.\n\t-s\tSymbolic\n\t-f\tReplace existing\n")) != -1) {
		if (c == '?')
			return 1;
		sym |= c == 's', force |= c == 'f';
	}
	if (argc - o.ind < 2)
		vy_cmd_bad_usage("[-sf] TARGET LINK | TARGET... DIR\n");
	const char *dest = argv[argc - 1];
	bool into = vy_st_get(dest, &st, true) == 0 && st.type == 'd';
	for (int i = o.ind; i < argc - 1; i++) {
		char *to = vy_cmd_target(dest, into, argv[i]);
		if (!to)
			return 1;
		if (force && vy_st_get(to, &st, false) == 0)
			vy_file_delete(to);
		if ((sym ? vy_cmd_symlink(argv[i], to) : vy_cmd_link(argv[i], to)) != 0) {
			vy_cmd_err("%s: %s", to, vy_fs_error());
			status = 1;
		}
	}
	return status;
}
