/* env: prints the environment the command was given, NAME=VALUE a line
 * (wasi:cli/environment; the runner gives commands none today). It cannot
 * run a command with a changed environment, as POSIX env can: a component
 * starts no other program (the shell runs commands). -i: print nothing. */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	bool empty = false;
	struct vy_opt o = {0};
	char **env;

	while ((c = vy_opt_next(&o, argc, argv, "i", "[-i] [NAME=VALUE]...\n\nPrint the environment (and NAME=VALUEs).\n\t-i\tStart from an empty environment\n")) != -1) {
		if (c == '?')
			return 1;
		empty = true;
	}
	for (int i = o.ind; i < argc; i++)
		if (!strchr(argv[i], '='))
			return vy_cmd_err("can't run '%s': commands cannot start programs", argv[i]), 1;
	if (!empty) {
		vy_cmd_env(&env);
		for (size_t i = 0; env[i]; i++)
			vy_printf("%s\n", env[i]);
	}
	for (int i = o.ind; i < argc; i++)
		vy_printf("%s\n", argv[i]);
	return 0;
}
