/* cp: copies files under /data (busybox cp): SRC DEST, or SRC... DIR; -r
 * copies folders with all they hold; -n never overwrites. A file is read
 * whole, then written (the memory cap bounds it: vyoma.toml).
 * Size: up to 14 KB, because it walks folders under /data:
 * wasi:filesystem's types and wiring and the SDK's file and folder code
 * cost about 3.5 KB (docs/perf.md, "Files and sockets"). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static bool recurse, noclobber;

static int copy(const char *from, const char *to)
{
	struct vy_st st, dst;
	if (vy_st_get(from, &st, true) != 0)
		return vy_cmd_err("can't stat '%s': %s", from, vy_err_str(vy_fs_err()));
	if (st.type == 'd') {
		size_t n;
		char **names;
		int rc = 0;
		if (!recurse)
			return vy_cmd_err("omitting directory '%s'", from);
		if ((vy_st_get(to, &dst, true) != 0 && vy_fs_mkdir(to) != 0) || !(names = vy_cmd_list(from, &n)))
			return vy_cmd_err("can't copy '%s' to '%s': %s", from, to, vy_err_str(vy_fs_err()));
		for (size_t i = 0; i < n; i++) {
			char *a = vy_cmd_join(from, names[i]), *b = vy_cmd_join(to, names[i]);
			if (!a || !b || copy(a, b) != 0)
				rc = -1;
			free(a), free(b);
		}
		vy_names_free(names);
		return rc;
	}
	if (noclobber && vy_st_get(to, &dst, true) == 0)
		return 0;
	struct vy_rd r;
	char *data;
	size_t len;
	if (vy_rd_file(&r, from) != 0) /* the file itself: "-" is not stdin here */
		return -1;
	int rc = vy_rd_all(&r, &data, &len);
	vy_rd_close(&r);
	if (rc != 0)
		return vy_cmd_err("can't read '%s'", from);
	rc = vy_cmd_write(to, data, len, false);
	free(data);
	return rc ? vy_cmd_err("can't create '%s': %s", to, vy_err_str(vy_fs_err())) : 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	struct vy_opt o = {0};
	struct vy_st st;

	while ((c = vy_opt_next(&o, argc, argv, "rRapfn", "[-rn] SRC DEST | SRC... DIR\n\nCopy files.\n\t-r\tFolders too\n\t-n\tDo not overwrite\n")) != -1) {
		if (c == '?')
			return 1;
		recurse |= c == 'r' || c == 'R' || c == 'a', noclobber |= c == 'n';
	}
	if (argc - o.ind < 2)
		vy_cmd_bad_usage("[-rn] SRC DEST | SRC... DIR\n");
	const char *dest = argv[argc - 1];
	bool into = vy_st_get(dest, &st, true) == 0 && st.type == 'd';
	if (argc - o.ind > 2 && !into)
		return vy_cmd_err("'%s' is not a directory", dest), 1;
	for (int i = o.ind; i < argc - 1; i++) {
		char *to = vy_cmd_target(dest, into, argv[i]);
		if (!to || copy(argv[i], to) != 0)
			status = 1;
	}
	return status;
}
