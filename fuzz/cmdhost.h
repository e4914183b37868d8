/* cmdhost.h: a command app's host, natively, for the libFuzzer targets that
 * include an app's main.c (fuzz/fuzz_cmd_*.c): what the runner and the
 * supervisor give a command, from one input. The input is the command's
 * arguments, each ended by a NUL, up to an empty one, then its stdin: "-l\0"
 * "\0" "1+2" is `bc -l` reading "1+2", and "\0" "1+2" is bc with none; an
 * input with no empty argument is all arguments. Its
 * stdout and stderr are kept (the first CMDHOST_OUT bytes of each) for the
 * target to check; wasi:cli/exit is a longjmp back here. Its memory is
 * libc's, so ASan sees every block's bounds: at most CMDHOST_MEM bytes
 * live at once (more is NULL, as when a wasm memory cannot grow), every
 * block freed after the run (a command never frees what it keeps until it
 * exits). Its static data is put back as it was before each run, as a new
 * process has it: the app's and the SDK's files are included between
 * CMDHOST_APP_BEGIN and CMDHOST_APP_END, which put their variables in
 * sections that fuzz/cmdhost.ld gathers between cmdhost_data_start and
 * cmdhost_data_end (names that are not C identifiers, so ASan still puts
 * its redzones around each variable).
 *
 * A target: include this, then CMDHOST_APP_BEGIN, `#define main app_main`,
 * the app's main.c and the SDK's files it needs (sdk/out.c, sdk/cmd.c, ...),
 * CMDHOST_APP_END, `#undef main`; its LLVMFuzzerTestOneInput calls
 * cmdhost_run(data, size, app_main) and checks what came out. */
#ifndef VYOMA_FUZZ_CMDHOST_H
#define VYOMA_FUZZ_CMDHOST_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "../sdk/sdk.h"
#include "../sdk/vyoma_cmd.h"

#define CMDHOST_OUT (1u << 20)
#define CMDHOST_MEM (64u << 20)
#define CMDHOST_ARGS 64

#define CMDHOST_APP_BEGIN _Pragma("clang section bss=\".vyapp.bss\" data=\".vyapp.data\"")
#define CMDHOST_APP_END _Pragma("clang section bss=\"\" data=\"\"")

/* What one run left: its status (what main returned, or the exit code),
 * and the first CMDHOST_OUT bytes of stdout and stderr, each with a NUL
 * after them. */
struct cmdhost_result {
	int status;
	char out[CMDHOST_OUT + 1], err[CMDHOST_OUT + 1];
	size_t out_n, err_n;
	size_t mem_peak; /* the most bytes live at once */
};
static struct cmdhost_result cmdhost;

enum { CMDHOST_STDIN = 1, CMDHOST_STDOUT, CMDHOST_STDERR };

extern char cmdhost_data_start[], cmdhost_data_end[];
static char *cmdhost_data0; /* the section as it was at start */
static jmp_buf cmdhost_exit;
static const uint8_t *cmdhost_in;
static size_t cmdhost_in_n, cmdhost_in_pos;
static app_string_t cmdhost_argv[CMDHOST_ARGS];
static size_t cmdhost_argc;

/* Blocks: a header before each (a list to free them all by), the block's
 * own bytes exactly as asked, so ASan reports a read past its end. */
struct cmdhost_blk {
	struct cmdhost_blk *prev, *next;
	size_t size;
	size_t pad;
};
static struct cmdhost_blk cmdhost_blks = {&cmdhost_blks, &cmdhost_blks, 0, 0};
static size_t cmdhost_live;

static void *cmdhost_malloc(size_t n)
{
	if (n > CMDHOST_MEM - cmdhost_live)
		return NULL;
	struct cmdhost_blk *b = malloc(sizeof *b + (n ? n : 1));
	if (!b)
		return NULL;
	b->size = n;
	b->next = &cmdhost_blks;
	b->prev = cmdhost_blks.prev;
	b->prev->next = b;
	cmdhost_blks.prev = b;
	cmdhost_live += n;
	if (cmdhost_live > cmdhost.mem_peak)
		cmdhost.mem_peak = cmdhost_live;
	return b + 1;
}

static void cmdhost_free(void *p)
{
	if (!p)
		return;
	struct cmdhost_blk *b = (struct cmdhost_blk *)p - 1;
	b->prev->next = b->next;
	b->next->prev = b->prev;
	cmdhost_live -= b->size;
	free(b);
}

static void *cmdhost_realloc(void *p, size_t n)
{
	if (!p)
		return cmdhost_malloc(n);
	size_t old = ((struct cmdhost_blk *)p - 1)->size;
	void *q = cmdhost_malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	cmdhost_free(p);
	return q;
}

static void *cmdhost_calloc(size_t k, size_t n)
{
	if (n && k > SIZE_MAX / n)
		return NULL;
	void *p = cmdhost_malloc(k * n);
	return p ? memset(p, 0, k * n) : NULL;
}

/* sdk/alloc.c's, for what a command keeps until it exits. */
void *sdk_keep(size_t n) { return cmdhost_malloc(n); }

static void cmdhost_put(int h, const uint8_t *p, size_t n)
{
	char *buf = h == CMDHOST_STDOUT ? cmdhost.out : cmdhost.err;
	size_t *len = h == CMDHOST_STDOUT ? &cmdhost.out_n : &cmdhost.err_n;
	size_t k = CMDHOST_OUT - *len < n ? CMDHOST_OUT - *len : n;
	memcpy(buf + *len, p, k);
	*len += k;
	buf[*len] = '\0';
}

/* The WASI functions a command's SDK files call. */
wasi_cli_stdin_own_input_stream_t wasi_cli_stdin_get_stdin(void) { return (wasi_cli_stdin_own_input_stream_t){CMDHOST_STDIN}; }
wasi_cli_stdout_own_output_stream_t wasi_cli_stdout_get_stdout(void)
{
	return (wasi_cli_stdout_own_output_stream_t){CMDHOST_STDOUT};
}
wasi_cli_stderr_own_output_stream_t wasi_cli_stderr_get_stderr(void)
{
	return (wasi_cli_stderr_own_output_stream_t){CMDHOST_STDERR};
}
wasi_io_streams_borrow_output_stream_t wasi_io_streams_borrow_output_stream(wasi_io_streams_own_output_stream_t s)
{
	return (wasi_io_streams_borrow_output_stream_t){s.__handle};
}
void wasi_io_error_error_drop_own(wasi_io_error_own_error_t e)
{
	(void)e;
	CHECK(!"an error handle to drop: none was given");
}
void app_list_u8_free(app_list_u8_t *l) { (void)l; /* the host's bytes are the input's */ }

void __wasm_import_wasi_io_streams_method_input_stream_blocking_read(int32_t h, int64_t len, uint8_t *ret)
{
	struct sdk_io_ret *r = (struct sdk_io_ret *)ret;
	CHECK(h == CMDHOST_STDIN && len >= 0);
	size_t n = cmdhost_in_n - cmdhost_in_pos;
	if (!n) {
		r->is_err = 1;
		r->u.err.tag = WASI_IO_STREAMS_STREAM_ERROR_CLOSED;
		return;
	}
	/* in pieces of at most 4093 bytes, to cross the readers' chunks */
	if (n > (uint64_t)len)
		n = (size_t)len;
	if (n > 4093)
		n = 4093;
	r->is_err = 0;
	r->u.ok.ptr = (uint8_t *)cmdhost_in + cmdhost_in_pos;
	r->u.ok.len = n;
	cmdhost_in_pos += n;
}

/* stdout as a pipe whose reader has gone (`seq 1 1000000000 | head`): a
 * target that sets cmdhost_out_cut makes every write to stdout fail
 * (closed) once that many bytes have gone out, so a command that promises
 * endless or huge output ends as it would in such a pipeline;
 * cmdhost_out_failed says a write failed. 0: no cut (the default). */
static size_t cmdhost_out_cut;
static bool cmdhost_out_failed;

void __wasm_import_wasi_io_streams_method_output_stream_blocking_write_and_flush(int32_t h, uint8_t *p, size_t n,
										   uint8_t *ret)
{
	struct sdk_io_ret *r = (struct sdk_io_ret *)ret;
	CHECK((h == CMDHOST_STDOUT || h == CMDHOST_STDERR) && n <= 4096);
	if (h == CMDHOST_STDOUT && cmdhost_out_cut && cmdhost.out_n + n > cmdhost_out_cut) {
		cmdhost_put(h, p, cmdhost_out_cut - cmdhost.out_n);
		cmdhost_out_failed = true;
		r->is_err = 1;
		r->u.err.tag = WASI_IO_STREAMS_STREAM_ERROR_CLOSED;
		return;
	}
	cmdhost_put(h, p, n);
	r->is_err = 0;
}

void wasi_cli_environment_get_arguments(app_list_string_t *ret)
{
	/* a copy: vy_cmd_args writes its argv over the list */
	app_string_t *l = cmdhost_malloc(sizeof cmdhost_argv);
	CHECK(l);
	memcpy(l, cmdhost_argv, sizeof cmdhost_argv);
	*ret = (app_list_string_t){l, cmdhost_argc};
}

void wasi_cli_environment_get_environment(app_list_tuple2_string_string_t *ret)
{
	*ret = (app_list_tuple2_string_string_t){NULL, 0};
}

_Noreturn void wasi_cli_exit_exit_with_code(uint8_t code)
{
	cmdhost.status = code;
	longjmp(cmdhost_exit, 1);
}

/* wasi:clocks (sdk/time.c), the same on every run: the wall clock is
 * CMDHOST_WALL (2026-12-02 15:44:34 UTC), the monotonic clock stands at 0,
 * and a sleep ends at once. */
#define CMDHOST_WALL 1796226274
void wasi_clocks_wall_clock_now(wasi_clocks_wall_clock_datetime_t *ret) { *ret = (wasi_clocks_wall_clock_datetime_t){CMDHOST_WALL, 0}; }
wasi_clocks_monotonic_clock_instant_t wasi_clocks_monotonic_clock_now(void) { return 0; }
wasi_clocks_monotonic_clock_own_pollable_t wasi_clocks_monotonic_clock_subscribe_duration(uint64_t d) { (void)d; return (wasi_clocks_monotonic_clock_own_pollable_t){1}; }
wasi_io_poll_borrow_pollable_t wasi_io_poll_borrow_pollable(wasi_io_poll_own_pollable_t p) { return (wasi_io_poll_borrow_pollable_t){p.__handle}; }
void wasi_io_poll_method_pollable_block(wasi_io_poll_borrow_pollable_t p) { (void)p; }
void wasi_io_poll_pollable_drop_own(wasi_io_poll_own_pollable_t p) { (void)p; }

/* Unchecked (the section holds ASan's redzones too, which a checked copy
 * reports) and uncounted (no coverage edges of the copy's own): in words,
 * not through memcpy, which ASan intercepts. The section starts on 64. */
__attribute__((no_sanitize("address", "coverage"), no_builtin("memcpy"))) static void
cmdhost_copy(char *to, const char *from, size_t n)
{
	uint64_t *t = (uint64_t *)(void *)to;
	const uint64_t *f = (const uint64_t *)(const void *)from;
	for (size_t i = 0; i < n / 8; i++)
		t[i] = f[i];
	for (size_t i = n & ~(size_t)7; i < n; i++)
		to[i] = from[i];
}

/* One run of the command: argv[0] is `name`, then the input's arguments. */
static void cmdhost_run(const uint8_t *data, size_t size, const char *name, int (*app_main)(void))
{
	size_t len = (size_t)(cmdhost_data_end - cmdhost_data_start);
	if (!cmdhost_data0) {
		CHECK(len > 0 && (cmdhost_data0 = malloc(len)));
		cmdhost_copy(cmdhost_data0, cmdhost_data_start, len);
	}
	cmdhost_copy(cmdhost_data_start, cmdhost_data0, len);
	cmdhost.out_n = cmdhost.err_n = cmdhost.mem_peak = 0;
	cmdhost_out_failed = false;
	cmdhost.out[0] = cmdhost.err[0] = '\0';

	cmdhost_argv[0] = (app_string_t){(uint8_t *)name, strlen(name)};
	cmdhost_argc = 1;
	size_t i = 0;
	while (i < size && cmdhost_argc < CMDHOST_ARGS) {
		const uint8_t *nul = memchr(data + i, 0, size - i);
		size_t n = nul ? (size_t)(nul - (data + i)) : size - i;
		if (nul && n == 0) { /* the empty argument: stdin follows */
			i++;
			break;
		}
		cmdhost_argv[cmdhost_argc++] = (app_string_t){(uint8_t *)data + i, n};
		i += n + (nul != NULL);
	}
	cmdhost_in = data + i;
	cmdhost_in_n = size - i;
	cmdhost_in_pos = 0;

	if (!setjmp(cmdhost_exit)) {
		int rc = app_main();
		/* what sdk/run.c does after main: a status over 1 goes out
		 * whole, any other than 0 is wasi:cli/run's error (1) */
		if (rc > 1)
			vy_cmd_exit(rc);
		vy_flush();
		cmdhost.status = rc != 0;
	}
	CHECK(cmdhost.status >= 0 && cmdhost.status < 64);
	while (cmdhost_blks.next != &cmdhost_blks)
		cmdhost_free(cmdhost_blks.next + 1);
	CHECK(cmdhost_live == 0);
}

/* Another run of the same command on stdin `in` (n bytes), with the
 * arguments args (NULL-ended, none empty): a target's second look at one
 * input (sed ';' gives its stdin back). The input is made in a buffer of
 * its own, so `in` may be the last run's cmdhost_in; false, and no run,
 * when it does not fit. */
static uint8_t cmdhost_again_buf[CMDHOST_OUT];
static bool cmdhost_again(const char *const *args, const uint8_t *in, size_t n, const char *name,
			  int (*app_main)(void))
{
	size_t k = 0, a = 1;
	for (; *args; args++, a++) {
		size_t l = strlen(*args) + 1;
		if (l > sizeof cmdhost_again_buf - k)
			return false;
		memcpy(cmdhost_again_buf + k, *args, l);
		k += l;
	}
	if (n >= sizeof cmdhost_again_buf - k)
		return false;
	if (a < CMDHOST_ARGS) /* at the most, cmdhost_run reads stdin next */
		cmdhost_again_buf[k++] = '\0';
	memmove(cmdhost_again_buf + k, in, n);
	cmdhost_run(cmdhost_again_buf, k + n, name, app_main);
	return true;
}

/* The last run's arguments (not argv[0]), copied with a NUL after each,
 * NULL after the last: for cmdhost_again with the same ones. */
static char cmdhost_args_buf[CMDHOST_OUT + CMDHOST_ARGS];
static const char *cmdhost_args_v[CMDHOST_ARGS + 1];
static const char *const *cmdhost_args(void)
{
	char *p = cmdhost_args_buf;
	for (size_t i = 1; i < cmdhost_argc; i++) {
		memcpy(p, cmdhost_argv[i].ptr, cmdhost_argv[i].len);
		p[cmdhost_argv[i].len] = '\0';
		cmdhost_args_v[i - 1] = p;
		p += cmdhost_argv[i].len + 1;
	}
	cmdhost_args_v[cmdhost_argc ? cmdhost_argc - 1 : 0] = NULL;
	return cmdhost_args_v;
}

/* The last run's options again, as vy_opt_next took them with spec
 * (getopt's: "bsw:"), for a target to know what was asked: after
 * cmdhost_opts(), each call gives the next option (its value in *val),
 * -1 after the last, '?' where this cannot tell (a value-taking option
 * that is the last word: vy_opt_next takes an operand passed over). */
static const char *const *cmdhost_opt_a;
static size_t cmdhost_opt_i, cmdhost_opt_j;
static void cmdhost_opts(void)
{
	cmdhost_opt_a = cmdhost_args();
	cmdhost_opt_i = cmdhost_opt_j = 0;
}
static int cmdhost_opt(const char *spec, const char **val)
{
	for (;;) {
		const char *w = cmdhost_opt_a[cmdhost_opt_i];
		if (!w || !strcmp(w, "--"))
			return -1;
		if (w[0] != '-' || !w[1] || (cmdhost_opt_j && !w[cmdhost_opt_j])) {
			cmdhost_opt_i++, cmdhost_opt_j = 0; /* an operand, or a word done */
			continue;
		}
		cmdhost_opt_j += !cmdhost_opt_j;
		int c = (unsigned char)w[cmdhost_opt_j++];
		const char *s = strchr(spec, c);
		if (s && s[1] == ':') {
			if (w[cmdhost_opt_j])
				*val = w + cmdhost_opt_j;
			else if (cmdhost_opt_a[cmdhost_opt_i + 1])
				*val = cmdhost_opt_a[++cmdhost_opt_i];
			else
				return '?';
			cmdhost_opt_i++, cmdhost_opt_j = 0;
		}
		return c;
	}
}

/* Whether the last run's arguments hold --help before any "--", so that
 * it printed its usage, as vy_opt_next does, and did nothing else. */
static bool cmdhost_helped(void)
{
	for (const char *const *a = cmdhost_args(); *a && strcmp(*a, "--"); a++)
		if (!strcmp(*a, "--help"))
			return true;
	return false;
}

/* For the targets' checks: argument i of the last run as a C string in
 * buf, or NULL when there is none or it does not fit; and whether s is a
 * decimal integer ([+-]digits): 0 if it fits in 64 bits, 1 if not (*v
 * held at LLONG_MIN or LLONG_MAX, as strtoll does), -1 if not a number. */
static const char *cmdhost_arg(size_t i, char *buf, size_t cap)
{
	if (i >= cmdhost_argc || cmdhost_argv[i].len >= cap)
		return NULL;
	memcpy(buf, cmdhost_argv[i].ptr, cmdhost_argv[i].len);
	buf[cmdhost_argv[i].len] = '\0';
	return buf;
}

static int cmdhost_int(const char *s, long long *v)
{
	const char *d = s + (*s == '-' || *s == '+');
	if (!*d || strspn(d, "0123456789") != strlen(d))
		return -1;
	errno = 0;
	*v = strtoll(s, NULL, 10);
	return errno != 0;
}

/* The status of a run whose command has 0 and 1 (POSIX's ok and
 * failed): checks it is one of them, and 1 exactly when the command said
 * why on stderr. */
static int cmdhost_said(void)
{
	int st = cmdhost.status;
	CHECK(st == 0 || st == 1);
	CHECK(st == (cmdhost.err_n > 0));
	return st;
}

/* cmdhost_said's, and a failed run printed nothing on stdout. */
static int cmdhost_status01(void)
{
	int st = cmdhost_said();
	if (st)
		CHECK(cmdhost.out_n == 0);
	return st;
}

/* For a target that makes the expected stdout on its own: cmdhost_emit
 * appends to cmdhost_want (cmdhost_want_n bytes; empty it before a run),
 * cmdhost_out_is_want compares. */
static char cmdhost_want[CMDHOST_OUT + 1];
static size_t cmdhost_want_n;

__attribute__((format(printf, 1, 2))) static void cmdhost_emit(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(cmdhost_want + cmdhost_want_n, sizeof cmdhost_want - cmdhost_want_n, fmt, ap);
	va_end(ap);
	CHECK(n >= 0 && (size_t)n < sizeof cmdhost_want - cmdhost_want_n);
	cmdhost_want_n += (size_t)n;
}

static bool cmdhost_out_is_want(void)
{
	return cmdhost.out_n == cmdhost_want_n && !memcmp(cmdhost.out, cmdhost_want, cmdhost_want_n);
}

/* The app's and the SDK's memory calls, from here on. */
#define malloc cmdhost_malloc
#define free cmdhost_free
#define realloc cmdhost_realloc
#define calloc cmdhost_calloc

#endif
