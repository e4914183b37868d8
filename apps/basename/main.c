/* basename: prints NAME without its leading folders and trailing '/' (and
 * SUFFIX, if NAME ends with it and is not only it) (POSIX basename). */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "NAME [SUFFIX]\n\nPrint NAME without folders (and SUFFIX).\n") != -1)
		return 1;
	if (argc - o.ind < 1 || argc - o.ind > 2)
		vy_cmd_bad_usage("NAME [SUFFIX]\n");
	char *s = argv[o.ind];
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	char *b = strrchr(s, '/');
	if (b && b[1])
		s = b + 1;
	n = strlen(s);
	if (o.ind + 1 < argc) {
		size_t k = strlen(argv[o.ind + 1]);
		if (k < n && strcmp(s + n - k, argv[o.ind + 1]) == 0)
			s[n - k] = '\0';
	}
	vy_printf("%s\n", s);
	return 0;
}
