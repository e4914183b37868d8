/* app: the registry of apps and control connections. Every struct app lives
 * in one list owned by the loop; other modules keep ids (never pointers)
 * across loop iterations, so a freed app can never be reached by a stale
 * reference: app_find_id() simply stops finding it. Lookups by name (every
 * unicast message) and by id (every reply) go through two hash tables, so
 * their cost does not grow with the number of apps. */
#include "app.h"
#include "hot.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(APP_STOPPED == 0 && APP_INTENT_POLICY == 0, "a new app is stopped, no intent");

_Static_assert((APP_HASH_BUCKETS & (APP_HASH_BUCKETS - 1)) == 0, "buckets: a power of two");

static struct app *app_list;
static struct app *app_by_name[APP_HASH_BUCKETS], *app_by_id[APP_HASH_BUCKETS];
static uint64_t app_next_id = 1;
static ev_timer_id app_t_reap;

static const char *const app_state_names[APP_STATE_COUNT] = {
	[APP_STOPPED] = "stopped", [APP_STARTING] = "starting",
	[APP_RUNNING] = "running", [APP_STOPPING] = "stopping",
	[APP_EXITING] = "exiting", [APP_BACKOFF] = "backoff", [APP_FAILED] = "failed",
};

VY_HOT static unsigned app_name_hash(const char *name, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (n--)
		h = (h ^ (uint8_t)*name++) * 16777619u;
	return h & (APP_HASH_BUCKETS - 1);
}

/* Chains keep creation order, as the list does: a lookup finds the oldest. */
static void app_hash_add(struct app *a)
{
	struct app **pp;

	for (pp = &app_by_name[app_name_hash(a->name, a->name_len)]; *pp; pp = &(*pp)->by_name)
		;
	*pp = a;
	for (pp = &app_by_id[a->id & (APP_HASH_BUCKETS - 1)]; *pp; pp = &(*pp)->by_id)
		;
	*pp = a;
}

static void app_hash_del(struct app *a)
{
	struct app **pp;

	for (pp = &app_by_name[app_name_hash(a->name, a->name_len)]; *pp; pp = &(*pp)->by_name)
		if (*pp == a) {
			*pp = a->by_name;
			break;
		}
	for (pp = &app_by_id[a->id & (APP_HASH_BUCKETS - 1)]; *pp; pp = &(*pp)->by_id)
		if (*pp == a) {
			*pp = a->by_id;
			break;
		}
}

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
	a->name_len = strlen(a->name);
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
	app_hash_add(a);
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
	app_hash_del(a);
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

VY_HOT struct app *app_find_n(const char *name, size_t n)
{
	if (n >= sizeof app_list->name)
		return NULL;
	for (struct app *a = app_by_name[app_name_hash(name, n)]; a; a = a->by_name)
		if (a->kind == APP_KIND_APP && !a->dead && a->name_len == n && memcmp(a->name, name, n) == 0)
			return a;
	return NULL;
}

struct app *app_find(const char *name) { return app_find_n(name, strlen(name)); }

VY_HOT struct app *app_find_id(uint64_t id)
{
	for (struct app *a = app_by_id[id & (APP_HASH_BUCKETS - 1)]; a; a = a->by_id)
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
