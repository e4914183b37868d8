/* split: cuts its input (FILE, or stdin) into files PREFIXaa, PREFIXab, ...
 * (PREFIX "x") under /data (busybox split): -l N lines each (1000), -b N
 * bytes each (N may end in k or m), -a LEN suffix letters (2). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "[-l N | -b N[k|m]] [-a LEN] [FILE [PREFIX]]\n\nSplit input into files.\n"
			    "\t-l N\tLines per file (1000)\n\t-b N\tBytes per file\n\t-a N\tSuffix length (2)\n";

int main(void)
{
	char **argv, *data;
	int argc = vy_cmd_args(&argv), c;
	long long lines = 1000, bytes = 0, alen = 2;
	const char *prefix = "x";
	size_t len;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "l:b:a:", usage)) != -1) {
		const char *e;
		if (c == '?')
			return 1;
		long long v = vy_str_atoll(o.arg, &e);
		v *= *e == 'k' ? 1024 : *e == 'm' ? 1048576 : 1;
		if (v < 1 || (*e && strcmp(e, "k") && strcmp(e, "m")))
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
		if (c == 'l')
			lines = v, bytes = 0;
		else if (c == 'b')
			bytes = v;
		else
			alen = v > 8 ? 8 : v;
	}
	if (vy_rd_open(&r, o.ind < argc ? argv[o.ind] : "-") != 0)
		return 1;
	if (o.ind + 1 < argc)
		prefix = argv[o.ind + 1];
	if (vy_rd_all(&r, &data, &len) != 0)
		return vy_cmd_err("read error"), 1;
	size_t plen = strlen(prefix);
	char *name = malloc(plen + (size_t)alen + 1);
	if (!name)
		return 1;
	memcpy(name, prefix, plen);
	memset(name + plen, 'a', (size_t)alen);
	name[plen + alen] = '\0';
	for (size_t at = 0; at < len;) {
		size_t end = at;
		if (bytes) {
			end = len - at < (size_t)bytes ? len : at + (size_t)bytes;
		} else {
			for (long long k = 0; k < lines && end < len; k++) {
				const char *nl = memchr(data + end, '\n', len - end);
				end = nl ? (size_t)(nl - data) + 1 : len;
			}
		}
		if (vy_cmd_write(name, data + at, end - at, false) != 0)
			return vy_cmd_err("%s: %s", name, vy_err_str(vy_fs_err())), 1;
		at = end;
		/* the next suffix: aa, ab, ... az, ba, ... */
		long long i = alen - 1;
		while (i >= 0 && name[plen + i] == 'z')
			name[plen + i--] = 'a';
		if (i < 0)
			return vy_cmd_err("too many files"), 1;
		name[plen + i]++;
	}
	return 0;
}
