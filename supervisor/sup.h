/* sup: the supervisor as a whole: options, boot, readiness, reload, shutdown. */
#ifndef VYOMA_SUP_H
#define VYOMA_SUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "ring.h"

struct app;

enum sup_mode { SUP_HOSTED, SUP_PID1 };
enum sup_down { SUP_DOWN_EXIT, SUP_DOWN_POWEROFF, SUP_DOWN_REBOOT };

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
const struct sup_opts *sup_opts(void);

/* snprintf that says whether it fit: 0, or -1 when the text was cut. */
int sup_fmt(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Paths under the root. */
void sup_path(char *buf, size_t len, const char *rel);
void sup_app_dir(char *buf, size_t len, const char *name);

/* A manifest read from disk, with its component's path and stamp. */
struct sup_loaded {
	bool ok;
	struct manifest man;
	char component[1024];
	int64_t comp_mtime, comp_size;
	char error[1024];
};

/* Read apps/<name>/vyoma.toml and stat its component. 0 or -1 (out->error). */
int sup_load_manifest(const char *name, struct sup_loaded *out);
/* Give app a what was loaded (or the load error). */
void sup_apply_loaded(struct app *a, const struct sup_loaded *l);
/* Boot list path helper: the apps directory named by boot.toml. */
void sup_set_apps_dir(const char *rel);
/* (Re)load the manifest of app a (a->name) from disk. 0, or -1 with
 * a->load_error set and logged. */
int sup_load_app(struct app *a);
/* Called by the lifecycle whenever an app changes state. */
void sup_app_changed(struct app *a);
/* Readiness: true once every boot app has settled (see docs/protocol.md). */
bool sup_ready(void);
unsigned sup_ready_count(void);
double sup_ready_secs(void);

void sup_shutdown(enum sup_down how);
bool sup_shutting_down(void);

/* reload: re-read boot.toml and manifests; a summary line goes to caller. */
int sup_reload(struct app *caller);

/* The supervisor's own event log. */
const struct ring *sup_ring(void);
/* An app log line on the console (when echo_apps), not in the supervisor ring. */
void sup_echo(const struct app *a, const char *line, bool from_stderr);

#endif
