/* draw_bench: how fast the display building blocks are, each figure beside
 * a baseline measured in the same run on the same machine:
 *   - draw commands parsed and rendered per second (mixed fill_rect and
 *     draw_text, as an app would send them), and parsed only;
 *   - fill rate of fill_rect in megapixels per second, opaque and with
 *     alpha, beside a plain memset of the same buffer;
 *   - the time the real compositor (comp_, wm_ on the off-screen fb_
 *     backend) takes for a full 1024x768 frame with 10 windows of 400x300
 *     (desktop, chrome, contents, status strip), beside a memcpy of a whole
 *     frame; and for the frame after one window's flush, which repaints
 *     only the damaged 400x300.
 * It prints figures and ratios; it has no thresholds. Built by the
 * Makefile's bench rule against build/rel/libvyoma.a; run by
 * scripts/bench.sh (make bench). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "canvas.h"
#include "comp.h"
#include "draw.h"
#include "ev.h"
#include "fb.h"
#include "log.h"
#include "wm.h"

#define FRAME_W 1024
#define FRAME_H 768
#define MIN_SECS 0.4

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Keeps the compiler from dropping work whose result nobody reads. */
static volatile uint32_t sink;

/* Run fn(ctx) until MIN_SECS have passed; returns seconds per call. */
static double per_call(void (*fn)(void *), void *ctx)
{
	long n = 0, batch = 1;
	double t0 = now(), t;

	fn(ctx); /* warm up: page in buffers */
	t0 = now();
	do {
		for (long i = 0; i < batch; i++)
			fn(ctx);
		n += batch;
		batch *= 2;
		t = now() - t0;
	} while (t < MIN_SECS);
	return t / (double)n;
}

struct cmds {
	char lines[64][96];
	size_t len[64];
	struct canvas *back;
	int parse_only;
	int first, step; /* which lines: even ones are fill_rect, odd ones draw_text */
};

static void run_cmds(void *p)
{
	struct cmds *c = p;

	for (int i = c->first; i < 64; i += c->step) {
		struct draw_cmd cmd;
		char err[DRAW_ERR_MAX];

		if (draw_parse(c->lines[i], c->len[i], &cmd, err, sizeof err) < 0) {
			fprintf(stderr, "draw_bench: %s\n", err);
			exit(1);
		}
		if (!c->parse_only)
			sink += (uint32_t)draw_exec(&cmd, c->back).w;
	}
}

struct fill {
	struct canvas *c;
	uint32_t rgba;
};

static void run_fill(void *p)
{
	struct fill *f = p;
	canvas_fill(f->c, NULL, canvas_bounds(f->c), f->rgba);
	sink += f->c->px[0];
}

static void run_memset(void *p)
{
	struct canvas *c = p;
	memset(c->px, 0x5A, (size_t)c->w * (size_t)c->h * sizeof *c->px);
	sink += c->px[0];
}

struct comp {
	struct wm_win *win[10];
	int flush_i;
};

/* A full frame: everything damaged, then composed. */
static void run_composite(void *p)
{
	(void)p;
	comp_damage_all();
	comp_frame_now();
	sink += fb_frame()->px[0];
}

/* One window changed all its content and flushed: only that is repainted. */
static void run_flush_frame(void *p)
{
	struct comp *k = p;
	struct wm_win *w = k->win[k->flush_i++ % 10];

	w->back_dmg = canvas_bounds(&w->back);
	wm_flush(w);
	comp_frame_now();
	sink += fb_frame()->px[0];
}

static int comp_setup(struct comp *k)
{
	log_set_level(LOG_WARN);
	if (ev_init() < 0 || fb_open(FB_MEM, FRAME_W, FRAME_H, NULL) < 0 || comp_init() < 0)
		return -1;
	for (int i = 0; i < 10; i++) {
		char name[16];
		/* cascaded, some hanging off the right and bottom edges */
		struct wm_place pl = { .has_pos = true, .x = 40 + i * 70, .y = 20 + i * 50,
				       .w = 400, .h = 300 };

		snprintf(name, sizeof name, "app%d", i);
		if (!(k->win[i] = wm_open((uint64_t)i + 1, name, &pl)))
			return -1;
		k->win[i]->back_dmg = canvas_fill(&k->win[i]->back, NULL,
						  canvas_bounds(&k->win[i]->back),
						  0x10203000u | (uint32_t)(i * 20) << 24 | 0xFF);
		wm_flush(k->win[i]);
	}
	comp_frame_now();
	return 0;
}

struct copy {
	struct canvas *dst, *src;
};

static void run_memcpy(void *p)
{
	struct copy *c = p;
	memcpy(c->dst->px, c->src->px, (size_t)FRAME_W * FRAME_H * sizeof(uint32_t));
	sink += c->dst->px[0];
}

int main(void)
{
	struct canvas frame, back, other;
	struct cmds cmds;
	struct comp comp;
	double t_cmd, t_fillcmd, t_textcmd, t_parse, t_opaque, t_alpha, t_memset, t_comp, t_memcpy,
		t_flush;
	double mpix = (double)FRAME_W * FRAME_H / 1e6;

	if (canvas_init(&frame, FRAME_W, FRAME_H) < 0 || canvas_init(&back, 640, 480) < 0 ||
	    canvas_init(&other, FRAME_W, FRAME_H) < 0) {
		fprintf(stderr, "draw_bench: out of memory\n");
		return 1;
	}

	/* 64 commands: half fill_rect (40x20 .. 160x80, every fourth with
	 * alpha), half draw_text (24 characters, sizes s, m, l). */
	cmds.back = &back;
	for (int i = 0; i < 64; i++) {
		int x = (i * 37) % 600, y = (i * 53) % 440, n;
		if (i % 2 == 0)
			n = snprintf(cmds.lines[i], sizeof cmds.lines[i], "fill_rect:%d,%d,%d,%d,%s",
				     x, y, 40 + (i % 4) * 40, 20 + (i % 4) * 20,
				     i % 8 == 0 ? "ff804080" : "3366cc");
		else
			n = snprintf(cmds.lines[i], sizeof cmds.lines[i],
				     "draw_text:%d,%d,ffffff,%c,The quick brown fox %04d", x, y,
				     "sml"[i % 3], i);
		cmds.len[i] = (size_t)n;
	}
	cmds.parse_only = 0;
	cmds.first = 0;
	cmds.step = 1;
	t_cmd = per_call(run_cmds, &cmds) / 64;
	cmds.step = 2;
	t_fillcmd = per_call(run_cmds, &cmds) / 32;
	cmds.first = 1;
	t_textcmd = per_call(run_cmds, &cmds) / 32;
	cmds.parse_only = 1;
	cmds.first = 0;
	cmds.step = 1;
	t_parse = per_call(run_cmds, &cmds) / 64;

	struct fill fo = { &frame, 0x336699FF }, fa = { &frame, 0x33669980 };
	t_opaque = per_call(run_fill, &fo);
	t_alpha = per_call(run_fill, &fa);
	t_memset = per_call(run_memset, &frame);

	if (comp_setup(&comp) < 0) {
		fprintf(stderr, "draw_bench: cannot set up the compositor\n");
		return 1;
	}
	t_comp = per_call(run_composite, &comp);
	comp.flush_i = 0;
	t_flush = per_call(run_flush_frame, &comp);
	struct copy cp = { &other, &frame };
	t_memcpy = per_call(run_memcpy, &cp);

	printf("draw_bench: display building blocks (canvas, font, draw)\n");
	printf("  draw commands (mixed fill_rect/draw_text), parsed+rendered: %10.0f cmd/s  (%.2f us each)\n",
	       1 / t_cmd, t_cmd * 1e6);
	printf("    of which fill_rect only:                                  %10.0f cmd/s  (%.2f us each)\n",
	       1 / t_fillcmd, t_fillcmd * 1e6);
	printf("    of which draw_text only (24 chars, s/m/l):                %10.0f cmd/s  (%.2f us each)\n",
	       1 / t_textcmd, t_textcmd * 1e6);
	printf("  draw commands, parsed only:                                 %10.0f cmd/s  (%.2f us each)\n",
	       1 / t_parse, t_parse * 1e6);
	printf("  fill_rect %dx%d opaque:  %8.0f Mpix/s\n", FRAME_W, FRAME_H, mpix / t_opaque);
	printf("  fill_rect %dx%d alpha:   %8.0f Mpix/s\n", FRAME_W, FRAME_H, mpix / t_alpha);
	printf("  memset    %dx%d (same buffer): %8.0f Mpix/s\n", FRAME_W, FRAME_H, mpix / t_memset);
	printf("  ratio fill opaque / memset: %.2f   fill alpha / memset: %.2f\n", t_memset / t_opaque,
	       t_memset / t_alpha);
	printf("  compositor: full %dx%d frame, 10 windows of 400x300 with chrome: %.3f ms/frame (%.0f frames/s)\n",
	       FRAME_W, FRAME_H, t_comp * 1e3, 1 / t_comp);
	printf("  compositor: frame after one window's 400x300 flush (damage only): %.3f ms/frame\n",
	       t_flush * 1e3);
	printf("  memcpy of one %dx%d frame: %.3f ms   ratio composite / memcpy: %.2f\n", FRAME_W,
	       FRAME_H, t_memcpy * 1e3, t_comp / t_memcpy);

	wm_close_all();
	comp_fini();
	fb_close();
	ev_fini();
	canvas_free(&frame);
	canvas_free(&back);
	canvas_free(&other);
	return 0;
}
