/* readlink: prints the target of a symbolic link under /data (busybox
 * readlink); status 1, silently, if it is not a link. -f prints the path
 * with every link, "." and ".." resolved, from /data (the only root a
 * command sees). */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	bool canon = false;
	struct vy_opt o = {0};
	char target[1024];

	while ((c = vy_opt_next(&o, argc, argv, "fn", "[-f] FILE\n\nPrint the target of a symbolic link.\n\t-f\tThe full resolved path\n")) != -1) {
		if (c == '?')
			return 1;
		canon |= c == 'f';
	}
	if (argc - o.ind != 1)
		vy_cmd_bad_usage("[-f] FILE\n");
	if (canon) {
		/* lexical: "." and ".." and repeated '/' (links stay as named) */
		char out[1024] = "/data";
		size_t n = 5;
		const char *p = argv[o.ind];
		if (!strncmp(p, "/data", 5) && (p[5] == '/' || !p[5]))
			p += 5;
		while (*p) {
			while (*p == '/')
				p++;
			size_t k = strcspn(p, "/");
			if (!k)
				break;
			if (k == 2 && p[0] == '.' && p[1] == '.') {
				while (n > 5 && out[n - 1] != '/')
					n--;
				if (n > 5)
					n--;
			} else if (!(k == 1 && p[0] == '.') && n + k + 2 < sizeof out) {
				out[n++] = '/';
				memcpy(out + n, p, k);
				n += k;
			}
			p += k;
		}
		out[n] = '\0';
		vy_printf("%s\n", out);
		return 0;
	}
	if (vy_cmd_readlink(argv[o.ind], target, sizeof target) != 0)
		return 1;
	vy_printf("%s\n", target);
	return 0;
}
