/* tar: ustar archives under /data (busybox tar): -c create, -x extract,
 * -t list; -f ARCHIVE ("-" is stdin or stdout), -v names (with -t, the
 * long form), -C DIR first. Regular files, folders and symbolic links.
 * Leading '/' and '../' of entry names are dropped (as busybox does) and
 * an entry with a ".." inside is skipped, so nothing lands outside /data
 * (WASI would refuse it anyway).
 * The archive is held in memory (bounded by the memory cap). Created
 * entries are owned by user 0 "user", with the files' modification times.
 * No compression (-z): there is no zlib in the commands yet. The ustar
 * header itself is read and written by th.c (fuzz/fuzz_tar.c).
 * Size: up to 13 KB, because it is three tools in one (create, extract,
 * list) over a binary format, and walks, reads, writes and links files
 * and folders under /data (thirteen wasi:filesystem calls: 3.7 KB of
 * component wiring, and the SDK's file code). Measured by leaving each
 * out: walking folders 1.1 KB, an archive on stdin 0.7 KB, the -tv
 * listing 0.8 KB, links (read, made, replaced) 0.8 KB. */
#include <vyoma_cmd.h>
#include "th.h"
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
	vy_cmd_errs("out of memory");
	vy_cmd_exit(1);
}

/* "NAME: why"; the exit status becomes 1. */
static int fail(const char *name, const char *why)
{
	vy_cmd_errs(name, ": ", why);
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
	char h[512], nm[258], *full = path(name);
	if (vy_st_get(full, &st, false) != 0)
		return fail(name, vy_cmd_fserr());
	memset(h, 0, sizeof h);
	if (st.type == 'l' && vy_cmd_readlink(full, h + 157, 100) != 0)
		return status = 1, -1;
	if (th_make(h, nm, name, st.type, st.type == 'f' ? st.size : 0, st.mtime_s) != 0)
		return fail(name, "name too long");
	bool d = st.type == 'd';
	put(h, 512);
	if (verbose)
		vy_cmd_say(nm);
	if (st.type == 'f') {
		char *data;
		size_t len;
		if (vy_cmd_read(full, &data, &len) != 0)
			return fail(name, vy_cmd_fserr());
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

/* v in decimal at o, right-aligned in w places filled with pad */
static char *dec(char *o, unsigned long long v, int w, char pad)
{
	char t[24], *e = vy_str_dec(t + sizeof t, v);
	for (int n = (int)(t + sizeof t - e); n < w; n++)
		*o++ = pad;
	return th_cpy(o, e, (size_t)(t + sizeof t - e));
}

/* "drwxr-xr-x user/user 0 2023-11-14 22:13:20 sub/": busybox's tar -tv
 * (at most 10 + 2 * 33 + 21 + 20 + 257 + 104 bytes) */
static void long_line(const char *h, const char *name)
{
	char b[512], *o = b + 10;
	unsigned long long m = th_num(h, TH_MODE);
	char t = h[156];
	b[0] = t == '5' ? 'd' : t == '2' ? 'l' : '-';
	for (int i = 0; i < 9; i++)
		b[1 + i] = (m >> (8 - i)) & 1 ? "rwxrwxrwx"[i] : '-';
	o = th_cpy(o, " ", 1);
	o = th_cpy(o, h[265] ? h + 265 : "0", 32);
	o = th_cpy(o, "/", 1);
	o = th_cpy(o, h[297] ? h + 297 : "0", 32);
	o = dec(th_cpy(o, " ", 1), th_num(h, TH_SIZE), 9, ' ');
	struct vy_tm tm;
	vy_cmd_civil((long long)th_num(h, TH_MTIME), &tm);
	long long f[] = {tm.year, tm.mon, tm.day, tm.hour, tm.min, tm.sec};
	for (int i = 0; i < 6; i++)
		o = dec(th_cpy(o, &" -- ::"[i], 1), (unsigned long long)f[i], i ? 2 : 4, '0');
	o = th_cpy(th_cpy(o, " ", 1), name, 300);
	if (t == '2')
		o = th_cpy(th_cpy(o, " -> ", 4), h + 157, 100);
	vy_write(b, (size_t)(th_cpy(o, "\n", 1) - b));
}

static int extract_or_list(char mode, const char *data, size_t len)
{
	struct th_ent e;
	size_t at = 0;
	int r;
	while ((r = th_next(data, len, &at, &e)) > 0) {
		const char *h = e.h, *nm = e.nm;
		char type = h[156];
		if (mode == 'x' && (!*nm || th_dotdot(nm))) {
			fail(nm, "skipped (a path out of /data)");
			continue;
		}
		if (mode == 't' && verbose)
			long_line(h, nm);
		else if (mode == 't' || verbose)
			vy_line(nm);
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
			*th_cpy(target, h + 157, 100) = '\0';
			vy_fs_delete(full);
			rc = vy_cmd_symlink(target, full);
		} else if (type == '0' || type == '\0' || type == '7') {
			rc = vy_cmd_write(full, e.body, (size_t)e.size, false);
		} else {
			char t[2] = {type};
			vy_cmd_errs(nm, ": unsupported entry type '", t, "'");
		}
		if (rc != 0)
			fail(nm, vy_cmd_fserr());
		free(full);
	}
	if (r < 0)
		return vy_cmd_errs(r < -1 ? "short read" : "invalid tar header checksum"), 1;
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
			return vy_cmd_errs("empty archive"), 1;
		for (int i = o.ind; i < argc; i++)
			add(argv[i]);
		static const char zero[1024];
		put(zero, sizeof zero);
		if (!strcmp(file, "-"))
			vy_write(ar.p, ar.len);
		else if (vy_cmd_write(file, ar.p, ar.len, false) != 0)
			fail(file, vy_cmd_fserr());
		return status;
	}
	char *data;
	size_t len;
	if (vy_cmd_slurp(file, &data, &len) != 0)
		return 1;
	return extract_or_list(mode, data, len);
}
