/* fuzz_shparse: libFuzzer over the shell's command-line parser and the
 * wire form of a pipeline (lib/shparse.c), the code that reads what a
 * person types and, in the supervisor, every `run` line a shell-capable
 * app writes. Invariants: every word and file name lies inside the
 * list's buffer and is NUL-terminated; stage and pipeline indices stay in
 * range; a parsed pipeline encodes, and decoding its encoding gives the
 * same words back; output escaping round-trips exactly. */
#include <string.h>

#include "fuzz.h"
#include "shparse.h"

static struct sh_list L, back;

static void check_list(const struct sh_list *l)
{
	CHECK(l->used <= SH_BUF_MAX && l->nwords <= SH_WORDS_MAX);
	CHECK(l->nstages <= SH_STAGES_MAX && l->npipes <= SH_PIPES_MAX);
	for (unsigned i = 0; i < l->nwords; i++)
		CHECK(l->word[i] < l->used && memchr(l->buf + l->word[i], 0, l->used - l->word[i]));
	for (unsigned p = 0; p < l->npipes; p++) {
		const struct sh_pipe *pp = &l->pipe[p];
		CHECK(pp->nstages > 0 && pp->stage + pp->nstages <= l->nstages);
		for (unsigned s = pp->stage; s < (unsigned)pp->stage + pp->nstages; s++)
			CHECK(l->stage[s].argc > 0 && l->stage[s].word + l->stage[s].argc <= l->nwords);
		CHECK(pp->in < (int)l->used && pp->out < (int)l->used);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char wire[SH_WIRE_MAX], esc[4 * 4096 + 8], raw[4096];
	const char *err = NULL;
	size_t used, n;

	if (sh_parse((const char *)data, size, 7, &L, &err) == 0) {
		check_list(&L);
		for (unsigned p = 0; p < L.npipes; p++) {
			int w = sh_encode(&L, p, wire, sizeof wire);
			CHECK(w > 0);
			CHECK(sh_decode(wire, (size_t)w, &back, &err) == 0);
			check_list(&back);
			CHECK(back.pipe[0].nstages == L.pipe[p].nstages);
			for (unsigned s = 0; s < back.pipe[0].nstages; s++)
				for (unsigned a = 0; a < back.stage[s].argc; a++)
					CHECK(strcmp(sh_arg(&back, s, a), sh_arg(&L, L.pipe[p].stage + s, a)) == 0);
		}
	} else {
		CHECK(err != NULL);
	}
	if (sh_decode((const char *)data, size, &back, &err) == 0)
		check_list(&back);
	n = size < sizeof raw ? size : sizeof raw;
	sh_esc(esc, sizeof esc, (const char *)data, n, &used);
	CHECK(used == n);
	CHECK(sh_unesc(raw, esc, strlen(esc)) == n && memcmp(raw, data, n) == 0);
	return 0;
}
