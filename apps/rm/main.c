/* rm: removes files under /data (busybox rm): -r folders and all they
 * hold, -f no error for what does not exist (and exit 0). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static bool force, recurse;

static int rm(const char *p)
{
	struct vy_st st;
	if (vy_st_get(p, &st, false) != 0) {
		if (force)
			return 0;
		return vy_cmd_err("can't remove '%s': %s", p, vy_err_str(vy_fs_err()));
	}
	if (st.type == 'd') {
		size_t n;
		char **names;
		int rc = 0;
		if (!recurse)
			return vy_cmd_err("'%s' is a directory", p);
		if (!(names = vy_cmd_list(p, &n)))
			return vy_cmd_err("'%s': %s", p, vy_err_str(vy_fs_err()));
		for (size_t i = 0; i < n; i++) {
			char *sub = vy_cmd_join(p, names[i]);
			if (!sub || rm(sub) != 0)
				rc = -1;
			free(sub);
		}
		vy_names_free(names);
		if (vy_fs_rmdir(p) != 0)
			return vy_cmd_err("can't remove '%s': %s", p, vy_err_str(vy_fs_err()));
		return rc;
	}
	if (vy_fs_delete(p) != 0)
		return vy_cmd_err("can't remove '%s': %s", p, vy_err_str(vy_fs_err()));
	return 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "rRfi", "[-rf] FILE...\n\nRemove files.\n\t-r\tFolders and their contents\n\t-f\tNo error if missing\n")) != -1) {
		if (c == '?')
			return 1;
		force |= c == 'f', recurse |= c == 'r' || c == 'R';
	}
	if (o.ind >= argc && !force)
		vy_cmd_bad_usage("[-rf] FILE...\n");
	for (int i = o.ind; i < argc; i++) {
		if (!strcmp(argv[i], ".") || !strcmp(argv[i], "..") || !strcmp(argv[i], "/data")) {
			vy_cmd_err("refusing to remove '%s'", argv[i]);
			status = 1;
		} else if (rm(argv[i]) != 0) {
			status = 1;
		}
	}
	return status;
}
