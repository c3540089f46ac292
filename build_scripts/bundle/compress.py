"""Precompressed copies of the built site's larger files, written beside them as ``.br``/``.gz``.

``clickwise serve`` sends them to browsers that accept them (and so can any web server set up for
precompressed files, such as nginx's ``gzip_static``). Brotli at its best quality is slow (the
Pyodide WebAssembly takes half a minute), so copies of big files are kept in the download cache
by content hash: a rebuild only compresses what changed.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from pathlib import Path

import brotli

from build_scripts.bundle import runtime

SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".zip", ".svg", ".xml", ".txt"}
ENCODINGS = {"br": ".br", "gzip": ".gz"}
MIN_SIZE = 1024
CACHED_SIZE = 64 * 1024  # compressing smaller files is quicker than looking them up
BEST_SIZE = 256 * 1024  # big files get brotli's slowest, smallest output; the rest a fast one
KEEP_DAYS = 30


def wanted(path: Path) -> bool:
    """Whether a site file is worth sending compressed (text, WebAssembly or a stored zip)."""
    return (path.suffix in SUFFIXES and path.is_file() and not path.is_symlink()
            and path.stat().st_size > MIN_SIZE)


def precompress(site_dir: Path) -> dict[str, int]:
    """Write ``.br`` and ``.gz`` beside every file worth it; answers bytes before and after."""
    totals = {"files": 0, "identity": 0, "br": 0, "gzip": 0}
    cache = runtime.cache_dir() / "compressed"
    for path in sorted(p for p in site_dir.rglob("*") if wanted(p)):
        data = path.read_bytes()
        copies = _compressed(data, cache)
        if len(copies["br"]) > 0.9 * len(data):
            continue  # already compressed (a deflated zip): a copy would only cost disk space
        for encoding, suffix in ENCODINGS.items():
            target = path.with_name(path.name + suffix)
            target.write_bytes(copies[encoding])
            os.utime(target, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
            totals[encoding] += len(copies[encoding])
        totals["files"] += 1
        totals["identity"] += len(data)
    _prune(cache)
    return totals


def _compressed(data: bytes, cache: Path) -> dict[str, bytes]:
    if len(data) < CACHED_SIZE:
        return _compress(data)
    key = hashlib.sha256(data).hexdigest()
    found = {e: cache / f"{key}{s}" for e, s in ENCODINGS.items()}
    if all(p.is_file() for p in found.values()):
        for p in found.values():
            p.touch()
        return {e: p.read_bytes() for e, p in found.items()}
    copies = _compress(data)
    for encoding, path in found.items():
        runtime.write_whole(path, copies[encoding])
    return copies


def _compress(data: bytes) -> dict[str, bytes]:
    quality = 11 if len(data) >= BEST_SIZE else 8
    return {"br": brotli.compress(data, quality=quality),
            "gzip": gzip.compress(data, compresslevel=9, mtime=0)}


def _prune(cache: Path) -> None:
    """Forget copies no build has used for a month (old versions of the search index, say)."""
    if not cache.is_dir():
        return
    too_old = time.time() - KEEP_DAYS * 86400
    for path in cache.iterdir():
        try:
            if path.stat().st_mtime < too_old:
                path.unlink()
        except FileNotFoundError:
            pass  # another build pruned it first
