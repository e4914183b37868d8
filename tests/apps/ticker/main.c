/* ticker: writes tick <n> every 200 ms (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_TICKER
#include "../talker/main.c"
