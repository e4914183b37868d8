/* shell: the system's command line (docs/commands.md), in its window and,
 * through the focused-window keyboard, on the serial console. A line is
 * parsed by lib/shparse.c (quoting, pipes, < > >>, ; && ||, $?) and its
 * pipelines run one after the other:
 *  - "@app message" sends a message (the whole line, as before);
 *  - clear, help: the shell's own;
 *  - a supervisor verb (ps, log, start, restart, pkg, ...) alone, with no
 *    pipe or redirection, goes to the supervisor as before;
 *  - anything else, or `run cmd ...`, is a pipeline of command apps: the
 *    supervisor runs it (`run <wire>`) and sends back its output and exit
 *    statuses as job lines; $? is the last stage's status.
 * Ctrl+C kills the running pipeline; Tab completes command names;
 * PageUp/PageDown and the wheel scroll back (view.c); Up/Down recall. */
#include "shell.h"

#include <string.h>

#include "../../lib/shparse.h"

#define W 560
#define H 340
#define INPUT_MAX 1000
#define HIST 16

static char input[INPUT_MAX + 1];
static size_t input_len;
static char hist[HIST][INPUT_MAX + 1];
static unsigned hist_n, hist_pos;

/* The line being run. */
static char run_line[INPUT_MAX + 1];
static struct sh_list L;
static unsigned cur;      /* the pipeline running (or just finished) */
static int status;        /* $? */
static enum { IDLE, WAIT_CMD, WAIT_RUN, RUNNING } busy;
static char verb[16];     /* WAIT_CMD: the verb whose "ok" ends it */
static unsigned job;      /* RUNNING: the supervisor's job id */
static bool interrupted;  /* Ctrl+C while starting: kill as soon as it runs */
static bool tab_wanted;   /* a Tab waits for the list of commands */
static char ahead[INPUT_MAX + 1]; /* a line typed while one runs: run next */

static const char *const verbs[] = {
	"ps", "start", "stop", "kill", "restart", "reload", "log", "focus", "pkg", "poweroff",
	"reboot", "jobkill", "commands",
};

static void show(uint32_t col, const char *text)
{
	view_show(col, text, strlen(text));
}

static void draw(void)
{
	size_t cols = (W - 40) / (size_t)vy_text_cell_w(VY_TEXT_M);
	size_t from = input_len > cols ? input_len - cols : 0;

	vy_draw_clear(VY_THEME_BG);
	view_draw(6, 4, W - 12, H - 32);
	vy_draw_fill(0, H - 24, W, 24, VY_THEME_PANEL);
	vy_draw_text(6, H - 20, busy ? VY_THEME_DIM : VY_THEME_ACCENT, VY_TEXT_M, busy ? "*" : ">");
	/* the end of a long input line */
	vy_draw_textn(22, H - 20, VY_THEME_TEXT, VY_TEXT_M, input + from, input_len - from);
	vy_draw_fill(22 + (int)(input_len - from) * vy_text_cell_w(VY_TEXT_M), H - 20, 8, 16,
		     VY_THEME_ACCENT);
	vy_draw_flush();
}

static bool is_verb(const char *w)
{
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(w, verbs[i]) == 0)
			return true;
	return false;
}

/* ---- running a line ------------------------------------------------------------ */

static void enter(void);

static void line_done(void)
{
	busy = IDLE;
	interrupted = false;
	cur = L.npipes;
}

/* The line typed ahead, if any, once the last one is done. */
static void next_line(void)
{
	if (busy || !ahead[0])
		return;
	vy_str_copy(input, ahead, sizeof input);
	input_len = strlen(input);
	ahead[0] = '\0';
	enter();
}

/* A supervisor verb: its words joined, as the old shell sent them. */
static void send_verb(unsigned s)
{
	char text[INPUT_MAX + 1];
	size_t n = 0;

	for (unsigned a = 0; a < L.stage[s].argc; a++)
		n += (size_t)vy_snprintf(text + n, sizeof text - n, "%s%s", a ? " " : "",
					 sh_arg(&L, s, a));
	vy_str_copy(verb, sh_arg(&L, s, 0), sizeof verb);
	busy = WAIT_CMD;
	vy_sys_command("%s", text);
}

/* Start pipeline p; false when it finished at once (a builtin). */
static bool start_pipe(unsigned p)
{
	static char wire[SH_WIRE_MAX];
	const struct sh_pipe *pp = &L.pipe[p];
	const char *w0 = sh_arg(&L, pp->stage, 0);
	bool alone = pp->nstages == 1 && pp->in < 0 && pp->out < 0;
	int n;

	if (alone && strcmp(w0, "clear") == 0) {
		view_clear();
		status = 0;
		return false;
	}
	if (alone && strcmp(w0, "help") == 0) {
		show(VY_THEME_DIM, "cmd args | cmd > file: run commands (Tab completes names; run cmd: a "
				   "command, not a verb); @app message; clear; $? the last status. "
				   "Supervisor verbs:");
		send_verb(pp->stage);
		return true;
	}
	if (alone && is_verb(w0)) {
		send_verb(pp->stage);
		return true;
	}
	n = sh_encode(&L, p, wire, sizeof wire);
	if (n < 0) {
		show(VY_THEME_BAD, "line too long");
		status = 2;
		return false;
	}
	/* `run cmd ...`: the words after "run" */
	busy = WAIT_RUN;
	vy_sys_command("run %s", strcmp(w0, "run") == 0 && L.stage[pp->stage].argc > 1 ? wire + 4 : wire);
	return true;
}

/* Run the pipelines from `from` that the connectors and $? allow. */
static void run_from(unsigned from)
{
	const char *err = NULL;

	for (unsigned p = from;; p++) {
		/* $? of each pipeline is the status when it starts. */
		if (sh_parse(run_line, strlen(run_line), status, &L, &err) < 0) {
			char msg[128];
			vy_snprintf(msg, sizeof msg, "error: %s", err);
			show(VY_THEME_BAD, msg);
			status = 2;
			line_done();
			return;
		}
		if (p >= L.npipes) {
			line_done();
			return;
		}
		if (p > 0) {
			enum sh_conn c = L.pipe[p - 1].next;
			if ((c == SH_AND && status != 0) || (c == SH_OR && status == 0))
				continue;
		}
		cur = p;
		if (start_pipe(p))
			return;
	}
}

static void finished(int st)
{
	status = st;
	busy = IDLE;
	if (interrupted) {
		line_done();
		return;
	}
	run_from(cur + 1);
}

static void run(const char *line)
{
	char target[32];
	const char *p;

	line = vy_str_skip_space(line);
	if (!*line)
		return;
	if (line[0] == '@') {
		/* "@app msg" or "@app: msg" */
		p = vy_str_word(line + 1, target, sizeof target);
		size_t n = strlen(target);
		if (n && target[n - 1] == ':')
			target[n - 1] = '\0';
		if (!target[0]) {
			show(VY_THEME_BAD, "usage: @app message");
			return;
		}
		vy_msg_send(target, "%s", vy_str_skip_space(p));
		return;
	}
	vy_str_copy(run_line, line, sizeof run_line);
	run_from(0);
}

/* ---- answers ------------------------------------------------------------------- */

static unsigned num(const char **s)
{
	unsigned v = 0;
	while (**s >= '0' && **s <= '9')
		v = v * 10 + (unsigned)(*(*s)++ - '0');
	if (**s == ' ')
		(*s)++;
	return v;
}

/* "job <id> out|part|err|exit ...": a line of the running pipeline. */
static void on_job(const char *s)
{
	static char text[VY_LINE_LEN > 4096 ? VY_LINE_LEN : 4096];
	unsigned id = num(&s);
	size_t n;

	if (busy != RUNNING || id != job)
		return;
	if (vy_str_starts(s, "exit ")) {
		s += 5;
		finished((int)num(&s));
		return;
	}
	bool err = vy_str_starts(s, "err ");
	if (!err && !vy_str_starts(s, "out ") && !vy_str_starts(s, "part "))
		return;
	s += err ? 4 : vy_str_starts(s, "out ") ? 4 : 5;
	n = strlen(s) < sizeof text ? strlen(s) : sizeof text - 1;
	n = sh_unesc(text, s, n);
	view_show(err ? VY_THEME_BAD : VY_THEME_TEXT, text, n);
}

/* Complete the word before the cursor from the verbs and `names`. */
static void complete(const char *names)
{
	size_t start = input_len, k;
	char common[64] = "", cand[1024] = "";
	unsigned hits = 0;

	while (start && input[start - 1] != ' ' && !strchr("|;&<>", input[start - 1]))
		start--;
	k = start;
	while (k && input[k - 1] == ' ')
		k--;
	if ((k && !strchr("|;&", input[k - 1])) || input_len - start >= sizeof common)
		return; /* not where a command name goes */
	for (size_t i = 0;; i++) {
		char w[64];
		const char *name = i < sizeof verbs / sizeof verbs[0] ? verbs[i] : NULL;
		if (!name) {
			names = vy_str_skip_space(names);
			if (!*names)
				break;
			names = vy_str_word(names, w, sizeof w);
			name = w;
		}
		if (strncmp(name, input + start, input_len - start) != 0)
			continue;
		if (!hits++)
			vy_str_copy(common, name, sizeof common);
		else
			for (size_t c = 0; common[c]; c++)
				if (common[c] != name[c])
					common[c] = '\0';
		size_t cl = strlen(cand);
		vy_snprintf(cand + cl, sizeof cand - cl, " %s", name);
	}
	if (hits == 1)
		vy_str_copy(common + strlen(common), " ", 2);
	if (hits && strlen(common) > input_len - start && start + strlen(common) <= INPUT_MAX) {
		memcpy(input + start, common, strlen(common));
		input_len = start + strlen(common);
	} else if (hits > 1) {
		show(VY_THEME_DIM, cand + 1);
	}
}

static void on_supervisor(const char *text)
{
	const char *s = text;
	char err[VY_LINE_LEN];

	if (vy_str_starts(s, "job ")) {
		on_job(s + 4);
		return;
	}
	if (vy_str_starts(s, "commands")) {
		if (tab_wanted)
			complete(s + 8);
		tab_wanted = false;
		return;
	}
	if (strcmp(s, "ok commands") == 0 && busy != WAIT_CMD)
		return;
	if (busy == WAIT_RUN && vy_str_starts(s, "ok run ")) {
		s += 7;
		job = num(&s);
		busy = RUNNING;
		if (interrupted)
			vy_sys_command("jobkill %u", job);
		return;
	}
	if (busy == WAIT_RUN && vy_str_starts(s, "error: run: ")) {
		s += 12;
		unsigned st = num(&s);
		vy_snprintf(err, sizeof err, "error: %s", s);
		show(VY_THEME_BAD, err);
		finished((int)st);
		return;
	}
	show(vy_str_starts(s, "error") ? VY_THEME_BAD : vy_str_starts(s, "ok ") ? VY_THEME_GOOD
											: VY_THEME_TEXT, s);
	if (busy == WAIT_CMD) {
		size_t vl = strlen(verb);
		bool ok = vy_str_starts(s, "ok ") && strncmp(s + 3, verb, vl) == 0 &&
			  (s[3 + vl] == '\0' || s[3 + vl] == ' ');
		if (ok || vy_str_starts(s, "error"))
			finished(ok ? 0 : 1);
	}
}

/* ---- keys ------------------------------------------------------------------------ */

static void enter(void)
{
	char shown[INPUT_MAX + 3];

	input[input_len] = '\0';
	if (busy) {
		if (ahead[0]) {
			show(VY_THEME_WARN, "still running: Ctrl+C stops it");
			return;
		}
		vy_str_copy(ahead, input_len ? input : " ", sizeof ahead);
		input_len = 0;
		return;
	}
	vy_snprintf(shown, sizeof shown, "> %s", input);
	show(VY_THEME_ACCENT, shown);
	if (input_len && (hist_n == 0 || strcmp(hist[(hist_n - 1) % HIST], input) != 0))
		vy_str_copy(hist[hist_n++ % HIST], input, sizeof hist[0]);
	hist_pos = hist_n;
	run(input);
	input_len = 0;
	input[0] = '\0';
}

static void recall(int dir)
{
	unsigned oldest = hist_n > HIST ? hist_n - HIST : 0;
	if (dir < 0 && hist_pos > oldest)
		hist_pos--;
	else if (dir > 0 && hist_pos < hist_n)
		hist_pos++;
	else
		return;
	vy_str_copy(input, hist_pos < hist_n ? hist[hist_pos % HIST] : "", sizeof input);
	input_len = strlen(input);
}

static void interrupt(void)
{
	show(VY_THEME_WARN, "^C");
	if (busy == RUNNING)
		vy_sys_command("jobkill %u", job);
	if (busy == WAIT_RUN || busy == RUNNING)
		interrupted = true; /* the rest of the line is dropped */
	else if (busy == WAIT_CMD)
		line_done();
	else
		input_len = 0;
	ahead[0] = '\0';
	status = 130;
}

/* Typed or pasted text into the input line, as UTF-8 (a key gives a
 * code point up to U+00FF); a paste's line breaks and tabs become spaces,
 * so a paste never runs a command by itself. */
static void type_char(unsigned ch)
{
	if (ch < 0x20 || ch == 0x7f)
		ch = ' ';
	if (ch >= 0x80 && ch < 0x100 && input_len + 2 <= INPUT_MAX) {
		input[input_len++] = (char)(0xc0 | ch >> 6);
		input[input_len++] = (char)(0x80 | (ch & 0x3f));
	} else if (ch < 0x80 && input_len < INPUT_MAX) {
		input[input_len++] = (char)ch;
	}
}

static void on_paste(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p && input_len < INPUT_MAX; p++)
		if (*p >= 0x80)
			input[input_len++] = (char)*p; /* already UTF-8 */
		else
			type_char(*p);
	view_bottom();
}

static void on_key(const struct vy_event *ev)
{
	int ch = vy_key_char(ev);

	if (ch) {
		type_char((unsigned)ch);
		view_bottom();
	} else if (vy_key_is(ev, VY_KEY_BACKSPACE) && input_len) {
		input_len--;
	} else if (vy_key_is(ev, VY_KEY_ENTER)) {
		view_bottom();
		enter();
	} else if (vy_key_is(ev, VY_KEY_UP)) {
		recall(-1);
	} else if (vy_key_is(ev, VY_KEY_DOWN)) {
		recall(1);
	} else if (vy_key_is(ev, VY_KEY_ESCAPE)) {
		input_len = 0;
	} else if (vy_key_is(ev, VY_KEY_PAGE_UP)) {
		view_scroll(view_page());
	} else if (vy_key_is(ev, VY_KEY_PAGE_DOWN)) {
		view_scroll(-view_page());
	} else if (vy_key_is(ev, VY_KEY_TAB)) {
		tab_wanted = true;
		vy_sys_command("commands");
	} else if (strcmp(ev->key, "Ctrl+c") == 0) {
		interrupt();
	}
}

int main(void)
{
	struct vy_event ev;
	char line[VY_LINE_LEN];

	show(VY_THEME_DIM, "VyomaOS shell. Type help, ps, a command (Tab lists them), or @app message.");
	vy_mouse_on();
	vy_clip_on();
	vy_sys_ready();
	for (bool dirty = true;;) {
		/* Redraw once the events that arrived together are handled. */
		enum vy_ev_type t = vy_ev_wait(&ev, dirty ? 0 : -1);
		dirty = t != VY_EV_TIMEOUT;
		switch (t) {
		case VY_EV_TIMEOUT:
			draw();
			break;
		case VY_EV_EOF:
			return 0;
		case VY_EV_KEY:
			on_key(&ev);
			break;
		case VY_EV_PASTE:
			on_paste(ev.text);
			break;
		case VY_EV_MOUSE:
			/* the wheel: n notches, positive towards newer lines */
			if (ev.kind == VY_MOUSE_WHEEL)
				view_scroll(-3 * ev.dy);
			break;
		case VY_EV_SUPERVISOR:
		case VY_EV_ERROR:
			on_supervisor(ev.text);
			next_line();
			break;
		case VY_EV_MESSAGE:
			if (strcmp(ev.text, "state") == 0) {
				input[input_len] = '\0';
				vy_msg_answer("lines %u scroll %u status %d job %s input %s", view_rows(),
					  view_offset(), status, busy ? "busy" : "idle",
					  input_len ? input : "-");
				break;
			}
			vy_snprintf(line, sizeof line, "@%s: %s", ev.from, ev.text);
			show(VY_THEME_WARN, line);
			break;
		default:
			break;
		}
	}
}
