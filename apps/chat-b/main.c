/* chat-b: the other end of the chat; the whole app is chat-a's source
 * with the two names swapped. */
#define CHAT_SELF "chat-b"
#define CHAT_PEER "chat-a"
#include "../chat-a/main.c"
