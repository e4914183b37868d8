/* manifest: an app's vyoma.toml and the boot list boot.toml, parsed with the
 * strict TOML parser and validated into plain structs. Unknown keys, wrong
 * types and out-of-range values are refused with file, line and column. */
#ifndef VYOMA_MANIFEST_H
#define VYOMA_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

/* Capability bits. The names are the keys of [capabilities]. */
enum cap_bit {
	CAP_STDIO      = 1u << 0,
	CAP_FILESYSTEM = 1u << 1,
	CAP_NETWORK    = 1u << 2,
	CAP_DISPLAY    = 1u << 3,
	CAP_SHELL      = 1u << 4,
	CAP_MOUSE      = 1u << 5,
};
#define CAP_COUNT 6

enum restart_policy { RESTART_NEVER, RESTART_ON_FAILURE, RESTART_ALWAYS };

#define MAN_NAME_MAX 31   /* [a-z][a-z0-9-]*, at most 31 bytes */
#define MAN_PATH_MAX 255
#define MAN_DESC_MAX 127
#define MAN_BOOT_MAX 1024 /* apps in one boot.toml */
#define MAN_VERSION_MAX 17 /* "99999.99999.99999" */
#define MAN_DEFAULT_VERSION "0.1.0"

#define MAN_DEFAULT_MEMORY_MB   64
#define MAN_DEFAULT_MAX_FAILS   5
#define MAN_DEFAULT_WINDOW_SECS 60

struct manifest {
	char name[MAN_NAME_MAX + 1];
	char description[MAN_DESC_MAX + 1];
	char component[MAN_PATH_MAX + 1]; /* relative to the app dir; default "<name>.wasm" */
	char version[MAN_VERSION_MAX + 1]; /* MAJOR.MINOR.PATCH; default "0.1.0" */
	unsigned caps;                    /* CAP_* bits */
	unsigned watchdog_secs;           /* 0: no watchdog */
	enum restart_policy restart;      /* default RESTART_ON_FAILURE */
	unsigned max_failures;            /* give up after this many failures ... */
	unsigned window_secs;             /* ... within this many seconds */
	unsigned memory_mb;               /* linear-memory cap */
	int win_w, win_h;                 /* preferred window size; 0: default */
	bool command;                     /* a command: run on demand with argv, byte-stream stdio */
};

struct boot_entry {
	char name[MAN_NAME_MAX + 1];
	bool has_pos, has_size;
	int x, y, w, h;                   /* window placement for display apps */
	bool focus;                       /* its window has the focus at boot (one at most) */
};

struct boot_config {
	char apps_dir[MAN_PATH_MAX + 1];  /* default "apps", relative to the root */
	size_t n;
	struct boot_entry apps[MAN_BOOT_MAX];
};

struct man_error {
	char file[MAN_PATH_MAX + 1];
	int line, col;                    /* 1-based; 0 when not tied to a place */
	char msg[256];
};

/* Parse from memory; `file` is only used in error messages. 0 or -1. */
int man_parse_app(const char *text, size_t len, const char *file,
		  struct manifest *out, struct man_error *err);
int man_parse_boot(const char *text, size_t len, const char *file,
		   struct boot_config *out, struct man_error *err);
/* Read a file (at most 1 MiB) and parse it. 0 or -1. */
int man_load_app(const char *path, struct manifest *out, struct man_error *err);
int man_load_boot(const char *path, struct boot_config *out, struct man_error *err);

/* "file:line:col: msg" (or "file: msg") into buf. */
void man_error_format(const struct man_error *err, char *buf, size_t len);

/* The one app-name rule, for manifests, boot lists, the line protocol and
 * commands: [a-z][a-z0-9-]*, at most MAN_NAME_MAX bytes (man_name_syntax),
 * and not one of the reserved words (man_name_reserved: "supervisor",
 * "broadcast", "reply", "all", "system", "console"). */
bool man_name_syntax(const char *s, size_t n);
/* The run of name characters at the start of s[0..n): its length, 0 when s
 * does not start with [a-z]; a name when it is 1..MAN_NAME_MAX long and
 * fills what is checked (one pass for the line protocol's "@name:"). */
size_t man_name_scan(const char *s, size_t n);
bool man_name_reserved(const char *s, size_t n);
bool man_valid_name(const char *name); /* both, for a NUL-terminated name */
const char *cap_name(enum cap_bit bit);
/* "stdio,display" into buf; "none" when no bit is set. */
void cap_format(unsigned caps, char *buf, size_t len);
/* Name to bit; 0 when unknown. */
unsigned cap_from_name(const char *name);
const char *restart_policy_name(enum restart_policy p);

#endif
