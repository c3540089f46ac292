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


#: The test files that take longest, run first: pytest-xdist keeps each file on one worker
#: (--dist loadfile) and hands the files out in collection order (--no-loadscope-reorder), so
#: the longest start at once and the many short ones fill the gaps at the end, when both workers
#: finish together. xdist's own order (the files with most tests first) left the crawl and the
#: stories' play to the last minutes. test_schools builds every school's site (tests/sites.py),
#: which test_positions and test_html_valid read later, after the browser tests.
LONGEST_FIRST = (
    "tests/browser/test_every_page.py",  # the crawl of the whole site
    "tests/browser/test_play.py",  # every story to every ending
    "tests/build_scripts/test_schools.py",
    "tests/browser/test_pupil.py",
    "tests/browser/test_practice.py",
    "tests/browser/test_whiteboard.py",
    "tests/browser/test_saved_progress.py",
    "tests/browser/test_print.py",
    "tests/browser/test_story_flow.py",
)


def pytest_collection_modifyitems(items):
    """The longest files first (see LONGEST_FIRST), then every other browser test file, then
    the rest as collected."""
    def rank(item) -> tuple[int, int]:
        path = item.nodeid.split("::", 1)[0]
        if path in LONGEST_FIRST:
            return (0, LONGEST_FIRST.index(path))
        return (1 if path.startswith("tests/browser/") else 2, 0)

    items.sort(key=rank)  # stable: each file keeps its own order
