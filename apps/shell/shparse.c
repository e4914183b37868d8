/* The shell's parser is lib/shparse.c, compiled here for wasm32 as it is
 * for the supervisor, its unit tests and its fuzzer (one source). */
#include "../../lib/shparse.c"
