"""Practice on screens in real Chromium, with Python deciding every answer: every practice played
to its goal with the keyboard alone, a wrong try that brings the hint, a saved game resumed in
the middle of a practice, a press made before Python is live, class mode with votes, and every
kind of screen accessible and readable on a phone, a tablet and a whiteboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quiz_engine
from quiz_engine import play
from tests.browser import playing
from tests.browser.conftest import keep_shot, serious_violations

KEY = "clickwise:progress:"
#: The crawl's own look at what a reader cannot see or reach (text cut off or drawn over).
SIGHT = (Path(__file__).parent / "every_page.js").read_text(encoding="utf-8")
WAIT = 60_000
SIZES = [(1024, 768), (390, 844), (1920, 1080)]
#: A scene showing each kind of screen (the first four are practices).
KINDS = {"popup": ("lily-where-are-you", "pop-up"), "settings": ("amira-settings-check", "settings"),
         "chat": ("lily-and-zapper", "more-messages"), "report": ("lily-and-zapper", "report-zapper"),
         "request": ("amira-settings-check", "request"), "post": ("priya-park-photo", "comment")}


def practices(site: Path) -> list[tuple[str, str]]:
    """(scenario, scene) for every practice in the built site."""
    return [(sid, scene.id) for sid in playing.ids(site)
            for scene in playing.scenario(site, sid).scenes.values() if scene.practice]


def way_to(story: quiz_engine.Scenario, target: str) -> quiz_engine.State:
    """The engine's state at scene ``target``, reached by the fewest moves."""
    todo, seen = [play.start(story)], set()
    while todo:
        state = todo.pop(0)
        if state.scene == target:
            return state
        for move in playing.moves_from(story, state):
            nxt = quiz_engine.State.from_json(state.to_json(), story)
            playing.make(story, nxt, move)
            if (nxt.scene, len(nxt.path)) not in seen:
                seen.add((nxt.scene, len(nxt.path)))
                todo.append(nxt)
    raise AssertionError(f"{target} cannot be reached in {story.id}")


def open_at(page, site_url: str, story: quiz_engine.Scenario, scene: str) -> None:
    """Open the story where a saved game left it at ``scene`` (saved as the player saves)."""
    state = way_to(story, scene).to_json()
    # a story left while its pictures still load would count them as failed requests
    page.wait_for_function("() => [...document.images].every((i) => i.complete)")
    page.goto(site_url + "help/")
    page.wait_for_load_state("networkidle")  # leaving it early would cut its requests short
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [KEY + story.id, json.dumps({"state": state, "status": "started"})])
    playing.open_story(page, site_url + f"play/{story.id}/", WAIT)
    page.wait_for_selector(f'#cw-scene[data-scene="{scene}"][data-decided-by="python"]')


def live_text(page) -> str:
    return page.inner_text("#cw-live")


def small_targets(page) -> list[str]:
    """Controls on the screen, and Check and Go on, smaller than 44 x 44 CSS pixels."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '.cw-practice :is(button, input, select), .cw-device :is(button, input, select)')]
        .filter((b) => b.getClientRects().length)
        .map((b) => [b.textContent.trim() || b.value || b.dataset.control, b.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44)
        .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)""")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def too_wide(page) -> list[str]:
    """What in the story reaches past the right edge of the window."""
    return page.evaluate("""() => [...document.querySelectorAll('#cw-player *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && e.checkVisibility())
        .slice(0, 6).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().width)}px`)""")


# ---- every practice, with the keyboard alone ----------------------------------------------------

def test_every_practice_is_played_to_its_goal_with_the_keyboard_alone(watched, site_url, built_site):
    page = watched
    page.emulate_media(reduced_motion="reduce")
    found = practices(built_site)
    assert len(found) >= 5, found
    shown = None  # the story on the page, at its start again after its last practice
    for scenario_id, scene_id in found:
        story = playing.scenario(built_site, scenario_id)
        if scenario_id == shown:  # its next practice is played to, not a new page with a save
            playing.play_path(page, playing.paths_to_every_scene(story)[scene_id])
            page.wait_for_selector(f'#cw-scene[data-scene="{scene_id}"][data-decided-by="python"]')
        else:
            open_at(page, site_url, story, scene_id)
            shown = scenario_id
        scene = story.scene(scene_id)
        for control, kind, value in playing.solution(scene):
            playing.operate(page, control, kind, value, keyboard=True)
            page.wait_for_function("(l) => document.querySelector('#cw-live').textContent"
                                   ".startsWith(l)", arg=scene.screen.control(control).line(value))
        playing.press(page, page.locator('#cw-scene button[data-do="check"]'), keyboard=True)
        page.wait_for_selector('#cw-scene .cw-checked[data-unmet="0"]')
        page.wait_for_function("() => document.querySelector('#cw-live').textContent"
                               ".startsWith('All done!')")
        assert page.locator(".cw-check-list li").count() == len(scene.practice.goal)
        playing.press(page, page.locator('#cw-scene button[data-do="continue"]'), keyboard=True)
        page.wait_for_selector(f'#cw-scene[data-scene="{scene.practice.then}"]')
        page.click('.cw-controls button[data-do="restart"]')
        page.wait_for_selector(f'#cw-scene[data-scene="{story.start}"][data-decided-by="python"]')


def test_a_wrong_try_then_a_second_check_brings_the_hint_and_the_pupil_can_still_finish(
        watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "lily-where-are-you")
    scene = story.scene(story.start)
    playing.open_story(page, site_url + "play/lily-where-are-you/", WAIT)
    playing.operate(page, "answer", "buttons", "Allow", keyboard=True)
    said = page.locator(".cw-said")
    assert said.get_attribute("class").split()[-1] == "cw-risky"
    assert scene.practice.feedback["answer"]["Allow"] in said.inner_text()
    check = page.locator('#cw-scene button[data-do="check"]')
    playing.press(page, check, keyboard=True)
    page.wait_for_selector('.cw-checked[data-unmet="1"]')
    assert "To do: Press \"Don't allow\"." in page.inner_text(".cw-check-list")
    assert page.locator(".cw-hint-line").count() == 0  # not after the first try
    assert page.evaluate("document.activeElement.dataset.do") == "check"  # focus stays put
    page.keyboard.press("Enter")  # the second try
    page.wait_for_selector(".cw-hint-line")
    assert page.inner_text(".cw-hint-line") == f"Hint: {scene.practice.hint}"
    page.wait_for_function("(h) => document.querySelector('#cw-live').textContent.endsWith(h)",
                           arg=f"Hint: {scene.practice.hint}")
    playing.operate(page, "answer", "buttons", "Don't allow", keyboard=True)
    playing.press(page, check, keyboard=True)
    page.wait_for_selector('.cw-checked[data-unmet="0"]')
    playing.press(page, page.locator('#cw-scene button[data-do="continue"]'), keyboard=True)
    page.wait_for_selector(f'#cw-scene[data-scene="{scene.practice.then}"]')
    assert page.evaluate("document.activeElement.id") == "cw-step"


def test_going_on_at_once_is_never_a_dead_end_and_the_review_shows_it(watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "lily-where-are-you")
    playing.open_story(page, site_url + "play/lily-where-are-you/", WAIT)
    page.click('#cw-scene button[data-do="continue"]')  # nothing done on the screen
    page.wait_for_selector(f'#cw-scene[data-scene="{story.scene(story.start).practice.otherwise}"]')
    rest = next(moves for moves in playing.paths_to_every_ending(story).values()
                if moves[0] == {"skip": True})[1:]
    playing.play_path(page, rest)
    assert page.get_attribute("#cw-scene", "data-phase") == "ending"
    page.click("details.cw-grown-ups summary")  # a pupil's review is in "For grown-ups"
    review = page.locator(".cw-review li").first
    assert "On the screen: nothing changed on Bubble Farm." in review.inner_text()
    assert "Safer: Press \"Don't allow\"." in review.inner_text()


def test_undo_takes_back_one_change_then_the_practice(watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "amira-settings-check")
    open_at(page, site_url, story, "settings")
    playing.operate(page, "private", "switch", True)
    playing.operate(page, "messages", "choice", "Friends")
    page.click('button[data-do="undo"]')
    page.wait_for_function("() => document.querySelector('#cw-live').textContent"
                           ".startsWith('Your last change was taken back')")
    assert page.is_checked('#cw-scene input[data-control="messages"][value="Everyone"]')
    assert page.is_checked('#cw-scene input[data-control="private"]')
    assert playing.turn(page) == 1


# ---- saved, early, and class mode ----------------------------------------------------------------

def test_a_saved_game_in_the_middle_of_a_practice_resumes(watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "lily-and-zapper")
    open_at(page, site_url, story, "report-zapper")
    playing.operate(page, "reason", "select", "Spam or adverts")
    playing.operate(page, "tell", "tell", True)
    page.click('#cw-scene button[data-do="check"]')
    page.wait_for_selector('.cw-checked[data-unmet="2"]')
    page.wait_for_load_state("networkidle")
    page.reload()
    page.wait_for_selector('#cw-scene[data-scene="report-zapper"][data-decided-by="python"]',
                           timeout=WAIT)
    assert page.input_value('#cw-scene select[data-control="reason"]') == "Spam or adverts"
    assert page.get_attribute('#cw-scene [data-control="tell"]', "aria-pressed") == "true"
    assert page.get_attribute('.cw-checked', "data-unmet") == "2"
    assert playing.turn(page) == 3
    assert page.locator("#cw-notice").is_hidden()
    for control, kind, value in playing.solution(story.scene("report-zapper")):
        playing.operate(page, control, kind, value)
    page.click('#cw-scene button[data-do="check"]')
    page.wait_for_selector('.cw-checked[data-unmet="0"]')


def test_a_press_on_the_screen_before_python_is_live_is_played_when_it_is(watched, site_url):
    page = watched
    held = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(site_url + "play/lily-where-are-you/")
    page.click('#cw-scene [data-value="Don\'t allow"]')  # drawn by the build; Python held back
    page.wait_for_function("() => document.querySelector('#cw-player').dataset.python === ''")
    page.wait_for_timeout(500)  # a moment with the press waiting for Python
    assert held, "the page has asked for Pyodide's runtime"
    assert page.get_attribute("#cw-scene", "data-decided-by") == "build"
    for route in held:
        route.continue_()
    page.wait_for_selector('#cw-scene[data-decided-by="python"] .cw-said', timeout=WAIT)
    assert "Well done" in page.inner_text(".cw-said")
    assert playing.turn(page) == 1
    assert page.get_attribute('#cw-scene [data-value="Don\'t allow"]', "aria-pressed") == "true"


def test_class_mode_votes_on_the_next_action_reveals_the_goal_and_runs_the_practice(
        watched, site_url, built_site):
    page = watched
    page.set_viewport_size({"width": 1920, "height": 1080})
    story = playing.scenario(built_site, "lily-where-are-you")
    page.goto(site_url + "class/lily-where-are-you/")
    assert page.locator("#cw-decision .cw-device").count() == 1  # drawn before Python is live
    page.wait_for_selector("#cw-class[data-python^='3.']", timeout=WAIT)
    page.wait_for_selector('#cw-decision[data-decided-by="python"]')
    index = {li.locator(".cw-tally-label").inner_text(): li.get_attribute("data-index")
             for li in page.locator(".cw-tally").all()}
    assert set(index) == {'Press "Allow"', 'Press "Don\'t allow"', 'Press "Ask Dad what it means"'}
    no = index['Press "Don\'t allow"']
    for label in ('Press "Don\'t allow"', 'Press "Don\'t allow"', 'Press "Allow"'):
        page.click(f'#cw-class [data-do="vote"][data-index="{index[label]}"]')
    page.wait_for_function("(i) => document.querySelector(`.cw-tally[data-index='${i}']`)"
                           ".dataset.votes === '2'", arg=no)
    page.click('#cw-class [data-do="reveal"]')
    page.wait_for_selector(".cw-goal")
    assert page.inner_text(".cw-goal li") == "Your answer: Don't allow."
    feedback = page.locator(".cw-tally-feedback").all_inner_texts()
    assert story.scene("pop-up").practice.feedback["answer"]["Allow"] in feedback
    page.click('#cw-class [data-do="majority"]')  # the class's choice, made on the screen
    page.wait_for_function("() => document.querySelector('#cw-decision [data-value=\"Don\\'t allow\"]')"
                           "?.getAttribute('aria-pressed') === 'true'")
    assert page.locator(".cw-tally").count() == 2  # what is done is not on offer again
    page.click('#cw-class [data-control="ask-dad"]')  # the teacher uses the screen directly
    page.wait_for_function("() => document.querySelector('#cw-decision [data-control=\"ask-dad\"]')"
                           ".getAttribute('aria-pressed') === 'true'")
    page.click('#cw-decision [data-do="check"]')
    page.wait_for_selector('#cw-decision .cw-checked[data-unmet="0"]')
    page.click('#cw-decision [data-do="continue"]')
    page.wait_for_selector('#cw-decision[data-scene="town-question"]')
    assert page.locator(".cw-tally").count() >= 2  # an ordinary decision again


# ---- every kind of screen: access and layout ---------------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_screen_is_accessible_and_fits_every_size(
        watched, site_url, built_site, kind):
    page = watched
    scenario_id, scene_id = KINDS[kind]
    story = playing.scenario(built_site, scenario_id)
    page.emulate_media(color_scheme="light")
    open_at(page, site_url, story, scene_id)
    assert page.get_attribute(".cw-device", "data-kind") == kind
    screen = story.scene(scene_id).screen
    device = page.locator(".cw-device")
    for words in [screen.title, screen.text, *(m.text for m in screen.messages)]:
        assert words in device.inner_text()
    assert page.get_attribute(".cw-device-screen", "role") == "group"
    for control in screen.controls:  # real controls, named by their visible label
        node = page.locator(f'#cw-scene [data-control="{control.id}"]').first
        assert node.evaluate("n => ['INPUT', 'SELECT', 'BUTTON'].includes(n.tagName)")
        if control.type == "switch":
            assert node.get_attribute("role") == "switch"
        if story.scene(scene_id).practice is None:
            assert node.is_disabled()
    for scheme in ("light", "dark"):
        if scheme == "dark":  # colours follow the device when a page opens
            page.emulate_media(color_scheme=scheme)
            page.wait_for_load_state("networkidle")
            page.reload()  # the saved place (a first scene leaves none: the build drew it)
            page.wait_for_selector(playing.PYTHON_LIVE, timeout=WAIT)
            page.wait_for_selector(f'#cw-scene[data-scene="{scene_id}"]')
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            assert fits(page), f"{kind} overflows at {width}x{height}"
            assert small_targets(page) == [], (kind, width)
            keep_shot(page, f"screen-{kind}-{scheme}-{width}x{height}")
        assert serious_violations(page) == [], (kind, scheme)
    page.set_viewport_size({"width": 320, "height": 640})
    page.click('button[data-setting="bigger"]')
    page.click('button[data-setting="easy-read"]')
    assert fits(page), f"{kind} overflows at 320px with Bigger text"
    assert small_targets(page) == [], (kind, "320px")
    page.add_script_tag(content=SIGHT)
    assert page.evaluate("cwCrawl.lost()") == [], (kind, "320px")
    assert serious_violations(page) == [], (kind, "easy-read")
    keep_shot(page, f"screen-{kind}-320-bigger-easy-read")
    page.click('button[data-setting="bigger"]')
    page.set_viewport_size({"width": 1280, "height": 800})  # opened at this size, as the crawl
    page.wait_for_load_state("networkidle")
    page.reload()
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=WAIT)
    page.wait_for_selector(f'#cw-scene[data-scene="{scene_id}"]')
    size = "() => parseFloat(getComputedStyle(document.querySelector('.cw-device-title')).fontSize)"
    before = page.evaluate(size)
    page.evaluate("() => { const r = document.documentElement;"
                  " r.style.fontSize = 2 * parseFloat(getComputedStyle(r).fontSize) + 'px'; }")
    assert page.evaluate(size) >= 1.9 * before, "the screen's words grow with the text size"
    assert fits(page) and too_wide(page) == [], (kind, "200% text", too_wide(page))
    page.add_script_tag(content=SIGHT)
    assert page.evaluate("cwCrawl.lost()") == [], (kind, "200% text")
