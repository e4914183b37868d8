/* base32: encodes stdin in base32 (RFC 4648), lines of -w COLS (76; 0: one
 * line), or decodes it with -d (busybox/GNU base32; Debian's busybox has no
 * base32, so GNU coreutils is its conformance anchor). Decoding skips white space; -i skips any
 * other byte outside the alphabet too. */
#include <vyoma_cmd.h>

static const char usage[] = "[-d] [-i] [-w COLS]\n\nbase32-encode or -decode stdin.\n"
			    "\t-d\tDecode\n\t-i\tWhen decoding, ignore bytes outside the alphabet\n\t-w N\tWrap lines at N columns (76; 0: no wrap)\n";

int main(void)
{
	return vy_cmd_base_main("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5, 8, usage);
}
