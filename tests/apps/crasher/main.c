/* crasher: prints one line and exits with failure at once (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_CRASHER
#include "../talker/main.c"
