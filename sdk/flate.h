/* flate.h: the deflate format's length and distance codes (RFC 1951
 * 3.2.5), shared by sdk/inflate.c and sdk/deflate.c (sdk/flate.c). */
#ifndef VYOMA_FLATE_H
#define VYOMA_FLATE_H

/* Length code I (0-28, symbol 257 + I): its least length and its extra
 * bits; distance code D (0-29) likewise. */
unsigned flate_lbase(int i);
unsigned flate_lext(int i);
unsigned flate_dbase(int d);
unsigned flate_dext(int d);

/* The fixed code's lengths (RFC 1951 3.2.6): 288 literals and lengths,
 * then 32 distances. */
void flate_fixed(unsigned char len[320]);

/* The order of the code-length code's lengths in a dynamic block */
extern const unsigned char flate_order[19];

#endif
