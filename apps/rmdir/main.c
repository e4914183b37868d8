/* rmdir: removes empty folders under /data (busybox rmdir): -p removes
 * each parent named in the path as well. */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	bool parents = false;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "p", "[-p] DIR...\n\nRemove empty folders.\n\t-p\tRemove parents too\n")) != -1) {
		if (c == '?')
			return 1;
		parents = true;
	}
	if (o.ind >= argc)
		vy_cmd_bad_usage("[-p] DIR...\n");
	for (int i = o.ind; i < argc; i++) {
		char *p = argv[i];
		for (;;) {
			if (vy_rmdir(p) != 0) {
				vy_cmd_err("'%s': %s", p, vy_fs_error());
				status = 1;
				break;
			}
			char *s = strrchr(p, '/');
			if (!parents || !s)
				break;
			while (s > p && *s == '/')
				*s-- = '\0';
		}
	}
	return status;
}
