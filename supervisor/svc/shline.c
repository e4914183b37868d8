/* shline: the shell's line language run by the supervisor (docs/commands.md,
 * "The shell"). A caller with `shell` (the shell app, or the console) sends
 * `sh <line>` as a person typed it; we parse it (lib/shparse.c: quoting,
 * pipes, redirection, ; && ||, $?), run its pipelines one after the other
 * (a supervisor verb alone as pm runs it, anything else as a job of
 * job.c, whose output lines go to the caller as they come) and end with
 * `sh done <status>`. "@app message" is sent as the caller's message.
 * Per caller we keep $?, one line typed while another runs (it runs
 * next), and the last SHL_HIST lines (`shhist`: Up/Down). `shkill`
 * (Ctrl+C) kills the running pipeline and drops the rest of the line. The
 * line is re-parsed as each pipeline starts, so $? is the status then;
 * `shtab` completes a command name. */
#include "shline.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "clip.h"
#include "esc.h"
#include "ev.h"
#include "job.h"
#include "log.h"
#include "notice.h"
#include "shparse.h"

#define SHL_MAX 8   /* callers with a $? of their own */
#define SHL_HIST 16 /* lines kept per caller for Up/Down */

struct shl {
	uint64_t caller; /* 0: a free slot */
	bool busy, killed;
	unsigned job;    /* the running pipeline's job, 0: none */
	unsigned cur;    /* the pipeline running (or just finished) */
	int status;      /* $? */
	uint64_t used;   /* for reuse: the least recently used slot goes */
	unsigned cols;   /* the caller's width in characters (shcols), 0: unknown */
	unsigned hist_n, hist_pos;
	char line[SH_LINE_MAX + 1];
	char ahead[SH_LINE_MAX + 1]; /* typed while line runs: run next; "": none */
	char hist[SHL_HIST][SH_LINE_MAX + 1];
};

static struct {
	struct shline_ops ops; /* pm and ipc, from start/sup.c (they call us) */
	struct shl s[SHL_MAX];
	struct sh_list l; /* the line being started (one at a time: we never block) */
	uint64_t tick;
} shl_g;

void shline_configure(const struct shline_ops *ops)
{
	shl_g.ops = *ops;
}

static const char shl_help[] =
	"cmd args | cmd > file: run commands (Tab completes names; run cmd: a command, not a verb); "
	"@app message; clear; $? the last status. Supervisor verbs:";

static struct shl *shl_find(const struct app *c, bool make)
{
	struct shl *old = NULL;

	for (unsigned i = 0; i < SHL_MAX; i++)
		if (shl_g.s[i].caller == c->id)
			return &shl_g.s[i];
	if (!make)
		return NULL;
	for (unsigned i = 0; i < SHL_MAX; i++)
		if (!shl_g.s[i].busy && (!old || shl_g.s[i].used < old->used))
			old = &shl_g.s[i];
	if (old)
		*old = (struct shl){ .caller = c->id }; /* the caller it had forgets its $? */
	return old;
}

static void shl_start_line(struct app *c, struct shl *s, const char *line, size_t len);

static void shl_done(struct app *c, struct shl *s)
{
	s->busy = s->killed = false;
	s->job = 0;
	app_notice(c, "sh done %d", s->status);
	if (s->ahead[0] && app_alive(c)) {
		char line[SH_LINE_MAX + 1];
		memcpy(line, s->ahead, sizeof line);
		s->ahead[0] = '\0';
		shl_start_line(c, s, line, strlen(line));
	}
}

/* "@app message" or "@app: message": from c, as if it had written it. */
static void shl_message(struct app *c, struct shl *s, const char *line)
{
	char buf[SH_LINE_MAX + 8], target[MAN_NAME_MAX + 2];
	size_t n = strcspn(line + 1, " ");
	const char *msg = line + 1 + n;

	if (n && line[n] == ':')
		n--;
	if (!n || n >= sizeof target) {
		app_error(c, "usage: @app message");
		s->status = 2;
		return;
	}
	memcpy(target, line + 1, n);
	target[n] = '\0';
	msg += strspn(msg, " ");
	uint64_t errs = c->st.drops;
	n = (size_t)snprintf(buf, sizeof buf, "@%s: %s", target, msg);
	if (shl_g.ops.line)
		shl_g.ops.line(c, buf, n < sizeof buf ? n : sizeof buf - 1);
	s->status = c->st.drops != errs ? 1 : 0;
}

/* ---- ps that fits the shell ------------------------------------------------------ */

#define SHL_PS_FIXED 35 /* " PID STATE UPTIME MEM(KiB)" columns with their blanks */
#define SHL_PS_FULL 120 /* this wide or more: the full table of pm */

struct shl_ps {
	struct app *c;
	int nw; /* the name column */
};

static void shl_ps_row(struct shl_ps *p, const char *name, const char *pid, const char *state,
		       uint64_t started_ms, long kib)
{
	char nm[MAN_NAME_MAX + 16], up[32], mem[24] = "-";

	snprintf(nm, sizeof nm, "%s", name);
	if ((int)strlen(nm) > p->nw) /* cut, with a marker, never wrapped */
		nm[p->nw - 1] = '~', nm[p->nw] = '\0';
	app_uptime_fmt(started_ms, up, sizeof up);
	if (kib >= 0)
		snprintf(mem, sizeof mem, "%ld", kib);
	app_notice(p->c, "%-*s %6s %-8s %9s %8s", p->nw, nm, pid, state, up, mem);
}

static void shl_ps_inst(void *ctx, const char *name, pid_t pid, uint64_t started_ms)
{
	char ps[16];

	snprintf(ps, sizeof ps, "%d", (int)pid);
	shl_ps_row(ctx, name, ps, "running", started_ms, app_rss_kib(pid));
}

/* `ps` alone in a line of a caller whose width is known and narrow: name,
 * pid, state, uptime and memory (the rest is in the full `ps`). */
static void shl_ps(struct app *c, unsigned cols)
{
	struct shl_ps p = { c, (int)cols - SHL_PS_FIXED };
	char pid[16];

	p.nw = p.nw < 8 ? 8 : p.nw > 24 ? 24 : p.nw;
	app_notice(c, "%-*s %6s %-8s %9s %8s", p.nw, "NAME", "PID", "STATE", "UPTIME", "MEM(KiB)");
	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP)
			continue;
		snprintf(pid, sizeof pid, a->pid > 0 ? "%d" : "-", (int)a->pid);
		shl_ps_row(&p, a->name, pid, app_state_name(a->state), a->pid > 0 ? a->spawned_ms : 0,
			   a->pid > 0 ? app_rss_kib(a->pid) : -1);
	}
	job_each(shl_ps_inst, &p);
	app_notice(c, "ok ps");
}

/* A verb alone: its words joined, as a person would send it. */
static void shl_verb(struct app *c, struct shl *s, unsigned st)
{
	char text[SH_LINE_MAX + 1];
	size_t n = 0;
	uint64_t errs = c->st.drops; /* app_error counts every error sent */

	for (unsigned a = 0; a < shl_g.l.stage[st].argc && n < sizeof text; a++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", a ? " " : "",
				      sh_arg(&shl_g.l, st, a));
	if (n >= sizeof text)
		n = sizeof text - 1;
	if (shl_g.ops.verb) /* unset only in tests and fuzzers without sup.c */
		shl_g.ops.verb(c, text, n);
	/* A verb that answers later (stop, restart, reload, pkg over HTTP)
	 * counts as accepted: 0. */
	s->status = c->st.drops != errs ? 1 : 0;
}

/* Start pipeline p; true when it runs as a job (its exit continues the line). */
static bool shl_start(struct app *c, struct shl *s, unsigned p)
{
	static char wire[SH_WIRE_MAX];
	const struct sh_pipe *pp = &shl_g.l.pipe[p];
	const char *w0 = sh_arg(&shl_g.l, pp->stage, 0);
	bool alone = pp->nstages == 1 && pp->in < 0 && pp->out < 0;
	char err[512];
	int n;

	if (alone && strcmp(w0, "clear") == 0) {
		app_notice(c, "sh clear");
		s->status = 0;
		return false;
	}
	if (alone && strcmp(w0, "help") == 0)
		app_notice(c, "%s", shl_help);
	if (alone && strcmp(w0, "ps") == 0 && shl_g.l.stage[pp->stage].argc == 1 && s->cols &&
	    s->cols < SHL_PS_FULL) {
		shl_ps(c, s->cols);
		s->status = 0;
		return false;
	}
	if (alone && (strcmp(w0, "help") == 0 || (shl_g.ops.is_verb && shl_g.ops.is_verb(w0)))) {
		shl_verb(c, s, pp->stage);
		return false;
	}
	n = sh_encode(&shl_g.l, p, wire, sizeof wire);
	if (n < 0) {
		app_error(c, "line too long");
		s->status = 2;
		return false;
	}
	/* `run cmd ...`: the words after "run" */
	if (strcmp(w0, "run") == 0 && shl_g.l.stage[pp->stage].argc > 1)
		s->job = job_run_quiet(c, wire + 4, (size_t)n - 4, true, &s->status, err, sizeof err);
	else
		s->job = job_run_quiet(c, wire, (size_t)n, true, &s->status, err, sizeof err);
	if (s->job)
		return true;
	app_error(c, "%s", err);
	return false;
}

/* Run the pipelines from `from` that the connectors and $? allow. */
static void shl_run_from(struct app *c, struct shl *s, unsigned from)
{
	const char *err = NULL;

	for (unsigned p = from;; p++) {
		if (sh_parse(s->line, strlen(s->line), s->status, &shl_g.l, &err) < 0) {
			app_error(c, "%s", err);
			s->status = 2;
			break;
		}
		if (p >= shl_g.l.npipes)
			break;
		if (p > 0) {
			enum sh_conn cn = shl_g.l.pipe[p - 1].next;
			if ((cn == SH_AND && s->status != 0) || (cn == SH_OR && s->status == 0))
				continue;
		}
		s->cur = p;
		if (shl_start(c, s, p))
			return;
		if (!app_alive(c))
			return; /* a verb took the caller down (stop shell) */
	}
	shl_done(c, s);
}

static void shl_start_line(struct app *c, struct shl *s, const char *line, size_t len)
{
	memcpy(s->line, line, len);
	s->line[len] = '\0';
	s->busy = true;
	s->killed = false;
	line += strspn(line, " ");
	if (line[0] == '@') {
		shl_message(c, s, line);
		shl_done(c, s);
		return;
	}
	shl_run_from(c, s, 0);
}

static void shl_remember(struct shl *s, const char *line, size_t len)
{
	char *last = s->hist[(s->hist_n + SHL_HIST - 1) % SHL_HIST];

	if (len && (!s->hist_n || strlen(last) != len || memcmp(last, line, len) != 0)) {
		memcpy(s->hist[s->hist_n % SHL_HIST], line, len);
		s->hist[s->hist_n++ % SHL_HIST][len] = '\0';
	}
	s->hist_pos = s->hist_n;
}

void shline_run(struct app *c, const char *line, size_t len)
{
	struct shl *s = shl_find(c, true);

	if (!s) {
		app_error(c, "sh: too many shells running lines");
		app_notice(c, "sh done 1");
		return;
	}
	s->used = ++shl_g.tick;
	if (len > SH_LINE_MAX || (s->busy && s->ahead[0])) {
		app_error(c, len > SH_LINE_MAX ? "line too long" : "still running: Ctrl+C stops it");
		app_notice(c, "sh done %d", len > SH_LINE_MAX ? 2 : s->status);
		return;
	}
	shl_remember(s, line, len);
	if (s->busy) {
		memcpy(s->ahead, line, len);
		s->ahead[len] = '\0';
		if (!len)
			memcpy(s->ahead, " ", 2);
		return;
	}
	shl_start_line(c, s, line, len);
}

void shline_cols(struct app *c, unsigned cols)
{
	struct shl *s = shl_find(c, true);

	if (s)
		s->cols = cols;
}

void shline_history(struct app *c, int dir)
{
	struct shl *s = shl_find(c, false);
	unsigned oldest;

	if (!s)
		return;
	oldest = s->hist_n > SHL_HIST ? s->hist_n - SHL_HIST : 0;
	if (dir < 0 && s->hist_pos > oldest)
		s->hist_pos--;
	else if (dir > 0 && s->hist_pos < s->hist_n)
		s->hist_pos++;
	else
		return;
	app_notice(c, "sh input %s", s->hist_pos < s->hist_n ? s->hist[s->hist_pos % SHL_HIST] : "");
}

/* The i-th name a command may be: the verbs, then the command apps. */
static const char *shl_name(size_t i, const char **names, char *w, size_t cap)
{
	const char *v = shl_g.ops.verb_name ? shl_g.ops.verb_name(i) : NULL;
	size_t n = 0;

	if (v)
		return v;
	while (**names == ' ')
		(*names)++;
	while (**names && **names != ' ' && n + 1 < cap)
		w[n++] = *(*names)++;
	w[n] = '\0';
	return n ? w : NULL;
}

void shline_complete(struct app *c, const char *input, size_t len)
{
	static char names[8192], cand[8192], out[SH_LINE_MAX + 2];
	const char *np = names;
	size_t start = len, k, cl = 0, ml;
	char common[64] = "", w[64];
	unsigned hits = 0;

	while (start && input[start - 1] != ' ' && !strchr("|;&<>", input[start - 1]))
		start--;
	k = start;
	while (k && input[k - 1] == ' ')
		k--;
	if ((k && !strchr("|;&", input[k - 1])) || len - start >= sizeof common || len > SH_LINE_MAX)
		return; /* not where a command name goes */
	job_command_names(names, sizeof names);
	for (size_t i = 0;; i++) {
		const char *name = shl_name(i, &np, w, sizeof w);
		if (!name)
			break;
		if (strncmp(name, input + start, len - start) != 0)
			continue;
		if (!hits++)
			snprintf(common, sizeof common, "%s", name);
		else
			for (size_t m = 0; common[m]; m++)
				if (common[m] != name[m])
					common[m] = '\0';
		if (cl + strlen(name) + 2 < sizeof cand)
			cl += (size_t)snprintf(cand + cl, sizeof cand - cl, " %s", name);
	}
	ml = strlen(common);
	if (hits == 1 && ml + 1 < sizeof common)
		common[ml++] = ' ', common[ml] = '\0';
	if (hits && ml > len - start && start + ml <= SH_LINE_MAX) {
		memcpy(out, input, start);
		memcpy(out + start, common, ml + 1);
		app_notice(c, "sh input %s", out);
	} else if (hits > 1) {
		app_notice(c, "%s", cand + 1);
	}
}

void shline_kill(struct app *c)
{
	struct shl *s = shl_find(c, false);

	if (!s || !s->busy)
		return; /* it ended as the key was pressed: its `sh done` is on its way */
	s->killed = true;
	if (s->ahead[0]) {
		s->ahead[0] = '\0';
		app_notice(c, "sh done 130"); /* the line typed ahead, dropped */
	}
	if (s->job)
		job_kill(c, s->job);
}

void shline_job_exit(struct app *c, unsigned id, int status)
{
	struct shl *s = shl_find(c, false);

	if (!s || !s->busy || s->job != id)
		return;
	s->job = 0;
	s->status = status;
	if (s->killed)
		shl_done(c, s);
	else
		shl_run_from(c, s, s->cur + 1);
}

/* ---- copy ------------------------------------------------------------------------- */

#define SHL_COPY_SCAN 1200 /* transcript lines looked at: the scrollback and then some */

struct shl_copy {
	char buf[CLIP_MAX];
	size_t n;
	unsigned lines;
	bool seen; /* a "> line" echo was seen */
};

/* Each transcript line of the app's log ring ("| text"): a "> ..." echo
 * starts a new capture, the lines after it are its output. */
static void shl_copy_line(const char *line, size_t len, void *ctx)
{
	struct shl_copy *cp = ctx;
	const unsigned char *u = (const unsigned char *)line;

	if (len < 2 || memcmp(line, "| ", 2) != 0)
		return;
	if (len >= 4 && memcmp(line + 2, "> ", 2) == 0) {
		cp->n = cp->lines = 0;
		cp->seen = true;
		return;
	}
	if (!cp->seen)
		return;
	for (size_t i = 2; i < len && cp->n + 5 < sizeof cp->buf;) {
		size_t k = esc_utf8_seq(u + i, len - i); /* 0: not UTF-8, or NUL */
		if (k) {
			memcpy(cp->buf + cp->n, line + i, k);
			cp->n += k;
			i += k;
		} else {
			cp->buf[cp->n++] = '?';
			i++;
		}
	}
	if (cp->n + 1 < sizeof cp->buf) {
		cp->buf[cp->n++] = '\n';
		cp->lines++;
	}
}

void shline_copy(struct app *a)
{
	static struct shl_copy cp;

	cp = (struct shl_copy){ .n = 0 };
	ring_last(&a->log, SHL_COPY_SCAN, shl_copy_line, &cp);
	if (!cp.lines) {
		notice_post(NOTICE_INFO, a->name, "%s: no output to copy", a->name);
		return;
	}
	clip_take(a->name, cp.buf, cp.n);
	notice_post(NOTICE_INFO, a->name, "%s: copied %u line%s of output", a->name, cp.lines,
		    cp.lines == 1 ? "" : "s");
}

void shline_app_event(struct app *a, enum app_event ev)
{
	struct shl *s;

	if (ev != APP_EV_EXITED && ev != APP_EV_REMOVED)
		return;
	s = shl_find(a, false);
	if (s)
		*s = (struct shl){ 0 };
}
