"""After one visit the site works with no network at all: the service worker keeps every page,
the Python runtime, the engine and the scenarios."""

from __future__ import annotations

import threading
import urllib.request

import pytest

from build_scripts.serve import make_server
from tests.browser import playing


@pytest.fixture
def server(built_site):
    """A server of this test's own, so that the test can take it away."""
    running = make_server(built_site, "127.0.0.1", 0)
    threading.Thread(target=running.serve_forever, daemon=True).start()
    yield running
    running.stop()


def test_a_scenario_plays_to_an_ending_with_the_server_gone(watched, server, built_site):
    page = watched
    url = f"http://127.0.0.1:{server.server_port}/"
    page.goto(url + "play/star99/")
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)

    server.stop()
    with pytest.raises(OSError):  # really gone
        urllib.request.urlopen(url, timeout=5)
    page.reload()
    assert page.get_attribute("#cw-scene", "data-decided-by") == "build"
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    story = playing.scenario(built_site, "star99")
    ending, moves = next(iter(playing.paths_to_every_ending(story).items()))
    playing.play_path(page, moves)
    assert page.get_attribute("#cw-scene", "data-scene") == ending
    assert page.get_attribute("#cw-scene", "data-phase") == "ending"
    assert page.get_attribute("#cw-scene", "data-decided-by") == "python"

    page.goto(url + "pupils/ks1")  # never visited, and asked for without its slash
    assert page.url == url + "pupils/ks1/"
    assert page.locator(".cw-card").count() >= 1
