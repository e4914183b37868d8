/* input_tty: the keyboard of the terminal on stdin: the one a hosted
 * supervisor runs in, or PID 1's console (the serial line `make run`
 * shows). The terminal is put in raw input mode (no line editing, no echo,
 * no flow control; output processing stays on, so log lines still end
 * properly). Hosted, only when stdin is a terminal whose foreground
 * process group is ours (a supervisor started in the background or by a
 * test leaves it alone), and signals stay on, so Ctrl-C still stops it.
 * As PID 1 the console is always taken and signals are off: Ctrl-C is a
 * key for the focused app. The previous settings come back at exit. The
 * byte stream is parsed by input_tty_parse (pure, fuzzed): characters,
 * control keys, xterm/VT220 escape sequences with modifiers, Alt as an ESC
 * prefix. An ESC with nothing after it for INPUT_TTY_ESC_MS is the Escape
 * key. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ev.h"
#include "log.h"

#define INPUT_TTY_ESC_MS 40
#define INPUT_TTY_SEQ_MAX 16 /* an escape sequence longer than this is noise */

/* ---- the parser ------------------------------------------------------------------ */

static void emit(input_key_fn fn, void *ctx, unsigned mods, const char *base)
{
	struct input_key k = { .mods = mods };

	snprintf(k.base, sizeof k.base, "%s", base);
	fn(&k, ctx);
}

/* A key that is not an escape sequence, at buf[0]; returns bytes used, 0
 * when a UTF-8 character is cut short and more may come. */
static size_t tty_plain(const unsigned char *b, size_t len, bool final, unsigned mods,
			input_key_fn fn, void *ctx)
{
	static const char *const ctl_punct[4] = { "\\", "]", "^", "_" };
	unsigned char c = b[0];
	char s[2] = { 0 };

	if (c == '\r' || c == '\n')
		emit(fn, ctx, mods, "Enter");
	else if (c == '\t')
		emit(fn, ctx, mods, "Tab");
	else if (c == 0x7f || c == 0x08)
		emit(fn, ctx, mods, "Backspace");
	else if (c == 0)
		emit(fn, ctx, mods | INPUT_CTRL, "Space");
	else if (c < 0x1b) {
		s[0] = (char)('a' + c - 1);
		emit(fn, ctx, mods | INPUT_CTRL, s);
	} else if (c >= 0x1c && c < 0x20)
		emit(fn, ctx, mods | INPUT_CTRL, ctl_punct[c - 0x1c]);
	else if (c == ' ')
		emit(fn, ctx, mods, "Space");
	else if (c < 0x7f) {
		s[0] = (char)c;
		emit(fn, ctx, mods, s);
	} else {
		/* A UTF-8 character; stray or invalid bytes are skipped one by one. */
		size_t n = c >= 0xF5 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
		struct input_key k = { .mods = mods };
		char name[INPUT_NAME_MAX];

		if (n == 1)
			return 1;
		if (n > len)
			return final ? len : 0;
		memcpy(k.base, b, n);
		k.base[n] = '\0';
		if (input_key_format(&k, name, sizeof name) < 0)
			return 1;
		fn(&k, ctx);
		return n;
	}
	return 1;
}

/* xterm modifier parameter: 1 + (1 Shift, 2 Alt, 4 Ctrl). */
static unsigned tty_mods(long p)
{
	unsigned m = 0;

	if (p < 2 || p > 16)
		return 0;
	p--;
	if (p & 1)
		m |= INPUT_SHIFT;
	if (p & 2)
		m |= INPUT_ALT;
	if (p & 4)
		m |= INPUT_CTRL;
	return m;
}

static const char *tty_tilde(long p)
{
	static const struct {
		long p;
		const char *name;
	} t[] = {
		{ 1, "Home" }, { 2, "Insert" }, { 3, "Delete" }, { 4, "End" }, { 5, "PageUp" },
		{ 6, "PageDown" }, { 7, "Home" }, { 8, "End" }, { 11, "F1" }, { 12, "F2" },
		{ 13, "F3" }, { 14, "F4" }, { 15, "F5" }, { 17, "F6" }, { 18, "F7" }, { 19, "F8" },
		{ 20, "F9" }, { 21, "F10" }, { 23, "F11" }, { 24, "F12" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].p == p)
			return t[i].name;
	return NULL;
}

static const char *tty_letter(unsigned char f)
{
	switch (f) {
	case 'A': return "Up";
	case 'B': return "Down";
	case 'C': return "Right";
	case 'D': return "Left";
	case 'H': return "Home";
	case 'F': return "End";
	case 'P': return "F1";
	case 'Q': return "F2";
	case 'R': return "F3";
	case 'S': return "F4";
	case 'Z': return "Tab"; /* back-tab: Shift+Tab */
	default: return NULL;
	}
}

/* ESC [ params final, or ESC O final, at b[0] == ESC. Returns bytes used,
 * 0 when incomplete. */
static size_t tty_seq(const unsigned char *b, size_t len, unsigned mods, input_key_fn fn,
		      void *ctx)
{
	long p[2] = { 0, 0 };
	int np = 0;
	size_t i = 2;
	const char *name;

	if (b[1] == 'O') {
		if (len < 3)
			return 0;
		if ((name = tty_letter(b[2])) && b[2] != 'Z')
			emit(fn, ctx, mods, name);
		return 3;
	}
	for (; i < len && i < INPUT_TTY_SEQ_MAX; i++) {
		unsigned char c = b[i];
		if (c >= '0' && c <= '9') {
			if (p[np] < 1000)
				p[np] = p[np] * 10 + (c - '0');
		} else if (c == ';') {
			if (np < 1)
				np++;
		} else if (c >= 0x40 && c <= 0x7e) {
			unsigned m = mods | tty_mods(p[1]);
			name = c == '~' ? tty_tilde(p[0]) : tty_letter(c);
			if (c == 'Z')
				m |= INPUT_SHIFT;
			if (name)
				emit(fn, ctx, m, name);
			return i + 1;
		} else if (c < 0x20 || c > 0x3f) {
			return i; /* not a sequence after all: drop what came so far */
		}
	}
	return i >= INPUT_TTY_SEQ_MAX ? i : 0;
}

size_t input_tty_parse(const unsigned char *buf, size_t len, bool final, input_key_fn fn,
		       void *ctx)
{
	size_t i = 0;

	while (i < len) {
		const unsigned char *b = buf + i;
		size_t left = len - i, used;

		if (b[0] != 0x1b) {
			if (!(used = tty_plain(b, left, final, 0, fn, ctx)))
				break;
		} else if (left == 1) {
			if (!final)
				break;
			emit(fn, ctx, 0, "Escape");
			used = 1;
		} else if (b[1] == '[' || b[1] == 'O') {
			used = tty_seq(b, left, 0, fn, ctx);
			if (!used && !final)
				break;
			if (!used) {
				emit(fn, ctx, 0, "Escape");
				used = 1;
			}
		} else if (b[1] == 0x1b) {
			emit(fn, ctx, 0, "Escape");
			used = 1;
		} else {
			/* ESC + key: that key with Alt. */
			if (!(used = tty_plain(b + 1, left - 1, final, INPUT_ALT, fn, ctx)))
				break;
			used++;
		}
		i += used;
	}
	return i;
}

/* ---- the terminal -------------------------------------------------------------------- */

static struct {
	bool open;
	int fd;      /* what is read: stdin, or PID 1's own open of it */
	bool own_fd;
	struct termios saved;
	unsigned char buf[256];
	size_t len;
	ev_timer_id t_esc;
} tty = { .fd = -1 };

static void tty_key(const struct input_key *k, void *ctx)
{
	(void)ctx;
	input_key_event(k);
}

static void tty_consume(bool final)
{
	size_t used = input_tty_parse(tty.buf, tty.len, final, tty_key, NULL);

	memmove(tty.buf, tty.buf + used, tty.len - used);
	tty.len -= used;
}

static void tty_esc_timer(void *ctx)
{
	(void)ctx;
	tty.t_esc = 0;
	tty_consume(true);
}

static void tty_readable(int fd, unsigned events, void *ctx)
{
	ssize_t r;

	(void)events;
	(void)ctx;
	r = read(fd, tty.buf + tty.len, sizeof tty.buf - tty.len);
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (r <= 0) {
		log_info(NULL, "input: the terminal closed");
		ev_fd_del(fd);
		return;
	}
	tty.len += (size_t)r;
	tty_consume(tty.len == sizeof tty.buf);
	ev_timer_clear(&tty.t_esc);
	if (tty.len)
		tty.t_esc = ev_timer_add(INPUT_TTY_ESC_MS, tty_esc_timer, NULL);
}

static void tty_restore(void)
{
	if (tty.open)
		tcsetattr(tty.fd, TCSANOW, &tty.saved);
}

/* PID 1's stdin, stdout and stderr are one open file description of the
 * console: O_NONBLOCK on it would make log writes fail with EAGAIN. So
 * the console is opened again, for reading only, non-blocking, and never
 * as a controlling terminal. Without /proc, stdin itself is read, only
 * when the loop says it is readable. */
static int tty_fd(enum input_tty how)
{
	int fd;

	if (how != INPUT_TTY_CONSOLE)
		return STDIN_FILENO;
	fd = open("/proc/self/fd/0", O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0 && isatty(fd)) {
		tty.own_fd = true;
		return fd;
	}
	if (fd >= 0)
		close(fd);
	log_warn(NULL, "input: cannot open the console again (%s): reading stdin",
		 strerror(errno));
	return STDIN_FILENO;
}

int input_tty_open(enum input_tty how)
{
	static bool registered;
	struct termios t;

	if (tty.open || how == INPUT_TTY_OFF || !isatty(STDIN_FILENO))
		return 0;
	if (how == INPUT_TTY_HOSTED && tcgetpgrp(STDIN_FILENO) != getpgrp())
		return 0;
	tty.own_fd = false;
	tty.fd = tty_fd(how);
	if (tcgetattr(tty.fd, &tty.saved) < 0)
		goto fail;
	t = tty.saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | IGNCR | ISTRIP);
	if (how == INPUT_TTY_CONSOLE) {
		t.c_lflag &= ~(tcflag_t)ISIG;
		t.c_iflag &= ~(tcflag_t)(BRKINT | IXOFF);
		t.c_oflag |= OPOST | ONLCR;
	}
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(tty.fd, TCSANOW, &t) < 0)
		goto fail;
	if (ev_fd_add(tty.fd, EV_IN, tty_readable, NULL) < 0) {
		tcsetattr(tty.fd, TCSANOW, &tty.saved);
		goto fail;
	}
	tty.open = true;
	if (!registered)
		atexit(tty_restore);
	registered = true;
	if (how == INPUT_TTY_CONSOLE)
		log_info(NULL, "input: keyboard from the console (raw mode: every key, Ctrl-C "
			       "too, goes to the focused app)");
	else
		log_info(NULL, "input: keyboard from the terminal (raw mode; Ctrl-C still stops)");
	return 0;
fail:
	log_warn(NULL, "input: cannot use the terminal as a keyboard: %s", strerror(errno));
	if (tty.own_fd)
		close(tty.fd);
	tty.fd = -1;
	tty.own_fd = false;
	return -1;
}

void input_tty_close(void)
{
	if (!tty.open)
		return;
	ev_timer_clear(&tty.t_esc);
	ev_fd_del(tty.fd);
	tty_restore();
	if (tty.own_fd)
		close(tty.fd);
	tty.open = false;
	tty.own_fd = false;
	tty.fd = -1;
	tty.len = 0;
}
