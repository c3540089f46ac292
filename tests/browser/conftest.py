"""Real Chromium (Debian's), and a page that fails the test on any request off 127.0.0.1,
any console error and any failed request."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from build_scripts.tools.bench import CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": CHROMIUM_ARGS}


def axe_violations(page, context=None) -> list[dict]:
    """axe-core's violations on ``page`` (or ``context`` in it), run once nothing moves:
    Material fades its tabs out as a page scrolls, and colours judged half-way through a fade
    are not the colours anyone reads."""
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    return Axe().run(page, context=context).response["violations"]


def serious_violations(page) -> list[str]:
    """The serious and critical ones, with where each is."""
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in axe_violations(page) if v["impact"] in ("serious", "critical")]


class Watch:
    """What a page asked for and complained about."""

    def __init__(self, page):
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.errors.append(f"{r.status}: {r.url}")
                if r.status >= 400 else None)

    def _failed(self, request):
        # The browser asks for the tab's icon on its own, and a reload or a new page cuts that
        # short: not a failure of the page.
        if request.url.endswith("/favicon.svg") and request.failure == "net::ERR_ABORTED":
            return
        self.errors.append(f"failed: {request.url} ({request.failure})")

    def _request(self, request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")):
            return
        if host != "127.0.0.1":
            self.outside.append(request.url)

    def assert_clean(self):
        assert self.outside == [], f"requests left 127.0.0.1: {self.outside}"
        assert self.errors == [], f"console errors or failed requests: {self.errors}"


@pytest.fixture
def watched(page):
    """The page, watched: the test fails if anything leaves the site or errors."""
    watch = Watch(page)
    yield page
    watch.assert_clean()
