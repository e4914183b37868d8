/* base64: encodes stdin in base64 (RFC 4648), lines of -w COLS (76; 0: one
 * line), or decodes it with -d (busybox/GNU base64). Decoding skips white space; -i skips any
 * other byte outside the alphabet too. */
#include <vyoma_cmd.h>
#include <string.h>

static const char usage[] = "[-d] [-i] [-w COLS]\n\nbase64-encode or -decode stdin.\n"
			    "\t-d\tDecode\n\t-i\tWhen decoding, ignore bytes outside the alphabet\n\t-w N\tWrap lines at N columns (76; 0: no wrap)\n";
static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
#define BITS 6
#define GROUP 4 /* characters per padded group */
static long long wrap = 76, col;

static void out(char c)
{
	vy_write(&c, 1);
	if (wrap && ++col == wrap) {
		vy_write("\n", 1);
		col = 0;
	}
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	bool dec = false, ign = false;
	static unsigned char buf[65536];
	uint32_t acc = 0;
	int nb = 0;
	unsigned long long chars = 0;
	long n;
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
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++) {
			if (!dec) {
				acc = acc << 8 | buf[i];
				nb += 8;
				while (nb >= BITS) {
					nb -= BITS;
					out(abc[(acc >> nb) & ((1u << BITS) - 1)]);
					chars++;
				}
				continue;
			}
			const char *p = buf[i] ? strchr(abc, buf[i]) : NULL;
			if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == ' ' || buf[i] == '\t' || buf[i] == '=')
				continue;
			if (!p) {
				if (ign)
					continue;
				vy_flush();
				return vy_cmd_err("invalid input"), 1;
			}
			acc = acc << BITS | (uint32_t)(p - abc);
			nb += BITS;
			if (nb >= 8) {
				nb -= 8;
				unsigned char b = (unsigned char)(acc >> nb);
				vy_write(&b, 1);
			}
		}
	}
	if (n < 0)
		return vy_cmd_err("read error"), 1;
	if (!dec) {
		if (nb) {
			out(abc[(acc << (BITS - nb)) & ((1u << BITS) - 1)]);
			chars++;
		}
		while (chars % GROUP)
			out('='), chars++;
		if (col)
			vy_write("\n", 1);
	}
	return 0;
}
