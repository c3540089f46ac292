"""Serve a built site so that a class's devices can use it over the school network.

The build writes ``.br`` and ``.gz`` copies beside the larger files; a browser that accepts one
gets it (the Python runtime shrinks from 12 MB to about 3 MB). Caching follows what each file
is: names that carry a hash of their content never change, so browsers keep them for a year;
everything else (pages, the service worker, the Python runtime, scenarios) is checked on each
use with an ETag, which costs one tiny "not modified" answer when nothing has changed.

It only sends the site's files: an address outside the site folder finds nothing there, one
that is not a path is refused (400) and one longer than any page's (414); HEAD answers the
headers alone, and methods that would change something are refused (405, 501 for ones HTTP
does not know). Each device has a thread of its own, and one that sends or takes nothing for
``SiteHandler.timeout`` seconds is let go, so a slow or stuck device never holds up the class.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import http.server
import os
import re
import socket
import threading
import urllib.parse
from http import HTTPStatus
from pathlib import Path

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # in order of preference
FOREVER = "public, max-age=31536000, immutable"
CHECK_EACH_TIME = "no-cache"
#: The service worker: a device asks again for it (to learn of a new build) at most this often.
WORKER = "public, max-age=300"
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.min\.(js|css)$")  # Material's bundle.5f2a3c9d.min.js
#: The longest address asked for (the site's own are under 200 characters).
MAX_TARGET = 8 * 1024


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types Pyodide needs, precompressed copies and cache headers."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json",
                      ".svg": "image/svg+xml", ".whl": "application/zip",
                      ".zip": "application/zip", ".html": "text/html; charset=utf-8"}
    #: Seconds a device may send or take nothing before its connection is closed.
    timeout = 30

    def parse_request(self) -> bool:
        """Read the request line and headers; refuse an address that is too long or is not a
        path. A full address (``GET http://laptop:8000/help/``, as a proxy sends) is its path."""
        if not super().parse_request():
            return False
        if len(self.path) > MAX_TARGET:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        if self.path.startswith("/"):
            return True
        target = urllib.parse.urlsplit(self.path)
        if target.scheme not in ("http", "https") or not target.netloc:
            self.send_error(HTTPStatus.BAD_REQUEST, "The address asked for is not a path")
            return False
        path = urllib.parse.urlunsplit(("", "", target.path, target.query, ""))
        self.path = "/" + path.lstrip("/")  # one slash, as the base class makes of "//x"
        return True

    def _not_allowed(self) -> None:
        """A method HTTP knows but a folder of files cannot do (POST, PUT, DELETE...)."""
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def send_head(self):
        """Headers for GET and HEAD; answers the open file to send, or None."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return self._redirect_to_folder()
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self._not_found()
        encoding, sent = choose_encoding(path, self.headers.get("Accept-Encoding", ""))
        tag = etag(sent)
        if self._not_modified(path, tag):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._common_headers(path, tag)
            self.end_headers()
            return None
        file = open(sent, "rb")  # noqa: SIM115 - the caller sends and closes it
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(os.fstat(file.fileno()).st_size))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self._common_headers(path, tag)
        self.end_headers()
        return file

    def _not_modified(self, path: str, tag: str) -> bool:
        """The browser's copy is current: same ETag or, when it sent none, not older."""
        if "If-None-Match" in self.headers:
            return tag in _if_none_match(self.headers["If-None-Match"])
        try:
            since = email.utils.parsedate_to_datetime(self.headers.get("If-Modified-Since", ""))
        except (TypeError, ValueError):
            return False
        return int(os.stat(path).st_mtime) <= since.timestamp()

    def _common_headers(self, path: str, tag: str) -> None:
        self.send_header("ETag", tag)
        # Chromium revalidates pages by date only, so send both kinds of validator.
        self.send_header("Last-Modified", self.date_time_string(os.stat(path).st_mtime))
        self.send_header("Cache-Control", cache_control(path))
        if any(os.path.isfile(path + suffix) for _, suffix in ENCODINGS):
            self.send_header("Vary", "Accept-Encoding")

    def _redirect_to_folder(self):
        parts = urllib.parse.urlsplit(self.path)
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", urllib.parse.urlunsplit(parts._replace(path=parts.path + "/")))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self):
        """The site's own 404 page (never a listing of a folder's files)."""
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CHECK_EACH_TIME)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        """Quiet: a class of thirty devices would flood the teacher's terminal."""


def choose_encoding(path: str, accept_encoding: str) -> tuple[str | None, str]:
    """The best precompressed copy of ``path`` the browser accepts: (coding, file to send)."""
    accepted = _accepted(accept_encoding)
    for coding, suffix in ENCODINGS:
        if coding in accepted and os.path.isfile(path + suffix):
            return coding, path + suffix
    return None, path


def _accepted(header: str) -> set[str]:
    """Codings in an Accept-Encoding header that are not refused with ``q=0``."""
    found = set()
    for part in header.split(","):
        coding, *params = (p.strip() for p in part.split(";"))
        weight = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            if float(weight) > 0:
                found.add(coding.lower())
        except ValueError:
            pass  # a malformed weight: leave that coding out
    return found


def _if_none_match(header: str) -> set[str]:
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}


def cache_control(path: str) -> str:
    """A year for names that carry a hash of their content; five minutes for the service worker
    (so a device that visits again soon sends nothing); check every other file each time.

    The Python runtime is deliberately checked each time too: it has no hash in its names, and
    a rebuild can change it (the standard library is trimmed to what the engine imports), so
    a year-old copy on a device without a service worker could stop every story.
    """
    if os.path.basename(path) == "sw.js":
        return WORKER
    return FOREVER if HASHED_NAME.search(path) else CHECK_EACH_TIME


@functools.lru_cache(maxsize=4096)
def _etag_of(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return f'"{digest.hexdigest()[:20]}"'


def etag(path: str) -> str:
    """A strong ETag from the content, so an identical file rebuilt later is still "the same"."""
    stat = os.stat(path)
    return _etag_of(path, stat.st_mtime_ns, stat.st_size)


class SiteServer(http.server.ThreadingHTTPServer):
    """One thread per connection, a long queue for a class arriving at once, and a clean stop."""

    request_queue_size = 128
    daemon_threads = True

    def __init__(self, address, handler):
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        with self._lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        """A device that goes away mid-download is normal in a classroom: say nothing."""

    def stop(self) -> None:
        """Stop serving and cut every open connection, as if the computer had gone away."""
        self.shutdown()
        self.server_close()
        with self._lock:
            still_open, self._open = list(self._open), set()
        for request in still_open:
            try:
                request.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by its thread


def make_server(site_dir: Path, host: str, port: int,
                handler: type[SiteHandler] = SiteHandler) -> SiteServer:
    """A threaded server for ``site_dir`` (port 0 picks a free port)."""
    return SiteServer((host, port), functools.partial(handler, directory=str(site_dir)))


def serve_forever(site_dir: Path, host: str, port: int) -> None:
    """Serve until Ctrl+C."""
    server = make_server(site_dir, host, port)
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    print(f"Clickwise is ready: open http://{shown}:{server.server_port}/ (Ctrl+C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.server_close()
