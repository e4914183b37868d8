/* column: lays out the lines of stdin (util-linux column, the anchor; not
 * in busybox): by default as many columns as fit in -c WIDTH (80), filled
 * down first, aligned on tab stops; -t as a table, the fields of each
 * line (split at the characters of -s SEP, blanks by default) padded to
 * their column's width plus two spaces. -x fills across first. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

struct cell {
	const char *p;
	size_t n;
};

static size_t width(const char *p, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)p[i] & 0xc0) != 0x80;
	return w;
}

int main(void)
{
	char **argv, *d;
	int argc = vy_cmd_args(&argv), c;
	bool table = false, across = false, merge = true;
	const char *seps = " \t";
	long long cols = 80;
	size_t len;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "ts:c:x", "[-tx] [-s SEP] [-c WIDTH]\n\nLay out stdin in columns.\n\t-t\tTable\n\t-s SEP\tTable field separators\n\t-c N\tWidth (80)\n\t-x\tFill across first\n")) != -1) {
		if (c == '?')
			return 1;
		table |= c == 't', across |= c == 'x';
		if (c == 's')
			seps = o.arg, merge = false;
		if (c == 'c' && (vy_cmd_num(o.arg, &cols) || cols < 1))
			return vy_cmd_err("invalid width '%s'", o.arg), 1;
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &d, &len) != 0)
		return 1;
	/* the non-empty lines, or the table's cells */
	size_t nl = 0, maxf = 0, nc = 0;
	for (size_t i = 0; i < len; i++)
		nl += d[i] == '\n';
	struct cell *cell = malloc((len + 2) * sizeof *cell);
	size_t *row = malloc((nl + 2) * sizeof *row), nrow = 0, *colw;
	if (!cell || !row)
		return 1;
	for (char *p = d, *e; p < d + len; p = e + 1) {
		e = memchr(p, '\n', (size_t)(d + len - p));
		if (!e)
			e = d + len;
		if (e == p)
			continue;
		row[nrow++] = nc;
		if (!table) {
			cell[nc++] = (struct cell){p, (size_t)(e - p)};
			continue;
		}
		/* blanks: runs of them split; -s SEP: each one does (empty
		 * fields are kept, as util-linux does) */
		for (char *q = p; q <= e;) {
			if (merge)
				while (q < e && *q && strchr(seps, *q))
					q++;
			if (q == e && (merge || q == p))
				break;
			char *s = q;
			while (q < e && (!*q || !strchr(seps, *q))) /* strchr finds the NUL too */
				q++;
			cell[nc++] = (struct cell){s, (size_t)(q - s)};
			if (q == e)
				break;
			q++;
		}
		if (nc - row[nrow - 1] > maxf)
			maxf = nc - row[nrow - 1];
	}
	row[nrow] = nc;
	if (table) {
		colw = calloc(maxf + 1, sizeof *colw);
		if (!colw)
			return 1;
		for (size_t i = 0; i < nrow; i++)
			for (size_t k = row[i]; k < row[i + 1]; k++)
				if (width(cell[k].p, cell[k].n) > colw[k - row[i]])
					colw[k - row[i]] = width(cell[k].p, cell[k].n);
		for (size_t i = 0; i < nrow; i++) {
			for (size_t k = row[i]; k < row[i + 1]; k++) {
				vy_write(cell[k].p, cell[k].n);
				if (k - row[i] + 1 < maxf) /* every column but the table's last is padded */
					for (size_t s = width(cell[k].p, cell[k].n); s < colw[k - row[i]] + 2; s++)
						vy_write(" ", 1);
			}
			vy_write("\n", 1);
		}
		return 0;
	}
	size_t w = 0;
	for (size_t k = 0; k < nc; k++)
		if (width(cell[k].p, cell[k].n) > w)
			w = width(cell[k].p, cell[k].n);
	w = (w + 8) & ~(size_t)7; /* to the next tab stop */
	size_t per = (size_t)cols / w ? (size_t)cols / w : 1, rows = (nc + per - 1) / per;
	for (size_t i = 0; i < rows; i++) {
		size_t at = 0;
		for (size_t j = 0; j < per; j++) {
			size_t k = across ? i * per + j : j * rows + i;
			if (k >= nc)
				break;
			for (; at + 8 <= j * w; at = (at / 8 + 1) * 8) /* tabs to the column */
				vy_write("\t", 1);
			if (at < j * w)
				vy_write("\t", 1), at = j * w;
			vy_write(cell[k].p, cell[k].n);
			at += width(cell[k].p, cell[k].n);
		}
		vy_write("\n", 1);
	}
	return 0;
}
