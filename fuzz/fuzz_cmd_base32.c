/* fuzz_cmd_base32: libFuzzer target for base32 (apps/base32/main.c, sdk/cmdbase.c),
 * the whole command from its arguments and stdin (fuzz/cmdhost.h), under
 * ASan and UBSan; its invariants are fuzz/cmdbase.h's: the RFC 4648
 * encoding made on its own, and a decoding that gives the bytes back. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/base32/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdbase.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

#include "cmdbase.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "base32", app_main);
	cmdbase_check("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5);
	return 0;
}
