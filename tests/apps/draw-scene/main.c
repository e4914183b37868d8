/* draw-scene: the display tests' drawing app (tests/integration/
 * test_display.py). It draws what it is told in messages and answers with
 * @reply, so a test knows every line before the answer was handled:
 *
 *   scene <name>      draw a known scene (below), flush; "drawn <name>"
 *   solid <rrggbb>    clear to one colour, flush; "drawn solid"
 *   raw <line>        write <line> as is (any VYOMA_DRAW line, good or bad)
 *   bad <n>           n malformed draw commands (12 kinds in turn); "bad <n>"
 *   bigtext <n>       one draw_text line of n bytes of text; "bigtext <n>"
 *   sync <tag>        "sync <tag>"
 *   errors            "errors <n>": the "@supervisor: error: ..." lines so far
 *
 * The scenes, in content coordinates (the tests compute every expected
 * pixel from these lines and docs/draw.md):
 *
 *   alpha: clear:000000, fill_rect:10,10,60,40,ff0000ff,
 *          fill_rect:40,30,60,40,0000ff80, fill_rect:120,10,30,30,00ff00,
 *          fill_rect:120,50,30,30,ffffff00, fill_rect:10,60,40,20,ffffff40
 *   text:  clear:101820, draw_text:4,4,ffffffff,s,Vyoma 4x8,
 *          draw_text:4,16,ffd700,m,Vyoma 8x16, draw_text:4,36,80c0ffff,l,Vyoma,
 *          draw_text:4,72,ffffff80,m,half
 *   clip:  clear:202020, fill_rect:-20,-20,50,50,ff0000,
 *          fill_rect:-999000,100,1000000,10,00ff00,
 *          fill_rect:150,120,1000000,1000000,0000ff,
 *          line:-1000,-1000,1000,1000,ffff00, draw_text:-12,60,ffffff,l,XYZ
 */
#include <vyoma.h>

#include <string.h>

static const char *const scene_alpha[] = {
	"clear:000000", "fill_rect:10,10,60,40,ff0000ff", "fill_rect:40,30,60,40,0000ff80",
	"fill_rect:120,10,30,30,00ff00", "fill_rect:120,50,30,30,ffffff00",
	"fill_rect:10,60,40,20,ffffff40", NULL,
};
static const char *const scene_text[] = {
	"clear:101820", "draw_text:4,4,ffffffff,s,Vyoma 4x8", "draw_text:4,16,ffd700,m,Vyoma 8x16",
	"draw_text:4,36,80c0ffff,l,Vyoma", "draw_text:4,72,ffffff80,m,half", NULL,
};
static const char *const scene_clip[] = {
	"clear:202020", "fill_rect:-20,-20,50,50,ff0000", "fill_rect:-999000,100,1000000,10,00ff00",
	"fill_rect:150,120,1000000,1000000,0000ff", "line:-1000,-1000,1000,1000,ffff00",
	"draw_text:-12,60,ffffff,l,XYZ", NULL,
};

static const struct {
	const char *name;
	const char *const *lines;
} scenes[] = {
	{ "alpha", scene_alpha },
	{ "text", scene_text },
	{ "clip", scene_clip },
};

/* One of each mistake of docs/draw.md's error table, and some more. */
static const char *const bad_lines[] = {
	"VYOMA_DRAW:",
	"VYOMA_DRAW:circle:1,2,3",
	"VYOMA_DRAW:fill_rect:1,2,3",
	"VYOMA_DRAW:flush:now",
	"VYOMA_DRAW:pixel:,2,ffffff",
	"VYOMA_DRAW:pixel:1.5,2,ffffff",
	"VYOMA_DRAW:pixel:2000000,2,ffffff",
	"VYOMA_DRAW:fill_rect:1,2,-3,4,ff0000",
	"VYOMA_DRAW:clear:red",
	"VYOMA_DRAW:draw_text:1,2,ffffff,xl,hi",
	"VYOMA_DRAW:blit:0,0,2,1,ff0000ff",
	"VYOMA_DRAW:rect:0,0,0,-5,ffffff",
};
#define NBAD (sizeof bad_lines / sizeof bad_lines[0])

static unsigned long errors;

static void draw_lines(const char *const *lines)
{
	for (; *lines; lines++)
		vy_printf("VYOMA_DRAW:%s\n", *lines);
	vy_line("VYOMA_DRAW:flush");
}

static void bigtext(long n)
{
	static char xs[4096];

	memset(xs, 'x', sizeof xs);
	vy_print("VYOMA_DRAW:draw_text:0,0,ffffff,m,");
	for (; n > 0; n -= (long)sizeof xs)
		vy_write(xs, n < (long)sizeof xs ? (size_t)n : sizeof xs);
	vy_write("\n", 1);
}

static void command(const char *text)
{
	char verb[16], arg[32];
	const char *rest = vy_str_word(text, verb, sizeof verb);

	rest = vy_str_skip_space(rest);
	if (!strcmp(verb, "scene")) {
		for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++)
			if (!strcmp(rest, scenes[i].name)) {
				draw_lines(scenes[i].lines);
				vy_msg_reply_latest("drawn %s", rest);
				return;
			}
		vy_msg_reply_latest("no scene %s", rest);
	} else if (!strcmp(verb, "solid")) {
		vy_printf("VYOMA_DRAW:clear:%s\nVYOMA_DRAW:flush\n", rest);
		vy_msg_reply_latest("drawn solid");
	} else if (!strcmp(verb, "raw")) {
		vy_line(rest);
	} else if (!strcmp(verb, "bad")) {
		long n = (long)vy_str_atoll(rest, NULL);
		for (long i = 0; i < n; i++)
			vy_line(bad_lines[i % (long)NBAD]);
		vy_msg_reply_latest("bad %ld", n);
	} else if (!strcmp(verb, "bigtext")) {
		long n = (long)vy_str_atoll(rest, NULL);
		bigtext(n);
		vy_msg_reply_latest("bigtext %ld", n);
	} else if (!strcmp(verb, "sync")) {
		vy_str_word(rest, arg, sizeof arg);
		vy_msg_reply_latest("sync %s", arg);
	} else if (!strcmp(verb, "errors")) {
		vy_msg_reply_latest("errors %lu", errors);
	}
}

int main(void)
{
	struct vy_event ev;

	vy_sys_ready();
	for (;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, -1);
		if (t == VY_EV_EOF)
			return 0;
		if (t == VY_EV_ERROR && vy_str_starts(ev.text, "error: "))
			errors++;
		else if (t == VY_EV_MESSAGE)
			command(ev.text);
	}
}
