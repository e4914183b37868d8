/* headers: sends HEAD for an http:// URL and prints the response's status
 * line and headers as they came, CRLFs and the blank line included (as
 * `curl -sI URL`); redirects are followed. -G sends GET instead (and
 * prints only the head). */
#include <vyoma_cmd.h>

static int head(const char *buf, size_t len)
{
	vy_write(buf, len);
	return 1; /* the head is all we want */
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	const char *method = "HEAD";
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "G", "[-G] URL\n\nPrint the response headers of an http:// URL.\n\t-G\tSend GET, not HEAD\n")) != -1) {
		if (c == '?')
			return 1;
		method = "GET";
	}
	if (argc - o.ind != 1)
		vy_cmd_bad_usage("[-G] URL\n");
	return vy_cmd_http(method, argv[o.ind], head, NULL) != 0;
}
