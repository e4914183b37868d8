/* semver: MAJOR.MINOR.PATCH versions, each part 0..99999 without
 * leading zeros. */
#ifndef VYOMA_SEMVER_H
#define VYOMA_SEMVER_H

#include <stdbool.h>

bool semver_valid(const char *s);
/* <0, 0, >0 like strcmp, numerically; both must be valid. */
int semver_cmp(const char *a, const char *b);

#endif
