/* printenv: prints the environment, or the values of the NAMEs given
 * (status 1 if one is not set) (busybox printenv). */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), status = 0;
	struct vy_opt o = {0};
	char **env;

	if (vy_opt_next(&o, argc, argv, "", "[NAME]...\n\nPrint the environment, or the values of NAMEs.\n") != -1)
		return 1;
	vy_cmd_env(&env);
	if (o.ind == argc)
		for (size_t i = 0; env[i]; i++)
			vy_printf("%s\n", env[i]);
	for (int k = o.ind; k < argc; k++) {
		size_t i, n = strlen(argv[k]);
		for (i = 0; env[i]; i++)
			if (strncmp(env[i], argv[k], n) == 0 && env[i][n] == '=')
				break;
		if (!env[i])
			status = 1;
		else
			vy_printf("%s\n", env[i] + n + 1);
	}
	return status;
}
