"""The project's own server: precompressed copies, cache headers, a class of devices at once;
and what the build writes for it (compressed twins, the service worker's list of files)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest.mock import ANY

import brotli
import pytest

from build_scripts import cli
from build_scripts.bundle import compress, offline
from build_scripts.tools import serve
from build_scripts.tools.serve import MAX_TARGET, SiteHandler, make_server

QUIZ = "play/star99/"


@pytest.fixture(scope="module")
def served(built_site):
    """Our server for the built site, on a free port, for this module alone."""
    server = make_server(built_site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.stop()


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    """Status, headers (lower-case names) and the body exactly as sent."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, \
                response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def decoded(headers: dict, body: bytes) -> bytes:
    coding = headers.get("content-encoding")
    return brotli.decompress(body) if coding == "br" else gzip.decompress(body) \
        if coding == "gzip" else body


def quiz_page_files(site: Path) -> list[str]:
    """The scenario page and every file a browser fetches for it, engine included."""
    html = (site / QUIZ / "index.html").read_text(encoding="utf-8")
    found = {QUIZ, f"scenarios/{QUIZ.split('/')[1]}.json"}
    for ref in re.findall(r'(?:src|href)="([^"#?]+)"', html):
        target = (site / QUIZ / ref).resolve()
        if target.is_file() and site.resolve() in target.parents:
            found.add(target.relative_to(site.resolve()).as_posix())
    found |= {p.relative_to(site).as_posix() for folder in ("assets/js", "pyodide")
              for p in (site / folder).iterdir() if p.suffix not in (".br", ".gz")}
    return sorted(found)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_hundred_devices_at_once_get_every_file_of_a_scenario_page(built_site, served):
    """A class and more, all opening the same story at once: each gets every file (the page,
    its scripts, the scenario, the Python runtime) whole, as the brotli copy it asked for."""
    files = quiz_page_files(built_site)
    assert "pyodide/pyodide.asm.wasm" in files and "assets/js/engine-worker.js" in files
    sent = {f: built_site / f / "index.html" if f.endswith("/") else built_site / f
            for f in files}
    sent = {f: (path.with_name(path.name + ".br") if path.with_name(path.name + ".br").is_file()
                else path) for f, path in sent.items()}
    expected = {f: (_sha(path.read_bytes()), "br" if path.suffix == ".br" else None)
                for f, path in sent.items()}

    def one_device(_):
        failures = []
        for name in files:
            status, headers, body = get(served + name, **{"Accept-Encoding": "br"})
            if (status, (_sha(body), headers.get("content-encoding"))) != (200, expected[name]):
                failures.append(f"{name}: {status}")
        return failures

    with ThreadPoolExecutor(max_workers=100) as pool:
        failures = [f for device in pool.map(one_device, range(100)) for f in device]
    assert failures == []


def test_webassembly_comes_as_brotli_that_decodes_to_the_original(built_site, served):
    status, headers, body = get(served + "pyodide/pyodide.asm.wasm",
                                **{"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert status == 200
    assert headers["content-type"] == "application/wasm"
    assert headers["content-encoding"] == "br"
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < 0.4 * len(brotli.decompress(body))
    assert brotli.decompress(body) == (built_site / "pyodide/pyodide.asm.wasm").read_bytes()


@pytest.mark.parametrize("accept, coding", [
    ("gzip", "gzip"),
    ("br;q=0, gzip;q=0.5", "gzip"),
    ("identity", None),
    ("", None),
])
def test_the_copy_sent_is_one_the_browser_accepts(built_site, served, accept, coding):
    _, headers, body = get(served + "search/search_index.json", **{"Accept-Encoding": accept})
    assert headers.get("content-encoding") == coding
    assert decoded(headers, body) == (built_site / "search/search_index.json").read_bytes()


def test_cache_headers_follow_what_each_file_is(built_site, served):
    bundle = next((built_site / "assets/javascripts").glob("bundle.*.min.js")).name
    assert get(served + QUIZ)[1]["cache-control"] == "no-cache"
    assert get(served + QUIZ)[1]["content-type"] == "text/html; charset=utf-8"
    assert get(served + "sw.js")[1]["cache-control"] == "public, max-age=300"
    assert get(served + "pyodide/python_stdlib.zip")[1]["cache-control"] == "no-cache"
    assert get(served + f"assets/javascripts/{bundle}")[1]["cache-control"] == \
        "public, max-age=31536000, immutable"


def test_small_files_are_sent_as_they_are(built_site, served):
    lock = built_site / "pyodide/pyodide-lock.json"
    assert lock.stat().st_size <= compress.MIN_SIZE
    _, headers, body = get(served + "pyodide/pyodide-lock.json", **{"Accept-Encoding": "br"})
    assert "content-encoding" not in headers and "vary" not in headers
    assert body == lock.read_bytes()


def test_an_unchanged_file_is_not_sent_again(served):
    _, first, _ = get(served + QUIZ, **{"Accept-Encoding": "br"})
    by_tag = get(served + QUIZ, **{"Accept-Encoding": "br", "If-None-Match": first["etag"]})
    by_date = get(served + QUIZ, **{"If-Modified-Since": first["last-modified"]})
    stale = get(served + QUIZ, **{"Accept-Encoding": "br", "If-None-Match": '"old"'})
    assert (by_tag[0], by_tag[2], by_date[0], stale[0]) == (304, b"", 304, 200)


def test_folders_redirect_and_missing_files_get_the_site_404_page(built_site, served):
    request = urllib.request.Request(served + "play/star99")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=30)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].endswith("/play/star99/")
    status, _, body = get(served + "no-such-page/")
    assert status == 404 and body == (built_site / "404.html").read_bytes()
    assert get(served + "pyodide/")[0] == 404  # never a listing of the runtime folder


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_build_writes_compressed_twins_only_where_they_help(tmp_path, monkeypatch):
    monkeypatch.setenv("CLICKWISE_CACHE", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text("<p>Tell a grown-up.</p>\n" * 200)
    (site / "tiny.js").write_text("export const x = 1;\n")
    (site / "picture.png").write_bytes(b"\x89PNG" + bytes(4000))
    (site / "packed.zip").write_bytes(brotli.compress(bytes(range(256)) * 40))  # incompressible
    compress.precompress(site)
    assert sorted(p.name for p in site.iterdir()) == [
        "packed.zip", "page.html", "page.html.br", "page.html.gz", "picture.png", "tiny.js"]
    assert brotli.decompress((site / "page.html.br").read_bytes()) == \
        (site / "page.html").read_bytes()


def test_service_worker_lists_each_kept_file_with_its_hash(tmp_path):
    site = tmp_path / "site"
    (site / "play/star99").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / "play/star99/index.html").write_text("story")
    (site / "play/star99/index.html.br").write_bytes(b"twin")
    (site / "bundle.min.js.map").write_text("{}")
    first = offline.write_service_worker(site)
    files = json.loads(re.search(r"const FILES = (\{.*?\});",
                                 (site / "sw.js").read_text()).group(1))
    assert sorted(files) == ["./", "play/star99/"]
    assert files["play/star99/"] == _sha(b"story")[:16]
    assert offline.write_service_worker(site) == first  # nothing changed: same version
    (site / "play/star99/index.html").write_text("story, retold")
    assert offline.write_service_worker(site) != first  # a new build: a new cache


# --- what a class's server must answer, whoever asks -----------------------------------------


class Impatient(SiteHandler):
    timeout = 1

SECRET = b"a file beside the site folder, never to be sent"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A tiny site beside a secret file, served by a server that lets a silent device go after
    one second (the real one waits ``SiteHandler.timeout``)."""
    root = tmp_path_factory.mktemp("small")
    (root / "secret.txt").write_bytes(SECRET)
    site = root / "site"
    (site / "folder").mkdir(parents=True)
    (site / "index.html").write_text("<p>Home</p>\n" * 100)
    (site / "folder/index.html").write_text("<p>Folder</p>")
    (site / "big.bin").write_bytes(bytes(32 << 20))

    server = make_server(site, "127.0.0.1", 0, Impatient)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, server.server_port
    server.stop()


def raw(port: int, request: bytes, timeout: float = 10) -> tuple[int, dict, bytes]:
    """Send ``request`` exactly as written; the status, headers and body answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(request)
        answer = b"".join(iter(lambda: conn.recv(65536), b""))
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return int(status.split()[1]), {k.lower(): v for k, v in headers.items()}, body


def get_raw(port: int, target: str, method: str = "GET") -> tuple[int, dict, bytes]:
    return raw(port, f"{method} {target} HTTP/1.1\r\nHost: laptop\r\n\r\n".encode())


@pytest.mark.parametrize("target", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2fsecret.txt", "/folder/../../secret.txt",
    "/folder/%2e%2e/%2e%2e/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
    "//../secret.txt", "http://laptop/../secret.txt", "/%00../secret.txt",
    "/../../../../../../etc/passwd", "/etc/passwd",
])
def test_no_address_reaches_a_file_outside_the_site(small_site, target):
    root, port = small_site
    status, _, body = get_raw(port, target)
    assert status == 404 and SECRET not in body
    status, _, body = get_raw(port, "/" + str(root / "secret.txt").lstrip("/"))
    assert status == 404 and SECRET not in body


@pytest.mark.parametrize("target", ["secret.txt", "../secret.txt", "*", "file:///etc/passwd"])
def test_an_address_that_is_not_a_path_is_refused(small_site, target):
    assert get_raw(small_site[1], target)[0] == 400


def test_a_full_address_as_a_proxy_sends_it_is_its_path(small_site):
    _, port = small_site
    assert get_raw(port, "http://laptop:8000/index.html")[2] == get_raw(port, "/index.html")[2]
    status, headers, _ = get_raw(port, "http://laptop//folder")
    assert status == 301 and headers["location"] == "/folder/"  # never to another host


@pytest.mark.parametrize("length", [MAX_TARGET + 1, 70_000])
def test_an_over_long_address_is_refused(small_site, length):
    assert get_raw(small_site[1], "/" + "a" * length)[0] == 414


def test_head_answers_the_headers_alone(small_site):
    _, port = small_site
    status, headers, body = get_raw(port, "/index.html")
    assert get_raw(port, "/index.html", "HEAD") == (status, {**headers, "date": ANY}, b"")
    assert int(headers["content-length"]) == len(body) > 0
    assert get_raw(port, "/missing", "HEAD")[::2] == (404, b"")


@pytest.mark.parametrize("method, status", [
    ("POST", 405), ("PUT", 405), ("DELETE", 405), ("PATCH", 405), ("OPTIONS", 405),
    ("BREW", 501), ("get", 501),
])
def test_methods_that_would_change_something_are_refused(small_site, method, status):
    answer, headers, _ = raw(small_site[1], f"{method} /index.html HTTP/1.1\r\nHost: laptop\r\n"
                                            "Content-Length: 2\r\n\r\nhi".encode())
    assert answer == status
    if status == 405:
        assert headers["allow"] == "GET, HEAD"


def test_a_slow_device_holds_up_no_one_and_is_let_go(small_site):
    assert 0 < SiteHandler.timeout <= 60  # the real server lets a silent device go too
    _, port = small_site
    silent = socket.create_connection(("127.0.0.1", port))
    silent.sendall(b"GET /index.html HTT")  # and nothing more
    stuck = socket.socket()
    stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    stuck.connect(("127.0.0.1", port))
    stuck.sendall(b"GET /big.bin HTTP/1.1\r\nHost: laptop\r\n\r\n")  # and never reads
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: get_raw(port, "/index.html")[0], range(20)))
    assert answers == [200] * 20
    time.sleep(3 * Impatient.timeout)  # longer than the server waits for a silent device
    for conn in (silent, stuck):
        conn.settimeout(20)
        received = 0
        try:
            while chunk := conn.recv(1 << 20):
                received += len(chunk)
        except ConnectionResetError:
            pass  # let go while the device still had bytes unread
        conn.close()
        assert received < 32 << 20


def test_serve_binds_to_this_computer_unless_told_otherwise(monkeypatch):
    asked = []
    monkeypatch.setattr(cli, "run_build", lambda *args: 0)
    monkeypatch.setattr(serve, "serve_forever", lambda *args: asked.append(args[1:]))
    cli.main(["serve"])
    cli.main(["serve", "--host", "0.0.0.0", "--port", "8080"])
    assert asked == [("127.0.0.1", 8000), ("0.0.0.0", 8080)]
