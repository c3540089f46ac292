"""Serve a built site so that a class's devices can use it over the school network."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types Pyodide needs (module scripts, WebAssembly)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json",
                      ".svg": "image/svg+xml", ".whl": "application/zip",
                      ".zip": "application/zip"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        """Quiet: a class of thirty devices would flood the teacher's terminal."""


def make_server(site_dir: Path, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """A threaded server for ``site_dir`` (port 0 picks a free port)."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), handler)


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
