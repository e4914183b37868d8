#!/usr/bin/env python3
"""relay: QEMU's guestfwd runs this for each connection the guest opens to
the forwarded address, with the connection on stdin and stdout; it copies
bytes both ways to HOST:PORT on the host (the test's HTTP package
repository) until either side closes. With restrict=on this forward is the
guest's only way out (tests/qemu/packages.py).

usage: relay.py HOST PORT"""

import os
import selectors
import socket
import sys


def main():
    s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
    s.setblocking(False)
    sel = selectors.DefaultSelector()
    sel.register(0, selectors.EVENT_READ)
    sel.register(s, selectors.EVENT_READ)
    open_in = True
    while True:
        for key, _ in sel.select(30):
            if key.fileobj == 0:
                data = os.read(0, 65536)
                if not data:
                    sel.unregister(0)
                    s.shutdown(socket.SHUT_WR)
                    open_in = False
                    continue
                s.setblocking(True)
                s.sendall(data)
                s.setblocking(False)
            else:
                data = s.recv(65536)
                if not data:
                    return
                view = memoryview(data)
                while view:
                    view = view[os.write(1, view):]
        if not open_in and not sel.get_map():
            return


if __name__ == "__main__":
    main()
