/* clip: the clipboard contract of docs/input.md: copy with
 * VYOMA_CLIP:set:<escaped text>; a paste arrives as VY_EV_PASTE, decoded
 * here (the hook sdk_paste_decode, sdk/sdk.h), once the app has called
 * vy_clip_on or vy_ui_field_clipboard: an app that only copies (calc)
 * links no decoder. Escapes: \\ \n \t and
 * \xHH for other bytes < 0x20 and 0x7f. */
#include "sdkcore.h"

/* A hex digit's value; anything else gives a value over 15. */
static unsigned hexval(char c)
{
	unsigned d = (unsigned)c - '0';
	return d < 10 ? d : ((unsigned)c | 0x20) - 'a' + 10;
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
			else if (c == 'x' && hexval(s[1]) < 16 && hexval(s[2]) < 16) {
				c = (char)(hexval(s[1]) << 4 | hexval(s[2]));
				s += 2;
			}
		}
		*o++ = c;
	}
	*o = '\0';
}

void vy_ui_field_clipboard(struct vy_ui_field *f)
{
	sdk_paste_decode = sdk_clip_decode;
	f->copy = vy_clip_copy;
}

void vy_clip_on(void)
{
	sdk_paste_decode = sdk_clip_decode;
}

int vy_clip_copy(const char *text, size_t len)
{
	char *p;

	vy_print("VYOMA_CLIP:set:");
	p = sdk_out_room(NULL, 0);
	for (size_t i = 0; i < len; i++) {
		unsigned c = (unsigned char)text[i];
		p = sdk_out_room(p, 5);
		if (c == '\\' || c < 0x20 || c == 0x7f) {
			*p++ = '\\';
			c = c == '\n' ? 'n' : c == '\t' ? 't' : c;
			if (c < 0x20 || c == 0x7f) {
				*p++ = 'x';
				*p++ = "0123456789abcdef"[c >> 4];
				c = "0123456789abcdef"[c & 15];
			}
		}
		*p++ = (char)c;
	}
	p = sdk_out_room(p, 1);
	*p++ = '\n';
	return sdk_out_done(p);
}
