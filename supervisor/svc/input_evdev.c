/* input_evdev: keyboards, mice and tablets from /dev/input/event* (the
 * virtio keyboard and tablet in the VM). Devices are found once, when the
 * display starts (virtio input is probed before PID 1 runs), and classified
 * by what they report: keys -> keyboard; X/Y axes or motion with a left
 * button -> pointer. Key codes become key names through a US layout table
 * with Shift and Caps Lock applied, and the kernel's autorepeat gives
 * repeated presses. Pointer changes are collected until SYN_REPORT, then
 * reported as one move and the button changes in order; tablet coordinates
 * are scaled from the device's axis range to the screen. A device that
 * goes away is closed. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ev.h"
#include "fb.h"
#include "log.h"

#define EVDEV_DIR "/dev/input"
#define EVDEV_MAX 16
#define EVDEV_BTN_QUEUE 8

/* ---- the key map -------------------------------------------------------------------- */

static const struct {
	const char *plain, *shifted;
} evdev_map[KEY_POWER + 1] = { /* KEY_POWER is the highest code mapped */
	[KEY_ESC] = { "Escape", "Escape" }, [KEY_1] = { "1", "!" }, [KEY_2] = { "2", "@" },
	[KEY_3] = { "3", "#" }, [KEY_4] = { "4", "$" }, [KEY_5] = { "5", "%" },
	[KEY_6] = { "6", "^" }, [KEY_7] = { "7", "&" }, [KEY_8] = { "8", "*" },
	[KEY_9] = { "9", "(" }, [KEY_0] = { "0", ")" }, [KEY_MINUS] = { "-", "_" },
	[KEY_EQUAL] = { "=", "+" }, [KEY_BACKSPACE] = { "Backspace", "Backspace" },
	[KEY_TAB] = { "Tab", "Tab" }, [KEY_Q] = { "q", "Q" }, [KEY_W] = { "w", "W" },
	[KEY_E] = { "e", "E" }, [KEY_R] = { "r", "R" }, [KEY_T] = { "t", "T" },
	[KEY_Y] = { "y", "Y" }, [KEY_U] = { "u", "U" }, [KEY_I] = { "i", "I" },
	[KEY_O] = { "o", "O" }, [KEY_P] = { "p", "P" }, [KEY_LEFTBRACE] = { "[", "{" },
	[KEY_RIGHTBRACE] = { "]", "}" }, [KEY_ENTER] = { "Enter", "Enter" },
	[KEY_A] = { "a", "A" }, [KEY_S] = { "s", "S" }, [KEY_D] = { "d", "D" },
	[KEY_F] = { "f", "F" }, [KEY_G] = { "g", "G" }, [KEY_H] = { "h", "H" },
	[KEY_J] = { "j", "J" }, [KEY_K] = { "k", "K" }, [KEY_L] = { "l", "L" },
	[KEY_SEMICOLON] = { ";", ":" }, [KEY_APOSTROPHE] = { "'", "\"" },
	[KEY_GRAVE] = { "`", "~" }, [KEY_BACKSLASH] = { "\\", "|" }, [KEY_Z] = { "z", "Z" },
	[KEY_X] = { "x", "X" }, [KEY_C] = { "c", "C" }, [KEY_V] = { "v", "V" },
	[KEY_B] = { "b", "B" }, [KEY_N] = { "n", "N" }, [KEY_M] = { "m", "M" },
	[KEY_COMMA] = { ",", "<" }, [KEY_DOT] = { ".", ">" }, [KEY_SLASH] = { "/", "?" },
	[KEY_KPASTERISK] = { "*", "*" }, [KEY_SPACE] = { "Space", "Space" },
	[KEY_F1] = { "F1", "F1" }, [KEY_F2] = { "F2", "F2" }, [KEY_F3] = { "F3", "F3" },
	[KEY_F4] = { "F4", "F4" }, [KEY_F5] = { "F5", "F5" }, [KEY_F6] = { "F6", "F6" },
	[KEY_F7] = { "F7", "F7" }, [KEY_F8] = { "F8", "F8" }, [KEY_F9] = { "F9", "F9" },
	[KEY_F10] = { "F10", "F10" }, [KEY_KP7] = { "7", "7" }, [KEY_KP8] = { "8", "8" },
	[KEY_KP9] = { "9", "9" }, [KEY_KPMINUS] = { "-", "-" }, [KEY_KP4] = { "4", "4" },
	[KEY_KP5] = { "5", "5" }, [KEY_KP6] = { "6", "6" }, [KEY_KPPLUS] = { "+", "+" },
	[KEY_KP1] = { "1", "1" }, [KEY_KP2] = { "2", "2" }, [KEY_KP3] = { "3", "3" },
	[KEY_KP0] = { "0", "0" }, [KEY_KPDOT] = { ".", "." }, [KEY_102ND] = { "<", ">" },
	[KEY_F11] = { "F11", "F11" }, [KEY_F12] = { "F12", "F12" },
	[KEY_KPENTER] = { "Enter", "Enter" }, [KEY_KPSLASH] = { "/", "/" },
	[KEY_HOME] = { "Home", "Home" }, [KEY_UP] = { "Up", "Up" },
	[KEY_PAGEUP] = { "PageUp", "PageUp" }, [KEY_LEFT] = { "Left", "Left" },
	[KEY_RIGHT] = { "Right", "Right" }, [KEY_END] = { "End", "End" },
	[KEY_DOWN] = { "Down", "Down" }, [KEY_PAGEDOWN] = { "PageDown", "PageDown" },
	[KEY_INSERT] = { "Insert", "Insert" }, [KEY_DELETE] = { "Delete", "Delete" },
	[KEY_POWER] = { "Power", "Power" },
};

int input_evdev_key(unsigned code, unsigned mods, bool caps, struct input_key *k)
{
	const char *plain, *base;

	if (code >= sizeof evdev_map / sizeof evdev_map[0] || !(plain = evdev_map[code].plain))
		return -1;
	memset(k, 0, sizeof *k);
	if (input_key_named(plain)) {
		base = plain;
		k->mods = mods;
	} else {
		bool shifted = (mods & INPUT_SHIFT) != 0;
		if (caps && plain[0] >= 'a' && plain[0] <= 'z')
			shifted = !shifted;
		base = shifted ? evdev_map[code].shifted : plain;
		k->mods = mods & ~INPUT_SHIFT;
	}
	snprintf(k->base, sizeof k->base, "%s", base);
	return 0;
}

/* ---- devices ------------------------------------------------------------------------ */

struct evdev_dev {
	int fd;
	char path[300];
	bool kbd, ptr, abs;
	struct input_absinfo ax, ay;
	bool moved, dropping;
	int wheel; /* notches since the last SYN_REPORT, positive: towards the user */
	struct {
		unsigned button;
		bool down;
	} btn[EVDEV_BTN_QUEUE];
	int nbtn;
};

static struct {
	struct evdev_dev *dev[EVDEV_MAX];
	unsigned n;
	unsigned mods;
	bool caps;
	int x, y; /* the pointer, screen coordinates */
} evd;

unsigned input_evdev_count(void) { return evd.n; }

static bool bit(const unsigned long *bits, unsigned b)
{
	const unsigned per = 8 * sizeof bits[0];
	return bits[b / per] >> (b % per) & 1;
}

static void evdev_drop(struct evdev_dev *d)
{
	for (unsigned i = 0; i < evd.n; i++)
		if (evd.dev[i] == d) {
			evd.dev[i] = evd.dev[--evd.n];
			break;
		}
	ev_fd_del(d->fd);
	close(d->fd);
	free(d);
}

static int evdev_scale(int v, const struct input_absinfo *a, int size)
{
	long long span = (long long)a->maximum - a->minimum;

	if (span <= 0 || size < 2)
		return v;
	return (int)(((long long)v - a->minimum) * (size - 1) / span);
}

static void evdev_modifier(unsigned code, int value)
{
	static const struct {
		unsigned code, bit;
	} mods[] = {
		{ KEY_LEFTSHIFT, INPUT_SHIFT }, { KEY_RIGHTSHIFT, INPUT_SHIFT },
		{ KEY_LEFTCTRL, INPUT_CTRL },   { KEY_RIGHTCTRL, INPUT_CTRL },
		{ KEY_LEFTALT, INPUT_ALT },     { KEY_RIGHTALT, INPUT_ALT },
	};
	for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++)
		if (mods[i].code == code) {
			if (value)
				evd.mods |= mods[i].bit;
			else
				evd.mods &= ~mods[i].bit;
		}
}

static void evdev_key(struct evdev_dev *d, unsigned code, int value)
{
	static const unsigned buttons[][2] = {
		{ BTN_LEFT, INPUT_BTN_LEFT }, { BTN_RIGHT, INPUT_BTN_RIGHT },
		{ BTN_MIDDLE, INPUT_BTN_MIDDLE },
	};
	struct input_key k;

	for (size_t i = 0; i < 3; i++)
		if (code == buttons[i][0]) {
			if (value != 2 && d->nbtn < EVDEV_BTN_QUEUE) {
				d->btn[d->nbtn].button = buttons[i][1];
				d->btn[d->nbtn++].down = value != 0;
			}
			return;
		}
	if (code == KEY_CAPSLOCK) {
		if (value == 1)
			evd.caps = !evd.caps;
		return;
	}
	evdev_modifier(code, value);
	if (value && input_evdev_key(code, evd.mods, evd.caps, &k) == 0)
		input_key_event(&k);
}

static void evdev_sync(struct evdev_dev *d)
{
	if (d->dropping) {
		d->dropping = false;
	} else {
		if (d->moved)
			input_pointer_event(evd.x, evd.y, 0, INPUT_PTR_MOVE);
		for (int i = 0; i < d->nbtn; i++)
			input_pointer_event(evd.x, evd.y, d->btn[i].button,
					    d->btn[i].down ? INPUT_PTR_DOWN : INPUT_PTR_UP);
		if (d->wheel)
			input_pointer_wheel(d->wheel);
	}
	d->wheel = 0;
	d->moved = false;
	d->nbtn = 0;
}

static void evdev_event(struct evdev_dev *d, const struct input_event *e)
{
	struct canvas *f = fb_frame();
	int w = f ? f->w : FB_DEFAULT_W, h = f ? f->h : FB_DEFAULT_H;

	if (e->type == EV_SYN) {
		if (e->code == SYN_DROPPED)
			d->dropping = true;
		else if (e->code == SYN_REPORT)
			evdev_sync(d);
		return;
	}
	if (d->dropping)
		return;
	if (e->type == EV_KEY)
		evdev_key(d, e->code, e->value);
	else if (e->type == EV_ABS && (e->code == ABS_X || e->code == ABS_Y)) {
		if (e->code == ABS_X)
			evd.x = evdev_scale(e->value, &d->ax, w);
		else
			evd.y = evdev_scale(e->value, &d->ay, h);
		d->moved = true;
	} else if (e->type == EV_REL && e->code == REL_WHEEL) {
		/* evdev counts a notch away from the user as +1; the protocol, down. */
		if (e->value > -1000 && e->value < 1000)
			d->wheel -= e->value;
	} else if (e->type == EV_REL && (e->code == REL_X || e->code == REL_Y)) {
		long long v = (e->code == REL_X ? evd.x : evd.y) + (long long)e->value;
		long long max = (e->code == REL_X ? w : h) - 1;
		v = v < 0 ? 0 : v > max ? max : v;
		*(e->code == REL_X ? &evd.x : &evd.y) = (int)v;
		d->moved = true;
	}
}

static void evdev_readable(int fd, unsigned events, void *ctx)
{
	struct evdev_dev *d = ctx;
	struct input_event evs[64];
	ssize_t r;

	(void)events;
	r = read(fd, evs, sizeof evs);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r <= 0) {
		log_info(NULL, "input: %s gone (%s)", d->path, r < 0 ? strerror(errno) : "end");
		evdev_drop(d);
		return;
	}
	for (size_t i = 0; i < (size_t)r / sizeof evs[0]; i++)
		evdev_event(d, &evs[i]);
}

static void evdev_probe(const char *path)
{
	unsigned long types[1] = { 0 }, keys[KEY_MAX / (8 * sizeof(long)) + 1] = { 0 };
	unsigned long abs[ABS_MAX / (8 * sizeof(long)) + 1] = { 0 };
	unsigned long rel[REL_MAX / (8 * sizeof(long)) + 1] = { 0 };
	struct evdev_dev *d;
	char name[64] = "?";
	int fd;

	if (evd.n == EVDEV_MAX || (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return;
	ioctl(fd, EVIOCGNAME(sizeof name - 1), name);
	if (ioctl(fd, EVIOCGBIT(0, sizeof types), types) < 0 ||
	    ioctl(fd, EVIOCGBIT(EV_KEY, sizeof keys), keys) < 0 || !(d = calloc(1, sizeof *d))) {
		close(fd);
		return;
	}
	if (bit(types, EV_ABS))
		ioctl(fd, EVIOCGBIT(EV_ABS, sizeof abs), abs);
	if (bit(types, EV_REL))
		ioctl(fd, EVIOCGBIT(EV_REL, sizeof rel), rel);
	d->fd = fd;
	snprintf(d->path, sizeof d->path, "%s", path);
	/* A keyboard, or a device with a power key alone: ACPI's "Power
	 * Button" (QEMU's system_powerdown) has nothing else. */
	d->kbd = (bit(keys, KEY_A) && bit(keys, KEY_ENTER)) || bit(keys, KEY_POWER);
	d->abs = bit(abs, ABS_X) && bit(abs, ABS_Y) && ioctl(fd, EVIOCGABS(ABS_X), &d->ax) == 0 &&
		 ioctl(fd, EVIOCGABS(ABS_Y), &d->ay) == 0;
	d->ptr = bit(keys, BTN_LEFT) && (d->abs || (bit(rel, REL_X) && bit(rel, REL_Y)));
	if ((!d->kbd && !d->ptr) || ev_fd_add(fd, EV_IN, evdev_readable, d) < 0) {
		close(fd);
		free(d);
		return;
	}
	evd.dev[evd.n++] = d;
	log_info(NULL, "input: %s \"%s\":%s%s", path, name,
		 !d->kbd ? "" : bit(keys, KEY_A) ? " keyboard" : " power key",
		 d->ptr ? (d->abs ? " tablet" : " mouse") : "");
}

int input_evdev_open(void)
{
	struct canvas *f = fb_frame();
	struct dirent *e;
	DIR *dir = opendir(EVDEV_DIR);
	bool pointer = false;

	evd.x = f ? f->w / 2 : 0;
	evd.y = f ? f->h / 2 : 0;
	if (!dir)
		return 0;
	while ((e = readdir(dir))) {
		char path[300];
		if (strncmp(e->d_name, "event", 5) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", EVDEV_DIR, e->d_name);
		evdev_probe(path);
	}
	closedir(dir);
	for (unsigned i = 0; i < evd.n; i++)
		pointer |= evd.dev[i]->ptr;
	if (pointer)
		input_pointer_device(true);
	return 0;
}

void input_evdev_close(void)
{
	while (evd.n)
		evdev_drop(evd.dev[0]);
	evd.mods = 0;
	evd.caps = false;
}
