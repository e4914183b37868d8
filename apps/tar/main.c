/* tar: ustar archives under /data (busybox tar): -c create, -x extract,
 * -t list; -f ARCHIVE ("-" is stdin or stdout), -v names (with -t, the
 * long form), -C DIR first. Regular files, folders and symbolic links.
 * Leading '/' and '../' of entry names are dropped (as busybox does) and
 * an entry with a ".." inside is skipped, so nothing lands outside /data
 * (WASI would refuse it anyway).
 * The archive is held in memory (bounded by the memory cap). Created
 * entries are owned by user 0 "user", with the files' modification times.
 * No compression (-z): there is no zlib in the commands yet.
 * Size: up to 15 KB, because it is three tools in one (create, extract,
 * list) over a binary format, and walks, reads, writes and links files
 * and folders under /data (ten wasi:filesystem calls: 3.7 KB of
 * component wiring, and the SDK's file code). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "-c|-x|-t [-v] [-f ARCHIVE] [-C DIR] [FILE]...\n\nCreate, extract or list a ustar archive.\n"
			    "\t-c\tCreate from FILEs\n\t-x\tExtract\n\t-t\tList\n\t-f F\tThe archive (- for stdin/stdout)\n"
			    "\t-v\tVerbose\n\t-C DIR\tChange to DIR first\n";
static bool verbose;
static const char *dir = "";
static int status;

struct out {
	char *p;
	size_t len, cap;
};
static struct out ar;

static _Noreturn void oom(void)
{
	vy_cmd_err("out of memory");
	vy_cmd_exit(1);
}

/* "NAME: reason" for the last file error; the exit status becomes 1. */
static int fail(const char *name)
{
	vy_cmd_err("%s: %s", name, vy_cmd_fserr());
	return status = 1, -1;
}

static void put(const void *b, size_t n)
{
	if (ar.len + n > ar.cap) {
		ar.cap = (ar.len + n) * 2 + 65536;
		if (!(ar.p = realloc(ar.p, ar.cap)))
			oom();
	}
	memcpy(ar.p + ar.len, b, n);
	ar.len += n;
}

static void octal(char *f, size_t w, unsigned long long v)
{
	f[w - 1] = '\0';
	for (size_t i = w - 1; i-- > 0; v >>= 3)
		f[i] = (char)('0' + (v & 7));
}

static unsigned long long num(const char *f, size_t w)
{
	unsigned long long v = 0;
	for (size_t i = 0; i < w && f[i]; i++)
		if (f[i] >= '0' && f[i] <= '7')
			v = v * 8 + (unsigned)(f[i] - '0');
	return v;
}

/* The header's checksum: its bytes summed, the checksum field as spaces. */
static unsigned cksum(const char *h)
{
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += i >= 148 && i < 156 ? ' ' : (unsigned char)h[i];
	return sum;
}

/* A ".." component anywhere in n: the entry would land outside /data. */
static bool dotdot(const char *n)
{
	for (const char *p = n; (p = strstr(p, "..")); p++)
		if ((p == n || p[-1] == '/') && (!p[2] || p[2] == '/'))
			return true;
	return false;
}

static char *path(const char *name)
{
	char *p = *dir ? vy_cmd_join(dir, name) : malloc(strlen(name) + 1);
	if (!p)
		oom();
	return *dir ? p : strcpy(p, name);
}

static int add(const char *name)
{
	struct vy_st st;
	char h[512], *full = path(name);
	size_t n = strlen(name);
	if (vy_st_get(full, &st, false) != 0)
		return fail(name);
	memset(h, 0, sizeof h);
	bool d = st.type == 'd';
	/* a folder's name ends in '/'; long names use the prefix field */
	char nm[256];
	vy_snprintf(nm, sizeof nm, "%s%s", name, d && name[n - 1] != '/' ? "/" : "");
	n = strlen(nm);
	if (n <= 100) {
		memcpy(h, nm, n);
	} else {
		const char *cut = nm + n - 100;
		while (*cut && *cut != '/')
			cut++;
		if (!*cut || cut - nm > 155) {
			vy_cmd_err("%s: name too long", name);
			return status = 1, -1;
		}
		memcpy(h + 345, nm, (size_t)(cut - nm));
		memcpy(h, cut + 1, strlen(cut + 1));
	}
	octal(h + 100, 8, d ? 0755 : st.type == 'l' ? 0777 : 0644);
	octal(h + 108, 8, 0);
	octal(h + 116, 8, 0);
	octal(h + 124, 12, st.type == 'f' ? st.size : 0);
	octal(h + 136, 12, st.mtime_s);
	h[156] = d ? '5' : st.type == 'l' ? '2' : '0';
	if (st.type == 'l' && vy_cmd_readlink(full, h + 157, 100) != 0)
		return status = 1, -1;
	memcpy(h + 257, "ustar\0" "00", 8);
	memcpy(h + 265, "user", 4);
	memcpy(h + 297, "user", 4);
	octal(h + 148, 7, cksum(h));
	h[155] = ' ';
	put(h, 512);
	if (verbose)
		vy_log("%s", nm);
	if (st.type == 'f') {
		char *data;
		size_t len;
		if (vy_cmd_read(full, &data, &len) != 0)
			return fail(name);
		put(data, len);
		static const char zero[512];
		put(zero, (512 - len % 512) % 512);
		free(data);
	}
	if (d) {
		size_t k;
		char **names = vy_cmd_list(full, &k);
		for (size_t i = 0; names && i < k; i++) {
			char *sub = vy_cmd_join(name, names[i]);
			if (sub)
				add(sub);
			free(sub);
		}
		vy_names_free(names);
	}
	free(full);
	return 0;
}

/* "drwxr-xr-x user/user 0 2023-11-14 22:13:20 sub/": busybox's tar -tv */
static void long_line(const char *h, const char *name)
{
	static const char types[] = "-hlcbdp";
	char mode[11];
	unsigned long long m = num(h + 100, 8);
	int t = h[156] >= '0' && h[156] <= '6' ? h[156] - '0' : 0;
	mode[0] = types[t == 5 ? 5 : t == 2 ? 2 : 0];
	for (int i = 0; i < 9; i++)
		mode[1 + i] = (m >> (8 - i)) & 1 ? "rwxrwxrwx"[i] : '-';
	mode[10] = '\0';
	struct vy_tm tm;
	vy_cmd_civil((long long)num(h + 136, 12), &tm);
	vy_printf("%s %.32s/%.32s %9llu %04lld-%02lld-%02lld %02lld:%02lld:%02lld %s", mode, h[265] ? h + 265 : "0",
		  h[297] ? h + 297 : "0", num(h + 124, 12), tm.year, tm.mon, tm.day, tm.hour, tm.min, tm.sec, name);
	if (t == 2)
		vy_printf(" -> %.100s", h + 157);
	vy_print("\n");
}

static int extract_or_list(char mode, const char *data, size_t len)
{
	if (len % 512)
		return vy_cmd_err("short read"), 1;
	for (size_t at = 0; at + 512 <= len;) {
		const char *h = data + at;
		char name[300];
		bool empty = true;
		for (int i = 0; i < 512 && empty; i++)
			empty = !h[i];
		if (empty)
			break;
		if (cksum(h) != num(h + 148, 8))
			return vy_cmd_err("invalid tar header checksum"), 1;
		vy_snprintf(name, sizeof name, "%.155s%s%.100s", h + 345, h[345] ? "/" : "", h);
		/* leading '/' and '../' are dropped, as busybox does */
		char *nm = name;
		while (*nm == '/' || !strncmp(nm, "../", 3))
			nm += *nm == '/' ? 1 : 3;
		unsigned long long size = num(h + 124, 12);
		char type = h[156];
		at += 512;
		if (size > len - at)
			return vy_cmd_err("short read"), 1;
		const char *body = data + at;
		at += (size + 511) / 512 * 512;
		if (type == 'x' || type == 'g' || type == 'L' || type == 'K')
			continue; /* pax and GNU extension headers: their data is metadata */
		if (mode == 'x' && (!*nm || dotdot(nm))) {
			vy_cmd_err("%s: skipped (a path out of /data)", nm);
			status = 1;
			continue;
		}
		if (mode == 't' && verbose)
			long_line(h, nm);
		else if (mode == 't' || verbose)
			vy_printf("%s\n", nm);
		if (mode == 't')
			continue;
		char *full = path(nm);
		size_t fl = strlen(full);
		while (fl > 1 && full[fl - 1] == '/')
			full[--fl] = '\0';
		/* the folders above it, as busybox makes them (one that is there
		 * already refuses with exist) */
		for (char *s = full + 1; *s; s++)
			if (*s == '/') {
				*s = '\0';
				vy_fs_mkdir(full);
				*s = '/';
			}
		int rc = 0;
		if (type == '5') {
			rc = vy_fs_mkdir(full) && vy_fs_err() != VY_E_EXIST;
		} else if (type == '2') {
			char target[101];
			memcpy(target, h + 157, 100);
			target[100] = '\0';
			vy_fs_delete(full);
			rc = vy_cmd_symlink(target, full);
		} else if (type == '0' || type == '\0' || type == '7') {
			rc = vy_cmd_write(full, body, (size_t)size, false);
		} else {
			vy_cmd_err("%s: unsupported entry type '%c'", nm, type);
		}
		if (rc != 0)
			fail(nm);
		free(full);
	}
	return status;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	char mode = 0;
	const char *file = "-";
	struct vy_opt o = {0};

	/* "tar cf x.tar ..." (no dash) is as "tar -cf x.tar ..." */
	if (argc > 1 && argv[1][0] != '-' && strchr("cxt", argv[1][0])) {
		char *b = malloc(strlen(argv[1]) + 2);
		if (!b)
			return 1;
		b[0] = '-';
		strcpy(b + 1, argv[1]);
		argv[1] = b;
	}
	while ((c = vy_opt_next(&o, argc, argv, "cxtvf:C:o", usage)) != -1) {
		if (c == '?')
			return 1;
		if (strchr("cxt", c))
			mode = (char)c;
		verbose |= c == 'v';
		if (c == 'f')
			file = o.arg;
		if (c == 'C')
			dir = o.arg;
	}
	if (!mode)
		vy_cmd_bad_usage(usage);
	if (mode == 'c') {
		if (o.ind >= argc)
			return vy_cmd_err("empty archive"), 1;
		for (int i = o.ind; i < argc; i++)
			add(argv[i]);
		static const char zero[1024];
		put(zero, sizeof zero);
		if (!strcmp(file, "-"))
			vy_write(ar.p, ar.len);
		else if (vy_cmd_write(file, ar.p, ar.len, false) != 0)
			fail(file);
		return status;
	}
	char *data;
	size_t len;
	if (strcmp(file, "-") ? vy_cmd_read(file, &data, &len) : vy_in_all(&data, &len))
		return fail(file), status;
	return extract_or_list(mode, data, len);
}
