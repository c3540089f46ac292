"""Shared fixtures: the real site, built once per test run, and a server for it on 127.0.0.1."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from build_scripts.tools.serve import make_server
from tests.sites import built_for


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built for the default school into a temporary folder (the same build
    the schools' tests use for the default school: one build, not two)."""
    return built_for("default", tmp_path_factory)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on 127.0.0.1 (a free port) for the whole run."""
    server = make_server(built_site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
