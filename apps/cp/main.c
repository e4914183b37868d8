/* cp: copies files under /data (busybox cp): SRC DEST, or SRC... DIR; -r
 * copies folders with all they hold; -n never overwrites. A file is read
 * whole, then written (the memory cap bounds it: vyoma.toml), so copying a
 * file onto itself loses nothing. Whether a path is a folder is asked by
 * opening it (vy_cmd_isdir), not by stat-at, whose record cp never needs. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static bool recurse, noclobber;

static int copy(const char *from, const char *to)
{
	int d = vy_cmd_isdir(from), rc = 0;
	char *data;
	size_t n;

	if (d < 0)
		return vy_cmd_err("can't stat '%s': %s", from, vy_cmd_fserr());
	if (d) {
		char **names;
		if (!recurse)
			return vy_cmd_err("omitting directory '%s'", from);
		if ((vy_cmd_isdir(to) < 0 && vy_fs_mkdir(to) != 0) || !(names = vy_cmd_list(from, &n)))
			return vy_cmd_err("can't copy '%s' to '%s': %s", from, to, vy_cmd_fserr());
		for (size_t i = 0; i < n; i++) {
			char *a = vy_cmd_join(from, names[i]), *b = vy_cmd_join(to, names[i]);
			if (!a || !b || copy(a, b) != 0)
				rc = -1;
			free(a), free(b);
		}
		vy_names_free(names);
		return rc;
	}
	if (noclobber && vy_cmd_isdir(to) >= 0)
		return 0;
	if (vy_cmd_read(from, &data, &n) != 0)
		return vy_cmd_err("can't read '%s': %s", from, vy_cmd_fserr());
	rc = vy_cmd_write(to, data, n, false);
	free(data);
	return rc ? vy_cmd_err("can't create '%s': %s", to, vy_cmd_fserr()) : 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "rRapfn", "[-rn] SRC DEST | SRC... DIR\n\nCopy files.\n\t-r\tFolders too\n\t-n\tDo not overwrite\n")) != -1) {
		if (c == '?')
			return 1;
		recurse |= c == 'r' || c == 'R' || c == 'a', noclobber |= c == 'n';
	}
	if (argc - o.ind < 2)
		vy_cmd_bad_usage("[-rn] SRC DEST | SRC... DIR\n");
	const char *dest = argv[argc - 1];
	bool into = vy_cmd_isdir(dest) == 1;
	if (argc - o.ind > 2 && !into)
		return vy_cmd_err("'%s' is not a directory", dest), 1;
	for (int i = o.ind; i < argc - 1; i++) {
		char *to = vy_cmd_target(dest, into, argv[i]);
		if (!to || copy(argv[i], to) != 0)
			status = 1;
	}
	return status;
}
