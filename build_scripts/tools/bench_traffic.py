"""What ``clickwise bench``'s server sends: every response's path, status and bytes, whoever
asked (the page, the engine's worker or the service worker), and when it last went quiet."""

from __future__ import annotations

import threading
import time

from build_scripts.tools.serve import SiteHandler


class Traffic:
    """What the server sent: one (path, status, bytes) per request, whoever asked."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int, int]] = []
        self.busy = 0
        self.last = time.monotonic()

    def reset(self) -> None:
        with self.lock:
            self.sent = []

    def total(self) -> int:
        with self.lock:
            return sum(size for _, _, size in self.sent)

    def quiet(self, seconds: float = 0.6, limit: float = 120) -> None:
        """Wait until nothing has been asked for ``seconds`` (a service worker may be busy)."""
        stop = time.monotonic() + limit
        while time.monotonic() < stop:
            with self.lock:
                if self.busy == 0 and time.monotonic() - self.last > seconds:
                    return
            time.sleep(0.05)


class _Counted:
    """The handler's output, counting bytes as they go to the socket."""

    def __init__(self, raw, handler):
        self.raw, self.handler = raw, handler

    def write(self, data):
        self.handler.bytes_out += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def counting_handler(traffic: Traffic) -> type[SiteHandler]:
    """Our real handler, with every response's size recorded in ``traffic``."""

    class Counting(SiteHandler):
        def setup(self):
            super().setup()
            self.bytes_out, self.status, self.counted = 0, 0, False
            self.wfile = _Counted(self.wfile, self)

        def parse_request(self):
            understood = super().parse_request()
            if understood:  # an idle connection opened ahead of time is not a request
                self.bytes_out, self.counted = 0, True
                with traffic.lock:
                    traffic.busy += 1
            return understood

        def handle_one_request(self):
            self.counted = False
            try:
                super().handle_one_request()
            finally:
                if self.counted:
                    with traffic.lock:
                        traffic.busy -= 1
                        traffic.last = time.monotonic()
                        traffic.sent.append((self.path, self.status, self.bytes_out))

        def send_response(self, code, message=None):
            self.status = int(code)
            super().send_response(code, message)

    return Counting
