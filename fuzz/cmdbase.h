/* cmdbase.h: the checks of fuzz_cmd_base64 and fuzz_cmd_base32, whose
 * commands are one codec (sdk/cmdbase.c) with two alphabets. A target
 * includes cmdhost.h and the app, then this, and calls cmdbase_check with
 * the alphabet and its bits per letter.
 *
 * Invariants beyond no report, from the apps' headers and RFC 4648 (GNU
 * base64/base32): the status is 0 or 1, and 1 exactly when something was
 * said on stderr; and when every argument is an option (-d, -i, -w N with N
 * digits):
 * - encoding: the output is the RFC 4648 encoding of stdin, made here on its
 *   own (padded with '=' to a whole group), in lines of N letters (76; 0:
 *   one line, without '\n'), the last ended by '\n' when it is not empty;
 * - decoding: a stdin that is an encoding such as the above (letters of
 *   the alphabet in whole groups, '=' only at the end, white space between
 *   lines) decodes to the bytes it encodes, status 0; with a byte outside
 *   the alphabet and white space and no -i, the status is 1. */
#ifndef VYOMA_FUZZ_CMDBASE_H
#define VYOMA_FUZZ_CMDBASE_H

/* RFC 4648 of in[0, n) into cmdhost_want, wrapped at wrap */
static void cmdbase_encode(const char *abc, int bits, const unsigned char *in, size_t n, unsigned long long wrap)
{
	int group = bits == 6 ? 4 : 8;
	unsigned long long col = 0, letters = 0;
	uint64_t acc = 0;
	int nb = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n)
			acc = acc << 8 | in[i], nb += 8;
		else if (nb)
			acc <<= bits - nb, nb = bits; /* the last letter, zero-filled */
		while (nb >= bits || (i == n && letters % (unsigned)group)) {
			char c = nb >= bits ? abc[(acc >> (nb -= bits)) & ((1u << bits) - 1)] : '=';
			cmdhost_emit("%c", c);
			letters++;
			if (wrap && ++col == wrap)
				cmdhost_emit("\n"), col = 0;
		}
	}
	if (col)
		cmdhost_emit("\n");
}

/* in[0, n) is an encoding in the alphabet (white space between, '=' as
 * padding at the end of the last group only): its bytes into cmdhost_want */
static bool cmdbase_canonical(const char *abc, int bits, const unsigned char *in, size_t n)
{
	int group = bits == 6 ? 4 : 8;
	size_t letters = 0, pad = 0;
	uint64_t acc = 0;
	int nb = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = in[i] ? strchr(abc, in[i]) : NULL;
		if (strchr(" \t\r\n", in[i]) && in[i])
			continue;
		if (in[i] == '=') {
			pad++;
			continue;
		}
		if (!p || pad)
			return false;
		letters++;
		acc = acc << bits | (uint64_t)(p - abc), nb += bits;
		if (nb >= 8)
			cmdhost_emit("%c", (int)(unsigned char)(acc >> (nb -= 8)));
	}
	/* as the encoder pads: to a whole group; and no letter's worth of bits
	 * left over, those left all zero */
	size_t r = letters % (size_t)group;
	return pad == (r ? (size_t)group - r : 0) && nb < bits && !(acc & ((1ull << nb) - 1));
}

static void cmdbase_check(const char *abc, int bits)
{
	int st = cmdhost.status;
	CHECK(st == 0 || st == 1);
	CHECK(st == (cmdhost.err_n > 0));

	bool dec = false, ign = false;
	long long wrap = 76;
	char a[64];
	for (size_t i = 1; i < cmdhost_argc; i++) {
		if (!cmdhost_arg(i, a, sizeof a) || a[0] != '-' || !a[1] || !strcmp(a, "--") || !strcmp(a, "--help"))
			return;
		for (const char *p = a + 1; *p; p++) {
			dec |= *p == 'd', ign |= *p == 'i';
			if (*p == 'd' || *p == 'i')
				continue;
			bool next = !p[1]; /* the value is the next word, read into a */
			if (*p != 'w' || (next && !cmdhost_arg(++i, a, sizeof a)))
				return;
			const char *v = next ? a : p + 1;
			if (*v == '-' || *v == '+' || cmdhost_int(v, &wrap))
				return;
			break;
		}
	}
	cmdhost_want_n = 0;
	if (!dec) {
		CHECK(st == 0);
		cmdbase_encode(abc, bits, cmdhost_in, cmdhost_in_n, (unsigned long long)wrap);
		CHECK(cmdhost_out_is_want());
		return;
	}
	if (cmdbase_canonical(abc, bits, cmdhost_in, cmdhost_in_n)) {
		CHECK(st == 0 && cmdhost_out_is_want());
		return;
	}
	for (size_t i = 0; i < cmdhost_in_n && !ign; i++) {
		unsigned char c = cmdhost_in[i];
		if (!c || (!strchr(abc, c) && !strchr(" \t\r\n=", c)))
			CHECK(st == 1);
	}
}

#endif
