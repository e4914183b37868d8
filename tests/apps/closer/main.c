/* closer: drops its stdout stream after VYOMA_READY and keeps running (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_CLOSER
#include "../talker/main.c"
