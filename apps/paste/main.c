/* paste: joins the lines of FILEs (or stdin "-") side by side, separated
 * by TAB or the characters of -d LIST in turn (busybox paste); -s pastes
 * each file's lines into one line instead. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

#define MAXF 32

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c, nf = 0;
	const char *delims = "\t";
	bool serial = false;
	static struct vy_rd in[MAXF];
	bool done[MAXF] = {0};
	struct vy_opt o = {0};
	static char *dash[] = {"-", NULL};

	while ((c = vy_opt_next(&o, argc, argv, "d:s", "[-s] [-d LIST] [FILE]...\n\nJoin lines of FILEs side by side.\n\t-d LIST\tDelimiters\n\t-s\tOne file a line\n")) != -1) {
		if (c == '?')
			return 1;
		if (c == 'd')
			delims = o.arg;
		serial |= c == 's';
	}
	if (o.ind == argc)
		argv = dash, argc = 1, o.ind = 0;
	size_t nd = 0;
	while (delims[nd])
		nd++;
	/* "-" more than once is one stdin, read in turn (paste - - pairs lines) */
	static struct vy_rd *rd[MAXF];
	int nstdin = -1;
	for (int i = o.ind; i < argc && nf < MAXF; i++, nf++) {
		if (argv[i][0] == '-' && !argv[i][1] && nstdin >= 0) {
			rd[nf] = rd[nstdin];
			continue;
		}
		if (argv[i][0] == '-' && !argv[i][1])
			nstdin = nf;
		rd[nf] = &in[nf];
		if (vy_rd_open(rd[nf], argv[i]) != 0)
			return 1;
	}
	if (serial) {
		for (int f = 0; f < nf; f++) {
			long n;
			size_t k = 0;
			for (bool first = true; (n = vy_rd_line(rd[f], &l)) > 0; first = false) {
				if (!first && nd)
					vy_write(&delims[k++ % nd], 1);
				vy_write(l, (size_t)n - (l[n - 1] == '\n'));
			}
			vy_print("\n");
		}
		return 0;
	}
	/* A reader keeps its line until its next read: a row is read whole,
	 * then printed if any file still had a line (a shared stdin's lines
	 * are copied, since the next read of the row reuses its buffer). */
	static char *row[MAXF];
	static long len[MAXF];
	for (;;) {
		int alive = 0;
		for (int f = 0; f < nf; f++) {
			len[f] = done[f] ? 0 : vy_rd_line(rd[f], &row[f]);
			if (len[f] <= 0) {
				done[f] = true, len[f] = 0;
				continue;
			}
			alive++;
			if (nstdin >= 0 && rd[f] == rd[nstdin]) {
				char *copy = malloc((size_t)len[f]);
				if (!copy)
					return 1;
				memcpy(copy, row[f], (size_t)len[f]);
				row[f] = copy;
			}
		}
		if (!alive)
			break;
		for (int f = 0; f < nf; f++) {
			if (f > 0 && nd)
				vy_write(&delims[(f - 1) % nd], 1);
			if (len[f])
				vy_write(row[f], (size_t)len[f] - (row[f][len[f] - 1] == '\n'));
			if (len[f] && nstdin >= 0 && rd[f] == rd[nstdin])
				free(row[f]);
		}
		vy_print("\n");
	}
	return 0;
}
