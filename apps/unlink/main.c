/* unlink: removes one file under /data (POSIX unlink): exactly one
 * operand, no options, never a folder. */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "FILE\n\nRemove FILE.\n") != -1)
		return 1;
	if (argc - o.ind != 1)
		vy_cmd_bad_usage("FILE\n");
	if (vy_file_delete(argv[o.ind]) != 0)
		return vy_cmd_err("%s: %s", argv[o.ind], vy_fs_error()), 1;
	return 0;
}
