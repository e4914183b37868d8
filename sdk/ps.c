/* ps: one row of the supervisor's `ps` answer (docs/protocol.md) into a
 * struct, for the apps that watch the system (monitor, dash, logview). */
#include "sdk.h"

#include <string.h>

static long ps_num(const char *w)
{
	const char *end;
	long v;
	if (strcmp(w, "-") == 0)
		return -1;
	v = sdk_num(w, &end);
	return end == w ? -1 : v;
}

int vy_ps_parse(const char *line, struct vy_ps *r)
{
	char w[64];
	const char *p = line, *end;

	memset(r, 0, sizeof *r);
	p = vy_str_word(p, r->name, sizeof r->name);
	if (!r->name[0] || strcmp(r->name, "NAME") == 0 || strcmp(r->name, "ok") == 0 ||
	    strcmp(r->name, "error:") == 0)
		return -1;
	p = vy_str_word(p, w, sizeof w);
	r->pid = (int)ps_num(w);
	p = vy_str_word(p, r->state, sizeof r->state);
	p = vy_str_word(p, w, sizeof w);
	/* "12.3s": seconds and tenths */
	r->uptime_ds = (unsigned)sdk_num(w, &end) * 10;
	if (*end == '.')
		r->uptime_ds += (unsigned)(end[1] - '0') % 10;
	p = vy_str_word(p, w, sizeof w);
	r->restarts = (unsigned)ps_num(w);
	p = vy_str_word(p, r->caps, sizeof r->caps);
	p = vy_str_word(p, w, sizeof w);
	r->mem_kib = ps_num(w);
	p = vy_str_word(p, w, sizeof w);
	if (!w[0])
		return -1;
	r->drops = (unsigned long)ps_num(w);
	return 0;
}
