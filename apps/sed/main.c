/* sed: a stream editor over stdin (busybox sed, POSIX): -n, -e SCRIPT
 * (several), -E/-r extended regexes; commands s/RE/REPL/[gpNI], d, p, q,
 * =, y/ABC/XYZ/, a TEXT, i TEXT, c TEXT, n, the hold space's h H g G x,
 * and { } blocks, separated by ';' or newlines;
 * addresses N, $, /RE/, a range of two, and ! to negate. REPL knows &,
 * \1-\9 and \n. A last line without '\n' is printed without one.
 * Size: up to 11 KB, because of the regular expression engine (sdk/cmdre.c,
 * 3.5 KB with its data) and the script parser. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "[-nE] [-e SCRIPT]... [SCRIPT]\n\nEdit stdin with SCRIPT.\n"
			    "\t-n\tPrint only what p or s///p asks\n\t-e S\tAdd script S\n\t-E, -r\tExtended regexes\n";

struct addr {
	char kind; /* 0 none, 'n' line, '$' last, '/' regex */
	long long line;
	struct vy_re *re;
};
struct cmd {
	struct addr a1, a2;
	bool neg, active;
	char c;
	struct vy_re *re;
	char *text; /* s: replacement; a i c: text; y: 256-byte map */
	int nth;    /* s: 0 = every match (g), else the Nth; {: its } */
	bool print;
};

#define MAXCMD 64
static struct cmd cmds[MAXCMD];
static int ncmd, ext;
static bool quiet;
static unsigned long long lineno;
static bool last;

static _Noreturn void bad(const char *why)
{
	vy_cmd_errs(why);
	vy_cmd_exit(1);
}

/* p (NULL: a new block) grown to n bytes; out of memory ends the command */
static void *more(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		bad("out of memory");
	return p;
}

/* The digits at *p (there is one), *p past them */
static unsigned long long number(const char **p)
{
	unsigned long long v = 0; /* unsigned: a runaway number wraps, defined */
	while (**p >= '0' && **p <= '9')
		v = v * 10 + *(*p)++ - '0';
	return v;
}

/* p past the bytes of set */
static const char *skip(const char *p, const char *set)
{
	while (*p && strchr(set, *p))
		p++;
	return p;
}

/* The text up to an unescaped delimiter d; "\d" is d, "\n" a newline
 * (both decoded only when decode: a regex keeps its other escapes). */
static char *delim(const char **pp, char d, bool regex)
{
	const char *p = *pp;
	if (!d) /* the script ended where the delimiter goes: p is past it */
		bad("unterminated address regex or s command");
	char *out = more(NULL, strlen(p) + 1), *o = out;
	for (; *p && *p != d; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			if (*p == d)
				*o++ = d;
			else if (*p == 'n' && regex)
				*o++ = '\n';
			else
				*o++ = '\\', *o++ = *p;
		} else {
			*o++ = *p;
		}
	}
	if (*p != d)
		bad("unterminated address regex or s command");
	*o = '\0';
	*pp = p + 1;
	return out;
}

static struct vy_re *compile(const char *pat, int flags)
{
	const char *why;
	struct vy_re *re = vy_re_new(pat, flags | ext, &why);
	if (!re)
		bad(why);
	return re;
}

static const char *parse_addr(const char *p, struct addr *a)
{
	if (*p >= '0' && *p <= '9') {
		a->kind = 'n';
		a->line = (long long)number(&p);
	} else if (*p == '$') {
		a->kind = '$';
		p++;
	} else if (*p == '/' || *p == '\\') {
		char d = *p == '\\' ? p[1] : '/';
		p += *p == '\\' ? 2 : 1;
		a->kind = '/';
		a->re = compile(delim(&p, d, true), 0);
	}
	return p;
}

/* Text of a i c: "a\" newline TEXT, "a\TEXT" or GNU's "a TEXT". */
static const char *parse_text(const char *p, char **text)
{
	size_t n;
	if (*p == '\\')
		p++;
	if (*p == '\n')
		p++;
	p = skip(p, " \t");
	n = strcspn(p, "\n");
	*text = more(NULL, n + 2);
	memcpy(*text, p, n);
	memcpy(*text + n, "\n", 2);
	return p + n;
}

static int open_blocks[MAXCMD], nopen;

static void parse(const char *p)
{
	while (*p) {
		struct cmd *c = &cmds[ncmd];
		p = skip(p, " \t\n;");
		if (!*p)
			break;
		if (ncmd == MAXCMD)
			bad("script too long");
		p = parse_addr(p, &c->a1);
		if (c->a1.kind && *p == ',')
			p = parse_addr(p + 1, &c->a2);
		p = skip(p, " ");
		if (*p == '!')
			c->neg = true, p++;
		p = skip(p, " ");
		c->c = *p ? *p++ : 0;
		switch (c->c) {
		case 's': {
			char d = *p++;
			int flags = 0;
			char *pat = delim(&p, d, true);
			c->text = delim(&p, d, false);
			c->nth = 1;
			for (; !strchr(";\n }", *p); p++) { /* up to the end too */
				if (*p == 'g')
					c->nth = 0;
				else if (*p == 'p')
					c->print = true;
				else if (*p == 'I' || *p == 'i')
					flags = VY_RE_ICASE;
				else if (*p >= '1' && *p <= '9')
					c->nth = (int)number(&p), p--;
				else
					bad("unknown option to s");
			}
			c->re = compile(pat, flags);
			break;
		}
		case 'y': {
			char d = *p++, *from = delim(&p, d, true), *to = delim(&p, d, true);
			if (strlen(from) != strlen(to))
				bad("strings for y command are different lengths");
			c->text = more(NULL, 256);
			for (int i = 0; i < 256; i++)
				c->text[i] = (char)i;
			for (size_t i = 0; from[i]; i++)
				c->text[(unsigned char)from[i]] = to[i];
			break;
		}
		case 'a': case 'i': case 'c':
			p = parse_text(p, &c->text);
			break;
		case '{':
			open_blocks[nopen++] = ncmd;
			break;
		case '}':
			if (!nopen || c->a1.kind)
				bad("unexpected }");
			cmds[open_blocks[--nopen]].nth = ncmd;
			break;
		case 'd': case 'p': case 'q': case '=': case 'n':
		case 'h': case 'H': case 'g': case 'G': case 'x':
			break;
		default: {
			static char msg[] = "unsupported command  ";
			msg[sizeof msg - 2] = c->c ? c->c : ' ';
			bad(msg);
		}
		}
		p = skip(p, " \t");
		if (!strchr(";\n}", *p) && c->c != '{') /* strchr finds the NUL too */
			bad("extra characters after command");
		ncmd++;
	}
}

/* The pattern space, and a second buffer s/// builds the result in. */
struct buf {
	char *p;
	size_t len, cap;
};
static struct buf ps, tmp, hold, append;

/* Room for n more bytes (and one) in b */
static void room(struct buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t c = (b->len + n + 1) * 2;
		b->p = more(b->p, c), b->cap = c;
	}
}

static void put(struct buf *b, const char *s, size_t n)
{
	room(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* The last match's bounds and groups: static, so no stack frame */
static int64_t m[VY_RE_NSUB * 2];

static bool match_addr(struct addr *a)
{
	if (a->kind == 'n')
		return lineno == (unsigned long long)a->line;
	if (a->kind == '$')
		return last;
	return vy_re_exec(a->re, ps.p, ps.len, 0, false, m);
}

/* Whether c applies to this line; a range's state moves on. A range is
 * entered where a1 matches and ends where a2 does (a line number a2
 * already passed ends it on its first line; a regex a2 is first tried
 * on the next line). */
static bool selected(struct cmd *c)
{
	bool was = c->active, on = was || !c->a1.kind || match_addr(&c->a1);
	if (on && c->a2.kind)
		c->active = !(c->a2.kind == 'n' ? lineno >= (unsigned long long)c->a2.line : was && match_addr(&c->a2));
	return on != c->neg;
}

/* ps's bytes [from, to) after what s/// has built in tmp */
static void span(int64_t from, int64_t to)
{
	put(&tmp, ps.p + from, (size_t)(to - from));
}

static bool subst(struct cmd *c)
{
	size_t at = 0;
	int count = 0;
	bool done = false;
	tmp.len = 0;
	while (at <= ps.len && vy_re_exec(c->re, ps.p, ps.len, at, false, m)) {
		count++;
		span((int64_t)at, m[0]);
		if (c->nth == 0 || count == c->nth) {
			for (const char *r = c->text; *r; r++) {
				if (*r == '&') {
					span(m[0], m[1]);
				} else if (*r == '\\' && r[1] >= '0' && r[1] <= '9') {
					int g = *++r - '0';
					if (m[2 * g] >= 0)
						span(m[2 * g], m[2 * g + 1]);
				} else if (*r == '\\' && r[1]) {
					r++;
					put(&tmp, *r == 'n' ? "\n" : *r == 't' ? "\t" : r, 1);
				} else {
					put(&tmp, r, 1);
				}
			}
			done = true;
		} else {
			span(m[0], m[1]);
		}
		at = (size_t)m[1];
		if (m[1] == m[0]) { /* an empty match: step over one byte */
			if (at < ps.len)
				span((int64_t)at, (int64_t)at + 1);
			at++;
		}
		if (done && c->nth)
			break;
	}
	if (!done)
		return false;
	if (at < ps.len)
		span((int64_t)at, (int64_t)ps.len);
	struct buf t = ps;
	ps = tmp;
	tmp = t;
	return true;
}

/* stdin: its bytes from `at` on are not read yet (the line after the
 * pattern space's is read ahead, so the last line is known). */
static struct buf in;
static size_t at;
static bool eof, rerr;

/* The end of the line at `at` (past its '\n'), `at` at the end of the
 * input. What was read before `at` is dropped when more must come. */
static size_t line_end(void)
{
	for (size_t scan = at;;) {
		char *nl = memchr(in.p + scan, '\n', in.len - scan);
		if (nl)
			return (size_t)(nl + 1 - in.p);
		if (eof)
			return in.len;
		in.len -= at;
		memmove(in.p, in.p + at, in.len);
		scan = in.len, at = 0;
		room(&in, 32768);
		long n = vy_in_read(in.p + in.len, in.cap - in.len - 1);
		if (n <= 0)
			eof = true, rerr = n < 0;
		else
			in.len += (size_t)n;
	}
}

/* The next input line into the pattern space; false at the end. */
static size_t nxt; /* the end of the line at `at` (line_end's, kept) */

static bool read_line(bool *nl)
{
	size_t e = nxt;
	if (e == at)
		return false;
	ps.len = 0;
	*nl = in.p[e - 1] == '\n';
	put(&ps, in.p + at, e - at - *nl);
	at = e;
	nxt = line_end();
	last = nxt == at;
	lineno++;
	return true;
}

static void out_ps(bool nl)
{
	vy_write(ps.p, ps.len);
	if (nl)
		vy_write("\n", 1);
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, nscripts = 0;
	struct vy_opt o = {0};
	bool nl;

	while ((c = vy_opt_next(&o, argc, argv, "nrEe:", usage)) != -1) {
		if (c == '?')
			return 1;
		if (c == 'n')
			quiet = true;
		else if (c == 'e')
			parse(o.arg), nscripts++;
		else
			ext = VY_RE_EXT;
	}
	if (!nscripts) {
		if (o.ind >= argc)
			vy_cmd_bad_usage(usage);
		parse(argv[o.ind++]);
	}
	if (nopen)
		bad("unmatched {");
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	room(&in, 0);
	nxt = line_end();
	while (read_line(&nl)) {
		bool deleted = false;
		append.len = 0;
		for (int i = 0; i < ncmd && !deleted; i++) {
			struct cmd *k = &cmds[i];
			if (!selected(k)) {
				if (k->c == '{')
					i = k->nth;
				continue;
			}
			switch (k->c) {
			case 'h': case 'H': case 'g': case 'G': {
				/* h H: the pattern space to the hold space, g G back;
				 * the capital appends after a newline */
				struct buf *to = (k->c | 32) == 'h' ? &hold : &ps, *from = to == &hold ? &ps : &hold;
				if (k->c & 32)
					to->len = 0;
				else
					put(to, "\n", 1);
				put(to, from->p ? from->p : "", from->len);
				break;
			}
			case 'x': {
				struct buf t = ps;
				ps = hold, hold = t;
				break;
			}
			case 's':
				if (subst(k) && k->print)
					out_ps(true);
				break;
			case 'y':
				for (size_t j = 0; j < ps.len; j++)
					ps.p[j] = k->text[(unsigned char)ps.p[j]];
				break;
			case 'd':
				deleted = true;
				break;
			case 'p':
				out_ps(true);
				break;
			case '=': {
				char b[24], *e = b + sizeof b;
				*--e = '\n';
				e = vy_str_dec(e, lineno);
				vy_write(e, (size_t)(b + sizeof b - e));
				break;
			}
			case 'i':
				vy_print(k->text);
				break;
			case 'a':
				put(&append, k->text, strlen(k->text));
				break;
			case 'c':
				deleted = true;
				if (!k->a2.kind || !k->active)
					vy_print(k->text);
				break;
			case 'n':
			case 'q':
				if (!quiet)
					out_ps(nl);
				if (k->c == 'n' && read_line(&nl))
					break;
				vy_write(append.p, append.len);
				vy_cmd_exit(0);
			}
		}
		if (!deleted && !quiet)
			out_ps(nl);
		vy_write(append.p, append.len);
	}
	return rerr;
}
