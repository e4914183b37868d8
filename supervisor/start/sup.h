/* sup: the one place that wires the supervisor's layers together at start. */
#ifndef VYOMA_SUP_H
#define VYOMA_SUP_H

#include <stdbool.h>

enum sup_mode { SUP_HOSTED, SUP_PID1 };

struct sup_opts {
	enum sup_mode mode;
	bool real_pid1;       /* getpid() == 1: mount, reboot(2) */
	const char *root;     /* "/" as PID 1 */
	const char *runner;   /* the vyoma-run binary */
	const char *control;  /* control socket path, or NULL */
	const char *cache;    /* passed to the runner as --cache, or NULL */
	bool echo_apps;       /* copy app log lines to the console */
	bool debug;
	/* display module (display.c): off-screen size (--size WxH, 0: default),
	 * evdev input in hosted mode (--evdev), the frame file for a viewer
	 * (--fb-file PATH, hosted) */
	int screen_w, screen_h;
	bool evdev;
	const char *fb_file;
};

/* Boot and run the loop until shutdown. Returns the process exit code. */
int sup_run(const struct sup_opts *o);

#endif
