/* tee: copies stdin to stdout and to each FILE under /data (busybox tee);
 * -a appends. Each block read is written to every file (opened, written
 * at its end, closed: sdk/cmdfs.c). */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	bool append = false;
	static char buf[65536];
	long n;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "ai", "[-a] [FILE]...\n\nCopy stdin to stdout and FILEs.\n\t-a\tAppend\n")) != -1) {
		if (c == '?')
			return 1;
		append |= c == 'a';
	}
	for (int i = o.ind; i < argc; i++)
		if (!append && vy_cmd_write(argv[i], "", 0, false) != 0) {
			vy_cmd_err("%s: %s", argv[i], vy_fs_error());
			argv[i] = NULL, status = 1;
		}
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		vy_write(buf, (size_t)n);
		for (int i = o.ind; i < argc; i++)
			if (argv[i] && vy_cmd_write(argv[i], buf, (size_t)n, true) != 0) {
				vy_cmd_err("%s: %s", argv[i], vy_fs_error());
				argv[i] = NULL, status = 1;
			}
	}
	return status || n < 0;
}
