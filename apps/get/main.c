/* get: fetches an http:// URL and writes its body to stdout (busybox
 * `wget -q -O - URL`); redirects are followed, a 4xx/5xx answer is an
 * error (status 1). -q is taken (it is always quiet). No https: the SDK
 * has no TLS. */
#include <vyoma_cmd.h>

static int body(const char *buf, size_t len) { return vy_write(buf, len); }

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "q", "URL\n\nPrint the body of an http:// URL.\n")) != -1)
		if (c == '?')
			return 1;
	if (argc - o.ind != 1)
		vy_cmd_bad_usage("URL\n");
	return vy_cmd_http("GET", argv[o.ind], NULL, body) != 0;
}
