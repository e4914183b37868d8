/* fmt: fills the paragraphs of stdin to -w WIDTH (75) columns (GNU fmt is
 * the anchor: busybox has none): words joined by one space, lines kept at
 * their indentation, a blank line between paragraphs kept. Greedy filling: GNU's fmt chooses breaks
 * that balance the lines, which can differ (tests/conformance). */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c;
	long long w = 75;
	long n;
	size_t col = 0, indent = 0;
	char lead[256];
	size_t nlead = 0;
	bool open = false;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "#w:", "[-w WIDTH]\n\nFill paragraphs of stdin to WIDTH (75) columns.\n")) != -1) {
		if (c == '?' || vy_cmd_num(o.arg, &w) != 0 || w < 1)
			return c == '?' ? 1 : (vy_cmd_err("invalid width '%s'", o.arg), 1);
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		long i = 0, e = n - (l[n - 1] == '\n');
		size_t ind = 0;
		for (; i < e && (l[i] == ' ' || l[i] == '\t'); i++)
			ind = l[i] == '\t' ? (ind / 8 + 1) * 8 : ind + 1;
		if (i == e) { /* a blank line ends the paragraph */
			if (open)
				vy_write("\n", 1);
			vy_write("\n", 1);
			open = false;
			continue;
		}
		if (open && ind != indent) {
			vy_write("\n", 1);
			open = false;
		}
		if (!open) { /* a paragraph's lines get its first line's indentation, as written */
			nlead = (size_t)i < sizeof lead ? (size_t)i : sizeof lead;
			memcpy(lead, l, nlead);
		}
		indent = ind;
		while (i < e) {
			long s = i;
			while (i < e && l[i] != ' ' && l[i] != '\t')
				i++;
			size_t wl = (size_t)(i - s);
			if (open && col + 1 + wl > (size_t)w) {
				vy_write("\n", 1);
				open = false;
			}
			if (!open) {
				vy_write(lead, nlead);
				col = indent;
				open = true;
			} else {
				vy_write(" ", 1);
				col++;
			}
			vy_write(l + s, wl);
			col += wl;
			while (i < e && (l[i] == ' ' || l[i] == '\t'))
				i++;
		}
	}
	if (open)
		vy_write("\n", 1);
	return n < 0;
}
