"""Printing from Chromium on A4: parents' handouts, lesson plans and teacher notes, scenario
outlines and a pupil's certificate. Every page is A4; each kind prints on as many pages as its
text needs (a handout and a certificate on exactly one); none of the site's navigation prints;
nothing of the page's own text is lost (pdftotext reads the PDF back); nothing is wider than
the paper, and no picture is taller than a page."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from quiz_engine import play
from tests.browser import playing

ROOT = Path(__file__).resolve().parents[2]
HANDOUTS = sorted(p.stem for p in (ROOT / "content/parents/handouts").glob("*.md"))
BANDS = ("ks1", "ks2", "parents")
A4_POINTS = (595, 842)
# A4 less the 15 mm margins of clickwise.css's @page, in CSS pixels (96 to the inch).
PRINTABLE_PX = (680, 1009)
# A readable printed page holds between these many words: outside them pages are blank or
# crammed. Clickwise's lessons and outlines print at 230 to 430 words a page.
WORDS_PER_PAGE = (150, 700)
FURNITURE = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .md-skip"
FURNITURE_TEXT = ("Skip to content", "Table of contents", "Back to top")
NAME = "Anastasia Featherstonehaugh-Worthington"  # nearly the name box's 40 letters

# What each kind must print: (where its text is, what must all be found in the PDF's text).
CONTENT = {
    "handout": ("article", "article :is(h1, h2, h3, h4)"),
    "plan": ("article", "article :is(h1, h2, h3, h4)"),
    "notes": (".cw-notes-view", ".cw-notes-title, .cw-notes-panel :is(h2, h3, summary)"),
    "outline": ("article", "article :is(h1, h2, h3, h4)"),
    "certificate": ("#cw-certificate", "#cw-certificate :is(p, li)"),
    "class-summary": (".cw-class-summary", ".cw-class-summary :is(h2, th, li)"),
}

# Elements of ``root`` that reach past the paper's sides (2px of slack: a border may sit on
# the margin), hide text in a clipped box, or (pictures) are taller than a page and would be
# cut at its foot.
TOO_BIG = """([root, width, height]) => {
  const name = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => "." + c).join("");
  const found = [];
  for (const el of [root, ...root.querySelectorAll("*")]) {
    const box = el.getBoundingClientRect();
    if (!el.checkVisibility() || box.width === 0) continue;
    const html = el instanceof HTMLElement;  // an SVG element's scrollWidth means nothing
    const clips = html && getComputedStyle(el).overflowX !== "visible";
    const right = Math.max(box.right, html && !clips ? box.left + el.scrollWidth : 0);
    if (box.left < -2 || right > width + 2) {
      found.push(`${name(el)} spans ${Math.round(box.left)} to ${Math.round(right)}px`);
    }
    if (clips && el.scrollWidth > el.clientWidth + 2) {
      found.push(`${name(el)} clips ${el.scrollWidth}px of text to ${el.clientWidth}px`);
    }
    if (el.matches("svg, img") && box.height > height) {
      found.push(`${name(el)} is ${Math.round(box.height)}px tall`);
    }
  }
  return found;
}"""


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of each page of a PDF that Chromium wrote (one MediaBox per page)."""
    assert re.findall(rb"/Type\s*/Page[^s]", pdf)
    return [(float(w), float(h)) for w, h in
            re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]


def fold(text: str) -> str:
    """Text in lower case with whitespace folded and each hyphen dropped with the space after
    it (pdftotext joins a word hyphenated at the end of a line), so the page's text and the
    PDF's compare."""
    return " ".join(re.sub(r"-\s*", "", text.casefold()).split())


def words(text: str) -> Counter:
    return Counter(re.findall(r"[^\W_]+", fold(text)))


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is needed to read printed pages back: install poppler-utils "
                    "(Debian: apt-get install poppler-utils), or use ./run test, which does.")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode()


def open_for_print(page, url: str) -> None:
    """Open ``url`` in a window as wide as the printable part of an A4 page."""
    width, height = PRINTABLE_PX
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)


def print_to_pdf(page, kind: str, tmp_path: Path) -> tuple[list[tuple[float, float]], str]:
    """Print the open page as Chromium does (its own @page sizes), keeping the PDF in
    ``tmp_path``; the size of each page and the text read back from it."""
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (tmp_path / f"{kind}.pdf").write_bytes(pdf)
    return pdf_pages(pdf), pdf_text(pdf)


def print_problems(page, kind: str, tmp_path: Path) -> tuple[int, list[str]]:
    """Print the open page to PDF (kept in ``tmp_path``) and return its page count and every
    problem: a page not A4, site navigation printed, page text lost or a heading left alone at
    the foot of a page, something too big for the paper."""
    tabs = " ".join(t.strip() for t in page.locator(".md-tabs__link").all_text_contents())
    sizes, printed = print_to_pdf(page, kind, tmp_path)
    problems = [f"page {n} is {w:.0f} x {h:.0f} points, not A4"
                for n, (w, h) in enumerate(sizes, 1) if (round(w), round(h)) != A4_POINTS]
    problems += [f"navigation printed: {name}" for name in page.evaluate(
        "(s) => [...document.querySelectorAll(s)].filter((e) => e.checkVisibility())"
        ".map((e) => e.className)", FURNITURE)]
    problems += [f"navigation text printed: {text!r}" for text in (tabs, *FURNITURE_TEXT)
                 if text and fold(text) in fold(printed)]
    root = page.locator(CONTENT[kind][0]).first
    problems += text_problems(page.locator(CONTENT[kind][1]).all_text_contents(),
                              root.inner_text(), printed)
    problems += page.evaluate(TOO_BIG, [root.element_handle(), *PRINTABLE_PX])
    return len(sizes), problems


def text_problems(must_print: list[str], text: str, printed: str) -> list[str]:
    """Headings (``must_print``) missing from the PDF's text or last on one of its pages but
    the last; words of the page's printed ``text`` missing from it."""
    problems = [f"not printed: {line!r}" for line in must_print if fold(line) not in fold(printed)]
    page_ends = [fold(p.strip().splitlines()[-1]) for p in printed.split("\f")[:-1] if p.strip()]
    problems += [f"heading alone at the foot of a page: {line!r}" for line in must_print
                 if fold(line) in page_ends[:-1]]
    lost = words(text) - words(printed)
    return problems + ([f"words of the page missing from the PDF: {dict(lost)}"] if lost else [])


def readable_pages(page, kind: str) -> range:
    """How many pages the printed text of the open page should take."""
    count = sum(words(page.locator(CONTENT[kind][0]).first.inner_text()).values())
    fewest, most = WORDS_PER_PAGE
    return range(max(1, math.ceil(count / most)), max(1, math.ceil(count / fewest)) + 1)


def longest(site: Path, addresses: list[str]) -> str:
    """The address, of those given, whose built page is largest: the likeliest to break."""
    return max(addresses, key=lambda a: (site / a / "index.html").stat().st_size)


def test_there_are_six_handouts():
    assert len(HANDOUTS) >= 6


@pytest.mark.parametrize("handout", HANDOUTS)
def test_handout_prints_cleanly_on_exactly_one_a4_page(watched, site_url, handout, tmp_path):
    open_for_print(watched, site_url + f"parents/handouts/{handout}/")
    pages, problems = print_problems(watched, "handout", tmp_path)
    assert problems == []
    assert pages == 1, f"{handout} printed on {pages} pages"


@pytest.mark.parametrize("view", ["plan", "notes"])
@pytest.mark.parametrize("band", BANDS)
def test_the_longest_lesson_of_each_band_prints_cleanly(watched, site_url, built_site, band,
                                                        view, tmp_path):
    lessons = [f"lessons/{p.stem}" for p in (ROOT / "lessons" / band).glob("*.md")]
    address = longest(built_site, lessons) + ("/notes/" if view == "notes" else "/")
    open_for_print(watched, site_url + address)
    pages, problems = print_problems(watched, view, tmp_path)
    assert problems == [], address
    assert pages in readable_pages(watched, view), f"{address} printed on {pages} pages"


def test_the_year_plan_prints_on_one_a4_page_with_every_lesson(watched, site_url, built_site,
                                                                 tmp_path):
    """The online-safety lead's year plan: Year 1 to Year 6, a term a column, every pupils'
    lesson in it, on one A4 page with nothing cut off at its sides."""
    open_for_print(watched, site_url + "teachers/year-plan/")
    pupils = [p.stem for band in ("ks1", "ks2") for p in (ROOT / "lessons" / band).glob("*.md")]
    linked = watched.locator(".cw-year-plan td a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.split('/').at(-2))")
    assert sorted(linked) == sorted(pupils)
    pages, problems = print_problems(watched, "plan", tmp_path)
    assert problems == []
    assert pages == 1


@pytest.mark.parametrize("band", BANDS)
def test_the_longest_scenario_outline_of_each_band_prints_cleanly(watched, site_url, built_site,
                                                                  band, tmp_path):
    address = longest(built_site, [f"teachers/scenarios/{sid}"
                                   for sid in playing.ids(built_site, band)]) + "/"
    open_for_print(watched, site_url + address)
    pages, problems = print_problems(watched, "outline", tmp_path)
    assert problems == [], address
    assert pages in readable_pages(watched, "outline"), f"{address} printed on {pages} pages"


def fullest_certificate(site: Path, band: str) -> tuple[str, list[int]]:
    """The story and path whose certificate says most: the safe choices made on the way and
    the safer choice the ending teaches (the engine's summary is what the certificate shows)."""
    def said(found: tuple[str, list[int]]) -> int:
        story = playing.scenario(site, found[0])
        state = play.start(story)
        for move in found[1]:
            playing.make(story, state, move)
        summary = play.summary(story, state)
        return len(" ".join(summary["verdict"]["safe"] + [summary["ending"]["safer_choice"]]))

    return max(((sid, moves) for sid in playing.ids(site, band) for moves in
                playing.paths_to_every_ending(playing.scenario(site, sid)).values()), key=said)


@pytest.mark.parametrize("band", ["ks1", "ks2"])
def test_a_certificate_prints_cleanly_on_exactly_one_a4_page(watched, site_url, built_site,
                                                             band, tmp_path):
    scenario_id, moves = fullest_certificate(built_site, band)
    open_for_print(watched, site_url + f"play/{scenario_id}/")
    watched.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    playing.play_path(watched, moves)
    watched.fill("#cw-name-input", NAME)
    pages, problems = print_problems(watched, "certificate", tmp_path)
    assert problems == [], scenario_id
    assert pages == 1, f"the certificate for {scenario_id} printed on {pages} pages"


def test_a_class_summary_prints_cleanly_on_one_a4_page(watched, site_url, built_site, tmp_path):
    """After class mode, the teacher prints what the class chose, with the hands at each
    decision, for the class's folder: the longest path through a story, on one A4 page."""
    page = watched
    story = playing.scenario(built_site, "star99")
    moves = max(playing.paths_to_every_ending(story).values(), key=len)
    open_for_print(page, site_url + "class/star99/")
    page.wait_for_selector("#cw-class[data-python^='3.']", timeout=60_000)
    for index in moves:
        page.fill(f'.cw-hands-input[data-index="{index}"]', "27")
        page.keyboard.press("Enter")
        page.wait_for_selector(f'.cw-tally[data-index="{index}"][data-votes="27"]')
        page.click('#cw-class [data-do="majority"]')
        page.click('#cw-class [data-do="continue"]')
        page.wait_for_selector('#cw-decision[data-decided-by="python"]:not([data-phase="feedback"])')
    page.click('[data-show="summary"]')
    page.wait_for_selector('#cw-decision[data-phase="summary"]')
    pages, problems = print_problems(page, "class-summary", tmp_path)
    assert problems == []
    assert pages == 1
    printed = fold(pdf_text((tmp_path / "class-summary.pdf").read_bytes()))
    assert printed.count(fold("(27 hands)")) == len(moves)
    for words in ("Print the summary", "Follow the class", "Decision 1"):
        assert fold(words) not in printed, words


@pytest.mark.parametrize("band", BANDS)
def test_the_class_slides_print_one_to_a_landscape_page(watched, site_url, built_site, band,
                                                        tmp_path):
    """A teacher may print the whiteboard slides (a handout, or a lesson without a projector):
    every slide in order, each on its own landscape A4 page, without the slide controls."""
    lessons = [f"lessons/{p.stem}/present" for p in (ROOT / "lessons" / band).glob("*.md")]
    address = longest(built_site, lessons) + "/"
    page = watched
    page.goto(site_url + address)
    page.wait_for_selector("#cw-deck[data-live]")  # one slide on show, the others hidden
    titles = page.locator(".cw-slides > .cw-slide .cw-slide-title").all_text_contents()
    controls = page.locator(".cw-bar").inner_text()
    sizes, printed = print_to_pdf(page, "slides", tmp_path)
    text = page.locator(".cw-slides").inner_text()  # every slide, as printed
    assert len(titles) >= 6 and len(sizes) == len(titles), address
    assert {(round(w), round(h)) for w, h in sizes} == {A4_POINTS[::-1]}  # landscape
    pages = [fold(p) for p in printed.split("\f")[:len(titles)]]
    for number, (title, on_page) in enumerate(zip(titles, pages), 1):
        assert on_page.startswith(fold(title)), f"{address} page {number}: {on_page[:60]!r}"
    assert text_problems(titles, text, printed) == []
    for words_of_a_control in ("Notes view", "Lesson plan", "Slide 1 of"):
        assert words_of_a_control in controls and fold(words_of_a_control) not in fold(printed)
