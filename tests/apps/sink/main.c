/* sink: counts m <i> messages, acks every 1000 (benchmarks) (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_SINK
#include "../talker/main.c"
