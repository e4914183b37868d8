"""calc: arithmetic natively (calc.c), then the app over IPC and keys."""

from apps_lib import ask, boot_ready, check, fields, key, mouse, state, system, type_text
import native

CASES = [
    ("2+3*4", "14"), ("(2+3)*4", "20"), ("7/2", "3.5"), ("-3--2", "-1"), ("2^10", "1024"),
    ("2^-2", "0.25"), ("10%4", "2"), ("-7%3", "-1"), ("1/3", "0.333333"), ("0.1+0.2", "0.3"),
    ("  1 +  1 ", "2"), ("1/0", "error: division by zero"), ("5%0", "error: division by zero"),
    ("2+", "error: unexpected end"), ("(1+2", "error: missing )"), ("1+2)", "error: unbalanced )"),
    ("2*x", "error: expected a number"), ("1 2", "error: unexpected character"),
    ("10^1000", "error: out of range"), ("2^0.5", "error: exponent must be an integer in -1000..1000"),
    ("", "error: unexpected end"), ("-(-(-1))", "-1"), ("3.", "3"), (".5*4", "2"),
    # past 9.2e12 v * 10^6 no longer fits in 64 bits (fuzz_calc found it)
    ("9999999999999", "9999999999999"), ("-123456789012345", "-123456789012345"),
    ("999999999999999/10", "99999999999999.9"), ("0.0000004", "0"), ("-0.0000004", "0"),
    ("0.9999996", "1"), ("-2.25", "-2.25"), ("123456789.123456789", "123456789.123457"),
    ("1234567890.123456789", "1234567890.12346"),
]

DRIVER = r"""
#include <stdio.h>
#include <string.h>
#include "calc.h"
int main(void)
{
	char line[256], out[64];
	while (fgets(line, sizeof line, stdin)) {
		double v;
		line[strcspn(line, "\n")] = 0;
		const char *err = calc_eval(line, &v);
		if (err)
			printf("error: %s\n", err);
		else {
			calc_format(v, out, sizeof out);
			printf("%s\n", out);
		}
	}
	return 0;
}
"""


def test_calc_arithmetic_native():
    exe = native.build(["calc/calc.c"], DRIVER, "calc")
    got = native.run(exe, "".join(e + "\n" for e, _ in CASES)).splitlines()
    for (e, want), g in zip(CASES, got):
        check(g == want, "%r: got %r, want %r" % (e, g, want))


def test_calc_app_ipc_and_keys():
    with system(["calc"]) as s:
        c = s.console()
        boot_ready(c, 1)
        check(ask(c, "calc", "2+3*4") == "14")
        check(ask(c, "calc", "1/0") == "error: division by zero")
        type_text(c, "calc", "6*7")
        check(fields(state(c, "calc"))["input"] == "6*7")
        key(c, "calc", "Enter")
        st = fields(state(c, "calc"))
        check(st["input"] == "-" and st["results"] == "1", "the input is empty after a result: %s" % st)
        # the next expression is its own (it used to go on from the result:
        # 7.5 then 1/0 made 7.51/0)
        type_text(c, "calc", "1/0")
        key(c, "calc", "Enter")
        st = fields(state(c, "calc"))
        check(st["input"] == "1/0" and st["results"] == "2", "a failed one stays to be fixed: %s" % st)
        key(c, "calc", "Backspace", "Backspace", "Backspace", "Escape")
        type_text(c, "calc", "9-10=")
        st = fields(state(c, "calc"))
        check(st["input"] == "-" and st["results"] == "3", st)


def test_calc_click_copies_a_result():
    # issue 16: a click on a result copies it (what follows " = ") to the
    # clipboard. Rows sit above the 48-pixel input panel of the 260-high
    # window, 16 high, the newest lowest: row k from the bottom at
    # y = 260 - 54 - 16k.
    def clip(c):
        return dict(p.split("=", 1) for p in c.test("clip")[0].split()[1:])

    def row_y(k):
        return 260 - 54 - 16 * k + 8

    with system(["calc"]) as s:
        c = s.console()
        boot_ready(c, 1)
        for e in ("6*7", "1/0", "Escape", "9-10"):
            if e == "Escape":
                key(c, "calc", "Escape")
                continue
            type_text(c, "calc", e)
            key(c, "calc", "Enter")
        check(fields(state(c, "calc"))["results"] == "3")
        check(clip(c)["copies"] == "0", clip(c))
        mouse(c, "calc", 40, row_y(2), 1, "down")  # 1/0 = error: division by zero
        mouse(c, "calc", 40, row_y(2), 0, "up")
        state(c, "calc")  # the click was read before this answer
        got = clip(c)
        check(got["copies"] == "1" and got["from"] == "calc" and
              got["bytes"] == str(len("error: division by zero")), got)
        mouse(c, "calc", 40, row_y(3), 1, "down")  # 6*7 = 42
        state(c, "calc")
        check(clip(c)["copies"] == "2" and clip(c)["bytes"] == "2", clip(c))
        # off the results (the panel, the empty top) and other buttons: nothing
        for x, y, b in ((40, 240, 1), (40, 10, 1), (40, row_y(1), 2)):
            mouse(c, "calc", x, y, b, "down")
        state(c, "calc")
        check(clip(c)["copies"] == "2", "a click off the results copied: %s" % clip(c))
