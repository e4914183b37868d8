/* winkey: window geometry by keyboard (docs/display.md, "Window manager:
 * mouse and keys"): Alt+F7 moves and Alt+F8 resizes the focused window
 * with the arrows (16 pixels a press, 1 with Shift) until Enter keeps it or
 * Escape puts it back; Alt+F10 maximizes or restores; Alt+F9 minimizes.
 * While a move or resize is on, it has every key but the system
 * shortcuts (input.c asks winkey_active()). */
#ifndef VYOMA_WINKEY_H
#define VYOMA_WINKEY_H

#include <stdbool.h>

#define WINKEY_STEP 16 /* pixels an arrow moves an edge or the window; Shift+arrow: 1 */

void winkey_move(void);
void winkey_resize(void);
void winkey_maximize(void);
void winkey_minimize(void);
/* A move or resize is on. */
bool winkey_active(void);
/* A key (its name, docs/input.md) while active. */
void winkey_key(const char *name);
/* End it without a word (its window is going). */
void winkey_cancel(void);

#endif
