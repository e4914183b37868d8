/* run: the component's entry point. WASI 0.2 commands export wasi:cli/run;
 * the SDK implements it by calling the app's main() and flushing output. */
#include "sdk.h"

int main(void);
/* Linked only in commands (sdk/cmd.c): their status goes out whole. */
extern _Noreturn void vy_cmd_exit(int status) __attribute__((weak));

bool exports_wasi_cli_run_run(void)
{
	int rc = main();
	if (rc > 1 && vy_cmd_exit)
		vy_cmd_exit(rc);
	vy_flush();
	return rc == 0;
}

_Noreturn void vy_sys_exit(int code)
{
	wasi_cli_exit_result_void_void_t status = {.is_err = code != 0};
	vy_flush();
	wasi_cli_exit_exit(&status);
	__builtin_trap();
}
