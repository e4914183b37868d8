/* spell: the nearest of a few known words to a mistyped one, for "did you
 * mean" in error messages (manifest keys, commands). */
#ifndef VYOMA_SPELL_H
#define VYOMA_SPELL_H

#include <stddef.h>

/* Optimal string alignment distance (insert, delete, substitute, swap of
 * neighbours), capped: words longer than SPELL_MAX count as far. */
#define SPELL_MAX 64
unsigned spell_distance(const char *a, size_t alen, const char *b);

/* The index of the word of words[0..n) nearest to s (len bytes), when it
 * is near enough to be a typing mistake (at most 2 edits, and fewer than
 * half the word's length); -1 otherwise. */
int spell_nearest(const char *s, size_t len, const char *const *words, size_t n);

#endif
