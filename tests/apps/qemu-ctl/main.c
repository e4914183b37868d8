/* qemu-ctl: the driver app of the QEMU boot test (tests/qemu/boot.toml,
 * tests/qemu/boot_smoke.sh). Everything it sees goes to its stdout, which
 * the supervisor echoes on the serial console, where the host reads it:
 *
 *  1. persistence: reads /data/persist.txt ("vyoma-persist <n> <time>"),
 *     prints what it read, writes the next one (n + 1) and prints it;
 *  2. waits until `ps` shows no app starting, stopping or in backoff, twice
 *     in a row 1 s apart, and prints "qemu-ctl: settled";
 *  3. waits for the host to write "poweroff" into /data/qemu-ctl.cmd, then
 *     prints the `ps` table ("qemu-ctl: ps <row>") and sends
 *     `@supervisor: poweroff`. Without an order it powers off after
 *     VY_CTL_MAX_WAIT_MS, so a broken host side never leaves a VM behind.
 *
 * Lines: "qemu-ctl: <what> ...". Needs stdio, filesystem and shell. */
#include <vyoma.h>

#include <string.h>

#define VY_CTL_MAX_WAIT_MS 300000u
#define PS_ROWS 64

static char ps_rows[PS_ROWS][160];
static int ps_n;

static void persist(void)
{
	char buf[128], out[128];
	size_t n = 0;
	long long gen = 0;
	uint32_t nanos = 0;
	int64_t secs;

	if (vy_fs_read("persist.txt", buf, sizeof buf - 1, &n) == 0) {
		buf[n] = '\0';
		vy_printf("qemu-ctl: persist read %s\n", buf);
		if (vy_str_starts(buf, "vyoma-persist "))
			gen = vy_str_atoll(buf + 14, NULL);
	} else {
		vy_printf("qemu-ctl: persist read none (%s)\n", vy_err_str(vy_fs_err()));
	}
	secs = vy_time_wall(&nanos);
	vy_snprintf(out, sizeof out, "vyoma-persist %lld %lld.%09u", gen + 1, (long long)secs,
		    (unsigned)nanos);
	if (vy_fs_save("persist.txt", out, strlen(out)) == 0)
		vy_printf("qemu-ctl: persist wrote %s\n", out);
	else
		vy_printf("qemu-ctl: persist write failed (%s)\n", vy_err_str(vy_fs_err()));
	vy_flush();
}

/* One `ps` round trip into ps_rows. 0 when the answer ended with "ok ps". */
static int ps(void)
{
	struct vy_event ev;
	uint64_t until = vy_time_ms() + 10000;

	ps_n = 0;
	vy_sys_command("ps");
	while (vy_time_ms() < until) {
		enum vy_ev_type t = vy_ev_wait(&ev, 1000);
		if (t == VY_EV_EOF)
			vy_sys_exit(1);
		if (t != VY_EV_SUPERVISOR && t != VY_EV_ERROR)
			continue;
		if (vy_str_starts(ev.text, "ok ps"))
			return 0;
		if (vy_str_starts(ev.text, "error"))
			return -1;
		if (ps_n < PS_ROWS)
			vy_str_copy(ps_rows[ps_n++], ev.text, sizeof ps_rows[0]);
	}
	return -1;
}

/* The STATE column (third word) of every row but the header. */
static bool settled(void)
{
	if (ps_n < 2)
		return false;
	for (int i = 1; i < ps_n; i++) {
		const char *s = ps_rows[i];
		for (int w = 0; w < 2; w++) {
			while (*s && *s != ' ')
				s++;
			while (*s == ' ')
				s++;
		}
		if (vy_str_starts(s, "starting") || vy_str_starts(s, "stopping") ||
		    vy_str_starts(s, "backoff"))
			return false;
	}
	return true;
}

static bool ordered(void)
{
	char buf[64];
	size_t n = 0;

	if (vy_fs_read("qemu-ctl.cmd", buf, sizeof buf - 1, &n) != 0)
		return false;
	buf[n] = '\0';
	if (!vy_str_starts(buf, "poweroff"))
		return false;
	vy_fs_delete("qemu-ctl.cmd");
	return true;
}

int main(void)
{
	uint64_t start;
	int stable = 0;

	persist();
	vy_sys_ready();
	start = vy_time_ms();
	while (stable < 2 && vy_time_ms() - start < 60000) {
		stable = ps() == 0 && settled() ? stable + 1 : 0;
		vy_time_sleep(stable ? 1000 : 250);
	}
	vy_printf("qemu-ctl: %s after %llu ms\n", stable >= 2 ? "settled" : "not settled",
		  (unsigned long long)(vy_time_ms() - start));
	vy_flush();
	while (!ordered()) {
		if (vy_time_ms() - start > VY_CTL_MAX_WAIT_MS) {
			vy_line("qemu-ctl: no order from the host: powering off anyway");
			break;
		}
		vy_time_sleep(100);
	}
	if (ps() == 0)
		for (int i = 0; i < ps_n; i++)
			vy_printf("qemu-ctl: ps %s\n", ps_rows[i]);
	else
		vy_line("qemu-ctl: ps failed");
	vy_line("qemu-ctl: poweroff");
	vy_sys_command("poweroff");
	for (;;) {
		struct vy_event ev;
		if (vy_ev_wait(&ev, -1) == VY_EV_EOF)
			return 0;
		if (ev.type == VY_EV_SUPERVISOR || ev.type == VY_EV_ERROR)
			vy_printf("qemu-ctl: supervisor says %s\n", ev.text);
	}
}
