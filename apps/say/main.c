/* say (echo): prints its arguments separated by spaces (busybox echo): -n no
 * newline, -e backslash escapes (\a \b \c \e \f \n \r \t \v \\ \0NNN), -E
 * none. An argument is taken as options only if every letter is one of
 * n, e, E, as busybox and GNU do; so `echo --help` prints "--help". */
#include <vyoma_cmd.h>

/* Write s with escapes decoded; 1 when \c asked to stop all output. */
static int put_escaped(const char *s)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
	for (; *s; s++) {
		char c = *s;
		if (c == '\\' && s[1]) {
			const char *k = __builtin_strchr(from, s[1]);
			if (s[1] == 'c')
				return 1;
			if (k) {
				c = to[k - from];
				s++;
			} else if (s[1] == '0') {
				int v = 0, i;
				for (i = 0, s += 2; i < 3 && *s >= '0' && *s <= '7'; i++, s++)
					v = v * 8 + (*s - '0');
				s--;
				c = (char)v;
			}
		}
		vy_write(&c, 1);
	}
	return 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), i = 1;
	bool nl = true, esc = false;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *p = argv[i] + 1;
		while (*p == 'n' || *p == 'e' || *p == 'E')
			p++;
		if (*p)
			break;
		for (p = argv[i] + 1; *p; p++)
			if (*p == 'n')
				nl = false;
			else
				esc = *p == 'e';
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			vy_write(" ", 1);
		if (esc ? put_escaped(argv[i]) : vy_print(argv[i]))
			return 0;
	}
	if (nl)
		vy_write("\n", 1);
	return 0;
}
