/* fuzz_cmd_bc: libFuzzer target for bc (apps/bc/main.c), the whole command
 * as the runner gives it a program on stdin (fuzz/cmdhost.h: the arguments,
 * each ended by a NUL, up to an empty one, then stdin): its parser and its arbitrary-precision
 * arithmetic, under ASan and UBSan. Invariants beyond no report: the status
 * is 0 or 1, every line of a number printed is at most 70 bytes (bc
 * continues a longer one with a backslash), and a run that fails says why on stderr. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define BC_MAX_DIGITS 2000 /* the same refusals, sooner */
#define BC_MAX_SCALE 300
#define main app_main
#include "../apps/bc/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdbase.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

/* Each run starts as a new process: a variable and the scale set in one run
 * read 0 in the next (fuzz/cmdhost.h's putting back of static data), so
 * that every run of the replay in `make test` checks it too. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	cmdhost_run((const uint8_t *)"\0x=5;scale=3;x\n", 16, "bc", app_main);
	CHECK(!strcmp(cmdhost.out, "5\n"));
	cmdhost_run((const uint8_t *)"\0x;scale\n", 9, "bc", app_main);
	CHECK(!strcmp(cmdhost.out, "0\n0\n"));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "bc", app_main);
	CHECK(cmdhost.status == 0 || cmdhost.status == 1);
	for (const char *l = cmdhost.out, *nl; *l; l = nl + 1) {
		nl = strchr(l, '\n');
		if (!nl)
			break;
		if ((*l >= '0' && *l <= '9') || *l == '-' || *l == '.') /* a number's, not --help's */
			CHECK(nl - l <= 70);
	}
	CHECK(cmdhost.status == 0 || cmdhost.err_n > 0);
	return 0;
}
