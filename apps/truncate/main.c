/* truncate: sets each FILE's size under /data to -s SIZE (bytes, or with
 * a K/M/G suffix), making missing files unless -c (busybox truncate). The
 * file is read, cut or padded with zeros, and written back (WASI's
 * set-size would do it in place; the SDK does not expose it). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	bool nocreate = false;
	long long size = -1;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "cs:", "[-c] -s SIZE FILE...\n\nSet the size of FILEs.\n\t-c\tDo not make files\n\t-s N\tSize (K, M, G suffixes)\n")) != -1) {
		const char *e;
		if (c == '?')
			return 1;
		nocreate |= c == 'c';
		if (c == 's') {
			size = vy_atoll(o.arg, &e);
			size <<= *e == 'K' || *e == 'k' ? 10 : *e == 'M' ? 20 : *e == 'G' ? 30 : 0;
			if (e == o.arg || size < 0 || size > (64 << 20) || (*e && e[1]))
				return vy_cmd_err("invalid size '%s'", o.arg), 1;
		}
	}
	if (size < 0 || o.ind >= argc)
		vy_cmd_bad_usage("[-c] -s SIZE FILE...\n");
	for (int i = o.ind; i < argc; i++) {
		struct vy_st st;
		struct vy_rd r;
		char *d = NULL, *nd;
		size_t len = 0;
		if (vy_st_get(argv[i], &st, true) != 0) {
			if (nocreate)
				continue;
		} else if (vy_rd_open(&r, argv[i]) != 0 || vy_rd_all(&r, &d, &len) != 0) {
			status = 1;
			continue;
		}
		nd = calloc((size_t)size + 1, 1);
		if (!nd)
			return vy_cmd_err("out of memory"), 1;
		memcpy(nd, d, len < (size_t)size ? len : (size_t)size);
		if (vy_cmd_write(argv[i], nd, (size_t)size, false) != 0) {
			vy_cmd_err("%s: %s", argv[i], vy_fs_error());
			status = 1;
		}
		free(nd), free(d);
	}
	return status;
}
