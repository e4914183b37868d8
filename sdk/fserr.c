/* fserr: vy_fs_err and the names of wasi:filesystem's error codes, in a
 * file of their own: an app that never asks why a file call failed
 * (httpd) links none of the 37 names (about 430 bytes), since vy_err_str
 * reaches them through a weak reference (sdk/err.c). The code itself is
 * sdk/fs.c's sdk_fs_errno. */
#include "sdk.h"

/* WASI's error-code names in enum order (vy_err_str, sdk/err.c). */
const char sdk_fs_errnames[] =
	"access\0would-block\0already\0bad-descriptor\0busy\0deadlock\0quota\0exist\0"
	"file-too-large\0illegal-byte-sequence\0in-progress\0interrupted\0invalid\0io\0"
	"is-directory\0loop\0too-many-links\0message-size\0name-too-long\0no-device\0"
	"no-entry\0no-lock\0insufficient-memory\0insufficient-space\0not-directory\0"
	"not-empty\0not-recoverable\0unsupported\0no-tty\0no-such-device\0overflow\0"
	"not-permitted\0pipe\0read-only\0invalid-seek\0text-file-busy\0cross-device\0"
	"no /data (is the filesystem capability declared?)\0";

enum vy_err vy_fs_err(void) { return sdk_fs_errno; }
