"""After one visit the site works with no network at all: the service worker keeps every page,
the Python runtime, the engine and the scenarios; a visit soon after sends no request; and a new
build takes over whole."""

from __future__ import annotations

import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

from build_scripts import cli
from build_scripts.tools.bench import Traffic, counting_handler
from build_scripts.tools.serve import make_server
from tests.browser import playing

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def deployed(built_site, tmp_path):
    """A copy of the built site, served by our real handler with every request counted, in a
    folder that a test can replace with a new build, and by a server that a test can stop."""
    live = tmp_path / "live"
    shutil.copytree(built_site, live)
    traffic = Traffic()
    running = make_server(live, "127.0.0.1", 0, counting_handler(traffic))
    threading.Thread(target=running.serve_forever, daemon=True).start()
    yield live, traffic, f"http://127.0.0.1:{running.server_port}/", running
    running.stop()


def test_a_scenario_plays_to_an_ending_with_the_server_gone(watched, deployed):
    page = watched
    live, _, url, server = deployed
    playing.open_story(page, url + "play/star99/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)

    server.stop()
    with pytest.raises(OSError):  # really gone
        urllib.request.urlopen(url, timeout=5)
    page.reload()
    assert page.get_attribute("#cw-scene", "data-decided-by") == "build"
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    ending = playing.play_to_an_ending(page, live, "star99")
    assert page.get_attribute("#cw-scene", "data-scene") == ending
    assert page.get_attribute("#cw-scene", "data-phase") == "ending"
    assert page.get_attribute("#cw-scene", "data-decided-by") == "python"

    page.goto(url + "pupils/ks1")  # never visited, and asked for without its slash
    assert page.url == url + "pupils/ks1/"
    assert page.locator(".cw-card").count() >= 1


def kept_versions(page) -> list[str]:
    return page.evaluate("caches.keys()")  # one name per build kept


def test_a_second_visit_sends_no_request_at_all(watched, deployed):
    page = watched
    _, traffic, url, _ = deployed
    playing.open_story(page, url + "play/star99/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    traffic.quiet(seconds=1.0)
    assert traffic.sent, "the first visit came from the server"

    traffic.reset()
    playing.open_story(page, url + "play/star99/")
    for other in ("lessons/block-report-tell/", "help/"):
        page.goto(url + other, wait_until="networkidle")
    traffic.quiet(seconds=1.0)
    assert traffic.sent == []


def test_a_new_build_takes_over_whole_and_keeps_working_offline(watched, deployed, tmp_path):
    page = watched
    live, traffic, url, server = deployed
    playing.open_story(page, url + "play/star99/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    first = kept_versions(page)
    assert len(first) == 1

    new = tmp_path / "new"  # the new build: another school's name on every page
    assert cli.run_build(ROOT, "wateringbury", True, new) == 0
    live.rename(tmp_path / "old")
    new.rename(live)
    # Five minutes pass: the browser's copy of sw.js is stale, so it asks the server again.
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")

    # Answered by the old copy, whole, while the new one is kept.
    page.goto(url + "help/", wait_until="networkidle")
    assert "Our school" in page.inner_text("body")
    for _ in range(600):  # the new build is kept, takes over, and the old copy goes
        kept = kept_versions(page)
        if len(kept) == 1 and kept != first:
            break
        page.wait_for_timeout(100)
    assert len(kept) == 1 and kept != first
    page.goto(url + "help/", wait_until="networkidle")
    assert "Wateringbury" in page.inner_text("body")
    assert "Our school" not in page.inner_text("body")
    playing.open_story(page, url + "play/star99/")

    traffic.quiet(seconds=1.0)
    for path, status, _ in traffic.sent:
        assert status in (200, 304), f"{path} answered {status}"
    ending = playing.play_to_an_ending(page, live, "star99")
    assert page.get_attribute("#cw-scene", "data-scene") == ending
    assert page.get_attribute("#cw-scene", "data-decided-by") == "python"

    server.stop()
    page.goto(url + "help/")
    assert "Wateringbury" in page.inner_text("body")
