"""A pupil's (and a parent's) way through a story, in real Chromium: the first choices on the
first screen of a tablet and a phone on every story page, "Try again" loops that keep their
part, buttons that wait for a resumed game, an ending that is honest and short, a truthful
certificate, "Choose another story", and clearing one story's progress after a question.
(Every ending of every story is checked for its band in test_play.py.)"""

from __future__ import annotations

import json


import quiz_engine
from quiz_engine import play
from tests.browser import playing
from tests.browser.conftest import Watch, axe_violations

KEY = "clickwise:progress:"
TABLET, PHONE = {"width": 1024, "height": 768}, {"width": 390, "height": 844}
WAIT = 60_000
# A voice for "Read it to me", so its button shows and the reading options are at their widest.
A_VOICE = ("window.speechSynthesis && Object.defineProperty(speechSynthesis, 'getVoices', "
           "{value: () => [{name: 'Test', lang: 'en-GB'}]})")
BOTTOMS = """() => [...document.querySelectorAll('#cw-scene .cw-choice')]
    .map((b) => Math.ceil(b.getBoundingClientRect().bottom))"""


def test_the_first_choices_are_on_the_first_screen_of_every_story_page(browser, built_site,
                                                                       site_url):
    """All the first scene's choices on a tablet, at least the first on a phone, as the page
    first appears (the engine held back, so nothing but the page itself is measured)."""
    context = browser.new_context(service_workers="block", reduced_motion="reduce")
    page = context.new_page()
    page.add_init_script(A_VOICE)
    page.route("**/pyodide/pyodide.mjs", lambda route: None)  # the engine stays starting
    below = []
    for size, needed in ((TABLET, slice(None)), (PHONE, slice(1))):
        page.set_viewport_size(size)
        for scenario_id in playing.ids(built_site):
            page.goto(site_url + f"play/{scenario_id}/", wait_until="domcontentloaded")
            page.locator('[data-tool="read"]').wait_for(state="visible")
            bottoms = page.evaluate(BOTTOMS)[needed]
            if not bottoms or max(bottoms) > size["height"]:
                below.append(f"{scenario_id} at {size['width']}x{size['height']}: {bottoms}")
    context.close()
    assert below == []


def open_player(page, site_url: str, scenario_id: str) -> None:
    playing.open_story(page, site_url + f"play/{scenario_id}/", WAIT)


def heading(page) -> str:
    return page.inner_text("#cw-step")


def test_a_try_again_loop_says_so_and_keeps_its_part(watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "tom-big-kids-app")
    loop = story.scene("more-messages").choices[1]
    assert (loop.goto, loop.outcome) == ("more-messages", "unsure")
    open_player(page, site_url, story.id)
    playing.play_path(page, playing.paths_to_every_scene(story)["more-messages"])
    part = heading(page)
    assert part.startswith("Part ")
    for _ in range(3):
        page.click('#cw-scene button[data-index="1"]')
        page.wait_for_selector('#cw-scene[data-phase="feedback"]')
        go_on = page.locator('#cw-scene button[data-do="continue"]')
        assert go_on.inner_text() == "Try again"
        page.wait_for_function("() => document.querySelector('#cw-live').textContent"
                               ".endsWith('Press Try again to go on.')")
        go_on.click()
        page.wait_for_selector('#cw-scene[data-phase="scene"]')
        assert heading(page) == part  # not Part 4, 5, 6 ...
    page.click('#cw-scene button[data-index="0"]')  # "Tell Dad now." goes on
    page.wait_for_selector('#cw-scene[data-phase="feedback"]')
    assert page.inner_text('#cw-scene button[data-do="continue"]') == "Next"


def test_a_resumed_game_shows_waiting_buttons_until_it_is_restored(browser, site_url):
    context = browser.new_context(service_workers="block", reduced_motion="reduce")
    page = context.new_page()
    watch = Watch(page)
    open_player(page, site_url, "star99")
    playing.play_path(page, [1])  # now at "more-questions"
    held = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page.reload()
    page.wait_for_selector('#cw-scene[data-decided-by="build"] .cw-wait')
    assert page.inner_text("#cw-scene .cw-wait") == (
        "Wait a moment: taking you back to where you stopped.")
    choices = page.locator("#cw-scene .cw-choice")
    assert choices.count() >= 2 and all(b.is_disabled() for b in choices.all())
    assert page.is_disabled('.cw-controls [data-do="restart"]')
    assert held  # the engine is still on its way, and the buttons say so
    for route in held:
        route.continue_()
    page.wait_for_selector('#cw-scene[data-scene="more-questions"][data-decided-by="python"]',
                           timeout=WAIT)
    assert page.locator("#cw-scene .cw-wait").count() == 0
    assert all(b.is_enabled() for b in page.locator("#cw-scene .cw-choice").all())
    assert page.is_enabled('.cw-controls [data-do="restart"]')
    context.close()
    watch.assert_clean()


def ending_text(page) -> str:
    return page.inner_text("#cw-scene")


def test_a_safe_ending_after_a_risky_choice_names_it_kindly(watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "star99")
    # tells Star99 where Sam lives, then tells Mum, blocks and reports with Mum on the screen,
    # friends only
    moves = [0, 1, {"solve": playing.solution(story.scene("mum-listens"))}, 0]
    open_player(page, site_url, story.id)
    playing.play_path(page, moves)
    assert page.get_attribute("#cw-scene [data-ending]", "data-ending") == "safe"
    verdict = page.locator(".cw-verdict")
    assert verdict.get_attribute("data-verdict") == "risky"
    assert verdict.inner_text().splitlines()[0] == "One choice was risky:"
    assert page.locator(".cw-verdict-choices li").all_inner_texts() == ["Tell Star99 where I live."]
    assert "That is OK. Now you know the safer choice." in verdict.inner_text()
    assert "Well done" not in ending_text(page)
    assert playing.ending_problems(page, story, "friends-only", moves) == []
    # the certificate says only what this pupil did, and what the ending taught
    certificate = page.locator("#cw-certificate")
    assert certificate.locator(".cw-cert-did li").all_inner_texts() == [
        "Say no. Go and tell Mum.", "On the screen: Block Star99: done. Report Star99: done.",
        "Ask Mum to set the game so only friends I know can talk to me."]
    assert certificate.locator(".cw-cert-learnt").inner_text() == \
        story.scene("friends-only").ending.safer_choice
    assert "can say" not in certificate.inner_text()  # no fixed claim of the objectives


def test_an_all_safe_path_is_well_done_and_an_all_risky_one_claims_no_safe_choice(
        watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "star99")
    open_player(page, site_url, story.id)
    playing.play_path(page, [1, 2, {"solve": playing.solution(story.scene("mum-listens"))}, 0])
    assert page.inner_text(".cw-verdict") == "Well done! All your choices were safe."
    assert page.locator("#cw-certificate .cw-cert-did li").count() == 4
    page.click('button[data-do="restart"]')
    page.wait_for_selector('#cw-scene[data-scene="message"][data-decided-by="python"]')
    playing.play_path(page, [0, 0, 1])  # where Sam lives, keep the secret, go to the park
    assert page.locator(".cw-verdict-choices li").count() == 3
    assert page.locator("#cw-certificate .cw-cert-did").count() == 0
    assert "safe choice" not in page.inner_text("#cw-certificate")


def test_a_ks1_ending_is_short_with_the_rest_for_grown_ups(watched, site_url, built_site):
    page = watched
    page.set_viewport_size(TABLET)
    story = playing.scenario(built_site, "star99")
    open_player(page, site_url, story.id)
    playing.play_path(page, [0, 0, 1])
    short = page.evaluate(playing.ENDING_FACTS)["short"]
    assert len(short.split()) <= playing.KS1_MOST_WORDS
    assert "CEOP" not in short and "Tell any grown-up in school" not in short
    assert page.locator(".cw-ending .cw-helpers li").all_inner_texts() == [
        "A grown-up you trust, like your class teacher.", "Childline: 0800 1111"]
    # what happened, the verdict, the safer choice and who can help fit one tablet screen
    last = page.locator(".cw-ending .cw-helpers li").last.bounding_box()
    scrolled = page.evaluate("scrollY")
    assert last["y"] + last["height"] <= TABLET["height"] + scrolled
    grown_ups = page.locator("details.cw-grown-ups")
    assert not grown_ups.get_attribute("open") and grown_ups.locator(".cw-key").is_hidden()
    grown_ups.locator("summary").click()
    words = grown_ups.inner_text()
    assert story.key_message in words and "CEOP Safety Centre" in words
    assert grown_ups.locator('a[href="https://www.ceop.police.uk/Safety-Centre/"]').is_visible()
    assert grown_ups.locator(".cw-review li").count() >= 3


def test_choose_another_story_goes_back_to_the_stories(watched, site_url, built_site):
    page = watched
    open_player(page, site_url, "star99")
    playing.play_to_an_ending(page, built_site, "star99")
    another = page.locator("a.cw-another")
    assert another.inner_text() == "Choose another story"
    box = another.bounding_box()
    assert box["height"] >= 56 and box["width"] >= 280  # big, for a small finger
    another.click()
    page.wait_for_url(site_url + "pupils/ks1/")
    assert page.locator(".cw-card").count() >= 2


def test_a_parents_story_ends_in_words_for_adults(watched, site_url, built_site):
    page = watched
    page.set_viewport_size(PHONE)
    story = playing.scenario(built_site, "online-friend-meet")
    ending, moves = "hidden-ending", playing.paths_to_every_ending(story)["hidden-ending"]
    open_player(page, site_url, story.id)
    playing.play_path(page, moves)
    assert playing.ending_problems(page, story, ending, moves) == []
    text = ending_text(page)
    assert "Certificate" not in text and "Tell any grown-up in school" not in text
    assert "Talk to your child's class teacher." in text
    assert page.locator('#cw-scene a[href="tel:08088005000"]').inner_text() == "0808 800 5000"
    assert page.locator(".cw-verdict").inner_text().startswith("Some choices could have been safer:")
    page.locator("a.cw-another").click()
    page.wait_for_url(site_url + "parents/#for-a-parents-evening-or-on-your-own")
    assert page.locator("#for-a-parents-evening-or-on-your-own").count() == 1


# ---- clearing one story's progress, from the story list -----------------------------------------

def saved_game(story: quiz_engine.Scenario, moves: list[int]) -> str:
    """A started game as the player keeps it: the engine's own save, and "started"."""
    state = play.start(story)
    for index in moves:
        play.choose(story, state, index)
        play.go_on(story, state)
    return json.dumps({"state": state.to_json(), "status": "started"})


def serious_violations(page) -> list[str]:
    found = axe_violations(page)
    return [f"{v['id']} ({v['impact']})" for v in found if v["impact"] in ("serious", "critical")]


def badges(page) -> dict[str, str]:
    return {card.get_attribute("data-scenario"): card.locator(".cw-progress").inner_text()
            for card in page.locator(".cw-card").all()}


def test_one_storys_progress_is_cleared_from_the_list_after_a_question(watched, site_url,
                                                                       built_site):
    page = watched
    page.goto(site_url + "pupils/ks1/")
    games = {sid: saved_game(playing.scenario(built_site, sid), [0])
             for sid in ("star99", "tom-big-kids-app")}
    for sid, game in games.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY + sid, game])
    page.reload()
    assert {sid: badges(page)[sid] for sid in games} == {sid: "In progress" for sid in games}
    assert page.locator(".cw-forget:visible").count() == 2  # only where there is progress
    assert page.get_by_text("Clear my progress on this device").count() == 0  # no one-tap wipe
    star99 = page.locator('.cw-card[data-scenario="star99"]')
    forget = star99.locator(".cw-forget")
    assert forget.get_attribute("aria-label") == "Clear my progress: Star99 wants to be friends"
    forget.scroll_into_view_if_needed()
    assert forget.evaluate("""(b) => { const r = b.getBoundingClientRect();  // not under a card
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; }""")

    forget.click()
    dialog = page.locator("dialog[open]")
    assert dialog.locator(".cw-confirm-question").inner_text() == (
        'Clear your progress in "Star99 wants to be friends"?')
    assert serious_violations(page) == []
    assert all(min(b.bounding_box()["width"], b.bounding_box()["height"]) >= 44
               for b in dialog.locator("button").all())
    assert page.evaluate("document.activeElement.textContent") == "No, keep it"
    page.keyboard.press("Enter")  # pressing on keeps it
    assert dialog.count() == 0 and badges(page)["star99"] == "In progress"
    forget.click()
    page.keyboard.press("Escape")
    assert badges(page)["star99"] == "In progress" and KEY + "star99" in page.evaluate(
        "Object.keys(localStorage)")

    forget.click()
    page.click("dialog[open] .cw-confirm-yes")
    assert badges(page)["star99"] == "Not started"
    assert badges(page)["tom-big-kids-app"] == "In progress"  # only that story
    assert page.evaluate("Object.keys(localStorage)") == [KEY + "tom-big-kids-app"]
    assert forget.is_hidden()
    assert page.inner_text("#cw-cleared") == (
        'Your progress in "Star99 wants to be friends" has been cleared.')
    assert page.evaluate("document.activeElement.closest('.cw-card').dataset.scenario") == "star99"
