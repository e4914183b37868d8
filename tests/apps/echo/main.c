/* echo: answers every message with @reply: echo <text> (the talker's source, see ../talker/main.c). */
#define TAPP_MODE TAPP_ECHO
#include "../talker/main.c"
