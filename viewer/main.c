/* vyoma-view: an SDL2 window onto a hosted supervisor, for a person at a
 * desktop. It is its own program so that SDL never becomes a dependency of
 * the static supervisor: it maps the frame the supervisor publishes with
 * --fb-file (fb.h, FB_SHARE_*), shows it whenever its sequence counter
 * moves (copying only when the counter is even and unchanged around the
 * copy, so never half a frame), and sends what the person types and does
 * with the mouse to the control socket as VYOMA_TEST key and mouse lines,
 * which go through the same router as a device's events (docs/input.md).
 *
 *   vyoma-view --fb FILE --control SOCK [--scale N] [--snapshot OUT.ppm]
 *
 * --snapshot writes the first complete frame it reads as a PPM and exits
 * (for tests, with SDL_VIDEODRIVER=dummy). It quits when its window is
 * closed or the supervisor closes the control connection. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <SDL.h>

#include "fb.h"

struct view {
	const struct fb_share_hdr *hdr;
	size_t len;
	const uint32_t *px;
	uint32_t *copy;
	uint64_t shown;
	int ctl;
	int scale;
};

static int view_map(struct view *v, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	void *map;

	if (fd < 0 || fstat(fd, &st) < 0 || (size_t)st.st_size < FB_SHARE_OFFSET) {
		fprintf(stderr, "vyoma-view: %s: %s\n", path, fd < 0 ? strerror(errno) : "too small");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	v->hdr = map;
	v->len = (size_t)st.st_size;
	if (memcmp(v->hdr->magic, FB_SHARE_MAGIC, 8) != 0 || v->hdr->w < 1 || v->hdr->h < 1 ||
	    v->hdr->stride < v->hdr->w ||
	    FB_SHARE_OFFSET + (size_t)v->hdr->stride * v->hdr->h * 4 > v->len) {
		fprintf(stderr, "vyoma-view: %s is not a VyomaOS frame\n", path);
		return -1;
	}
	v->px = (const uint32_t *)((const char *)map + FB_SHARE_OFFSET);
	v->copy = malloc((size_t)v->hdr->w * v->hdr->h * 4);
	return v->copy ? 0 : -1;
}

/* Copy a complete frame; false when the supervisor is writing one. */
static bool view_grab(struct view *v)
{
	uint64_t s1 = __atomic_load_n(&v->hdr->seq, __ATOMIC_ACQUIRE), s2;

	if (s1 & 1 || s1 == v->shown)
		return false;
	for (uint32_t y = 0; y < v->hdr->h; y++)
		memcpy(v->copy + (size_t)y * v->hdr->w, v->px + (size_t)y * v->hdr->stride,
		       (size_t)v->hdr->w * 4);
	s2 = __atomic_load_n(&v->hdr->seq, __ATOMIC_ACQUIRE);
	if (s1 != s2)
		return false;
	v->shown = s1;
	return true;
}

static int view_connect(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		fprintf(stderr, "vyoma-view: control socket %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Read and drop the answers; false once the supervisor has gone. */
static bool view_alive(struct view *v)
{
	char buf[4096];
	ssize_t r;

	if (v->ctl < 0)
		return true;
	while ((r = read(v->ctl, buf, sizeof buf)) > 0)
		;
	return r < 0 && (errno == EAGAIN || errno == EINTR);
}

/* One VYOMA_TEST line. */
static void view_send(struct view *v, const char *line)
{
	size_t len = strlen(line);

	if (v->ctl >= 0 && write(v->ctl, line, len) != (ssize_t)len)
		fprintf(stderr, "vyoma-view: control socket: %s\n", strerror(errno));
}

/* ---- keys --------------------------------------------------------------------------- */

static const struct {
	SDL_Keycode sym;
	const char *name;
} view_named[] = {
	{ SDLK_RETURN, "Enter" }, { SDLK_KP_ENTER, "Enter" }, { SDLK_TAB, "Tab" },
	{ SDLK_BACKSPACE, "Backspace" }, { SDLK_ESCAPE, "Escape" }, { SDLK_DELETE, "Delete" },
	{ SDLK_INSERT, "Insert" }, { SDLK_HOME, "Home" }, { SDLK_END, "End" },
	{ SDLK_PAGEUP, "PageUp" }, { SDLK_PAGEDOWN, "PageDown" }, { SDLK_UP, "Up" },
	{ SDLK_DOWN, "Down" }, { SDLK_LEFT, "Left" }, { SDLK_RIGHT, "Right" },
	{ SDLK_F1, "F1" }, { SDLK_F2, "F2" }, { SDLK_F3, "F3" }, { SDLK_F4, "F4" },
	{ SDLK_F5, "F5" }, { SDLK_F6, "F6" }, { SDLK_F7, "F7" }, { SDLK_F8, "F8" },
	{ SDLK_F9, "F9" }, { SDLK_F10, "F10" }, { SDLK_F11, "F11" }, { SDLK_F12, "F12" },
};

static void view_key(struct view *v, const SDL_KeyboardEvent *e)
{
	SDL_Keymod m = e->keysym.mod;
	bool ctrl = m & KMOD_CTRL, alt = m & KMOD_ALT, shift = m & KMOD_SHIFT;
	const char *name = NULL;
	char base[8] = "", line[96];

	for (size_t i = 0; i < sizeof view_named / sizeof view_named[0]; i++)
		if (view_named[i].sym == e->keysym.sym)
			name = view_named[i].name;
	if (!name && e->keysym.sym == SDLK_SPACE && (ctrl || alt))
		name = "Space";
	/* Printable keys come as text (the layout's character), except with
	 * Ctrl or Alt, which type nothing: then the key's own character. */
	if (!name && (ctrl || alt) && e->keysym.sym > 0x20 && e->keysym.sym < 0x7f) {
		base[0] = (char)e->keysym.sym;
		if (shift && base[0] >= 'a' && base[0] <= 'z')
			base[0] = (char)(base[0] - 'a' + 'A');
		name = base;
		shift = false;
	}
	if (!name)
		return;
	snprintf(line, sizeof line, "VYOMA_TEST:key %s%s%s%s\n", ctrl ? "Ctrl+" : "",
		 alt ? "Alt+" : "", shift ? "Shift+" : "", name);
	view_send(v, line);
}

static void view_text(struct view *v, const char *text)
{
	char line[64];
	SDL_Keymod m = SDL_GetModState();

	if (m & (KMOD_CTRL | KMOD_ALT))
		return; /* sent by view_key */
	/* One line per character. */
	for (const unsigned char *p = (const unsigned char *)text; *p;) {
		int n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		if (*p == ' ')
			snprintf(line, sizeof line, "VYOMA_TEST:key Space\n");
		else
			snprintf(line, sizeof line, "VYOMA_TEST:key %.*s\n", n, (const char *)p);
		view_send(v, line);
		while (n-- && *p)
			p++;
	}
}

static void view_mouse(struct view *v, int x, int y, unsigned button, const char *ev)
{
	char line[96];

	snprintf(line, sizeof line, "VYOMA_TEST:mouse %d %d %u %s\n", x / v->scale, y / v->scale,
		 button, ev);
	view_send(v, line);
}

static unsigned view_button(Uint8 b)
{
	return b == SDL_BUTTON_LEFT ? 1 : b == SDL_BUTTON_RIGHT ? 2 : b == SDL_BUTTON_MIDDLE ? 4 : 0;
}

/* ---- main ------------------------------------------------------------------------------ */

static int view_snapshot(struct view *v, const char *out)
{
	FILE *f = fopen(out, "wb");

	if (!f)
		return 1;
	fprintf(f, "P6\n%u %u\n255\n", v->hdr->w, v->hdr->h);
	for (size_t i = 0; i < (size_t)v->hdr->w * v->hdr->h; i++) {
		unsigned char rgb[3] = { (unsigned char)(v->copy[i] >> 16),
					 (unsigned char)(v->copy[i] >> 8), (unsigned char)v->copy[i] };
		fwrite(rgb, 1, 3, f);
	}
	return fclose(f) == 0 ? 0 : 1;
}

static void usage(void)
{
	fputs("usage: vyoma-view --fb FILE --control SOCK [--scale N] [--snapshot OUT.ppm]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "fb", required_argument, NULL, 'f' },
		{ "control", required_argument, NULL, 'c' },
		{ "scale", required_argument, NULL, 's' },
		{ "snapshot", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct view v = { .ctl = -1, .scale = 1 };
	const char *fb = NULL, *ctl = NULL, *snap = NULL;
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *tex;
	int c, mx = -1, my = -1, rc = 1;
	bool moved = false, sdl = false;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f': fb = optarg; break;
		case 'c': ctl = optarg; break;
		case 's': v.scale = atoi(optarg); break;
		case 'o': snap = optarg; break;
		default: usage();
		}
	}
	if (!fb || optind != argc || v.scale < 1 || v.scale > 4)
		usage();
	if (view_map(&v, fb) < 0 || (ctl && (v.ctl = view_connect(ctl)) < 0))
		goto out;
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		fprintf(stderr, "vyoma-view: SDL: %s\n", SDL_GetError());
		goto out;
	}
	sdl = true;
	win = SDL_CreateWindow("VyomaOS", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
			       (int)v.hdr->w * v.scale, (int)v.hdr->h * v.scale, 0);
	ren = win ? SDL_CreateRenderer(win, -1, 0) : NULL;
	tex = ren ? SDL_CreateTexture(ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING,
				      (int)v.hdr->w, (int)v.hdr->h) : NULL;
	if (!tex) {
		fprintf(stderr, "vyoma-view: SDL: %s\n", SDL_GetError());
		goto out;
	}
	SDL_StartTextInput();
	for (rc = 0; view_alive(&v);) {
		SDL_Event e;

		if (SDL_WaitEventTimeout(&e, 16)) {
			do {
				switch (e.type) {
				case SDL_QUIT:
					goto out;
				case SDL_KEYDOWN:
					view_key(&v, &e.key);
					break;
				case SDL_TEXTINPUT:
					view_text(&v, e.text.text);
					break;
				case SDL_MOUSEMOTION:
					mx = e.motion.x, my = e.motion.y, moved = true;
					break;
				case SDL_MOUSEBUTTONDOWN:
				case SDL_MOUSEBUTTONUP:
					if (moved)
						view_mouse(&v, mx, my, 0, "move");
					moved = false;
					if (view_button(e.button.button))
						view_mouse(&v, e.button.x, e.button.y, view_button(e.button.button),
							   e.type == SDL_MOUSEBUTTONDOWN ? "down" : "up");
					break;
				}
			} while (SDL_PollEvent(&e));
		}
		if (moved) /* motion is coalesced: one line per round */
			view_mouse(&v, mx, my, 0, "move");
		moved = false;
		if (!view_grab(&v))
			continue;
		if (snap) {
			rc = view_snapshot(&v, snap);
			break;
		}
		SDL_UpdateTexture(tex, NULL, v.copy, (int)v.hdr->w * 4);
		SDL_RenderCopy(ren, tex, NULL, NULL);
		SDL_RenderPresent(ren);
	}
out:
	if (sdl)
		SDL_Quit();
	if (v.ctl >= 0)
		close(v.ctl);
	free(v.copy);
	if (v.hdr)
		munmap((void *)v.hdr, v.len);
	return rc;
}
