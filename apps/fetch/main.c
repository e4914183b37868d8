/* fetch: an HTTP client. The message "get http://host[:port]/path" fetches
 * the URL (HTTP/1.1, Connection: close, at most 64 KB kept) and answers
 * "<status> <reason> <n> bytes <content-type>"; "body" answers the start of
 * the body on one line. The window shows the URL, the status, the headers
 * and the body as wrapped text. Host names resolve through
 * wasi:sockets/ip-name-lookup. Size: about 11.6 KB, above the 10 KB aim
 * because wasi:sockets adds about 5 KB to a component: its types and
 * lowered imports, and the SDK's TCP and DNS code (docs/sdk.md, "Size"). */
#include <vyoma.h>

#include <string.h>

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 520, H = 340;
#define CAP 65536

static char url[256], resp[CAP + 1], status_line[128], ctype[96], err[128];
static size_t resp_len, body_off;
static int status;

static int fail(const char *what, const char *why)
{
	vy_join_s(what);
	vy_join_s(": ");
	vy_join_s(why);
	vy_str_copy(err, vy_join_end(), sizeof err);
	return -1;
}

/* Header value (name in lower case, matched in any case) into out, or "". */
static void header(const char *name, char *out, size_t cap)
{
	const char *p = resp;
	out[0] = '\0';
	while ((p = strchr(p, '\n')) && (size_t)(++p - resp) < body_off) {
		size_t i = 0;
		while (name[i] && (p[i] | 32) == name[i])
			i++;
		if (!name[i] && p[i] == ':') {
			vy_str_copy(out, vy_str_skip_space(p + i + 1), cap);
			out[strcspn(out, "\r\n")] = '\0';
			return;
		}
	}
}

static int fetch(const char *u)
{
	char host[128];
	const char *p, *path;
	long port = 80, n;
	vy_tcp_t t;

	vy_str_copy(url, u, sizeof url);
	/* the status line and the type are read only once status is set
	 * (by a fetch that set them too), the text only up to resp_len:
	 * err alone is cleared */
	resp_len = body_off = 0;
	err[0] = '\0';
	status = 0;
	if (!vy_str_starts(u, "http://"))
		return fail("bad url", "only http://");
	p = u + 7;
	size_t hl = strcspn(p, ":/");
	if (hl == 0 || hl >= sizeof host)
		return fail("bad url", "no host");
	memcpy(host, p, hl);
	host[hl] = '\0';
	p += hl;
	if (*p == ':') {
		port = (long)vy_str_atoll(p + 1, &p);
		if (port <= 0 || port > 65535)
			return fail("bad url", "bad port");
	}
	if (*p && *p != '/')
		return fail("bad url", "junk after host");
	path = *p ? p : "/";
	if (vy_net_dial(host, (uint16_t)port, &t, 5000, &p) != 0)
		return fail(p, vy_err_str(vy_net_err()));
	vy_join_s("GET ");
	vy_join_s(path);
	vy_join_s(" HTTP/1.1\r\nHost: ");
	vy_join_s(host);
	vy_join_s("\r\nUser-Agent: vyoma-fetch\r\nConnection: close\r\n\r\n");
	p = vy_join_end();
	if (vy_net_write(&t, p, strlen(p)) != 0) {
		vy_net_close(&t);
		return fail("send", vy_err_str(vy_net_err()));
	}
	while (resp_len < CAP && (n = vy_net_read(&t, resp + resp_len, CAP - resp_len, 5000)) > 0)
		resp_len += (size_t)n;
	vy_net_close(&t);
	resp[resp_len] = '\0';
	for (size_t i = 0; i + 3 < resp_len && !body_off; i++)
		if (memcmp(resp + i, "\r\n\r\n", 4) == 0)
			body_off = i + 4;
	if (!vy_str_starts(resp, "HTTP/1.") || !body_off)
		return fail("bad answer", resp_len ? "not HTTP" : "empty");
	status = (int)vy_str_atoll(resp + 9, NULL);
	vy_str_copy(status_line, resp, sizeof status_line);
	status_line[strcspn(status_line, "\r\n")] = '\0';
	header("content-type", ctype, sizeof ctype);
	return 0;
}

static struct vy_ui_field bar;

static void draw(void)
{
	vy_ui_size(&W, &H);
	vy_draw_clear(VY_THEME_BG);
	/* the address bar: type a URL, Enter fetches it (vy_ui_field) */
	vy_ui_field_draw(&bar, (struct vy_box){0, 0, W, 22}, VY_TEXT_M, true);
	if (err[0]) {
		vy_draw_text(6, 30, VY_THEME_BAD, VY_TEXT_M, err);
	} else if (status) {
		vy_draw_text(6, 28, status < 300 ? VY_THEME_GOOD : status < 400 ? VY_THEME_WARN : VY_THEME_BAD, VY_TEXT_M,
			     status_line);
		/* headers, small, then the body */
		int y = 48;
		const char *p = strchr(resp, '\n') + 1;
		while (p < resp + body_off - 2 && y < 120) {
			size_t l = strcspn(p, "\r\n");
			vy_draw_textn(6, y, VY_THEME_DIM, VY_TEXT_S, p, l);
			y += 9;
			p += l + 2;
		}
		vy_draw_fill(0, y + 2, W, 1, VY_THEME_LINE);
		vy_draw_text_box(6, y + 8, W - 12, H - y - 12, VY_THEME_TEXT, VY_TEXT_M, resp + body_off);
	}
	vy_draw_flush();
}

int main(void)
{
	struct vy_event ev;
	char line[200];
	const char *u;
	int rc;

	vy_sys_ready();
	for (;;) {
		draw();
		switch (vy_ev_wait(&ev, -1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_KEY:
		case VY_EV_PASTE:
			/* Enter in the address bar gets its URL, as the message
			 * "get <url>" does but with no answer: one call of fetch
			 * (two would keep it out of line, 1.4 KB more). The URL
			 * is cut at 195 bytes, as when it went through a 200-byte
			 * "get <url>" line (the bar is set to the URL after). */
			if (!vy_key_is(&ev, VY_KEY_ENTER) || !bar.len) {
				vy_ui_field_event(&bar, &ev);
				break;
			}
			bar.text[195] = '\0';
			u = bar.text;
			ev.from = NULL;
			goto get;
		case VY_EV_MESSAGE:
			if (vy_str_starts(ev.text, "get ")) {
				u = ev.text + 4;
get:
				rc = fetch(vy_str_skip_space(u));
				vy_ui_field_set(&bar, url);
				if (!ev.from)
					break;
				if (rc != 0) {
					vy_join_s("error: ");
					vy_join_s(err);
				} else {
					vy_join_d(status);
					vy_join_s(" ");
					vy_join_s(strlen(status_line) > 13 ? status_line + 13 : "");
					vy_join_s(" ");
					vy_join_d((long long)(resp_len - body_off));
					vy_join_s(" bytes ");
					vy_join_s(ctype[0] ? ctype : "-");
				}
				vy_join_answer();
			} else if (strcmp(ev.text, "body") == 0) {
				size_t n = resp_len - body_off < sizeof line - 1 ? resp_len - body_off : sizeof line - 1;
				memcpy(line, resp + body_off, n);
				line[n] = '\0';
				for (size_t i = 0; i < n; i++)
					if ((unsigned char)line[i] < 0x20 || (unsigned char)line[i] >= 0x7f)
						line[i] = (unsigned char)line[i] < 0x20 ? ' ' : '?'; /* one line, valid UTF-8 */
				vy_join_s(n ? line : "-");
				vy_join_answer();
			} else if (strcmp(ev.text, "state") == 0) {
				vy_join_s("url ");
				vy_join_s(url[0] ? url : "-");
				vy_join_s(" status ");
				vy_join_d(status);
				vy_join_s(" bytes ");
				vy_join_d((long long)(resp_len - body_off));
				vy_join_s(" bar ");
				vy_join_s(bar.len ? bar.text : "-");
				vy_join_answer();
			}
			break;
		default:
			break;
		}
	}
}
