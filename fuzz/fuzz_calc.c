/* fuzz_calc: libFuzzer target for the calculator's arithmetic
 * (apps/calc/calc.c: what a user types in calc's window, or sends it as a
 * message). The input, cut at calc's field of 63 bytes and at its first NUL,
 * is evaluated; a value is then formatted as calc shows it. Invariants
 * beyond no sanitizer report: a refusal has a reason; a value is finite and
 * within +-1e15 (calc_eval's range); its text fits and reads back, with
 * strtod, within the digits it keeps (6 decimals, 15 digits in all). */
#include <math.h>
#include <string.h>

#include "fuzz.h"

#include "../apps/calc/calc.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[64], out[64];
	double v;
	size_t n = size < sizeof in - 1 ? size : sizeof in - 1;

	memcpy(in, data, n);
	in[n] = '\0';
	const char *err = calc_eval(in, &v);
	if (err) {
		CHECK(*err);
		return 0;
	}
	CHECK(isfinite(v) && v > -1e15 && v < 1e15);
	calc_format(v, out, sizeof out);
	CHECK(strlen(out) < sizeof out);
	/* 6 decimals, fewer past 9 integer digits: 15 digits in all */
	CHECK(fabs(strtod(out, NULL) - v) <= 0.50001e-6 + 5.5e-15 * fabs(v)); /* and 2 ulp */
	return 0;
}
