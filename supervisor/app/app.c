/* app: the registry of apps and control connections. Every struct app lives
 * in one list owned by the loop; other modules keep ids (never pointers)
 * across loop iterations, so a freed app can never be reached by a stale
 * reference: app_find_id() simply stops finding it. */
#include "app.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(APP_STOPPED == 0 && APP_INTENT_POLICY == 0, "a new app is stopped, no intent");

static struct app *app_list;
static uint64_t app_next_id = 1;
static ev_timer_id app_t_reap;

static const char *const app_state_names[APP_STATE_COUNT] = {
	[APP_STOPPED] = "stopped", [APP_STARTING] = "starting",
	[APP_RUNNING] = "running", [APP_STOPPING] = "stopping",
	[APP_EXITING] = "exiting", [APP_BACKOFF] = "backoff", [APP_FAILED] = "failed",
};

const char *app_state_name(enum app_state s)
{
	return (unsigned)s < APP_STATE_COUNT ? app_state_names[s] : "?";
}

struct app *app_new(enum app_kind kind, const char *name)
{
	struct app *a = calloc(1, sizeof *a), **pp;

	if (!a)
		return NULL;
	a->id = app_next_id++;
	a->kind = kind;
	strncpy(a->name, name, sizeof a->name - 1);
	a->in_fd = a->out_fd = a->err_fd = -1;
	a->last_status = -1;
	/* calloc: state APP_STOPPED, intent APP_INTENT_POLICY (app_life.c owns both) */
	line_init(&a->out_lb);
	line_init(&a->err_lb);
	outq_init(&a->q, OUTQ_CAP);
	ring_init(&a->log, APP_LOG_RING);
	/* Keep apps in creation order (boot order) for ps and broadcast. */
	for (pp = &app_list; *pp; pp = &(*pp)->next)
		;
	*pp = a;
	return a;
}

void app_free(struct app *a)
{
	struct app **pp;

	for (pp = &app_list; *pp; pp = &(*pp)->next) {
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	}
	app_io_forget(a);
	ev_timer_clear(&a->t_ready);
	ev_timer_clear(&a->t_grace);
	ev_timer_clear(&a->t_backoff);
	ev_timer_clear(&a->t_watchdog);
	ev_timer_clear(&a->t_eof);
	line_free(&a->out_lb);
	line_free(&a->err_lb);
	outq_free(&a->q);
	ring_free(&a->log);
	free(a);
}

static void app_reap_dead(void *ctx)
{
	struct app *a, *next;

	(void)ctx;
	app_t_reap = 0;
	for (a = app_list; a; a = next) {
		next = a->next;
		if (a->dead && a->pid <= 0) {
			app_io_detach(a);
			app_free(a);
		}
	}
}

void app_remove_later(struct app *a)
{
	a->dead = true;
	if (!app_t_reap)
		app_t_reap = ev_timer_add(0, app_reap_dead, NULL);
}

void app_free_all(void)
{
	ev_timer_clear(&app_t_reap);
	while (app_list) {
		app_io_detach(app_list);
		app_free(app_list);
	}
}

struct app *app_first(void) { return app_list; }

struct app *app_find_n(const char *name, size_t n)
{
	for (struct app *a = app_list; a; a = a->next)
		if (a->kind == APP_KIND_APP && !a->dead && strlen(a->name) == n && memcmp(a->name, name, n) == 0)
			return a;
	return NULL;
}

struct app *app_find(const char *name) { return app_find_n(name, strlen(name)); }

struct app *app_find_id(uint64_t id)
{
	for (struct app *a = app_list; a; a = a->next)
		if (a->id == id && !a->dead)
			return a;
	return NULL;
}

struct app *app_find_pid(pid_t pid)
{
	for (struct app *a = app_list; a; a = a->next)
		if (a->kind == APP_KIND_APP && a->pid == pid)
			return a;
	return NULL;
}

bool app_alive(const struct app *a)
{
	return a->kind == APP_KIND_CONSOLE ? a->in_fd >= 0 : a->pid > 0;
}

unsigned app_count(enum app_kind kind)
{
	unsigned n = 0;
	for (const struct app *a = app_list; a; a = a->next)
		n += a->kind == kind && !a->dead;
	return n;
}
