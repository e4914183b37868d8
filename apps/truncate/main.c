/* truncate: sets each FILE's size under /data to -s SIZE (bytes, or with
 * a K/M/G suffix), making missing files unless -c (busybox truncate), in
 * place (WASI's set-size: cut, or padded with zeros). */
#include <vyoma_cmd.h>

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
			size = vy_str_atoll(o.arg, &e);
			size <<= *e == 'K' || *e == 'k' ? 10 : *e == 'M' ? 20 : *e == 'G' ? 30 : 0;
			if (e == o.arg || size < 0 || size > (64 << 20) || (*e && e[1]))
				return vy_cmd_err("invalid size '%s'", o.arg), 1;
		}
	}
	if (size < 0 || o.ind >= argc)
		vy_cmd_bad_usage("[-c] -s SIZE FILE...\n");
	for (int i = o.ind; i < argc; i++) {
		if (vy_cmd_resize(argv[i], (uint64_t)size, !nocreate) == 0 || (nocreate && vy_fs_err() == VY_E_NO_ENTRY))
			continue;
		if (vy_fs_err() == VY_E_IS_DIRECTORY)
			vy_cmd_err("%s: Is a directory", argv[i]);
		else
			vy_cmd_err("%s: %s", argv[i], vy_err_str(vy_fs_err()));
		status = 1;
	}
	return status;
}
