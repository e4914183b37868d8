/* cmdin: a command's input (vyoma_cmd.h): stdin as a byte stream, and the
 * line reader over any source (stdin here, files in sdk/cmdfs.c). Lines
 * have no length limit: the buffer grows to hold the longest one. */
#include "sdk.h"
#include "vyoma_cmd.h"

#include <stdlib.h>
#include <string.h>

#define IN_CHUNK 65536

static wasi_cli_stdin_own_input_stream_t in_stream;
static bool in_eof;

/* The import itself, into the SDK's static return area (sdk.h): no
 * bindings' copy of the result, no stack frame. */
long vy_in_read(void *buf, size_t cap)
{
	struct sdk_io_ret *r = &sdk_io_r;
	long n = 0;

	if (!in_stream.__handle)
		in_stream = wasi_cli_stdin_get_stdin();
	while (!in_eof && cap && !n) { /* an empty read is spurious: block again */
		__wasm_import_wasi_io_streams_method_input_stream_blocking_read(in_stream.__handle, (int64_t)cap, (uint8_t *)r);
		if (r->is_err) {
			in_eof = true;
			sdk_io_ret_drop(r);
			return r->u.err.tag == WASI_IO_STREAMS_STREAM_ERROR_CLOSED ? 0 : -1;
		}
		n = (long)r->u.ok.len;
		memcpy(buf, r->u.ok.ptr, r->u.ok.len);
		app_list_u8_free(&r->u.ok);
	}
	return n;
}

int vy_in_all(char **data, size_t *len)
{
	char *d = NULL, *nd;
	size_t n = 0;
	long k;

	/* the allocator's blocks double: most rounds grow in place */
	while ((nd = realloc(d, n + IN_CHUNK + 1)) && (d = nd, k = vy_in_read(d + n, IN_CHUNK)) > 0)
		n += (size_t)k;
	if (!nd || k < 0) {
		free(d);
		return -1;
	}
	d[n] = '\0';
	*data = d;
	*len = n;
	return 0;
}

static long rd_pull_stdin(struct vy_rd *r, void *buf, size_t cap)
{
	(void)r;
	return vy_in_read(buf, cap);
}

void vy_rd_stdin(struct vy_rd *r)
{
	memset(r, 0, sizeof *r);
	r->pull = rd_pull_stdin;
}

/* Read more at the end of the buffer, moving the unread part to the front
 * and growing the buffer when it is full. 1 if bytes came, 0 at the end. */
static int rd_fill(struct vy_rd *r)
{
	if (r->eof)
		return 0;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->len < IN_CHUNK / 2) {
		size_t ncap = r->cap ? r->cap * 2 : IN_CHUNK;
		uint8_t *nb = realloc(r->buf, ncap + 1);
		if (!nb)
			return -1;
		r->buf = nb;
		r->cap = ncap;
	}
	long n = r->pull(r, r->buf + r->len, r->cap - r->len);
	if (n <= 0) {
		r->eof = true;
		return n < 0 ? -1 : 0;
	}
	r->len += (size_t)n;
	return 1;
}

long vy_rd_line(struct vy_rd *r, char **line)
{
	for (size_t scan = r->pos;;) {
		/* none before the first fill, when there is no buffer yet */
		uint8_t *nl = scan < r->len ? memchr(r->buf + scan, '\n', r->len - scan) : NULL;
		if (nl || r->eof) { /* a line, or at the end what is left (maybe nothing) */
			size_t end = nl ? (size_t)(nl + 1 - r->buf) : r->len;
			long n = (long)(end - r->pos);
			*line = (char *)r->buf + r->pos;
			r->pos = end;
			return n;
		}
		scan = r->len - r->pos; /* where to look next, once rd_fill moved the unread part to the front */
		if (rd_fill(r) < 0)
			return -1;
	}
}

int vy_rd_all(struct vy_rd *r, char **data, size_t *len)
{
	int f;
	while ((f = rd_fill(r)) > 0)
		;
	if (f < 0 || (!r->buf && rd_fill(r) < 0))
		return -1;
	if (!r->buf) {
		r->buf = malloc(1);
		if (!r->buf)
			return -1;
	}
	*len = r->len - r->pos;
	*data = malloc(*len + 1);
	if (!*data)
		return -1;
	memcpy(*data, r->buf + r->pos, *len);
	(*data)[*len] = '\0';
	r->pos = r->len;
	return 0;
}

int vy_rd_copy(struct vy_rd *r)
{
	for (;;) {
		if (r->pos < r->len && vy_write(r->buf + r->pos, r->len - r->pos) != 0)
			return -1;
		r->pos = r->len;
		int f = rd_fill(r);
		if (f <= 0)
			return f;
	}
}

void vy_rd_close(struct vy_rd *r)
{
	if (r->done)
		r->done(r);
	free(r->buf);
	memset(r, 0, sizeof *r);
}

int vy_cmd_each(int argc, char **argv, int ind, int (*open)(struct vy_rd *r, const char *path),
		vy_rd_fn fn, void *ctx)
{
	static char *dash[] = {"-", NULL};
	struct vy_rd r;
	int status = 0;

	if (ind >= argc) {
		argv = dash;
		argc = 1;
		ind = 0;
	}
	for (; ind < argc; ind++) {
		const char *name = argv[ind];
		if (strcmp(name, "-") == 0) {
			vy_rd_stdin(&r);
		} else if (!open) {
			status = vy_cmd_stdin_only(argc, argv, ind) ? 1 : 0;
			continue;
		} else if (open(&r, name) != 0) {
			status = 1;
			continue;
		}
		if (fn(&r, name, ctx) != 0)
			status = 1;
		vy_rd_close(&r);
	}
	return status;
}

int vy_cmd_stdin_only(int argc, char **argv, int ind)
{
	for (; ind < argc; ind++)
		if (strcmp(argv[ind], "-") != 0)
			return vy_cmd_errs(argv[ind], ": this command reads stdin only (no filesystem capability); use < ",
					   argv[ind]);
	return 0;
}

int vy_cmd_filter(const char *help)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", help) != -1 || vy_cmd_stdin_only(argc, argv, o.ind))
		return -1;
	return 0;
}
