/* fuzz_cmd_sed: libFuzzer target for sed (apps/sed/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin): its option and script parser, its regexes (sdk/cmdre.c), the
 * hold space and the line reader, under ASan and UBSan. Invariants beyond
 * no report, for the fuzzer's own arguments: the status is 0 or 1, and 1
 * exactly when something was said on stderr (sed says nothing else
 * there); with -n and a script that has none of p = a i c (nothing else
 * prints under -n), nothing on stdout. And on the same stdin, three
 * scripts whose output is known: ';' (no command) gives stdin back byte
 * for byte, -n '$=' the number of lines, and '1!G;h;$!d' (tac) the lines
 * last first (each with its '\n', but a last line without one is printed
 * without one, as the header says). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/sed/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/cmdre.c"
#define put fmt_put /* sed has its own */
#include "../sdk/fmt.c"
#undef put
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

/* Whether the run's arguments are -n and scripts that cannot print. */
static bool quiet_script(void)
{
	bool n = false;
	for (size_t i = 1; i < cmdhost_argc; i++) {
		const app_string_t *a = &cmdhost_argv[i];
		if (a->len == 2 && !memcmp(a->ptr, "-n", 2))
			n = true;
		else
			for (size_t j = 0; j < a->len; j++)
				if (strchr("p=aic", a->ptr[j]))
					return false;
	}
	return n;
}

/* stdin's lines, last first, as tac gives them: each with its '\n' but
 * the first when the input's last line has none. */
static size_t reversed(const uint8_t *in, size_t n, char *out)
{
	size_t o = 0, end = n;
	bool nl = n && in[n - 1] == '\n';
	if (nl)
		end--;
	while (n) {
		size_t s = end;
		while (s && in[s - 1] != '\n')
			s--;
		memcpy(out + o, in + s, end - s);
		o += end - s;
		if (o < n || nl)
			out[o++] = '\n';
		if (!s)
			break;
		end = s - 1;
	}
	return o;
}

static char want[CMDHOST_OUT];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "sed", app_main);
	cmdhost_said();
	if (quiet_script())
		CHECK(cmdhost.out_n == 0);

	const uint8_t *in = cmdhost_in;
	size_t n = cmdhost_in_n, lines = 0;
	if (!cmdhost_again((const char *[]){";", NULL}, in, n, "sed", app_main))
		return 0;
	CHECK(cmdhost.status == 0 && cmdhost.out_n == n && !memcmp(cmdhost.out, in, n));

	for (size_t i = 0; i < n; i++)
		lines += in[i] == '\n';
	lines += n && in[n - 1] != '\n';
	cmdhost_again((const char *[]){"-n", "$=", NULL}, in, n, "sed", app_main);
	char num[24];
	snprintf(num, sizeof num, "%zu\n", lines);
	CHECK(cmdhost.status == 0 && !strcmp(cmdhost.out, n ? num : ""));

	if (n > 16384) /* tac by the hold space is quadratic */
		return 0;
	cmdhost_again((const char *[]){"1!G;h;$!d", NULL}, in, n, "sed", app_main);
	size_t w = reversed(in, n, want);
	CHECK(cmdhost.status == 0 && cmdhost.out_n == w && !memcmp(cmdhost.out, want, w));
	return 0;
}
