/* touch: sets files' times under /data to now, making the ones that do not
 * exist (busybox touch); -c makes none. */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	bool create = true;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "c", "[-c] FILE...\n\nUpdate times of files, making missing ones.\n\t-c\tDo not make files\n")) != -1) {
		if (c == '?')
			return 1;
		create = false;
	}
	if (o.ind >= argc)
		vy_cmd_bad_usage("[-c] FILE...\n");
	for (int i = o.ind; i < argc; i++)
		if (vy_cmd_touch(argv[i], create) != 0) {
			vy_cmd_err("%s: %s", argv[i], vy_fs_error());
			status = 1;
		}
	return status;
}
