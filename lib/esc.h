/* esc: text that goes to a terminal, with every byte a terminal would obey
 * shown as a visible escape instead (\x1b). */
#ifndef VYOMA_ESC_H
#define VYOMA_ESC_H

#include <stddef.h>

/* Copy n bytes of src into dst (cap bytes, NUL-terminated) with every C0
 * control byte (tab, newline and ESC too), DEL, C1 control character
 * (U+0080..U+009F, as its two UTF-8 bytes) and byte of invalid UTF-8
 * written as the four characters \xNN. Cut at a whole character or escape
 * when dst is full. Returns the length written (without the NUL). */
size_t esc_text(char *dst, size_t cap, const char *src, size_t n);

/* Length of the valid UTF-8 sequence at s (n bytes left): 1..4, or 0 when
 * it is not valid UTF-8 (overlong, surrogate, past U+10FFFF, cut short) or
 * is a NUL byte. */
size_t esc_utf8_seq(const unsigned char *s, size_t n);

#endif
