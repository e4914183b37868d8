/* od: dumps stdin (busybox od, POSIX): -t TYPE with TYPE one of c, o1 o2
 * o4, x1 x2 x4 x8, d1 d2 d4 d8, u1 u2 u4 u8 (the last -t counts), and the
 * shorthands -b (o1) -c -d (u2) -o (o2) -x (x2); -A o|x|d|n the offset's
 * radix; -j N skip, -N N count, -v every line (else a repeated line is
 * a '*'). Values are little-endian, as on x86 and wasm32. */
#include <vyoma_cmd.h>
#include <string.h>

static const char usage[] = "[-bcdoxv] [-t TYPE] [-A RADIX] [-j N] [-N N]\n\nDump stdin in octal (default), hex, decimal or characters.\n"
			    "\t-t T\tc, o1-o4, x1-x8, d1-d8, u1-u8\n\t-A R\tOffset radix o, x, d or n\n"
			    "\t-j N\tSkip N bytes\n\t-N N\tDump N bytes\n\t-v\tShow repeated lines\n";
static char kind = 'o', radix = 'o';
static int size = 2;

/* Octal, zero-padded to width (the SDK's printf has no %o). */
static void octal(unsigned long long v, int width, char lead)
{
	char b[24];
	int n = 0;
	do
		b[n++] = (char)('0' + (v & 7));
	while (v >>= 3);
	if (lead)
		vy_write(&lead, 1);
	while (width-- > n)
		vy_write("0", 1);
	while (n)
		vy_write(&b[--n], 1);
}

static void offset(unsigned long long off)
{
	if (radix == 'o')
		octal(off, 7, 0);
	else if (radix != 'n')
		vy_printf(radix == 'x' ? "%06llx" : "%07llu", off);
}

static void value(const unsigned char *p)
{
	static const char *const cn[] = {"\\0", 0, 0, 0, 0, 0, 0, "\\a", "\\b", "\\t", "\\n", "\\v", "\\f", "\\r"};
	unsigned long long v = 0;
	if (kind == 'c') {
		if (*p < 14 && cn[*p])
			vy_printf(" %3s", cn[*p]);
		else if (*p >= ' ' && *p < 0x7f)
			vy_printf("   %c", *p);
		else
			octal(*p, 3, ' ');
		return;
	}
	for (int i = size - 1; i >= 0; i--)
		v = v << 8 | p[i];
	int bits = size * 8;
	static const int ow[] = {0, 3, 6, 0, 11, 0, 0, 0, 22}, dw[] = {0, 4, 6, 0, 11, 0, 0, 0, 20},
			 uw[] = {0, 3, 5, 0, 10, 0, 0, 0, 20};
	if (kind == 'o')
		octal(v, ow[size], ' ');
	else if (kind == 'x')
		vy_printf(" %0*llx", size * 2, v);
	else if (kind == 'u')
		vy_printf(" %*llu", uw[size], v);
	else {
		long long sv = bits < 64 && (v >> (bits - 1)) ? (long long)(v | ~0ULL << bits) : (long long)v;
		vy_printf(" %*lld", dw[size], sv);
	}
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	long long skip = 0, count = -1;
	unsigned char line[16], prev[16];
	unsigned long long off = 0;
	bool all = false, starred = false, have_prev = false;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "bcdoxvt:A:j:N:", usage)) != -1) {
		const char *t = c == 'b' ? "o1" : c == 'c' ? "c" : c == 'd' ? "u2" : c == 'o' ? "o2" : c == 'x' ? "x2" : c == 't' ? o.arg : NULL;
		if (c == '?')
			return 1;
		if (t) {
			if (!t[0] || !strchr("coxdu", t[0]) || (t[0] != 'c' && t[1] && !strchr("1248", t[1])))
				return vy_cmd_err("invalid type '%s'", t), 1;
			kind = t[0];
			size = kind == 'c' ? 1 : t[1] ? t[1] - '0' : 4;
		}
		if (c == 'A' && (!o.arg[0] || o.arg[1] || !strchr("oxdn", o.arg[0])))
			return vy_cmd_err("invalid radix '%s'", o.arg), 1;
		if (c == 'A')
			radix = o.arg[0];
		if ((c == 'j' && vy_cmd_num(o.arg, &skip)) || (c == 'N' && vy_cmd_num(o.arg, &count)))
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
		all |= c == 'v';
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	for (unsigned char b; skip > 0 && vy_in_read(&b, 1) == 1; skip--)
		off++;
	for (;;) {
		size_t n = 0;
		long got = 1;
		while (n < 16 && (count < 0 || (long long)n < count) && (got = vy_in_read(line + n, 16 - n)) > 0)
			n += (size_t)got;
		if (count >= 0 && (long long)n > count)
			n = (size_t)count;
		if (count >= 0)
			count -= (long long)n;
		if (n == 0)
			break;
		if (!all && have_prev && n == 16 && memcmp(line, prev, 16) == 0) {
			if (!starred)
				vy_print("*\n");
			starred = true;
		} else {
			starred = false;
			offset(off);
			memset(line + n, 0, 16 - n);
			for (size_t i = 0; i < n; i += (size_t)size)
				value(line + i);
			vy_print("\n");
		}
		memcpy(prev, line, 16);
		have_prev = true;
		off += n;
		if (n < 16)
			break;
	}
	offset(off);
	if (radix != 'n')
		vy_print("\n");
	return 0;
}
