"""Class mode for thirty children, in real Chromium with Python keeping the tallies: hands typed
in or found by a choice's number key, a presentation clicker's keys, the focus on the next thing
to press, the class's place kept through a reload, a fresh lesson only after a question, and the
character's picture at every decision. (The summary's print is in test_print.py.)"""

from __future__ import annotations

import json


from quiz_engine import play
from tests.browser import playing
from tests.browser.conftest import axe_violations

CLASS_LIVE = "#cw-class[data-python^='3.']"
PLACE = "clickwise:class:"
WAIT = 60_000
BOARD = {"width": 1920, "height": 1080}


def open_class(page, site_url: str, scenario_id: str = "star99") -> None:
    page.set_viewport_size(BOARD)
    page.goto(site_url + f"class/{scenario_id}/")
    page.wait_for_selector(CLASS_LIVE, timeout=WAIT)
    page.wait_for_selector('#cw-decision[data-decided-by="python"]')


def tallies(page) -> dict[int, int]:
    return {int(li.get_attribute("data-index")): int(li.get_attribute("data-votes"))
            for li in page.locator(".cw-tally").all()}


def wait_for_tallies(page, expected: dict[int, int]) -> None:
    page.wait_for_function("""(want) => Object.entries(want).every(([i, n]) =>
        document.querySelector(`.cw-tally[data-index="${i}"]`)?.dataset.votes === String(n))""",
                           arg={str(k): v for k, v in expected.items()})


def focused(page) -> str:
    """What has the focus, as the teacher would name it."""
    return page.evaluate("""() => { const e = document.activeElement;
        return e.getAttribute('aria-label') || e.textContent.trim(); }""")


def test_hands_are_typed_in_or_found_by_their_number_key(watched, site_url):
    page = watched
    open_class(page, site_url)
    page.click('.cw-hands-input[data-index="0"]')
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("Enter")  # counted, and on to the next choice's box
    assert focused(page) == "Hands up for: Say, \"I can't tell you. It is private.\""
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    page.keyboard.type("7")
    page.keyboard.press("Enter")
    wait_for_tallies(page, {0: 12, 1: 9, 2: 7})
    assert focused(page) == "Follow the class"  # after the last box, the next thing to press
    assert page.input_value('.cw-hands-input[data-index="1"]') == "9"

    page.keyboard.press("2")  # a choice's number key: its box, ready to type over
    assert focused(page).startswith("Hands up for: Say, \"I can't")
    page.keyboard.type("15")
    page.keyboard.press("Enter")
    wait_for_tallies(page, {0: 12, 1: 15, 2: 7})
    page.focus('.cw-hands-input[data-index="1"]')
    page.keyboard.press("ArrowUp")  # one more hand, from the keyboard
    wait_for_tallies(page, {0: 12, 1: 16, 2: 7})
    assert page.inner_text('.cw-tally[data-index="1"] .cw-tally-key') == "2"

    box = page.locator('.cw-hands-input[data-index="2"]')
    box.fill("lots")
    box.press("Tab")
    assert page.inner_text("#cw-class-notice") == "Type a number of hands, like 12."
    assert box.input_value() == "7" and tallies(page)[2] == 7
    page.click('#cw-class [data-do="vote"][data-index="2"]')  # and + still counts one
    wait_for_tallies(page, {0: 12, 1: 16, 2: 8})
    assert page.evaluate("document.activeElement.dataset.do") == "vote"  # the focus stays


def test_clicker_keys_step_on_and_the_focus_lands_on_the_next_thing(watched, site_url,
                                                                       built_site):
    page = watched
    story = playing.scenario(built_site, "star99")
    open_class(page, site_url)
    page.fill('.cw-hands-input[data-index="1"]', "20")
    page.keyboard.press("Enter")
    wait_for_tallies(page, {1: 20})
    assert page.evaluate("document.activeElement.dataset.index") == "2"  # in the next box
    page.keyboard.press("PageDown")  # the clicker: follow the class, even from a box
    page.wait_for_selector('#cw-decision[data-phase="feedback"]')
    assert story.scene(story.start).choices[1].label in page.inner_text(".cw-class-chose")
    assert focused(page) == "Next"
    page.keyboard.press("ArrowRight")
    page.wait_for_selector('#cw-decision[data-phase="scene"]')
    assert page.inner_text("#cw-class-step") == "Decision 2"
    assert page.evaluate("document.activeElement.id") == "cw-class-step"
    page.keyboard.press(" ")  # no hands yet: the teacher is asked to pick
    page.wait_for_selector("#cw-class[data-needs-pick]")
    assert focused(page).startswith("Go with this: ")
    page.keyboard.press("Enter")  # "Go with this" on the first choice
    page.wait_for_selector('#cw-decision[data-phase="feedback"]')
    assert focused(page) == "Next"
    page.keyboard.press("PageUp")  # back: the choice is taken back
    page.wait_for_selector('#cw-decision[data-phase="scene"]')
    assert page.inner_text("#cw-class-step") == "Decision 2"
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector('#cw-decision[data-phase="scene"][data-scene="message"]')
    assert tallies(page)[1] == 20  # the first decision's hands came back with it


def test_the_class_keeps_its_place_through_a_reload_and_starts_afresh_only_when_asked(
        watched, site_url):
    page = watched
    open_class(page, site_url)
    page.click('#cw-class [data-do="teacher"][data-index="1"]')
    page.click('#cw-class [data-do="continue"]')
    page.wait_for_selector('#cw-decision[data-phase="scene"][data-scene="more-questions"]')
    page.fill('.cw-hands-input[data-index="0"]', "11")
    page.keyboard.press("Enter")
    wait_for_tallies(page, {0: 11})
    page.click('#cw-class [data-do="reveal"]')
    page.wait_for_selector(".cw-tally-feedback")
    kept = json.loads(page.evaluate(f"localStorage.getItem('{PLACE}star99')"))
    assert kept["screen"] == "play" and json.loads(kept["state"])["votes"] == {"0": 11}

    page.reload()
    page.wait_for_selector('#cw-decision[data-decided-by="python"][data-scene="more-questions"]',
                           timeout=WAIT)
    assert page.inner_text("#cw-class-step") == "Decision 2"
    assert tallies(page)[0] == 11 and page.locator(".cw-tally-feedback").count() == 3
    assert "where the class got to" in page.inner_text("#cw-class-notice")
    assert "Start again" in page.inner_text("#cw-class-notice")

    page.click('#cw-class [data-do="restart"]')
    dialog = page.locator("dialog[open]")
    assert dialog.locator(".cw-confirm-question").inner_text() == "Start a fresh lesson?"
    assert focused(page) == "No, carry on"
    assert [v["id"] for v in axe_violations(page)
            if v["impact"] in ("serious", "critical")] == []
    page.keyboard.press("Enter")
    assert dialog.count() == 0 and tallies(page)[0] == 11  # nothing was wiped
    page.click('#cw-class [data-do="restart"]')
    page.click("dialog[open] .cw-confirm-yes")
    page.wait_for_selector('#cw-decision[data-phase="scene"][data-scene="message"]')
    assert tallies(page) == {0: 0, 1: 0, 2: 0}
    assert page.evaluate(f"localStorage.getItem('{PLACE}star99')") is None
    page.reload()
    page.wait_for_selector(CLASS_LIVE, timeout=WAIT)
    assert page.inner_text("#cw-class-step") == "Decision 1"
    assert page.locator("#cw-class-notice").is_hidden()


def test_the_characters_picture_is_there_at_every_decision_and_the_end_is_honest(
        watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "star99")
    moves = max(playing.paths_to_every_ending(story).values(), key=len)
    open_class(page, site_url)
    without_speaker = 0
    for index in moves:
        scene = story.scene(page.get_attribute("#cw-decision", "data-scene"))
        without_speaker += scene.speaker is None
        face = page.locator("#cw-decision .cw-class-face")
        assert face.is_visible(), scene.id
        speaker = story.characters[scene.speaker or story.scene(story.start).speaker]
        assert face.get_attribute("src").endswith(speaker["picture"]), scene.id
        page.click(f'#cw-class [data-do="teacher"][data-index="{index}"]')
        page.wait_for_selector('#cw-decision[data-phase="feedback"]')
        page.click('#cw-class [data-do="continue"]')
        page.wait_for_selector('#cw-decision:not([data-phase="feedback"])')
    assert without_speaker >= 2  # the decisions that had no picture before
    state = play.start(story)
    for index in moves:
        play.choose(story, state, index)
        play.go_on(story, state)
    verdict = play.summary(story, state)["verdict"]
    assert page.get_attribute(".cw-class-ending .cw-verdict", "data-verdict") == verdict["kind"]
    named = page.locator(".cw-class-ending .cw-verdict-choices li").all_inner_texts()
    assert named == ([] if verdict["kind"] == "safe" else verdict[verdict["kind"]])
    if verdict["kind"] != "safe":
        assert "Well done" not in page.inner_text(".cw-class-ending")
