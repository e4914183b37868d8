"""fetch: gets pages from httpd (app to app over TCP) and from a server the
test runs, resolves localhost, and reports errors without dying."""

import http.server
import socket
import threading

from apps_lib import window
from apps_lib import ask, boot_ready, check, fields, screenshot, state, system, windows, colours_in, hexrgb

PAGE = "<h1>hello from httpd</h1>\n"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("you asked for %s with %s" % (self.path, self.headers.get("User-Agent"))).encode()
        self.send_response(201 if self.path == "/made" else 200)
        self.send_header("Content-Type", "text/x-test")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def test_fetch_from_httpd_and_a_test_server():
    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with system(["fetch", "httpd"], data={"www/index.html": PAGE}) as s:
            c = s.console()
            boot_ready(c, 2)
            port = int(ask(c, "httpd", "listen 0").split()[1])
            ans = ask(c, "fetch", "get http://127.0.0.1:%d/" % port)
            check(ans == "200 OK %d bytes text/html; charset=utf-8" % len(PAGE), ans)
            check(ask(c, "fetch", "body") == PAGE.replace("\n", " "))
            check(ask(c, "fetch", "get http://localhost:%d/missing" % port).startswith("404 Not Found"))
            ans = ask(c, "fetch", "get http://127.0.0.1:%d/made" % srv.server_port)
            check(ans.startswith("201 Created ") and ans.endswith(" text/x-test"), ans)
            check(ask(c, "fetch", "body") == "you asked for /made with vyoma-fetch", ask(c, "fetch", "body"))
            # the page is on screen: status in green
            w = window(c, "fetch")
            ask(c, "fetch", "get http://127.0.0.1:%d/" % port)
            _, _, rows = screenshot(c, s)
            check(hexrgb(0x7bd88f) in colours_in(rows, w["cx"] + 6, w["cy"] + 28, 120, 16), "status not drawn")
            # errors
            free = socket.socket()
            free.bind(("127.0.0.1", 0))
            dead = free.getsockname()[1]
            free.close()
            check(ask(c, "fetch", "get http://127.0.0.1:%d/" % dead) == "error: connect: connection-refused")
            check(ask(c, "fetch", "get ftp://x/").startswith("error: bad url"))
            check(ask(c, "fetch", "get http://:80/").startswith("error: bad url"))
            check(ask(c, "fetch", "get http://host:99999/").startswith("error: bad url"))
            check(ask(c, "fetch", "get http://no-such-host.invalid/").startswith("error: resolve"))
            check(fields(state(c, "fetch"))["url"] == "http://no-such-host.invalid/")
            check(c.state("fetch") == "running")
    finally:
        srv.shutdown()


def test_fetch_address_bar_takes_typing():
    # issue 16: the address bar ignored typing. Type a URL, Enter gets it.
    from apps_lib import key, type_text, wait_state
    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with system(["fetch"]) as s:
            c = s.console()
            boot_ready(c, 1)
            url = "http://127.0.0.1:%d/typed" % srv.server_port
            type_text(c, "fetch", url.replace("/typed", "/typo"))
            key(c, "fetch", "Backspace")  # "typo" -> "typ", then "ed"
            type_text(c, "fetch", "ed")
            check(fields(state(c, "fetch"))["bar"] == url, state(c, "fetch"))
            key(c, "fetch", "Enter")
            st = fields(wait_state(c, "fetch", lambda t: fields(t)["status"] == "201" or
                                   fields(t)["status"] == "200", what="the typed URL fetched"))
            check(st["url"] == url, st)
            check(ask(c, "fetch", "body") == "you asked for /typed with vyoma-fetch", ask(c, "fetch", "body"))
    finally:
        srv.shutdown()
