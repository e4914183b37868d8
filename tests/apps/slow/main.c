/* slow: reads slowly: counts m <i> messages, 1 ms sleep every 8 lines (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_SLOW
#include "../talker/main.c"
