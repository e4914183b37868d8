/* base32: encodes stdin in base32 (RFC 4648), lines of -w COLS (76; 0: one
 * line), or decodes it with -d (busybox/GNU base32; Debian's busybox has no
 * base32, so GNU coreutils is its conformance anchor). Decoding skips white space; -i skips any
 * other byte outside the alphabet too. */
#include <vyoma_cmd.h>

static const char usage[] = "[-d] [-i] [-w COLS]\n\nbase32-encode or -decode stdin.\n"
			    "\t-d\tDecode\n\t-i\tWhen decoding, ignore bytes outside the alphabet\n\t-w N\tWrap lines at N columns (76; 0: no wrap)\n";

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	bool dec = false, ign = false;
	long long wrap = 76;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "diw:", usage)) != -1) {
		if (c == '?')
			return 1;
		dec |= c == 'd', ign |= c == 'i';
		if (c == 'w' && (vy_cmd_num(o.arg, &wrap) || wrap < 0))
			return vy_cmd_err("invalid wrap size '%s'", o.arg), 1;
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	return vy_cmd_base("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5, 8, wrap, dec, ign) != 0;
}
