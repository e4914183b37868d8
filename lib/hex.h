/* hex: lower-case hexadecimal, strict both ways. */
#ifndef VYOMA_HEX_H
#define VYOMA_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_encode(const uint8_t *in, size_t n, char *out);
/* One hex digit of either case (protocol text: colours, escapes): its
 * value, or -1. */
int hex_digit(char c);
/* Exactly 2n lower-case hex chars into n bytes. 0 or -1. */
int hex_decode(const char *hex, size_t hexlen, uint8_t *out, size_t n);

#endif
