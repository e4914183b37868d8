/* json.h: what json's two files share: the value (jv.c parses and prints
 * it, main.c filters it), the parser's place and the printer's option. */
#ifndef JSON_JV_H
#define JSON_JV_H

#include <vyoma_cmd.h>

/* A value, made once and then only pointed at (a key, an item or a
 * filter's result share it). An object's items are its keys and values
 * in turn: key i is v[2i], its value v[2i + 1]. */
enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };
struct jv {
	int t;
	size_t len;    /* J_STR bytes; J_ARR/J_OBJ items */
	char *s;       /* J_NUM: canonical text; J_STR: UTF-8 bytes */
	struct jv **v; /* items */
};
extern const struct jv jv_null;
/* the text left to parse, followed by a NUL (vy_in_all's is): a number's
 * exponent is read up to it */
extern const char *jv_p, *jv_end;
extern bool jv_compact;            /* print on one line */
extern bool jv_bad;                /* a parse error was said: the value is not whole */

/* n zeroed bytes (at least one), or the command exits with a message */
void *jv_mem(size_t n);
/* jv_p past white space */
void jv_ws(void);
/* v's decimal digits at o; returns their end */
char *jv_utoa(char *o, unsigned long long v);
/* The value at jv_p (nested depth deep), jv_p past it; on bad JSON the
 * error is said once, jv_bad set and jv_p moved to jv_end. */
struct jv *jv_value(int depth);
/* v as JSON on stdout, pretty at indent level ind or jv_compact */
void jv_out(const struct jv *v, int ind);

#endif
