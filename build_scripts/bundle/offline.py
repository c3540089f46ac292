"""The service worker (``sw.js`` at the site root) that keeps the site working offline.

It is written after MkDocs has written every page, from the files actually in the site: each
file it keeps is listed with a hash of its content, and the hash of the whole list names its
cache, so a new build is picked up cleanly and only changed files are downloaded again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_scripts.pages import render

SERVICE_WORKER = "sw.js"
NOT_KEPT_SUFFIXES = (".br", ".gz", ".map")  # compressed twins, source maps for developers
NOT_KEPT_FOLDERS = ("assets/javascripts/lunr/",)  # search for other languages: never loaded
NOT_KEPT = (SERVICE_WORKER, "sitemap.xml")


def kept_files(site_dir: Path) -> dict[str, str]:
    """Every file a visitor may need offline, by URL relative to the site root, with its hash."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if (not path.is_file() or name in NOT_KEPT or name.endswith(NOT_KEPT_SUFFIXES)
                or name.startswith(NOT_KEPT_FOLDERS)):
            continue
        url = name.removesuffix("index.html") if name.endswith("/index.html") or \
            name == "index.html" else name  # pages are asked for by their folder's URL
        files[url or "./"] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return files


def write_service_worker(site_dir: Path, authoring: bool = False) -> str:
    """Write ``sw.js`` into the built site and answer with its version.

    ``authoring`` (under ``mkdocs serve``) writes a worker that keeps nothing and removes
    itself, so that authors always see their latest change.
    """
    template = render.environment().get_template("sw.js.j2")
    files = {} if authoring else kept_files(site_dir)
    with open(template.filename, "rb") as source:  # a changed worker is a new version too
        fingerprint = source.read() + json.dumps(files, sort_keys=True).encode()
    version = hashlib.sha256(fingerprint).hexdigest()[:12]
    text = template.render(files=files, version=version, authoring=authoring)
    (site_dir / SERVICE_WORKER).write_text(text, encoding="utf-8")
    return version
