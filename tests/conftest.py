"""Shared fixtures: the real site, built once per test run, and a server for it on 127.0.0.1."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from build_scripts import cli
from build_scripts.serve import make_server

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built for the default school into a temporary folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    assert cli.run_build(ROOT, "default", True, site) == 0
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on 127.0.0.1 (a free port) for the whole run."""
    server = make_server(built_site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
