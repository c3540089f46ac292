"""Whiteboard mode in real Chromium: a lesson presented with the keyboard, the notes view kept in
step, class mode run with votes, a reveal, the majority, a tie and the summary (every step decided
by Python), and every view fitting three screen sizes with no serious accessibility problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from build_scripts.load import content
from build_scripts.pages import present
from tests.browser import playing
from tests.browser.conftest import axe_violations, keep_shot

ROOT = Path(__file__).resolve().parents[2]
LESSON = "my-private-things"
PRESENT = f"lessons/{LESSON}/present/"
NOTES = f"lessons/{LESSON}/notes/"
CLASS_LIVE = "#cw-class[data-python^='3.']"
SIZES = [(1920, 1080), (1366, 768), (3840, 2160)]
# Words that belong to the teacher only: notes, SEND adaptations and safeguarding.
TEACHER_ONLY = ["Teacher notes", "Hold up a shoebox", "Adaptations for pupils with SEND",
                "Use real objects and symbol cards", "Safeguarding note",
                "Some pupils may say they have already shared", "If a child tells you",
                "Do not promise to keep it secret", "Designated Safeguarding Lead"]


def lessons() -> dict:
    loaded, _ = content.load(ROOT)
    return loaded.lessons


def counter(page) -> str:
    return page.inner_text("#cw-counter").strip()


def shown_slide(page) -> dict:
    """The visible slide: its number, how it fits, its smallest text and any page overflow."""
    return page.evaluate("""() => {
        const shown = [...document.querySelectorAll('#cw-stage > .cw-slide')].filter(s => !s.hidden);
        const slide = shown[0];
        const text = [...slide.querySelectorAll('p, li, td, th')].map(
            e => parseFloat(getComputedStyle(e).fontSize));
        const root = document.documentElement;
        return {count: shown.length, number: slide.dataset.slide, fit: slide.dataset.fit,
                smallest: Math.min(...text), overflow: root.scrollWidth > innerWidth
                || root.scrollHeight > innerHeight};
    }""")


def test_a_lesson_is_presented_start_to_end_with_the_keyboard(watched, site_url):
    page = watched
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(site_url + PRESENT)
    page.wait_for_selector("#cw-deck[data-live]")
    total = len(present.split(lessons()[LESSON].body).slides) + 1  # and the title slide
    assert counter(page) == f"Slide 1 of {total}"
    assert not page.is_visible(".md-header") and not page.is_visible(".md-tabs")
    keys = ["ArrowRight", "Space", "PageDown"]
    for number in range(1, total + 1):
        slide = shown_slide(page)
        assert (slide["count"], slide["number"]) == (1, str(number))
        assert slide["fit"] in ("fits", "scaled") and not slide["overflow"]
        assert slide["smallest"] >= 32, f"slide {number} text is {slide['smallest']}px"
        page.keyboard.press(keys[number % len(keys)])
    assert counter(page) == f"Slide {total} of {total}"  # no further than the last
    for key, expected in [("ArrowLeft", total - 1), ("PageUp", total - 2), ("Shift+Space", total - 3),
                          ("Home", 1), ("ArrowLeft", 1), ("End", total)]:
        page.keyboard.press(key)
        assert counter(page) == f"Slide {expected} of {total}", key
    assert page.url.endswith(f"#slide-{total}")
    html = page.content()
    for words in TEACHER_ONLY:
        assert words not in html, words


def test_buttons_and_swipes_turn_the_slides(watched, site_url):
    page = watched
    page.goto(site_url + PRESENT + "#slide-2")
    page.wait_for_selector("#cw-deck[data-live]")
    assert counter(page).startswith("Slide 2 ")
    page.click('[data-go="1"]')
    assert counter(page).startswith("Slide 3 ")
    page.click('[data-go="-1"]')
    page.click('[data-go="-1"]')
    assert counter(page).startswith("Slide 1 ")
    assert page.is_disabled('[data-go="-1"]')
    swipe = """(dx) => {
        const stage = document.getElementById('cw-stage');
        const at = (type, x) => stage.dispatchEvent(new PointerEvent(type,
            {pointerType: 'touch', clientX: x, clientY: 300, bubbles: true}));
        at('pointerdown', 600); at('pointerup', 600 + dx);
    }"""
    page.evaluate(swipe, -200)
    page.evaluate(swipe, -200)
    assert counter(page).startswith("Slide 3 ")
    page.evaluate(swipe, 200)
    assert counter(page).startswith("Slide 2 ")
    page.evaluate(swipe, 10)  # a tap is not a swipe
    assert counter(page).startswith("Slide 2 ")
    page.click("[data-fullscreen]")
    page.wait_for_function("() => document.fullscreenElement !== null")
    # the label follows the fullscreenchange event, which comes after fullscreenElement is set
    expect(page.locator("[data-fullscreen]")).to_have_text("Leave full screen", timeout=5_000)
    page.keyboard.press("PageDown")
    assert counter(page).startswith("Slide 3 ")


def test_the_notes_view_shows_now_next_and_notes_and_follows_the_class_view(context, site_url):
    board, laptop = context.new_page(), context.new_page()
    board.goto(site_url + PRESENT)
    laptop.goto(site_url + NOTES)
    for page in (board, laptop):
        page.wait_for_selector("#cw-deck[data-live]")
    board.keyboard.press("ArrowRight")
    laptop.wait_for_selector('#cw-deck[data-slide="2"]')
    notes = laptop.locator(".cw-notes-for:visible")
    assert notes.count() == 1 and "Hold up a shoebox" in notes.inner_text()
    assert laptop.inner_text('[data-show="current"] .cw-slide-title') == "My private box"
    assert laptop.inner_text('[data-show="next"] .cw-slide-title') == "Private or OK to share?"
    for words in ("Adaptations for pupils with SEND", "Safeguarding note"):
        assert laptop.locator(".cw-notes-panel summary").get_by_text(words).is_visible(), words
    panel = laptop.locator(".cw-notes-panel .cw-safeguarding")
    assert panel.is_visible()
    # the neutral school names no lead: the panel says so, and claims no one
    assert ("Designated safeguarding lead at Our school: not named in Our school's settings"
            in panel.inner_text())
    assert "ask your class teacher" not in panel.inner_text().lower()
    assert "Do not promise to keep it secret" in panel.inner_text()
    laptop.keyboard.press("PageDown")
    board.wait_for_selector('#cw-deck[data-slide="3"]')
    laptop.keyboard.press("End")
    assert laptop.inner_text('[data-show="next"]') == "End of the lesson"
    board.wait_for_selector('#cw-deck[data-slide]:not([data-slide="3"])')
    assert counter(board) == counter(laptop)


TEACHER_WORDS = re.compile(r"\b(starter|main activity|plenary|discussion questions|"
                           r"teacher notes)\b", re.I)


def test_the_slides_show_the_activities_and_pictures_and_no_teacher_words(watched, site_url):
    """Friends we know: the situations to read out, the two circles to sort into, the questions
    and Sam's picture are on the board; the answers and the plan's words are not."""
    page = watched
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(site_url + "lessons/online-friends/present/")
    page.wait_for_selector("#cw-deck[data-live]")
    seen = []
    while True:
        slide = page.locator("#cw-stage > .cw-slide:visible")
        seen.append(slide.inner_text())
        for picture in slide.locator(".cw-slide-picture").all():
            box = picture.locator("img").bounding_box()
            assert picture.locator("img").evaluate("i => i.complete && i.naturalWidth > 0")
            assert box["width"] >= 200 and box["height"] >= 200, box
        if page.is_disabled('[data-go="1"]'):
            break
        page.keyboard.press("ArrowRight")
    board = "\n".join(seen)
    assert not TEACHER_WORDS.search(board), TEACHER_WORDS.search(board)
    for words in ("Sam is playing a game.", 'Someone online says, "Let\'s meet at the park.',
                  "Thumbs up for a surprise.", "Who could Sam tell? Who could you tell?"):
        assert words in board, words
    assert "(Surprise.)" not in board and "(Tell.)" not in board
    page.goto(site_url + "lessons/online-friends/present/#slide-5")
    circles = page.locator("#cw-stage > .cw-slide:visible .cw-sort-group")
    assert circles.all_inner_texts() == ["Friends I know in real life", "People I only know online"]
    boxes = [c.bounding_box() for c in circles.all()]
    assert all(abs(b["width"] - b["height"]) < 2 and b["width"] >= 250 for b in boxes), boxes
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"]  # side by side
    assert page.locator("#cw-stage > .cw-slide:visible").get_attribute("data-fit") == "fits"


def test_the_notes_keep_their_lists_beside_the_slide(watched, site_url):
    page = watched
    page.goto(site_url + "lessons/online-friends/notes/#slide-4")
    page.wait_for_selector("#cw-deck[data-live]")
    notes = page.locator(".cw-notes-for:visible")
    assert notes.locator("li").all_inner_texts()[:2] == [
        '"Don\'t tell Mum, it\'s her birthday present!" (Surprise.)',
        '"We\'re having a party for Miss Patel. Shh!" (Surprise.)']
    assert notes.locator("li").count() == 5
    assert notes.locator(".cw-notes-part").inner_text() == "Main activity"


def tap(page, action: str, index: int | None = None) -> None:
    where = f'[data-do="{action}"]' + ("" if index is None else f'[data-index="{index}"]')
    page.click(f"#cw-class {where}")


def tallies(page) -> dict[int, int]:
    return {int(li.get_attribute("data-index")): int(li.get_attribute("data-votes"))
            for li in page.locator(".cw-tally").all()}


def test_a_class_votes_reveals_follows_the_majority_breaks_a_tie_and_prints_a_summary(
        watched, site_url, built_site):
    page = watched
    page.set_viewport_size({"width": 1920, "height": 1080})
    story = playing.scenario(built_site, "star99")
    # the longest way made of choices alone (votes on a practice are test_practice's)
    moves = max((m for m in playing.paths_to_every_ending(story).values()
                 if all(isinstance(move, int) for move in m)), key=len)
    assert len(moves) >= 2
    page.goto(site_url + "class/star99/")
    assert page.get_attribute("#cw-decision", "data-decided-by") == "build"
    page.wait_for_selector(CLASS_LIVE, timeout=60_000)
    page.wait_for_selector('#cw-decision[data-decided-by="python"]')
    first = story.scene(story.start)
    other = next(i for i in range(len(first.choices)) if i != moves[0])
    for action, index in [("vote", moves[0]), ("vote", moves[0]), ("vote", other),
                          ("unvote", other)]:
        tap(page, action, index)
    page.wait_for_function(f"() => document.querySelector('.cw-tally[data-index=\"{moves[0]}\"]')"
                           ".dataset.votes === '2'")
    assert tallies(page)[moves[0]] == 2 and tallies(page)[other] == 0
    assert page.input_value(f'.cw-tally[data-index="{moves[0]}"] .cw-hands-input') == "2"
    assert page.is_disabled(f'[data-do="unvote"][data-index="{other}"]')
    tap(page, "reveal")
    page.wait_for_selector(".cw-tally-feedback")
    shown = page.locator(".cw-tally-feedback").all_inner_texts()
    assert shown == [c.feedback for c in first.choices]  # every choice's feedback at once
    tap(page, "majority")
    page.wait_for_selector('#cw-decision[data-phase="feedback"]')
    assert first.choices[moves[0]].label in page.inner_text(".cw-class-chose")
    tap(page, "continue")
    page.wait_for_selector('#cw-decision[data-phase="scene"]')
    offered = list(tallies(page))
    tied = [moves[1], next(i for i in offered if i != moves[1])]
    for index in tied:
        tap(page, "vote", index)
    page.wait_for_function("() => [...document.querySelectorAll('.cw-tally')]"
                           ".filter(t => t.dataset.votes === '1').length === 2")
    tap(page, "majority")
    page.wait_for_selector("#cw-class[data-needs-pick]")
    assert "tie" in page.inner_text("#cw-class-notice")
    assert page.get_attribute("#cw-decision", "data-phase") == "scene"  # the engine refused
    for index in moves[1:]:
        tap(page, "teacher", index)
        page.wait_for_selector('#cw-decision[data-phase="feedback"]')
        tap(page, "continue")
        page.wait_for_selector('#cw-decision:not([data-phase="feedback"])')
    assert page.get_attribute("#cw-decision", "data-phase") == "ending"
    page.click('[data-show="summary"]')
    page.wait_for_selector('#cw-decision[data-phase="summary"]')
    rows = page.locator(".cw-summary-table tbody tr")
    assert rows.count() == len(moves)
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert cells[0][1] == f"{first.choices[moves[0]].label} (2 hands)"
    assert cells[1][1].count("(1 hand)") == 2
    assert cells[0][2].startswith(first.choices[moves[0]].label)
    assert all(row[3] for row in cells)
    discussion = json.loads((built_site / "scenarios/star99.json").read_text())["discussion"]
    assert page.locator(".cw-class-summary .cw-discussion li").all_inner_texts() == discussion
    page.emulate_media(media="print")
    assert page.is_visible(".cw-summary-table")
    assert not page.is_visible("#cw-class .cw-bar")
    assert not page.is_visible('[data-print]')


#: Each slide of the deck on show, turned to with the arrow key given from the first slide
#: (going right) or the last (going left), shown with Home or End so that it is fitted to the
#: window's size now: how it fits, its smallest type, its title and any picture that did not
#: load, in the deck's order.
EACH_SLIDE = """(key) => {
    const press = (key) => document.dispatchEvent(new KeyboardEvent('keydown', {key}));
    press(key === 'ArrowLeft' ? 'End' : 'Home');
    const found = [];
    const count = document.querySelectorAll('#cw-stage > .cw-slide').length;
    for (let turned = 0; turned < count; turned++) {
        const shown = document.querySelector('#cw-stage > .cw-slide:not([hidden])');
        const sizes = [...shown.querySelectorAll('p, li, td, th')]
            .map(e => parseFloat(getComputedStyle(e).fontSize));
        const broken = [...shown.querySelectorAll('img')].filter(
            i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
        found.push([shown.dataset.fit, Math.min(...sizes),
                    shown.querySelector('.cw-slide-title').textContent, broken]);
        press(key);
    }
    return key === 'ArrowLeft' ? found.reverse() : found;
}"""


def test_every_slide_of_every_lesson_fits_with_big_type(page, site_url):
    # Each deck is opened once: at the first size its slides are turned to going right, then
    # at the second size (the window resized, as a teacher's may be) going left.
    for lesson in sorted(lessons()):
        page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        page.goto(site_url + f"lessons/{lesson}/present/")
        page.wait_for_selector("#cw-deck[data-live]")
        for (width, height), key in zip(SIZES[:2], ("ArrowRight", "ArrowLeft")):
            page.set_viewport_size({"width": width, "height": height})
            slides = page.evaluate(EACH_SLIDE, key)
            assert len(slides) >= 4, lesson
            for number, (fit, smallest, title, broken) in enumerate(slides, 1):
                assert fit in ("fits", "scaled"), f"{lesson} slide {number} at {width}px: {fit}"
                assert not TEACHER_WORDS.search(title) and broken == [], (lesson, title, broken)
                if width == 1920:
                    assert smallest >= 32, f"{lesson} slide {number}: {smallest}px"


def assert_fits_and_big_controls(page, where: str) -> None:
    sizes = page.evaluate("""() => {
        const root = document.documentElement;
        const small = [...document.querySelectorAll(
            '.cw-screen :is(button, .cw-bar-button, .cw-big-link, summary)')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 48 || r.height < 48).map(([t]) => t);
        return {w: root.scrollWidth, h: root.scrollHeight, vw: innerWidth, vh: innerHeight, small};
    }""")
    assert sizes["w"] <= sizes["vw"] and sizes["h"] <= sizes["vh"], (where, sizes)
    assert sizes["small"] == [], (where, sizes["small"])


def test_every_view_fits_three_screens_with_big_controls(watched, site_url):
    page = watched
    views = [("present", PRESENT + "#slide-3"), ("present-table",
             "lessons/online-safety-evening/present/#slide-4"),
             ("notes", NOTES + "#slide-3"), ("class", "class/star99/")]
    for name, url in views:
        page.goto(site_url + url)
        if name == "class":
            page.wait_for_selector(CLASS_LIVE, timeout=60_000)
            tap(page, "vote", 1)
            tap(page, "reveal")
            page.wait_for_selector(".cw-tally-feedback")
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(150)  # the refit waits for the next frame
            assert_fits_and_big_controls(page, f"{name} at {width}x{height}")
            keep_shot(page, f"{name}-{width}x{height}", full_page=False)


def serious_problems(page, context=None) -> list:
    found = axe_violations(page, context)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", [PRESENT, NOTES, "class/star99/"])
def test_no_serious_accessibility_problems_in_the_whiteboard_views(watched, site_url, url, scheme):
    page = watched
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + url)
    if url.startswith("class/"):
        page.wait_for_selector(CLASS_LIVE, timeout=60_000)
        tap(page, "vote", 0)
        tap(page, "reveal")
        page.wait_for_selector(".cw-tally-feedback")
    else:
        page.wait_for_selector("#cw-deck[data-live]")
    assert serious_problems(page) == []


def test_the_plan_has_a_safeguarding_panel_and_links_to_its_views(watched, site_url):
    page = watched
    page.goto(site_url + f"lessons/{LESSON}/")
    panel = page.locator(".cw-safeguarding")
    assert ("Designated safeguarding lead at Our school: not named in Our school's settings"
            in panel.inner_text())
    assert "safeguarding: lead: in schools/default.yml" in panel.inner_text()
    assert panel.locator("li").count() == 6
    assert serious_problems(page, {"include": [[".cw-views"], [".cw-safeguarding"]]}) == []
    page.click("text=Present on the whiteboard")
    page.wait_for_selector("#cw-deck[data-live]")
