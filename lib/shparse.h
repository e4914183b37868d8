/* shparse: the shell's command-line language and the wire form of a
 * pipeline (docs/commands.md). Pure C with no allocation and no libc
 * beyond mem and str functions, so the shell app (wasm32) and the
 * supervisor, its tests and fuzzers compile the same file:
 *
 * - sh_parse: a line a person typed (quoting, pipes, redirection, ;, &&,
 *   ||, $?) into a list of pipelines;
 * - sh_encode / sh_decode: one pipeline as the words of the supervisor's
 *   `run` verb, every word %-escaped so that no byte of an argument can be
 *   read as an operator or end the line;
 * - sh_esc / sh_unesc: the bytes of a command's output as text for one
 *   protocol line (\\, \n, \t, \xHH), and back. */
#ifndef VYOMA_SHPARSE_H
#define VYOMA_SHPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SH_LINE_MAX 1024  /* bytes of a typed line */
#define SH_WORDS_MAX 128  /* words of one line (arguments and file names) */
#define SH_STAGES_MAX 32  /* commands of one pipeline */
#define SH_PIPES_MAX 16   /* pipelines of one line (joined by ; && ||) */
#define SH_BUF_MAX 2048   /* bytes of every word together, NULs included */
#define SH_WIRE_MAX 6144  /* bytes of an encoded pipeline (each byte at most 3) */

enum sh_conn {
	SH_END, /* the last pipeline of the line */
	SH_SEQ, /* ; : the next one runs whatever the status */
	SH_AND, /* && : the next one runs when this one exits 0 */
	SH_OR,  /* || : the next one runs when this one does not exit 0 */
};

struct sh_stage {
	uint16_t word, argc; /* argv is word[word .. word+argc) */
};

struct sh_pipe {
	uint16_t stage, nstages; /* stage[stage .. stage+nstages) */
	int16_t in, out;         /* offsets into buf of the < and > file names, -1: none */
	bool append;             /* >> */
	enum sh_conn next;
};

struct sh_list {
	char buf[SH_BUF_MAX];
	uint16_t used;
	uint16_t word[SH_WORDS_MAX]; /* offsets into buf of the NUL-terminated argv words */
	uint16_t nwords;
	struct sh_stage stage[SH_STAGES_MAX];
	uint16_t nstages;
	struct sh_pipe pipe[SH_PIPES_MAX];
	uint16_t npipes;
};

/* Parse a typed line. $? outside single quotes becomes last_status. A line
 * of blanks or a comment gives npipes 0. 0, or -1 with *err a static
 * message. */
int sh_parse(const char *line, size_t len, int last_status, struct sh_list *l, const char **err);
/* Word i of the list; argument i of stage s; the file of a redirection
 * offset (NULL for -1). */
const char *sh_word(const struct sh_list *l, unsigned i);
const char *sh_arg(const struct sh_list *l, unsigned s, unsigned i);
const char *sh_file(const struct sh_list *l, int off);

/* Pipeline p of l as run words: "name arg | name arg < in > out" with every
 * word %-escaped (docs/commands.md). The length written (NUL added), or -1
 * when it does not fit. */
int sh_encode(const struct sh_list *l, unsigned p, char *out, size_t cap);
/* The words of a `run` line back into a list of one pipeline. 0, or -1
 * with *err a static message. */
int sh_decode(const char *s, size_t len, struct sh_list *l, const char **err);

/* Bytes as protocol text: \\ \n \t, \xHH for other bytes < 0x20, 0x7f and
 * bytes that are not valid UTF-8. Stops before dst would overflow; returns
 * the length written (NUL added) and in *used how many source bytes it
 * took. */
size_t sh_esc(char *dst, size_t cap, const char *src, size_t n, size_t *used);
/* The reverse, in place allowed (dst may equal src). Unknown or cut
 * escapes are kept as they are. Returns the decoded length. */
size_t sh_unesc(char *dst, const char *src, size_t n);

#endif
