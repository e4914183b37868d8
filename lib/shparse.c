/* shparse: the shell's command-line language, the wire form of a pipeline
 * and the escaping of command output (lib/shparse.h, docs/commands.md).
 * Both sh_parse (typed text) and sh_decode (a `run` line) build the list
 * through the same few builder steps below, so the two agree on what a
 * well-formed pipeline is: every stage has a command, `<` only on the
 * first stage, `>`/`>>` only on the last, at most one of each. */
#include "shparse.h"

#include <string.h>

#include "esc.h"

/* ---- the builder ----------------------------------------------------------------- */

struct sh_b {
	struct sh_list *l;
	bool open;          /* a stage is being built */
	bool want_stage;    /* after |: a stage must follow */
	int in_stage, out_stage;
	const char *err;
};

static void b_init(struct sh_b *b, struct sh_list *l)
{
	memset(b, 0, sizeof *b);
	b->l = l;
	l->used = l->nwords = l->nstages = l->npipes = 0;
	b->in_stage = b->out_stage = -1;
}

static struct sh_pipe *b_pipe(struct sh_b *b)
{
	struct sh_list *l = b->l;

	if (l->npipes == 0 || l->pipe[l->npipes - 1].next != SH_END)
		return NULL;
	return &l->pipe[l->npipes - 1];
}

/* The pipeline being built, opened when needed. */
static struct sh_pipe *b_cur(struct sh_b *b)
{
	struct sh_list *l = b->l;
	struct sh_pipe *p = b_pipe(b);

	if (p)
		return p;
	if (l->npipes == SH_PIPES_MAX) {
		b->err = "too many commands joined by ; && || (16 at most)";
		return NULL;
	}
	p = &l->pipe[l->npipes++];
	p->stage = l->nstages;
	p->nstages = 0;
	p->in = p->out = -1;
	p->append = false;
	p->next = SH_END;
	b->in_stage = b->out_stage = -1;
	return p;
}

static struct sh_stage *b_stage(struct sh_b *b)
{
	struct sh_list *l = b->l;
	struct sh_pipe *p;

	if (b->open)
		return &l->stage[l->nstages - 1];
	if (!(p = b_cur(b)))
		return NULL;
	if (l->nstages == SH_STAGES_MAX) {
		b->err = "too many commands in one line (32 at most)";
		return NULL;
	}
	l->stage[l->nstages].word = l->nwords;
	l->stage[l->nstages].argc = 0;
	l->nstages++;
	p->nstages++;
	b->open = true;
	b->want_stage = false;
	return &l->stage[l->nstages - 1];
}

/* Start a word in buf; its bytes are added with b_put, ended by b_endw. */
static int b_put(struct sh_b *b, char c)
{
	if (b->l->used + 1u >= SH_BUF_MAX) {
		b->err = "line too long";
		return -1;
	}
	b->l->buf[b->l->used++] = c;
	return 0;
}

/* End the word that started at offset start: an argument, or the file of
 * a redirection (redir '<' or '>'). */
static int b_endw(struct sh_b *b, uint16_t start, char redir)
{
	struct sh_list *l = b->l;
	struct sh_stage *s;
	struct sh_pipe *p;

	if (b_put(b, '\0') < 0 || !(s = b_stage(b)))
		return -1;
	p = &l->pipe[l->npipes - 1];
	if (redir == '<' || redir == '>') {
		int16_t *slot = redir == '<' ? &p->in : &p->out;
		if (*slot >= 0) {
			b->err = redir == '<' ? "more than one < in a pipeline" : "more than one > in a pipeline";
			return -1;
		}
		*slot = (int16_t)start;
		if (redir == '<')
			b->in_stage = p->nstages - 1;
		else
			b->out_stage = p->nstages - 1;
		return 0;
	}
	if (l->nwords == SH_WORDS_MAX) {
		b->err = "too many words (128 at most)";
		return -1;
	}
	l->word[l->nwords++] = start;
	s->argc++;
	return 0;
}

/* End the current stage at | or at the end of a pipeline. */
static int b_end_stage(struct sh_b *b, const char *what)
{
	struct sh_list *l = b->l;

	if (!b->open || l->stage[l->nstages - 1].argc == 0) {
		b->err = what;
		return -1;
	}
	b->open = false;
	return 0;
}

static int b_bar(struct sh_b *b)
{
	if (b_end_stage(b, "missing command before |") < 0)
		return -1;
	b->want_stage = true;
	return 0;
}

/* End the pipeline with connector c (SH_END at the end of the input). */
static int b_end_pipe(struct sh_b *b, enum sh_conn c)
{
	static const char *const missing[] = {
		[SH_END] = "missing command", [SH_SEQ] = "missing command before ;",
		[SH_AND] = "missing command before &&", [SH_OR] = "missing command before ||",
	};
	struct sh_list *l = b->l;
	struct sh_pipe *p;

	if (b->want_stage) {
		b->err = "missing command after |";
		return -1;
	}
	if (!b->open && c == SH_END) {
		/* nothing after the last ; (or an empty line); && and || need more */
		p = l->npipes ? &l->pipe[l->npipes - 1] : NULL;
		if (p && (p->next == SH_AND || p->next == SH_OR)) {
			b->err = p->next == SH_AND ? "missing command after &&" : "missing command after ||";
			return -1;
		}
		if (p)
			p->next = SH_END;
		return 0;
	}
	if (b_end_stage(b, missing[c]) < 0)
		return -1;
	p = &l->pipe[l->npipes - 1];
	if (b->in_stage > 0) {
		b->err = "only the first command of a pipeline reads a file (<)";
		return -1;
	}
	if (b->out_stage >= 0 && b->out_stage != p->nstages - 1) {
		b->err = "only the last command of a pipeline writes a file (>)";
		return -1;
	}
	p->next = c;
	return 0;
}

/* ---- typed lines ------------------------------------------------------------------- */

static bool sh_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool sh_op(char c)
{
	return c == '|' || c == ';' || c == '&' || c == '<' || c == '>';
}

static int put_status(struct sh_b *b, int st)
{
	char d[12];
	int n = 0;
	unsigned v = st < 0 ? 0u - (unsigned)st : (unsigned)st;

	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 11);
	if (st < 0 && b_put(b, '-') < 0)
		return -1;
	while (n)
		if (b_put(b, d[--n]) < 0)
			return -1;
	return 0;
}

/* One word at s[*i]: quotes, backslashes and $? resolved. */
static int sh_read_word(struct sh_b *b, const char *s, size_t len, size_t *i, int st, char redir)
{
	uint16_t start = b->l->used;
	char q = 0;

	while (*i < len) {
		char c = s[*i];
		if (!q && (sh_blank(c) || sh_op(c)))
			break;
		(*i)++;
		if (c == '\0') {
			b->err = "NUL byte in the line";
			return -1;
		}
		if (q == '\'') {
			if (c == '\'')
				q = 0;
			else if (b_put(b, c) < 0)
				return -1;
			continue;
		}
		if (c == '\\') {
			if (*i == len) {
				b->err = "\\ at the end of the line";
				return -1;
			}
			c = s[(*i)++];
			/* Inside "...", \ escapes only what is special there. */
			if (q == '"' && c != '"' && c != '\\' && c != '$' && b_put(b, '\\') < 0)
				return -1;
			if (b_put(b, c) < 0)
				return -1;
			continue;
		}
		if (c == '$' && *i < len && s[*i] == '?') {
			(*i)++;
			if (put_status(b, st) < 0)
				return -1;
			continue;
		}
		if (c == '"' && q == '"') {
			q = 0;
			continue;
		}
		if ((c == '\'' || c == '"') && !q) {
			q = c;
			continue;
		}
		if (b_put(b, c) < 0)
			return -1;
	}
	if (q) {
		b->err = q == '\'' ? "unterminated '" : "unterminated \"";
		return -1;
	}
	return b_endw(b, start, redir);
}

/* An operator at s[*i]; redir is set for < > >>. */
static int sh_read_op(struct sh_b *b, const char *s, size_t len, size_t *i, char *redir)
{
	char c = s[(*i)++], d = *i < len ? s[*i] : '\0';

	if (c == '|' && d == '|')
		return (*i)++, b_end_pipe(b, SH_OR);
	if (c == '&' && d == '&')
		return (*i)++, b_end_pipe(b, SH_AND);
	if (c == '|')
		return b_bar(b);
	if (c == ';')
		return b_end_pipe(b, SH_SEQ);
	if (c == '&') {
		b->err = "& (running in the background) is not supported";
		return -1;
	}
	if (c == '>' && d == '>')
		(*i)++;
	if (!b_stage(b))
		return -1;
	if (c == '>')
		b->l->pipe[b->l->npipes - 1].append = d == '>';
	*redir = c;
	return 0;
}

int sh_parse(const char *s, size_t len, int last_status, struct sh_list *l, const char **err)
{
	struct sh_b b;
	char redir = 0;
	size_t i = 0;

	b_init(&b, l);
	if (len > SH_LINE_MAX) {
		*err = "line too long (1024 bytes at most)";
		return -1;
	}
	for (;;) {
		while (i < len && sh_blank(s[i]))
			i++;
		if (i == len || (s[i] == '#' && !redir))
			break;
		if (sh_op(s[i])) {
			if (redir) {
				b.err = "missing file name after < or >";
				goto fail;
			}
			if (sh_read_op(&b, s, len, &i, &redir) < 0)
				goto fail;
			continue;
		}
		if (sh_read_word(&b, s, len, &i, last_status, redir) < 0)
			goto fail;
		redir = 0;
	}
	if (redir) {
		b.err = "missing file name after < or >";
		goto fail;
	}
	if (b_end_pipe(&b, SH_END) < 0)
		goto fail;
	return 0;
fail:
	*err = b.err ? b.err : "syntax error";
	return -1;
}

const char *sh_word(const struct sh_list *l, unsigned i)
{
	return i < l->nwords ? l->buf + l->word[i] : NULL;
}

const char *sh_arg(const struct sh_list *l, unsigned s, unsigned i)
{
	return s < l->nstages && i < l->stage[s].argc ? sh_word(l, l->stage[s].word + i) : NULL;
}

const char *sh_file(const struct sh_list *l, int off)
{
	return off >= 0 && off < SH_BUF_MAX ? l->buf + off : NULL;
}

/* ---- the wire form of one pipeline ------------------------------------------------- */

static const char sh_hex[] = "0123456789ABCDEF";

static bool wire_plain(unsigned char c)
{
	return c > 0x20 && c != 0x7f && c != '%' && c != '|' && c != '<' && c != '>';
}

static int enc_word(const char *w, char *out, size_t cap, size_t *n)
{
	if (*n + 4 > cap)
		return -1;
	if (*n)
		out[(*n)++] = ' ';
	if (!*w) {
		out[(*n)++] = '%';
		out[(*n)++] = '%';
		return 0;
	}
	for (; *w; w++) {
		unsigned char c = (unsigned char)*w;
		if (*n + 4 > cap)
			return -1;
		if (wire_plain(c)) {
			out[(*n)++] = (char)c;
			continue;
		}
		out[(*n)++] = '%';
		out[(*n)++] = sh_hex[c >> 4];
		out[(*n)++] = sh_hex[c & 15];
	}
	return 0;
}

int sh_encode(const struct sh_list *l, unsigned pi, char *out, size_t cap)
{
	const struct sh_pipe *p;
	size_t n = 0;

	if (pi >= l->npipes || cap == 0)
		return -1;
	p = &l->pipe[pi];
	for (unsigned s = p->stage; s < (unsigned)p->stage + p->nstages; s++) {
		if (s > p->stage) {
			if (n + 2 > cap)
				return -1;
			out[n++] = ' ', out[n++] = '|';
		}
		for (unsigned a = 0; a < l->stage[s].argc; a++)
			if (enc_word(sh_arg(l, s, a), out, cap, &n) < 0)
				return -1;
		/* < belongs to the first stage, > to the last: written there */
		if (s == p->stage && p->in >= 0) {
			if (n + 2 > cap)
				return -1;
			out[n++] = ' ', out[n++] = '<';
			if (enc_word(sh_file(l, p->in), out, cap, &n) < 0)
				return -1;
		}
	}
	if (p->out >= 0) {
		if (n + 3 > cap)
			return -1;
		out[n++] = ' ', out[n++] = '>';
		if (p->append)
			out[n++] = '>';
		if (enc_word(sh_file(l, p->out), out, cap, &n) < 0)
			return -1;
	}
	if (n >= cap)
		return -1;
	out[n] = '\0';
	return (int)n;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int dec_word(struct sh_b *b, const char *t, size_t n, char redir)
{
	uint16_t start = b->l->used;

	if (!(n == 2 && t[0] == '%' && t[1] == '%'))
		for (size_t i = 0; i < n; i++) {
			int c = (unsigned char)t[i];
			if (c == '%') {
				int hi = i + 2 < n ? hexval(t[i + 1]) : -1;
				int lo = hi >= 0 ? hexval(t[i + 2]) : -1;
				if (hi < 0 || lo < 0 || (hi | lo) == 0) {
					b->err = hi < 0 || lo < 0 ? "bad % escape" : "NUL byte in an argument";
					return -1;
				}
				c = hi << 4 | lo;
				i += 2;
			} else if (!wire_plain((unsigned char)c)) {
				b->err = "unescaped byte in a word";
				return -1;
			}
			if (b_put(b, (char)c) < 0)
				return -1;
		}
	return b_endw(b, start, redir);
}

int sh_decode(const char *s, size_t len, struct sh_list *l, const char **err)
{
	struct sh_b b;
	char redir = 0;
	size_t i = 0;

	b_init(&b, l);
	while (i < len) {
		size_t j;
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		for (j = i; j < len && s[j] != ' '; j++)
			;
		if (redir) {
			if (dec_word(&b, s + i, j - i, redir) < 0)
				goto fail;
			redir = 0;
		} else if (j - i == 1 && s[i] == '|') {
			if (b_bar(&b) < 0)
				goto fail;
		} else if ((j - i == 1 && (s[i] == '<' || s[i] == '>')) ||
			   (j - i == 2 && s[i] == '>' && s[i + 1] == '>')) {
			redir = s[i];
			if (!b_stage(&b))
				goto fail;
			if (s[i] == '>')
				l->pipe[l->npipes - 1].append = j - i == 2;
		} else if (dec_word(&b, s + i, j - i, 0) < 0) {
			goto fail;
		}
		i = j;
	}
	if (redir) {
		b.err = "missing file name after < or >";
		goto fail;
	}
	if (b_end_pipe(&b, SH_END) < 0)
		goto fail;
	if (l->npipes != 1) {
		b.err = "empty pipeline";
		goto fail;
	}
	return 0;
fail:
	*err = b.err ? b.err : "bad pipeline";
	return -1;
}

/* ---- command output as protocol text ---------------------------------------------- */

size_t sh_esc(char *dst, size_t cap, const char *src, size_t n, size_t *used)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k = esc_utf8_seq(s + i, n - i);
		char e = c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\t' ? 't' : 0;
		if (e) {
			if (o + 3 > cap)
				break;
			dst[o++] = '\\';
			dst[o++] = e;
			i++;
		} else if (k == 0 || c < 0x20 || c == 0x7f) {
			if (o + 5 > cap)
				break;
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = sh_hex[c >> 4];
			dst[o++] = sh_hex[c & 15];
			i++;
		} else {
			if (o + k + 1 > cap)
				break;
			memcpy(dst + o, s + i, k);
			o += k;
			i += k;
		}
	}
	if (cap)
		dst[o] = '\0';
	if (used)
		*used = i;
	return o;
}

size_t sh_unesc(char *dst, const char *src, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = src[i];
		if (c == '\\' && i + 1 < n) {
			char e = src[i + 1];
			if (e == '\\' || e == 'n' || e == 't') {
				dst[o++] = e == 'n' ? '\n' : e == 't' ? '\t' : '\\';
				i++;
				continue;
			}
			if (e == 'x' && i + 3 < n && hexval(src[i + 2]) >= 0 && hexval(src[i + 3]) >= 0) {
				dst[o++] = (char)(hexval(src[i + 2]) << 4 | hexval(src[i + 3]));
				i += 3;
				continue;
			}
		}
		dst[o++] = c;
	}
	return o;
}
