/* fuzz_cmd_od: libFuzzer target for od (apps/od/main.c), the whole command
 * from its arguments and stdin (fuzz/cmdhost.h), under ASan and UBSan.
 * Invariants beyond no report, from od's header and POSIX/busybox: the
 * status is 0 or 1, and 1 exactly when something was said on stderr (and
 * then nothing was dumped); a radix other than o x d n is refused; and
 * when every argument is an option (-b -c -d -o -x -v, -t TYPE with TYPE
 * c or one of o x d u and a size 1 2 4 8, -A RADIX, -j N and -N N with N
 * digits), the output is exactly the dump POSIX describes, made here on
 * its own: for each 16 bytes of stdin from -j on (at most -N of them) the
 * offset in the radix (%07o, %06x, %07u, or none) and the values, little
 * -endian, each a space and a zero-padded octal (3, 6, 11, 22 digits) or
 * hex (2 per byte), a right-aligned unsigned (3, 5, 10, 20) or signed (4,
 * 6, 11, 20) decimal, or for -c the character, its escape or 3 octal
 * digits, in 4 columns; a line the same as the one before is one '*' line
 * (without -v); then the offset at the end on a line of its own. */

#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/od/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

#undef malloc
#undef free

struct od {
	char kind, radix;
	int size;
	bool all;
	unsigned long long skip, count; /* count ~0: all */
};

static void want_offset(const struct od *o, unsigned long long off)
{
	if (o->radix != 'n')
		cmdhost_emit(o->radix == 'o' ? "%07llo" : o->radix == 'x' ? "%06llx" : "%07llu", off);
}

static void want_line(const struct od *o, const unsigned char *p, size_t n)
{
	static const char *const names[256] = {['\0'] = "\\0", ['\a'] = "\\a", ['\b'] = "\\b", ['\t'] = "\\t",
					       ['\n'] = "\\n", ['\v'] = "\\v", ['\f'] = "\\f", ['\r'] = "\\r"};
	unsigned char b[16] = {0};
	memcpy(b, p, n);
	for (size_t i = 0; i < n; i += (size_t)o->size) {
		if (o->kind == 'c') {
			if (names[b[i]])
				cmdhost_emit(" %3s", names[b[i]]);
			else if (b[i] >= ' ' && b[i] < 0x7f)
				cmdhost_emit("   %c", b[i]);
			else
				cmdhost_emit(" %03o", b[i]);
			continue;
		}
		unsigned long long v = 0;
		for (int k = o->size - 1; k >= 0; k--)
			v = v << 8 | b[i + (size_t)k];
		int s = o->size == 1 ? 0 : o->size == 2 ? 1 : o->size == 4 ? 2 : 3;
		static const int ow[] = {3, 6, 11, 22}, uw[] = {3, 5, 10, 20}, dw[] = {4, 6, 11, 20};
		if (o->kind == 'o')
			cmdhost_emit(" %0*llo", ow[s], v);
		else if (o->kind == 'x')
			cmdhost_emit(" %0*llx", o->size * 2, v);
		else if (o->kind == 'u')
			cmdhost_emit(" %*llu", uw[s], v);
		else if (o->size == 1)
			cmdhost_emit(" %*d", dw[s], (int8_t)v);
		else if (o->size == 2)
			cmdhost_emit(" %*d", dw[s], (int16_t)v);
		else if (o->size == 4)
			cmdhost_emit(" %*d", dw[s], (int32_t)v);
		else
			cmdhost_emit(" %*lld", dw[s], (long long)(int64_t)v);
	}
	cmdhost_emit("\n");
}

static void dump(const struct od *o, const unsigned char *in, size_t len)
{
	size_t skip = o->skip < len ? (size_t)o->skip : len;
	in += skip, len -= skip;
	if (o->count < len)
		len = (size_t)o->count;
	const unsigned char *prev = NULL;
	bool starred = false;
	size_t pos = 0;
	for (; pos < len; pos += 16) {
		size_t n = len - pos < 16 ? len - pos : 16;
		if (!o->all && prev && n == 16 && !memcmp(prev, in + pos, 16)) {
			if (!starred)
				cmdhost_emit("*\n");
			starred = true;
		} else {
			starred = false;
			want_offset(o, skip + pos);
			want_line(o, in + pos, n);
		}
		prev = in + pos;
	}
	want_offset(o, skip + len);
	if (o->radix != 'n')
		cmdhost_emit("\n");
}

/* The arguments as options this checks, into o: 1 if so, 0 if not, -1 if
 * od must refuse them (a radix it does not have). */
static int options(struct od *o)
{
	char a[4096];
	for (size_t i = 1; i < cmdhost_argc && cmdhost_arg(i, a, sizeof a) && strcmp(a, "--"); i++)
		if (!strcmp(a, "--help"))
			return 0; /* the usage, whatever the other words */
	for (size_t i = 1; i < cmdhost_argc; i++) {
		size_t n = cmdhost_argv[i].len;
		if (n < 2 || n >= sizeof a || cmdhost_argv[i].ptr[0] != '-')
			return 0;
		memcpy(a, cmdhost_argv[i].ptr, n);
		a[n] = '\0';
		if (!strcmp(a, "--") || !strcmp(a, "--help"))
			return 0;
		for (const char *p = a + 1; *p; p++) {
			const char *t = *p == 'b' ? "o1" : *p == 'c' ? "c" : *p == 'd' ? "u2" : *p == 'o' ? "o2" : *p == 'x' ? "x2" : NULL;
			if (*p == 'v') {
				o->all = true;
				continue;
			}
			if (!t && !strchr("tAjN", *p))
				return 0;
			const char *v = t;
			if (!t) {
				if (p[1])
					v = p + 1;
				else if (i + 1 < cmdhost_argc && cmdhost_argv[i + 1].len < 64 &&
					 !memchr(cmdhost_argv[i + 1].ptr, '\0', cmdhost_argv[i + 1].len)) {
					i++;
					v = strndup((const char *)cmdhost_argv[i].ptr, cmdhost_argv[i].len);
					CHECK(v);
				}
				else
					return 0;
			}
			bool ok = true;
			if (*p == 'A') {
				if (!v[0] || v[1] || !strchr("oxdn", v[0]))
					ok = false; /* refused: o->radix stays */
				else
					o->radix = v[0];
			} else if (*p == 'j' || *p == 'N') {
				long long n;
				ok = *v != '-' && *v != '+' && !cmdhost_int(v, &n); /* digits only, that fit */
				if (ok)
					*(*p == 'j' ? &o->skip : &o->count) = (unsigned long long)n;
			} else if (!strcmp(v, "c") || (v[0] && strchr("oxdu", v[0]) && v[1] && strchr("1248", v[1]) && !v[2])) {
				o->kind = v[0], o->size = v[0] == 'c' ? 1 : v[1] - '0';
			} else {
				ok = false;
			}
			int bad_radix = *p == 'A' && !ok;
			if (v != t && v != p + 1)
				free((void *)v);
			if (bad_radix)
				return -1;
			if (!ok)
				return 0;
			if (v != t)
				break; /* the rest of the word was the value */
		}
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "od", app_main);
	int st = cmdhost_status01();

	struct od o = {'o', 'o', 2, false, 0, ~0ULL};
	int k = options(&o);
	if (k < 0)
		CHECK(st == 1);
	if (k <= 0)
		return 0;
	CHECK(st == 0);
	cmdhost_want_n = 0;
	dump(&o, cmdhost_in, cmdhost_in_n);
	CHECK(cmdhost_out_is_want());
	return 0;
}
