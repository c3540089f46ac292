"""Every page of the built site, found by following the site's own links from the home page, in
real Chromium: no serious or critical axe-core violation (WCAG 2.2 A and AA, label in name
included) in light or dark colours, every slide of a deck included; nothing asked of another
host, no console error, page error, failed request or status of 400 or more, no broken link;
and nothing lost (sideways scrolling, text cut off, off the screen or drawn over) at 320 CSS px
wide or with the text twice its size, and the text did grow.

The pages are visited once (a module fixture, in two browsers side by side, as a small machine
has two cores); each test below judges one gate and lists every page that fails it. The number
of pages, of slides and the time taken are printed (``-s``) and written to
``tests/.reports/crawl.json``.

Choices worth knowing:

- Colours. A page opens in light or dark from ``prefers-color-scheme`` (or the colours chosen
  with the control, once somebody has); it does not follow a live change of the media query. So
  each page is checked in the scheme it opens in, then switched with Material's own control while the
  matching media is emulated, and ``data-md-color-scheme`` on <body> is checked before axe runs.
  The rules that colours can change run in both, on each look of text once across the whole
  crawl (``Looks``); the others run once, on every page and every slide.
- Slide decks (present and notes views) show one slide at a time and axe skips hidden ones, so
  every slide is turned to with the arrow keys and checked, at every size.
- Bigger text (WCAG 1.4.4). Chromium's font size setting changes the browser's default size, of
  which Material's root size, and so every rem, is a share: doubling the root element's font size
  is that setting at 200%, except that media queries keep their normal widths, so at 1280 x 800
  the layout stays at its desktop widths with twice the text (the hard case). Whole-page zoom at
  200% on that window is the same as a 640 px wide one, between the two sizes checked here.
  ``Emulation.setPageScaleFactor`` is a pinch-zoom: it magnifies without laying anything out
  again, so it would test nothing here.
- Story and class pages are checked as the build drew them, before Python runs: the crawl
  holds back Pyodide's first file (``RUNTIME``) until it moves on, so the page stays as a pupil
  first sees it while axe and the layout checks run, and no page pays for Python starting (a
  few seconds of both cores each, 90 times). Which of the two a page showed used to depend on
  how fast Python started. Python's own screens are checked elsewhere: test_play starts every
  story and plays it to every ending; test_pupil, test_practice, test_story_flow and
  test_class_mode run axe on them.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import sync_playwright

from tests.browser.conftest import Watch

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / ".reports" / "crawl.json"
# axe-core (the copy axe_playwright_python bundles) and the crawl's own checks, put into each
# page once.
HELPERS = AXE_SCRIPT + ";\n" + (Path(__file__).parent / "every_page.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules whose answer can change with the colours: they run in both colour schemes, on each
# look of text once (see Looks); every other rule runs on every page and every slide.
COLOURS = ["color-contrast", "link-in-text-block"]
COLOUR_RULES = {"runOnly": {"type": "rule", "values": COLOURS}, "resultTypes": ["violations"]}
# axe leaves out its experimental rules unless asked: label-in-name (WCAG 2.5.3) is one of them.
PAGE_RULES = {"runOnly": {"type": "tag", "values": TAGS},
              "rules": {"label-content-name-mismatch": {"enabled": True},
                        **{rule: {"enabled": False} for rule in COLOURS}},
              "resultTypes": ["violations"]}
ASSETS = (".pdf", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".js", ".mjs", ".css",
          ".json", ".zip", ".whl", ".wasm", ".txt", ".xml", ".gz", ".br", ".map")
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
MEDIA = {"default": "light", "slate": "dark"}
OTHER = {"default": "slate", "slate": "default"}
# A browser of its own for each lane: the crawl uses both cores of a small machine.
LANES = 2
# HTML files that no page links to, on purpose.
NOT_LINKED = {"404.html": "the server's answer to a missing page; checked on its own below"}
# Text on a whiteboard's stage (a slide, a class decision) is sized from the stage, to fill the
# screen like a picture of the board; it need not grow with the text size, but nothing on it may
# be lost. Everything around it (controls, titles, the teacher's notes) must grow.
FITTED = ".cw-screen .cw-stage"
SHOWN = 8  # problems listed for one page and one gate before "and N more"
#: The first file of Python's runtime that an engine worker asks for: held back (see above).
RUNTIME = "**/pyodide/pyodide.mjs"


class PageWatch(Watch):
    """``Watch`` for a crawl: a download cut short because the crawl moved on to the next page
    (a story page's Python runtime, still coming) is the crawl's doing, not the page's."""

    def __init__(self, page):
        super().__init__(page)
        self.leaving = False

    def _failed(self, request):
        if not (self.leaving and request.failure == "net::ERR_ABORTED"):
            super()._failed(request)

    def take(self) -> list[str]:
        """What went wrong since the last call, then forget it."""
        found = [f"asked another host for {url}" for url in self.outside] + self.errors
        self.outside, self.errors = [], []
        return found


@dataclass
class Crawl:
    """What the crawl reached and what each gate found, page by page."""

    pages: dict[str, float] = field(default_factory=dict)  # HTML file: seconds it took
    links: dict[str, str] = field(default_factory=dict)  # other same-site files: who links them
    slides: int = 0
    seconds: float = 0.0
    looks: dict[str, int] = field(default_factory=dict)  # scheme: looks of text checked
    problems: dict[str, list[str]] = field(default_factory=dict)

    def add(self, gate: str, where: str, found: list[str]) -> None:
        """Keep what one gate found on one page (the first few, and how many more)."""
        if found:
            more = f" (and {len(found) - SHOWN} more)" if len(found) > SHOWN else ""
            self.problems.setdefault(gate, []).append(f"{where}: {found[:SHOWN]}{more}")

    def merge(self, other: Crawl) -> None:
        """Add what another lane found."""
        self.pages.update(other.pages)
        self.links = {**other.links, **self.links}
        self.slides += other.slides
        for gate, found in other.problems.items():
            self.problems[gate] = sorted(self.problems.get(gate, []) + found)


class Looks:
    """The looks of text already checked for colours, in each scheme, shared by the lanes.

    Colour contrast is most of axe's time (about 5 s of 6 on a scenario outline), and it depends
    on a piece of text's own colours and type and on the boxes around it, not on its words: a
    story's outline is drawn from the same template as the next. So the colour rules run on the
    text whose look (its colours, size and weight, and the tag, classes and inline style of every
    box around it) no page or slide has shown yet in that scheme: every look of the site is
    checked in light and in dark, once."""

    def __init__(self):
        self.seen: dict[str, set[str]] = {}
        self.lock = threading.Lock()

    def take(self) -> dict[str, list[str]]:
        """The looks checked so far, to give a page."""
        with self.lock:
            return {scheme: sorted(looks) for scheme, looks in self.seen.items()}

    def add(self, seen: dict[str, list[str]]) -> None:
        """Keep the looks a page has checked."""
        with self.lock:
            for scheme, looks in seen.items():
                self.seen.setdefault(scheme, set()).update(looks)


class Frontier:
    """The pages still to visit, shared by the lanes: each takes one, checks it and hands back
    the links it found; the crawl ends when nothing is left and no lane is busy."""

    def __init__(self, first: str):
        self.todo = [first]
        self.queued = {html_file(first)}
        self.busy = 0
        self.changed = threading.Condition()

    def take(self) -> str | None:
        """The next page to visit, or None when the crawl is over."""
        with self.changed:
            while not self.todo and self.busy:
                self.changed.wait()
            if not self.todo:
                return None
            self.busy += 1
            return self.todo.pop(0)

    def done(self, links: list[str] | None) -> None:
        """Queue the pages a visit found (None: it failed, so stop the crawl)."""
        with self.changed:
            if links is None:
                self.todo.clear()
            for url in sorted(links or []):
                if html_file(url) not in self.queued:
                    self.queued.add(html_file(url))
                    self.todo.append(url)
            self.busy -= 1
            self.changed.notify_all()


def html_file(url: str) -> str:
    """The built file that a same-site address serves, relative to the site: a folder's address
    serves its index.html."""
    path = unquote(urlsplit(url).path).strip("/")
    return path if path.endswith(".html") else f"{path}/index.html".lstrip("/")


def sort_links(hrefs: list[str], origin: str) -> tuple[list[str], list[str]]:
    """Same-site pages to visit and same-site files to fetch, without #fragments or ?queries.
    Links to other sites, mailto: and tel: are left alone: nothing is asked of them unless
    they are clicked."""
    pages, files = set(), set()
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        bare = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        (files if parts.path.lower().endswith(ASSETS) else pages).add(bare)
    return sorted(pages), sorted(files)


def each_slide(page, slides: int, backwards: bool, check: str, *args):
    """Run ``cwCrawl[check]`` on each other slide of a deck, turning to it with the arrow keys
    from the one on show (the first, or the last when going backwards), which the caller has
    checked already; yields the slide's number and what the check found."""
    key, numbers = (("ArrowLeft", range(slides - 1, 0, -1)) if backwards
                    else ("ArrowRight", range(2, slides + 1)))
    for number in numbers:
        shown, found = page.evaluate("([key, check, args]) => cwCrawl.onSlide(key, check, ...args)",
                                     [key, check, list(args)])
        assert shown == str(number), f"{page.url}: {key} showed slide {shown}, not {number}"
        yield number, found


def check_axe(page, crawl: Crawl, where: str, slides: int, looks: Looks) -> None:
    """axe in the colours the page opened in, every rule but the colour ones, on the page and on
    every slide of a deck; the colour rules on the looks of text not checked yet (see Looks), in
    those colours and then in the other ones."""
    first = page.evaluate("document.body.dataset.mdColorScheme")
    page.evaluate("(seen) => cwCrawl.know(seen)", looks.take())
    found = page.evaluate("(o) => cwCrawl.axe(null, o)", PAGE_RULES)
    for scheme, rules in ((first, PAGE_RULES), (OTHER[first], None)):
        page.emulate_media(color_scheme=MEDIA[scheme])
        shown = page.evaluate("(scheme) => cwCrawl.scheme(scheme)", scheme)
        if shown != scheme:
            found.append(f"[{scheme}] Material's control left the page in {shown}")
            continue
        found += [f"[{scheme}] {v}" for v in page.evaluate(
            "([scheme, o]) => cwCrawl.colours(scheme, null, o)", [scheme, COLOUR_RULES])]
        backwards = scheme != first
        for number, violations in each_slide(page, slides, backwards, "slide", scheme, rules,
                                             COLOUR_RULES):
            found += [f"[{scheme}] slide {number}: {v}" for v in violations]
    looks.add(page.evaluate("cwCrawl.known()"))
    crawl.add("axe", where, found)


def check_layout(page, crawl: Crawl, where: str, slides: int) -> None:
    """Nothing lost at 320 CSS px wide, nor with the text twice its size at 1280 x 800 (and
    that text did grow)."""
    page.set_viewport_size(NARROW)
    page.evaluate("cwCrawl.settle()")
    found = page.evaluate("cwCrawl.lost()")
    for number, lost in each_slide(page, slides, False, "lost"):
        found += [f"slide {number}: {p}" for p in lost]
    crawl.add("320 px wide", where, found)

    page.set_viewport_size(WIDE)
    found = page.evaluate("(fitted) => cwCrawl.bigger(fitted)", FITTED)
    found += page.evaluate("cwCrawl.lost()")
    for number, lost in each_slide(page, slides, True, "lost"):
        found += [f"slide {number}: {p}" for p in lost]
    crawl.add("200% text", where, found)


def check_page(page, watch: PageWatch, crawl: Crawl, url: str, looks: Looks) -> list[str]:
    """Every gate on one page; answers the links it holds."""
    watch.leaving = True  # the page before this one is being left
    response = page.goto(url)
    watch.leaving = False
    where = urlsplit(page.url).path
    if not response or response.status >= 400:
        crawl.add("network", where, [f"answered {response.status if response else 'nothing'}"])
    page.evaluate(HELPERS)
    survey = page.evaluate("cwCrawl.survey()")
    crawl.add("network", where, survey["offSite"])
    crawl.slides += survey["slides"]
    check_axe(page, crawl, where, survey["slides"], looks)
    check_layout(page, crawl, where, survey["slides"])
    crawl.add("network", where, watch.take())
    return survey["links"]


def hold(route) -> None:
    """Leave a request unanswered: the browser drops it when the crawl moves on."""


def crawl_lane(launch_args: dict, site_url: str, frontier: Frontier, looks: Looks) -> Crawl:
    """One browser working through the frontier until no page is left. Service workers are off:
    keeping the site for offline use would download every file in the background
    (tests/browser/test_offline.py checks it); and Python's runtime is held back (RUNTIME)."""
    crawl = Crawl()
    origin = site_url.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args)
        context = browser.new_context(viewport=WIDE, color_scheme="light",
                                      reduced_motion="reduce", service_workers="block")
        context.route(RUNTIME, hold)
        page = context.new_page()
        watch = PageWatch(page)
        while (url := frontier.take()) is not None:
            links, started = None, time.monotonic()
            try:
                pages, files = sort_links(check_page(page, watch, crawl, url, looks), origin)
                crawl.links.update({file: urlsplit(url).path for file in files})
                links = pages
            finally:
                crawl.pages[html_file(url)] = round(time.monotonic() - started, 2)
                frontier.done(links)
        browser.close()
    return crawl


def status(url: str) -> int:
    """The HTTP status the server answers for ``url``."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD")) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def crawl(browser_type_launch_args, site_url) -> Crawl:
    """The whole site crawled once by LANES browsers, then every other same-site file a page
    links to fetched; the summary is printed and written to REPORT."""
    started = time.monotonic()
    frontier, looks = Frontier(site_url), Looks()
    result = Crawl()
    with ThreadPoolExecutor(LANES) as pool:
        lanes = [pool.submit(crawl_lane, browser_type_launch_args, site_url, frontier, looks)
                 for _ in range(LANES)]
        for lane in lanes:
            result.merge(lane.result())
    for url, linked_from in sorted(result.links.items()):
        if (code := status(url)) >= 400:
            result.add("network", linked_from, [f"links to {url}: {code}"])
    result.seconds = round(time.monotonic() - started, 1)
    result.looks = {scheme: len(seen) for scheme, seen in looks.seen.items()}
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(result.__dict__, indent=1) + "\n")
    print(f"\nCrawled {len(result.pages)} pages ({result.slides} slides) in light and dark, "
          f"at 320 px and with 200% text, in {result.seconds} s; looks of text checked for "
          f"colours: {result.looks}; problems: "
          f"{ {gate: len(found) for gate, found in result.problems.items()} }")
    return result


def test_every_html_file_is_reached_by_following_links(crawl, built_site):
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert sorted(files - set(crawl.pages) - set(NOT_LINKED)) == [], "no page links to these"
    assert sorted(set(crawl.pages) - files) == []
    assert len(crawl.pages) >= len(files) - len(NOT_LINKED)


@pytest.mark.parametrize("gate", ["axe", "network", "320 px wide", "200% text"])
def test_every_page_passes(crawl, gate):
    assert crawl.problems.get(gate, []) == [], "\n".join(crawl.problems.get(gate, []))


def test_a_missing_page_answers_404_with_a_page_that_passes_too(browser, site_url):
    """The 404 page, on a first visit from a device set to dark colours."""
    context = browser.new_context(viewport=WIDE, color_scheme="dark", reduced_motion="reduce",
                                  service_workers="block")
    page = context.new_page()
    missing = site_url + "no-such-page/"
    page.goto(missing)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    crawl = Crawl()
    check_page(page, PageWatch(page), crawl, missing, Looks())
    assert crawl.problems.pop("network") == [
        "/no-such-page/: ['answered 404']",
        f"/no-such-page/: ['404: {missing}', "
        "'Failed to load resource: the server responded with a status of 404 (Not Found)']"]
    assert crawl.problems == {}
    assert page.locator("h1").inner_text() == "404 - Not found"
    context.close()


def test_the_colour_rules_check_each_new_look_of_text_once(browser, site_url):
    """The crawl checks colours once per look of text (see Looks): a look the page has not shown
    before is checked, and found when it fails; text that only repeats a checked look is not
    checked again."""
    page = browser.new_context(viewport=WIDE, service_workers="block").new_page()
    page.goto(site_url + "lessons/three-random-words/")
    page.evaluate(HELPERS)
    colours = "([scheme, o]) => cwCrawl.colours(scheme, null, o)"
    assert page.evaluate(colours, ["default", COLOUR_RULES]) == []
    checked = len(page.evaluate("cwCrawl.known()")["default"])
    page.evaluate("""() => { for (const words of ['Faint words', 'Faint words again']) {
        const p = document.createElement('p');
        p.textContent = words; p.style.color = '#ddd'; p.className = 'cw-faint';
        document.querySelector('article').append(p); } }""")
    found = page.evaluate(colours, ["default", COLOUR_RULES])
    assert len(found) == 1 and found[0].startswith("color-contrast (serious) at .cw-faint:")
    assert "," not in found[0]  # one of the two faint paragraphs: they look the same
    assert len(page.evaluate("cwCrawl.known()")["default"]) == checked + 1
    assert page.evaluate(colours, ["default", COLOUR_RULES]) == []  # checked already
    assert page.evaluate(colours, ["slate", COLOUR_RULES]) != []  # not yet in dark
    page.context.close()
