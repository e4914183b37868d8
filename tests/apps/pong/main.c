/* pong: answers every message with @reply: pong, quietly (benchmarks) (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_PONG
#include "../talker/main.c"
