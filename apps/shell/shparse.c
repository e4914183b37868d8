/* The shell's parser is lib/shparse.c (with the UTF-8 rule of lib/esc.c
 * it uses), compiled here for wasm32 as it is for the supervisor, its unit
 * tests and its fuzzer: one source. */
#include "../../lib/esc.c"
#include "../../lib/shparse.c"
