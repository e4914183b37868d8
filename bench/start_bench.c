/* start_bench: how long from spawning a runner until the app's first output
 * line, cold (compiling the component) and warm (precompiled artifact),
 * beside a plain fork+exec of /bin/true measured in the same run.
 *
 *   start_bench RUNNER APP_DIR [ITERATIONS]
 *
 * Prints medians and the 90th percentile in milliseconds, and the ratios
 * warm/true and cold/warm. No thresholds: figures only. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Spawn argv with stdout on a pipe; ms until the first newline arrives (or
 * until exit when wait_exit). -1 on failure. */
static double time_one(char *const argv[], int wait_exit)
{
	int fds[2], status;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	double t0, t1 = -1;
	char buf[4096];

	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	t0 = now_ms();
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (wait_exit) {
		waitpid(pid, &status, 0);
		t1 = now_ms();
	} else {
		ssize_t n;
		while ((n = read(fds[0], buf, sizeof buf)) > 0)
			if (memchr(buf, '\n', (size_t)n)) {
				t1 = now_ms();
				break;
			}
		waitpid(pid, &status, 0);
	}
	close(fds[0]);
	return t1 < 0 ? -1 : t1 - t0;
}

struct stats {
	double median, p90;
};

static struct stats measure(char *const argv[], int wait_exit, int n, const char *cache_to_clear)
{
	double *v = calloc((size_t)n, sizeof *v);
	struct stats s = {-1, -1};
	int k = 0;

	for (int i = 0; i < n; i++) {
		if (cache_to_clear) {
			char cmd[4200];
			snprintf(cmd, sizeof cmd, "rm -f '%s'/*.cwasm", cache_to_clear);
			if (system(cmd) != 0)
				break;
		}
		double t = time_one(argv, wait_exit);
		if (t >= 0)
			v[k++] = t;
	}
	if (k > 0) {
		qsort(v, (size_t)k, sizeof *v, cmp_double);
		s.median = v[k / 2];
		s.p90 = v[(k * 9) / 10 < k ? (k * 9) / 10 : k - 1];
	}
	free(v);
	return s;
}

int main(int argc, char **argv)
{
	char cache[] = "/tmp/vyoma-bench-XXXXXX";
	int n = argc > 3 ? atoi(argv[3]) : 30;

	if (argc < 3) {
		fprintf(stderr, "usage: start_bench RUNNER APP_DIR [ITERATIONS]\n");
		return 2;
	}
	if (!mkdtemp(cache))
		return 1;
	char *truev[] = {"/bin/true", NULL};
	char *runv[] = {argv[1], "--app", argv[2], "--cache", cache, NULL};

	struct stats base = measure(truev, 1, n, NULL);
	struct stats cold = measure(runv, 0, n < 10 ? n : 10, cache);
	time_one(runv, 0); /* populate the cache */
	struct stats warm = measure(runv, 0, n, NULL);

	printf("runner start to first line (%s), %d runs:\n", argv[2], n);
	printf("  %-34s median %8.3f ms   p90 %8.3f ms\n", "fork+exec /bin/true (baseline)", base.median, base.p90);
	printf("  %-34s median %8.3f ms   p90 %8.3f ms\n", "hello, cold (compile each start)", cold.median, cold.p90);
	printf("  %-34s median %8.3f ms   p90 %8.3f ms\n", "hello, warm (precompiled .cwasm)", warm.median, warm.p90);
	if (base.median > 0 && warm.median > 0)
		printf("  ratio warm / baseline: %.1fx    ratio cold / warm: %.1fx\n",
		       warm.median / base.median, cold.median / warm.median);
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
	return system(cmd) == 0 ? 0 : 1;
}
