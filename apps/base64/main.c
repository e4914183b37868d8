/* base64: encodes stdin in base64 (RFC 4648), lines of -w COLS (76; 0: one
 * line), or decodes it with -d (busybox/GNU base64; sdk/cmdbase.c). Decoding
 * skips white space; -i skips any other byte outside the alphabet too. */
#include <vyoma_cmd.h>

static const char usage[] = "[-d] [-i] [-w COLS]\n\nbase64-encode or -decode stdin.\n"
			    "\t-d\tDecode\n\t-i\tWhen decoding, ignore bytes outside the alphabet\n\t-w N\tWrap lines at N columns (76; 0: no wrap)\n";

int main(void)
{
	return vy_cmd_base_main("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 6, 4, usage);
}
