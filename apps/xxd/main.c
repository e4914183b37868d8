/* xxd: hex dump of stdin (busybox xxd): each line the offset, -c COLS
 * bytes (16) in groups of -g BYTES (2), then the bytes as text ('.' for
 * the unprintable); -p plain hex, 30 bytes a line; -l LEN stops early;
 * -u upper case; -r -p turns plain hex back into bytes. */
#include <vyoma_cmd.h>

static const char usage[] = "[-pur] [-c COLS] [-g BYTES] [-l LEN]\n\nHex dump stdin.\n"
			    "\t-p\tPlain hex\n\t-r\tReverse (with -p): hex to bytes\n\t-u\tUpper case\n"
			    "\t-c N\tBytes per line\n\t-g N\tBytes per group\n\t-l N\tStop after N bytes\n";

static int hexval(int c)
{
	int l = c | 32; /* a letter's lower case; not for digits: 0x10|32 is '0' */
	return c >= '0' && c <= '9' ? c - '0' : l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	long long cols = -1, group = 2, len = -1;
	bool plain = false, rev = false, up = false;
	static unsigned char buf[256];
	unsigned long long off = 0;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "purc:g:l:", usage)) != -1) {
		if (c == '?')
			return 1;
		plain |= c == 'p', rev |= c == 'r', up |= c == 'u';
		if ((c == 'c' && (vy_cmd_num(o.arg, &cols) || cols < 1 || cols > 256)) ||
		    (c == 'g' && (vy_cmd_num(o.arg, &group) || group < 0)) || (c == 'l' && vy_cmd_num(o.arg, &len)))
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	if (rev) {
		int hi = -1;
		unsigned char ch;
		while (vy_in_read(&ch, 1) == 1) {
			int v = hexval(ch);
			if (v < 0)
				continue;
			if (hi < 0) {
				hi = v;
			} else {
				unsigned char b = (unsigned char)(hi << 4 | v);
				vy_write(&b, 1);
				hi = -1;
			}
		}
		return 0;
	}
	if (cols < 0)
		cols = plain ? 30 : 16;
	const char *hx = up ? "0123456789ABCDEF" : "0123456789abcdef";
	for (;;) {
		long long want = len >= 0 && len < cols ? len : cols;
		size_t n = 0;
		long got = 1;
		while ((long long)n < want && (got = vy_in_read(buf + n, (size_t)(want - (long long)n))) > 0)
			n += (size_t)got;
		if (n == 0)
			break;
		if (len >= 0)
			len -= (long long)n;
		if (plain) {
			for (size_t i = 0; i < n; i++)
				vy_printf("%c%c", hx[buf[i] >> 4], hx[buf[i] & 15]);
			vy_print("\n");
		} else {
			int w = 0;
			vy_printf("%08llx:", off);
			for (long long i = 0; i < cols; i++) {
				if (group == 0 ? i == 0 : i % group == 0)
					vy_print(" "), w++;
				if ((size_t)i < n)
					vy_printf("%c%c", hx[buf[i] >> 4], hx[buf[i] & 15]);
				else
					vy_print("  ");
				w += 2;
			}
			vy_print("  ");
			for (size_t i = 0; i < n; i++)
				vy_printf("%c", buf[i] >= ' ' && buf[i] < 0x7f ? buf[i] : '.');
			vy_print("\n");
		}
		off += n;
		if ((long long)n < want || len == 0)
			break;
	}
	return 0;
}
