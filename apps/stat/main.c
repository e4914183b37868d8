/* stat: prints what WASI knows of files under /data (busybox stat): -c
 * FORMAT with %n name, %N quoted name (-> target), %s size, %F type, %h
 * links, %Y modification time (seconds), %y the same as a date (UTC), %%;
 * -L follows links. Without -c: name, size, type, links and time, one
 * line each (WASI has no inode, device, mode or owner to show). */
#include <vyoma_cmd.h>
#include <string.h>

static const char usage[] = "[-L] [-c FORMAT] FILE...\n\nPrint file information.\n"
			    "\t-c FMT\t%n name, %N quoted, %s size, %F type, %h links, %Y mtime, %y mtime as a date\n\t-L\tFollow links\n";

static const char *type(const struct vy_st *st)
{
	return st->type == 'd' ? "directory" : st->type == 'l' ? "symbolic link" : st->type == 'f' ? (st->size ? "regular file" : "regular empty file") : "other";
}

static void date(uint64_t t, uint32_t ns)
{
	struct vy_tm tm;
	vy_cmd_civil((long long)t, &tm);
	vy_printf("%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%09u +0000", tm.year, tm.mon, tm.day, tm.hour, tm.min, tm.sec, ns);
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, status = 0;
	const char *fmt = NULL;
	bool follow = false;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "Lc:", usage)) != -1) {
		if (c == '?')
			return 1;
		if (c == 'c')
			fmt = o.arg;
		follow |= c == 'L';
	}
	if (o.ind >= argc)
		vy_cmd_bad_usage(usage);
	for (int i = o.ind; i < argc; i++) {
		struct vy_st st;
		if (vy_st_get(argv[i], &st, follow) != 0) {
			vy_cmd_err("can't stat '%s': %s", argv[i], vy_fs_error());
			status = 1;
			continue;
		}
		if (!fmt) {
			vy_printf("  File: %s\n  Size: %llu\n  Type: %s\n Links: %llu\nModify: ", argv[i], st.size, type(&st), st.nlink);
			date(st.mtime_s, st.mtime_ns);
			vy_print("\n");
			continue;
		}
		for (const char *f = fmt; *f; f++) {
			if (*f != '%' || !f[1]) {
				vy_write(f, 1);
				continue;
			}
			switch (*++f) {
			case 'n': vy_print(argv[i]); break;
			case 'N':
				vy_printf("'%s'", argv[i]);
				break;
			case 's': vy_printf("%llu", st.size); break;
			case 'F': vy_print(type(&st)); break;
			case 'h': vy_printf("%llu", st.nlink); break;
			case 'Y': vy_printf("%llu", st.mtime_s); break;
			case 'y': date(st.mtime_s, st.mtime_ns); break;
			case '%': vy_print("%"); break;
			default: vy_printf("?"); break;
			}
		}
		vy_print("\n");
	}
	return status;
}
