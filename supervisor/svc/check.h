/* check: `vyoma check DIR`, validate a root without booting it. */
#ifndef VYOMA_CHECK_H
#define VYOMA_CHECK_H

/* Prints one line per file and a summary; 0 when everything is valid. */
int check_root(const char *root);

#endif
