/* cmdnum.h: the options of head and tail as their fuzz targets read them
 * (the commands' "#n:c:": -n N, -nN, -c N, -cN and -N, the last one
 * counting), to check the output against what they ask for. */
#ifndef VYOMA_FUZZ_CMDNUM_H
#define VYOMA_FUZZ_CMDNUM_H

/* 1 with *n (10 when none), *bytes (-c) and *from ('+' before N, which
 * only tail takes), if every argument is such an option with N digits
 * that fit; 0 if not (not checked). */
static int cmdnum_options(long long *n, bool *bytes, bool *from, bool plus)
{
	char a[64];
	*n = 10, *bytes = false, *from = false;
	for (size_t i = 1; i < cmdhost_argc; i++) {
		if (!cmdhost_arg(i, a, sizeof a) || a[0] != '-' || !a[1] || !strcmp(a, "--help"))
			return 0;
		const char *v = a + 1;
		char c = '#';
		if (*v == 'n' || *v == 'c') {
			c = *v++;
			if (!*v) { /* the value is the next word */
				if (!cmdhost_arg(++i, a, sizeof a))
					return 0;
				v = a;
			}
		}
		*from = plus && *v == '+';
		v += *from;
		if (!(*v >= '0' && *v <= '9') || (c == '#' && *from) || cmdhost_int(v, n))
			return 0;
		*bytes = c == 'c';
	}
	return 1;
}

#endif
