/* vyoma_cmd.h: the command runtime, for apps with `command = true` in
 * vyoma.toml (docs/commands.md). A command is `int main(void)` like any
 * app, but its stdin and stdout are byte streams (never the line
 * protocol): it reads its arguments, reads bytes, writes bytes, and exits
 * with a status. Built on the SDK (vyoma.h): output is vy_write/vy_printf
 * (sdk/out.c, buffered), files are sdk/fs.c's /data.
 *
 * Which file a function lives in decides what a command imports:
 *   sdk/cmd.c    arguments, options, --help, errors, exit: wasi:cli only
 *   sdk/cmdin.c  stdin and the line reader: wasi:cli/stdin only
 *   sdk/cmdfs.c  files and folders under /data: wasi:filesystem (the
 *                command must declare `filesystem`)
 * so a filter that never names a file imports no filesystem at all. */
#ifndef VYOMA_CMD_H
#define VYOMA_CMD_H

#include "vyoma.h"

/* ---- arguments (sdk/cmd.c) ---------------------------------------------------------
 * argv[0] is the command's name, as in POSIX and as wasi:cli/environment's
 * get-arguments gives it (the runner's `-- NAME ARGS...`); argv[argc] is
 * NULL. The strings live until exit. */
int vy_cmd_args(char ***argv);
const char *vy_cmd_name(void);
/* The environment as "NAME=VALUE" strings, NULL-terminated; the count. */
int vy_cmd_env(char ***env);

/* Options in the POSIX getopt manner: spec as getopt's ("nk:" = -n, -k ARG);
 * bundled flags (-nr), a value glued or separate (-k2, -k 2), "--" ends
 * the options; options after operands count too (argv is permuted, as GNU
 * getopt and so busybox do), a lone "-" is an operand. Returns the option
 * character, -1 at the end (*ind is then the first operand), or '?' after
 * saying "NAME: unknown option -x" / "option requires an argument -- x"
 * on stderr. --help anywhere prints the usage and exits 0. A spec that
 * starts with '#' also lets -NUM through as option '#' with the digits as
 * its value (head -5, tail -3). */
struct vy_opt {
	int ind;          /* the next argv index */
	const char *arg;  /* the value of an option that takes one */
	const char *next; /* inside a bundle of flags */
	int val;          /* where the word after the current option word is */
};
int vy_opt_next(struct vy_opt *o, int argc, char **argv, const char *spec, const char *usage);

/* "usage: NAME ..." on stdout and exit 0 (--help); on stderr and exit 1
 * (a usage error). */
_Noreturn void vy_cmd_usage(const char *usage);
/* The status of a usage error: 1, or 2 where POSIX says trouble is 2 (grep,
 * cmp, diff, expr set it first thing in main). */
extern int vy_cmd_usage_status;
_Noreturn void vy_cmd_bad_usage(const char *usage);

/* ---- messages and exit (sdk/cmd.c) ----------------------------------------------- */
/* "NAME: " + the message + "\n" on stderr. Returns -1 (for return paths). */
int vy_cmd_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with the message made of strings, not a format: a command
 * whose messages are all strings links no formatter (vy_vsnprintf, about
 * 1.2 KB). vy_cmd_errs("bad regex '", pat, "': ", why) */
#define vy_cmd_errs(...) (VY_CMD_MAX4(__VA_ARGS__) vy_cmd_msg(true, VY_CMD_4(__VA_ARGS__, NULL, NULL, NULL, )))
/* The strings joined as a line on stderr, without "NAME: " (tar -v's
 * names). */
#define vy_cmd_say(...) (VY_CMD_MAX4(__VA_ARGS__) vy_cmd_msg(false, VY_CMD_4(__VA_ARGS__, NULL, NULL, NULL, )))
/* Both: up to four strings (NULL: none) as one line on stderr, after what
 * stdout holds (so what was printed before comes first); "NAME: " first
 * when named. Returns -1. */
int vy_cmd_msg(bool named, const char *a, const char *b, const char *c, const char *d);
#define VY_CMD_4(a, b, c, d, ...) a, b, c, d
/* more than four parts do not compile (an array of negative size) */
#define VY_CMD_MAX4(...) (void)sizeof(char[1 - 2 * (sizeof((const char *[]){__VA_ARGS__}) / sizeof(char *) > 4)]),
/* Flush stdout and exit with status (0..63, else 1), as a command's main()
 * returning it does (docs/commands.md "Exit status"). */
_Noreturn void vy_cmd_exit(int status);

/* Numbers: decimal (with sign) into *v; -1 if s is not wholly one. */
int vy_cmd_num(const char *s, long long *v);

/* ---- stdin (sdk/cmdin.c) ---------------------------------------------------------
 * Up to cap bytes; 0 at end of input, -1 on error. */
long vy_in_read(void *buf, size_t cap);
/* All of stdin in one allocation (NUL after it, not counted), without a
 * line reader: 0, or -1 on a read error or out of memory. */
int vy_in_all(char **data, size_t *len);

/* A byte source read in lines: stdin, or a file (sdk/cmdfs.c). */
struct vy_rd {
	long (*pull)(struct vy_rd *r, void *buf, size_t cap); /* as vy_in_read */
	uint8_t *buf;
	size_t cap, len, pos;
	bool eof;
	uint64_t off;    /* files: the next offset */
	int32_t fd;      /* files: the open descriptor (cmdfs.c) */
	void (*done)(struct vy_rd *r); /* files: closes fd */
};
void vy_rd_stdin(struct vy_rd *r);
/* The next line: *line points into the reader's buffer (valid until the
 * next call), its length counts the '\n' if there is one (the last line
 * of a file may lack it). 0 at the end, -1 on a read error or out of
 * memory. Lines of any length (they grow the buffer). */
long vy_rd_line(struct vy_rd *r, char **line);
/* Everything left, in one allocation (NUL after it, not counted). */
int vy_rd_all(struct vy_rd *r, char **data, size_t *len);
void vy_rd_close(struct vy_rd *r);
/* Each input of a command: the operands from argv[ind] on, or stdin when
 * there are none; "-" is stdin. open is vy_rd_open for a command that
 * reads files (it needs `filesystem`), NULL for a filter, which then
 * refuses a file operand (the shell opens files for it: `< FILE`). fn is
 * called for each opened input with its name; an input that fails to open
 * is reported and skipped. Returns the exit status: 0, or 1 if an input
 * failed to open or fn returned nonzero. */
typedef int (*vy_rd_fn)(struct vy_rd *r, const char *name, void *ctx);
int vy_cmd_each(int argc, char **argv, int ind, int (*open)(struct vy_rd *r, const char *path),
		vy_rd_fn fn, void *ctx);
/* A filter's operands: 0 if there are none (or only "-"), else -1 after
 * saying that a file needs the shell's `< FILE`. */
int vy_cmd_stdin_only(int argc, char **argv, int ind);
/* The start of a filter with no options (checksums, line-end converters):
 * --help prints help, any option or file operand is refused. 0 to go on,
 * -1 when the command should exit 1. */
int vy_cmd_filter(const char *help);
/* Copy the rest of r to stdout. 0, or -1 when reading or writing failed. */
int vy_rd_copy(struct vy_rd *r);

/* ---- hashes (sdk/cmddigest.c) -------------------------------------------------------
 * Feed stdin to block() in bsize-byte blocks (64 or 128), padded as MD5,
 * SHA-1 and SHA-2 want (length big- or little-endian). 0, or -1 said. */
int vy_cmd_digest(void (*block)(const unsigned char *p), size_t bsize, bool big_endian);

/* ---- base64 and base32 (sdk/cmdbase.c) ----------------------------------------------
 * stdin to stdout in the alphabet abc (64 or 32 letters, bits 6 or 5),
 * groups padded with '=' to `group` characters, lines of wrap (0: one);
 * or decoded (white space skipped; other bytes outside the alphabet are an
 * error unless ignore). 0, or -1 said. */
int vy_cmd_base(const char *abc, int bits, int group, long long wrap, bool decode, bool ignore);
/* The whole command: options -d -i -w COLS, then vy_cmd_base; its status. */
int vy_cmd_base_main(const char *abc, int bits, int group, const char *usage);

/* ---- character classes (sdk/cmdre.c) -------------------------------------------------
 * The index of the POSIX class named by s[0..n) (alpha digit alnum upper
 * lower space blank punct print graph cntrl xdigit), or -1; whether byte c
 * is in class k (the C locale). */
int vy_cmd_class(const char *s, size_t n);
bool vy_cmd_in_class(int k, int c);

/* ---- calendar (sdk/cmd.c) ---------------------------------------------------------------
 * Seconds since 1970 (UTC) to a civil date, and back (the proleptic
 * Gregorian calendar; Howard Hinnant's algorithms). */
struct vy_tm {
	long long year, mon, day, hour, min, sec, wday, yday; /* mon 1-12, wday 0 = Sunday */
};
void vy_cmd_civil(long long t, struct vy_tm *tm);
long long vy_cmd_days(long long year, long long mon, long long day); /* days since 1970-01-01 */

/* ---- regular expressions (sdk/cmdre.c) --------------------------------------------
 * POSIX BRE (with \+ \? \|) or ERE (VY_RE_EXT); bytes, leftmost-longest.
 * vy_re_new returns NULL with *err set on a bad pattern. vy_re_exec looks
 * in s[from..len) (s[0..from) is context for ^); 1 if it matched, with m
 * the start/end of the match (m[0], m[1]) and of groups 1-9 (-1: unset). */
#define VY_RE_EXT 1
#define VY_RE_ICASE 2
#define VY_RE_NSUB 10
struct vy_re;
struct vy_re *vy_re_new(const char *pat, int flags, const char **err);
int vy_re_exec(struct vy_re *re, const char *s, size_t len, size_t from, bool notbol, int64_t *m);
int vy_re_groups(const struct vy_re *re);
void vy_re_free(struct vy_re *re);

/* ---- gzip (sdk/cmdgz.c over sdk/deflate.c and sdk/inflate.c) ---------------------
 * The whole of gzip (compress: vy_cmd_gz_deflate), gunzip and zcat
 * (compress NULL, so they link no deflate): options from spec (of
 * "cdfknt123456789"), then each operand (or stdin): to stdout (-c, "-",
 * or file NULL: zcat, which so links no file output), else FILE to
 * FILE.gz or back (file: vy_cmd_gz_file), FILE removed unless -k.
 * Returns the exit status. */
typedef int (*vy_gz_fn)(int level);
typedef int (*vy_gz_file_fn)(const char *path);
int vy_cmd_gz_deflate(int level);
int vy_cmd_gz_file(const char *path);
int vy_cmd_gz_main(vy_gz_fn compress, vy_gz_file_fn file, const char *spec, const char *usage);

/* ---- files under /data (sdk/cmdfs.c; needs `filesystem`) -----------------------
 * "-" is stdin. Errors are printed as "NAME: PATH: reason" and -1 returned. */
int vy_rd_open(struct vy_rd *r, const char *path);
/* The file PATH itself ("-" is a file's name here): a command that never
 * reads stdin links no stdin code. Following a symbolic link. */
int vy_rd_file(struct vy_rd *r, const char *path);
struct vy_st {
	uint64_t size, mtime_s, nlink;
	uint32_t mtime_ns;
	char type; /* 'd' folder, 'f' file, 'l' symlink, '?' other */
};
int vy_st_get(const char *path, struct vy_st *st, bool follow);
/* 1 if PATH (a link followed) is a folder, 0 if it is anything else, -1
 * if it is not there or not reachable (vy_fs_err says why). No stat-at:
 * a command that needs only this imports no stat record. */
int vy_cmd_isdir(const char *path);
/* The file PATH read whole into one allocation (NUL after it, not
 * counted); -1 with vy_fs_err's reason (a folder: is-directory). */
int vy_cmd_read(const char *path, char **data, size_t *len);
/* Create or truncate, then write; or append at the end. */
int vy_cmd_write(const char *path, const void *buf, size_t len, bool append);
/* Cut or pad with zeros (in place: WASI's set-size) to size bytes,
 * creating the file if missing when create (truncate). */
int vy_cmd_resize(const char *path, uint64_t size, bool create);
/* Set a file's times to now, creating it if missing (touch). */
int vy_cmd_touch(const char *path, bool create);
int vy_cmd_symlink(const char *target, const char *path);
/* A symbolic link's target into buf (NUL-terminated, cut to cap-1). */
int vy_cmd_readlink(const char *path, char *buf, size_t cap);
int vy_cmd_link(const char *old, const char *path);
/* A folder's entries, sorted by name (no "." or ".."): a NULL-terminated
 * array of names; free it with vy_names_free. NULL and an error on failure. */
char **vy_cmd_list(const char *dir, size_t *n);
void vy_names_free(char **names);
/* "dir" + "/" + "name" in a new allocation. */
char *vy_cmd_join(const char *dir, const char *name);
/* Where SRC goes for cp, mv, ln: into the folder dest (dest/basename of
 * SRC) when into, else dest itself. NULL when out of memory. */
char *vy_cmd_target(const char *dest, bool into, const char *src);
/* A file (or "-") read whole (a NUL follows the data). 0, or -1 said. */
int vy_cmd_slurp(const char *path, char **data, size_t *len);
/* A file (or "-") read whole and cut into lines: line[i] its start, len[i]
 * its length with its '\n' (the last may lack one; a NUL follows the
 * data). 0, or -1 said. */
int vy_cmd_lines(const char *path, char ***line, size_t **len, size_t *n);
const char *vy_cmd_fserr(void); /* the last WASI error, as vy_fs_error */

/* ---- HTTP (sdk/cmdnet.c; needs `network`) ---------------------------------------
 * METHOD on an http:// URL (HTTP/1.0, redirects followed). on_head gets the
 * response head (status line and headers, with the blank line) and may
 * return nonzero to stop there (then 0 is returned); on_body gets the body
 * in pieces. 0 on a 1xx-3xx status, -1 (said on stderr) on an error or a
 * 4xx/5xx, whose body is not passed on. */
typedef int (*vy_http_fn)(const char *buf, size_t len);
int vy_cmd_http(const char *method, const char *url, vy_http_fn on_head, vy_http_fn on_body);
/* stdin as vy_in_read gives it (up to cap bytes, 0 at the end, -1 on an
 * error), read the way sockets' streams are (input-stream read and
 * subscribe): a command that speaks TCP imports no blocking-read for it. */
long vy_cmd_net_stdin(void *buf, size_t cap);

#endif
