/* silent: never writes and never reads (watchdog, stuck reader) (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_SILENT
#include "../talker/main.c"
