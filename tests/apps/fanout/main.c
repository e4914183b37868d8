/* fanout: the driver of make bench's 1,000 apps in the QEMU guest
 * (bench/many_guest.py). It asks the supervisor for `ps`, sends "ping" to
 * every other app, and again every second to those that have not answered
 * yet (an app still starting misses its first ping), until all have answered
 * or FANOUT_MAX_MS has passed. Then it asks for `mem` and prints, on stdout
 * (echoed on the serial console):
 *
 *   fanout: apps <n>
 *   fanout: answered <k> of <n> in <ms> ms (<rounds> rounds)
 *   fanout: mem <the supervisor's mem lines>
 *   fanout: done
 *
 * The apps answer any message (tests/apps/pong). Needs stdio and shell. */
#include <vyoma.h>

#include <string.h>

#define FANOUT_MAX_APPS 1100
#define FANOUT_MAX_MS 600000u

static char names[FANOUT_MAX_APPS][32];
static bool answered[FANOUT_MAX_APPS];
static int n_apps;

/* `ps` rows into names[] (every app but this one); -1 on no answer. */
static int list_apps(void)
{
	struct vy_event ev;
	struct vy_ps row;

	vy_sys_command("ps");
	for (;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, 30000);
		if (t == VY_EV_TIMEOUT || t == VY_EV_EOF)
			return -1;
		if (t != VY_EV_SUPERVISOR && t != VY_EV_ERROR)
			continue;
		if (vy_str_starts(ev.text, "ok ps"))
			return 0;
		if (vy_str_starts(ev.text, "error"))
			return -1;
		if (vy_ps_parse(ev.text, &row) == 0 && strcmp(row.name, "fanout") != 0 &&
		    n_apps < FANOUT_MAX_APPS)
			vy_str_copy(names[n_apps++], row.name, sizeof names[0]);
	}
}

static int find(const char *name)
{
	for (int i = 0; i < n_apps; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

/* Pings the apps that have not answered, then takes answers for 1 s. */
static int round_trip(int have)
{
	struct vy_event ev;
	uint64_t until;

	for (int i = 0; i < n_apps; i++)
		if (!answered[i])
			vy_msg_send(names[i], "ping");
	vy_flush();
	until = vy_time_ms() + 1000;
	while (have < n_apps) {
		uint64_t now = vy_time_ms();
		if (now >= until)
			break;
		enum vy_ev_type t = vy_ev_wait(&ev, (int64_t)(until - now));
		if (t == VY_EV_EOF)
			vy_sys_exit(1);
		if (t != VY_EV_MESSAGE)
			continue;
		int i = find(ev.from);
		if (i >= 0 && !answered[i]) {
			answered[i] = true;
			have++;
		}
	}
	return have;
}

static void mem(void)
{
	struct vy_event ev;

	vy_sys_command("mem");
	for (;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, 30000);
		if (t == VY_EV_TIMEOUT || t == VY_EV_EOF)
			return;
		if (t != VY_EV_SUPERVISOR && t != VY_EV_ERROR)
			continue;
		if (vy_str_starts(ev.text, "mem "))
			vy_printf("fanout: %s\n", ev.text);
		else if (vy_str_starts(ev.text, "ok") || vy_str_starts(ev.text, "error"))
			return;
	}
}

int main(void)
{
	uint64_t t0;
	int have = 0, rounds = 0;

	vy_sys_ready();
	if (list_apps() != 0) {
		vy_line("fanout: no ps answer");
		vy_sys_exit(1);
	}
	vy_printf("fanout: apps %d\n", n_apps);
	vy_flush();
	t0 = vy_time_ms();
	while (have < n_apps && vy_time_ms() - t0 < FANOUT_MAX_MS) {
		have = round_trip(have);
		rounds++;
	}
	vy_printf("fanout: answered %d of %d in %llu ms (%d rounds)\n", have, n_apps,
		  (unsigned long long)(vy_time_ms() - t0), rounds);
	mem();
	vy_line("fanout: done");
	vy_flush();
	for (;;)
		vy_time_sleep(60000);
}
