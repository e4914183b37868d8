/* cmd: the part of the command runtime every command links (vyoma_cmd.h):
 * its arguments (wasi:cli/environment), POSIX option parsing, --help, error
 * messages on stderr and the exit status. It imports nothing but wasi:cli,
 * so a filter stays a pure stdin-to-stdout component. */
#include "sdk.h"
#include "vyoma_cmd.h"

#include <stdlib.h>
#include <string.h>

static char **cmd_argv;
static int cmd_argc = -1;

int vy_cmd_args(char ***argv)
{
	if (cmd_argc < 0) {
		static char *none[1];
		app_list_string_t l;
		wasi_cli_environment_get_arguments(&l);
		/* argv is written over the list itself: a pointer is half of a
		 * string's (ptr, len), so argv[i] lands on entries already read.
		 * Each string is copied once, NUL-terminated; the list lives until
		 * exit, as the copies (sdk_keep: heap blocks if the command has a
		 * heap; if not, it links none, and list and copies are asked for
		 * when no result of the host's is held, since the SDK frees each
		 * before it returns, so they stay below every later one, never
		 * popped: sdk/alloc.c). */
		cmd_argv = l.len ? (char **)l.ptr : none;
		for (size_t i = 0; i < l.len; i++) {
			app_string_t a = l.ptr[i];
			char *p = sdk_keep(a.len + 1);
			if (!p)
				vy_cmd_exit(1);
			memcpy(p, a.ptr, a.len);
			p[a.len] = '\0';
			cmd_argv[i] = p;
		}
		cmd_argv[l.len] = NULL;
		cmd_argc = (int)l.len;
	}
	*argv = cmd_argv;
	return cmd_argc;
}

int vy_cmd_env(char ***env)
{
	app_list_tuple2_string_string_t l;
	wasi_cli_environment_get_environment(&l);
	size_t bytes = (l.len + 1) * sizeof(char *);
	for (size_t i = 0; i < l.len; i++)
		bytes += l.ptr[i].f0.len + l.ptr[i].f1.len + 2;
	char **v = sdk_keep(bytes), *p = (char *)(v + l.len + 1);
	if (!v)
		vy_cmd_exit(1);
	for (size_t i = 0; i < l.len; i++) {
		v[i] = p;
		memcpy(p, l.ptr[i].f0.ptr, l.ptr[i].f0.len);
		p += l.ptr[i].f0.len;
		*p++ = '=';
		memcpy(p, l.ptr[i].f1.ptr, l.ptr[i].f1.len);
		p += l.ptr[i].f1.len;
		*p++ = '\0';
	}
	/* the list stays until exit, below the copy (as vy_cmd_args's) */
	v[l.len] = NULL;
	*env = v;
	return (int)l.len;
}

const char *vy_cmd_name(void)
{
	char **argv;
	if (vy_cmd_args(&argv) < 1)
		return "command";
	const char *s = strrchr(argv[0], '/');
	return s ? s + 1 : argv[0];
}

/* Taken once and kept until exit, as stdout's (sdk/out.c). */
SDK_LOW static wasi_cli_stderr_own_output_stream_t cmd_stderr;

static void cmd_put(const char *s)
{
	if (s)
		sdk_stream_write(wasi_io_streams_borrow_output_stream(cmd_stderr), (const uint8_t *)s, strlen(s));
}

/* No formatter: a command whose messages are all strings links no
 * vy_vsnprintf (about 1.2 KB). Each part is written as it is, with no
 * buffer to join them in: the supervisor reads a stage's stderr in lines
 * (docs/commands.md), so the pieces of one line arrive as one. The parts
 * are arguments, not an array: a call costs a few bytes less. */
int vy_cmd_msg(bool named, const char *a, const char *b, const char *c, const char *d)
{
	vy_flush();
	if (!cmd_stderr.__handle)
		cmd_stderr = wasi_cli_stderr_get_stderr();
	if (named) {
		cmd_put(vy_cmd_name());
		cmd_put(": ");
	}
	cmd_put(a);
	cmd_put(b);
	cmd_put(c);
	cmd_put(d);
	cmd_put("\n");
	return -1;
}

int vy_cmd_err(const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vy_vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return vy_cmd_errs(msg);
}

_Noreturn void vy_cmd_exit(int status)
{
	/* The one place a status is mapped: POSIX's own (grep's 2, expr's 3)
	 * go out whole through wasi:cli/exit's exit-with-code (0.2.12); what
	 * does not fit in 1..63 is 1 (lib/runexit.h keeps 70..73). */
	vy_flush();
	wasi_cli_exit_exit_with_code(status >= 0 && status < 64 ? (uint8_t)status : 1);
	__builtin_trap();
}

_Noreturn void vy_cmd_usage(const char *usage)
{
	vy_print("usage: ");
	vy_print(vy_cmd_name());
	vy_print(" ");
	vy_print(usage);
	vy_cmd_exit(0);
}

/* Options first, operands after, each group in its order (GNU getopt's
 * permutation, which busybox gets from glibc): `grep PATTERN -o` works.
 * Done as the options are read, in place: each option word (and a value
 * in the word after it) is rotated down from where it is to argv[ind],
 * past the operands met so far, which stay in their order after it; "--"
 * too, which then ends the options. */
static const char *opt_take(struct vy_opt *o, char **argv, int at)
{
	char *t = argv[at];
	memmove(argv + o->ind + 1, argv + o->ind, (size_t)(at - o->ind) * sizeof *argv);
	return argv[o->ind++] = t;
}

int vy_cmd_usage_status = 1;

_Noreturn void vy_cmd_bad_usage(const char *usage)
{
	vy_cmd_say("usage: ", vy_cmd_name(), " ", usage);
	vy_cmd_exit(vy_cmd_usage_status);
}

int vy_opt_next(struct vy_opt *o, int argc, char **argv, const char *spec, const char *usage)
{
	if (o->ind == 0) {
		o->ind = 1;
		for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
			if (strcmp(argv[i], "--help") == 0)
				vy_cmd_usage(usage);
	}
	if (!o->next || !*o->next) {
		int i = o->ind;
		o->next = NULL;
		while (i < argc && (argv[i][0] != '-' || !argv[i][1]))
			i++; /* an operand (a lone "-" is one) */
		if (i == argc)
			return -1;
		/* a value in the next word is the word after this one, or, when
		 * this one is last, the first operand passed over */
		o->val = i + 1 < argc ? i + 1 : o->ind + 1;
		const char *a = opt_take(o, argv, i);
		if (strcmp(a, "--") == 0)
			return -1;
		if (spec[0] == '#' && a[1] >= '0' && a[1] <= '9') {
			o->arg = a + 1;
			return '#';
		}
		o->next = a + 1;
	}
	int c = (unsigned char)*o->next++;
	const char *s = c != ':' && c != '#' ? strchr(spec, c) : NULL, *why = "unknown option -";
	char ch[2] = {(char)c};
	if (s && s[1] == ':') {
		if (*o->next)
			o->arg = o->next;
		else if (o->val < argc)
			o->arg = opt_take(o, argv, o->val);
		else
			s = NULL, why = "option requires an argument -- ";
		o->next = NULL;
	}
	if (!s) {
		vy_cmd_errs(why, ch);
		return '?';
	}
	return c;
}

int vy_cmd_num(const char *s, long long *v)
{
	const char *end;
	*v = vy_str_atoll(s, &end);
	/* all of s, and a digit last: not "", "-", "+" */
	return *end || end == s || end[-1] < '0' ? -1 : 0;
}

long long vy_cmd_days(long long y, long long m, long long d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

void vy_cmd_civil(long long t, struct vy_tm *tm)
{
	long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400, s = t - days * 86400;
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	tm->day = doy - (153 * mp + 2) / 5 + 1;
	tm->mon = mp < 10 ? mp + 3 : mp - 9;
	tm->year = yoe + era * 400 + (tm->mon <= 2);
	tm->hour = s / 3600, tm->min = s / 60 % 60, tm->sec = s % 60;
	tm->wday = ((days % 7) + 11) % 7; /* 1970-01-01 was a Thursday */
	tm->yday = days - vy_cmd_days(tm->year, 1, 1);
}
