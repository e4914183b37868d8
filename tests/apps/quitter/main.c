/* quitter: prints one line and exits 0 at once (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_QUITTER
#include "../talker/main.c"
