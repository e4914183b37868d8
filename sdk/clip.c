/* clip: the clipboard contract of docs/input.md: copy with
 * VYOMA_CLIP:set:<escaped text>; a paste arrives as VY_EV_PASTE, decoded
 * here (the hook sdk_paste_decode, sdk/sdk.h), once the app has copied or
 * used a text field. Escapes: \\ \n \t and
 * \xHH for other bytes < 0x20 and 0x7f. */
#include "sdkcore.h"

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

void sdk_clip_decode(char *s)
{
	char *o = s;
	for (; *s; s++) {
		char c = *s;
		if (c == '\\' && s[1]) {
			c = *++s;
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'x' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
				c = (char)(hexval(s[1]) << 4 | hexval(s[2]));
				s += 2;
			}
		}
		*o++ = c;
	}
	*o = '\0';
}

int vy_clip_copy(const char *text, size_t len)
{
	char *p;

	sdk_paste_decode = sdk_clip_decode;
	vy_print("VYOMA_CLIP:set:");
	p = sdk_out_room(NULL, 0);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		p = sdk_out_room(p, 5);
		if (c == '\\' || c == '\n' || c == '\t') {
			*p++ = '\\';
			*p++ = c == '\n' ? 'n' : c == '\t' ? 't' : '\\';
		} else if (c < 0x20 || c == 0x7f) {
			*p++ = '\\';
			*p++ = 'x';
			*p++ = "0123456789abcdef"[c >> 4];
			*p++ = "0123456789abcdef"[c & 15];
		} else {
			*p++ = (char)c;
		}
	}
	p = sdk_out_room(p, 1);
	*p++ = '\n';
	return sdk_out_done(p);
}
