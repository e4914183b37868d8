/* mkdir: makes folders under /data (busybox mkdir): -p makes the parents
 * too and is quiet about folders that exist. (-m is taken and ignored:
 * WASI has no modes.) */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	bool parents = false;
	struct vy_opt o = {0};
	struct vy_st st;

	while ((c = vy_opt_next(&o, argc, argv, "pm:", "[-p] DIR...\n\nMake folders.\n\t-p\tMake parents too, no error if existing\n")) != -1) {
		if (c == '?')
			return 1;
		parents |= c == 'p';
	}
	if (o.ind >= argc)
		vy_cmd_bad_usage("[-p] DIR...\n");
	for (int i = o.ind; i < argc; i++) {
		char *p = argv[i];
		if (parents) {
			for (char *s = p + 1; *s; s++)
				if (*s == '/' && s[-1] != '/') {
					*s = '\0';
					if (vy_st_get(p, &st, true) != 0)
						vy_mkdir(p);
					*s = '/';
				}
			if (vy_st_get(p, &st, true) == 0 && st.type == 'd')
				continue;
		}
		if (vy_mkdir(p) != 0) {
			vy_cmd_err("can't create directory '%s': %s", p, vy_fs_error());
			status = 1;
		}
	}
	return status;
}
