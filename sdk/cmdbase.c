/* cmdbase: base64 and base32 (RFC 4648) for their commands: one codec,
 * the alphabet and the bits per letter as arguments. */
#include "vyoma_cmd.h"

#include <string.h>

static long long base_wrap, base_col;

static void base_out(char c)
{
	vy_write(&c, 1);
	if (base_wrap && ++base_col == base_wrap) {
		vy_write("\n", 1);
		base_col = 0;
	}
}

int vy_cmd_base(const char *abc, int bits, int group, long long wrap, bool decode, bool ignore)
{
	static unsigned char buf[65536];
	uint32_t acc = 0, mask = (1u << bits) - 1;
	int nb = 0;
	unsigned long long chars = 0;
	long n;

	base_wrap = wrap;
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++) {
			if (!decode) {
				acc = acc << 8 | buf[i];
				for (nb += 8; nb >= bits; chars++)
					nb -= bits, base_out(abc[(acc >> nb) & mask]);
				continue;
			}
			const char *p = buf[i] ? strchr(abc, buf[i]) : NULL;
			if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == ' ' || buf[i] == '\t' || buf[i] == '=')
				continue;
			if (!p) {
				if (ignore)
					continue;
				return vy_cmd_errs("invalid input");
			}
			acc = acc << bits | (uint32_t)(p - abc);
			nb += bits;
			if (nb >= 8) {
				nb -= 8;
				unsigned char b = (unsigned char)(acc >> nb);
				vy_write(&b, 1);
			}
		}
	}
	if (n < 0)
		return vy_cmd_errs("read error");
	if (!decode) {
		if (nb)
			base_out(abc[(acc << (bits - nb)) & mask]), chars++;
		while (chars % (unsigned)group)
			base_out('='), chars++;
		if (base_col)
			vy_write("\n", 1);
	}
	return 0;
}

int vy_cmd_base_main(const char *abc, int bits, int group, const char *usage)
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
			return vy_cmd_errs("invalid wrap size '", o.arg, "'"), 1;
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	return vy_cmd_base(abc, bits, group, wrap, dec, ign) != 0;
}
