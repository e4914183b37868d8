"""httpd: a real HTTP/1.1 conversation over TCP with the server running in
the hosted supervisor: files with the right length and type, HEAD, 404,
405, 414, 400 for malformed requests and path traversal, 505, keep-alive
and pipelining, several clients at once, and it keeps serving after every
refusal. Also curl, when the machine has it."""

import os
import shutil
import socket
import subprocess
import time

from apps_lib import ask, boot_ready, check, fields, state, system
import native

INDEX = "<!doctype html><title>VyomaOS</title><h1>It works</h1>\n"
BLOB = bytes(range(256)) * 300  # 76800 bytes, every byte value


def make():
    return system(["httpd"], data={"www/index.html": INDEX, "www/notes/a.txt": "plain text\n",
                                "www/blob.bin": BLOB, "www/style.css": "h1{}",
                                "secret.txt": "outside the document root"})


def setup(s):
    c = s.console()
    boot_ready(c, 1)
    ans = ask(c, "httpd", "listen 0")
    check(ans.startswith("listening "), ans)
    return c, int(ans.split()[1])


def exchange(port, raw, timeout=5.0):
    """Send raw bytes, read until the server closes; return all of it."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as k:
        k.sendall(raw)
        out = b""
        while True:
            try:
                b = k.recv(65536)
            except socket.timeout:
                break
            if not b:
                break
            out += b
        return out


def parse(resp):
    """One response off the front of resp: (status, headers, body, rest)."""
    head, _, rest = resp.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    status = int(lines[0].split()[1])
    check(lines[0].startswith("HTTP/1.1 "), lines[0])
    hdr = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        hdr[k.strip().lower()] = v.strip()
    n = int(hdr["content-length"])
    return status, hdr, rest[:n], rest[n:]


def get(port, path, method="GET", extra=""):
    raw = ("%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s\r\n" % (method, path, extra)).encode()
    return parse(exchange(port, raw))


def test_httpd_serves_files():
    with make() as s:
        c, port = setup(s)
        st, h, body, _ = get(port, "/")
        check(st == 200 and body.decode() == INDEX, (st, body))
        check(h["content-type"] == "text/html; charset=utf-8" and h["content-length"] == str(len(INDEX)), h)
        st, h, body, _ = get(port, "/notes/a.txt")
        check(st == 200 and body == b"plain text\n" and h["content-type"].startswith("text/plain"), (st, h))
        st, h, body, _ = get(port, "/style.css")
        check(h["content-type"] == "text/css", h)
        st, h, body, _ = get(port, "/blob.bin")
        check(st == 200 and body == BLOB and h["content-type"] == "application/octet-stream", (st, len(body)))
        st, h, body, _ = get(port, "/bl%6Fb.bin?x=1")
        check(st == 200 and body == BLOB, "percent-decoding and query")
        # HEAD: same headers, no body
        resp = exchange(port, b"HEAD /blob.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        head, _, rest = resp.partition(b"\r\n\r\n")
        check(b" 200 " in head and b"Content-Length: 76800" in head and rest == b"", resp[:200])
        # HTTP/1.0 closes by default
        st, h, body, _ = parse(exchange(port, b"GET /notes/a.txt HTTP/1.0\r\n\r\n"))
        check(st == 200 and h["connection"] == "close", h)


def test_httpd_status_codes_and_refusals():
    with make() as s:
        c, port = setup(s)
        def status(raw):
            r = exchange(port, raw)
            check(r.startswith(b"HTTP/1.1 "), "no HTTP answer to %r: %r" % (raw[:60], r[:60]))
            return int(r.split()[1])
        check(get(port, "/missing.html")[0] == 404)
        check(get(port, "/notes")[0] == 404, "a directory without index.html")
        st, h, _, _ = get(port, "/", method="POST", extra="Content-Length: 0\r\n")
        check(st == 405 and h["allow"] == "GET, HEAD", h)
        check(get(port, "/", method="DELETE")[0] == 405)
        check(get(port, "/" + "a" * 2000)[0] == 414)
        check(status(b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\n\r\n") == 414)
        for bad in [b"HELLO\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/1.1\r\n\r\n",  # no Host
                    b"GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", b"GET noslash HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: x\r\nbad header\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
                    b"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Long: " + b"y" * 5000 + b"\r\n\r\n",
                    b"\x00\xff\xfe garbage \r\n\r\n"]:
            check(status(bad) in (400, 431), bad[:60])
        # path traversal, plain and encoded: never the secret outside www/
        for p in ["/../secret.txt", "/%2e%2e/secret.txt", "/notes/../../secret.txt", "/..%2fsecret.txt",
                  "/./index.html", "//secret.txt", "/notes/%2E%2E/%2E%2E/secret.txt"]:
            st, h, body, _ = get(port, p)
            check(st == 400 and b"outside" not in body, (p, st, body))
        check(status(b"GET / HTTP/2.0\r\nHost: x\r\n\r\n") == 505)
        check(status(b"GET / HTTP/9.9\r\nHost: x\r\n\r\n") == 505)
        # a client that sends half a request and goes away
        k = socket.create_connection(("127.0.0.1", port))
        k.sendall(b"GET / HTT")
        k.close()
        # still serving, and counting
        check(get(port, "/")[0] == 200)
        st = fields(state(c, "httpd"))
        check(int(st["refused"]) >= 25 and int(st["served"]) >= 1, st)
        check(c.state("httpd") == "running" and c.ps()["httpd"]["restarts"] == 0, c.ps())


def test_httpd_keep_alive_pipelining_and_concurrency():
    with make() as s:
        c, port = setup(s)
        # two requests pipelined on one connection, then a third after reading
        k = socket.create_connection(("127.0.0.1", port), timeout=5)
        k.sendall(b"GET /notes/a.txt HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
        buf = b""
        deadline = time.monotonic() + 5
        while buf.count(b"HTTP/1.1 200") < 2 and time.monotonic() < deadline:
            buf += k.recv(65536)
        st1, h1, b1, rest = parse(buf)
        check(st1 == 200 and b1 == b"plain text\n" and h1["connection"] == "keep-alive", h1)
        check(rest.startswith(b"HTTP/1.1 200") and rest.endswith(b"\r\n\r\n"), rest)
        k.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        tail = b""
        while True:
            b = k.recv(65536)
            if not b:
                break
            tail += b
        check(parse(tail)[2].decode() == INDEX)
        k.close()
        # an idle connection does not block other clients
        idle = socket.create_connection(("127.0.0.1", port))
        idle.sendall(b"GET / HT")
        for _ in range(5):
            check(get(port, "/notes/a.txt")[0] == 200)
        idle.close()
        # many clients at once
        socks = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(6)]
        for k in socks:
            k.sendall(b"GET /blob.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        for k in socks:
            data = b""
            while True:
                b = k.recv(65536)
                if not b:
                    break
                data += b
            check(parse(data)[2] == BLOB)
            k.close()


def test_httpd_with_curl():
    curl = shutil.which("curl")
    if not curl:
        print("    (curl not installed: skipped the curl part)")
        return
    with make() as s:
        c, port = setup(s)
        url = "http://127.0.0.1:%d" % port
        p = subprocess.run([curl, "-sS", "-o", "-", "-w", "%{http_code} %{content_type}", url + "/"],
                           capture_output=True, text=True, timeout=20)
        check(p.stdout == INDEX + "200 text/html; charset=utf-8", p.stdout + p.stderr)
        p = subprocess.run([curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", url + "/nope"],
                           capture_output=True, text=True, timeout=20)
        check(p.stdout == "404", p.stdout)
        p = subprocess.run([curl, "-sS", "-I", url + "/blob.bin"], capture_output=True, text=True, timeout=20)
        check("200 OK" in p.stdout and "Content-Length: 76800" in p.stdout, p.stdout)
        p = subprocess.run([curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--path-as-is",
                            url + "/../secret.txt"], capture_output=True, text=True, timeout=20)
        check(p.stdout == "400", p.stdout)


NATIVE = r"""
#include <stdio.h>
#include <string.h>
#include "http.h"
int main(void)
{
	/* each input: a request with \r\n written as | ; prints status path keep head */
	char line[8192];
	while (fgets(line, sizeof line, stdin)) {
		char req[8192];
		size_t n = 0;
		line[strcspn(line, "\n")] = 0;
		for (char *p = line; *p; p++) {
			if (*p == '|') { req[n++] = '\r'; req[n++] = '\n'; }
			else req[n++] = *p;
		}
		size_t hl = http_head_len(req, n);
		struct http_req r;
		if (!hl) { printf("incomplete\n"); continue; }
		http_parse(req, hl, &r);
		if (r.status)
			printf("%d\n", r.status);
		else
			printf("%d %s %d %d\n", r.status, r.path, r.keep_alive, r.head);
	}
	return 0;
}
"""


def test_httpd_parser_native():
    exe = native.build(["httpd/http.c"], NATIVE, "http")
    cases = [
        ("GET / HTTP/1.1|Host: a||", "0  1 0"),
        ("HEAD /a/b.txt HTTP/1.1|Host: a|Connection: close||", "0 a/b.txt 0 1"),
        ("GET /x HTTP/1.0||", "0 x 0 0"),
        ("GET /x HTTP/1.0|Connection: Keep-Alive||", "0 x 1 0"),
        ("GET /a%20b HTTP/1.1|host:a||", "0 a b 1 0"),
        ("GET /a/../b HTTP/1.1|Host: a||", "400"),
        ("GET /a/.. HTTP/1.1|Host: a||", "400"),
        ("GET /..a HTTP/1.1|Host: a||", "0 ..a 1 0"),
        ("GET /a\\b HTTP/1.1|Host: a||", "400"),
        ("PUT / HTTP/1.1|Host: a||", "405"),
        ("GET / HTTP/1.1|Host: a|Content-Length: 5||", "400"),
        ("GET / HTTP/1.1|Host: a|Content-Length: 0||", "0  1 0"),
        ("GET / HTTP/3.0|Host: a||", "505"),
        ("GET / HTTP/1.1|Host: a", "incomplete"),
    ]
    out = native.run(exe, "".join(r + "\n" for r, _ in cases)).splitlines()
    for (r, want), got in zip(cases, out):
        check(got == want, "%r: got %r want %r" % (r, got, want))


def test_httpd_first_run_makes_a_welcome_page():
    with system(["httpd"]) as s:
        c = s.console()
        boot_ready(c, 1)
        port = int(ask(c, "httpd", "listen 0").split()[1])
        st, h, body, _ = get(port, "/")
        check(st == 200 and b"VyomaOS httpd" in body, (st, body))
        check(os.path.isfile(os.path.join(s.root, "data", "www", "index.html")))
