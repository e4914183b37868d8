/* calc.h: the calculator's arithmetic (calc.c), separate from its window. */
#ifndef CALC_H
#define CALC_H

#include <stdbool.h>
#include <stddef.h>

/* Evaluate s; NULL and the value in *out, or the reason it is not valid. */
const char *calc_eval(const char *s, double *out);
/* v with up to 6 decimals, trailing zeros dropped: "14", "-0.5". */
void calc_format(double v, char *buf, size_t cap);

#endif
