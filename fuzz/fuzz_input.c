/* fuzz_input: libFuzzer target for the keyboard parsers of input.h. The
 * input is a terminal byte stream, fed to input_tty_parse in reads of
 * sizes taken from the data, the way input_tty.c does (what a read leaves
 * unparsed is carried to the next; a final pass ends it). Every key that
 * comes out must have a name input_key_format accepts and input_key_parse
 * turns back into the same key; no read may claim more bytes than it had;
 * and the whole stream must be consumed at the end. The same bytes, as a
 * key name, must be refused or round-trip exactly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "input.h"


static void check_key(const struct input_key *k, void *ctx)
{
	char name[INPUT_NAME_MAX];
	struct input_key back;

	(void)ctx;
	if (input_key_format(k, name, sizeof name) < 0 || input_key_parse(name, &back) < 0 ||
	    back.mods != k->mods || strcmp(back.base, k->base) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char buf[256];
	size_t len = 0, pos = 0, step;
	char name[INPUT_NAME_MAX + 8];
	struct input_key k;

	if (size == 0)
		return 0;
	step = (size_t)(data[0] % 17) + 1; /* read sizes 1..17 */
	data++;
	size--;
	while (pos < size) {
		size_t n = size - pos < step ? size - pos : step, used;
		if (n > sizeof buf - len)
			n = sizeof buf - len;
		memcpy(buf + len, data + pos, n);
		len += n;
		pos += n;
		used = input_tty_parse(buf, len, len == sizeof buf, check_key, NULL);
		if (used > len)
			abort();
		memmove(buf, buf + used, len - used);
		len -= used;
	}
	if (input_tty_parse(buf, len, true, check_key, NULL) != len)
		abort();

	if (size < sizeof name) {
		memcpy(name, data, size);
		name[size] = '\0';
		if (input_key_parse(name, &k) == 0) {
			char again[INPUT_NAME_MAX];
			if (input_key_format(&k, again, sizeof again) < 0 || strcmp(again, name) != 0)
				abort();
		}
	}
	return 0;
}
