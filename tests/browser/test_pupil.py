"""A pupil plays alone: band cards, keyboard play, resume, read-aloud, settings, the
certificate, accessibility and layout, in real Chromium with Python deciding each step (broken
saves: test_saved_progress.py)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser import playing
from tests.browser.conftest import Watch, keep_shot, serious_violations

KEY = "clickwise:progress:"
SIZES = [(375, 667), (768, 1024), (1366, 768)]
NAME = "Zebedee Quibble"
WAIT = 60_000


def open_player(page, site_url: str, scenario_id: str) -> None:
    """Open a story and wait until Python is running it."""
    playing.open_story(page, site_url + f"play/{scenario_id}/", WAIT)


def visit(page, url: str) -> None:
    """Open a page without a story and let it finish loading (search index and all), so that
    leaving it cancels nothing."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def storage(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def scene(page) -> tuple[str | None, str | None]:
    box = page.locator("#cw-scene")
    return box.get_attribute("data-scene"), box.get_attribute("data-phase")


def choose(page, index: int) -> None:
    """One move with the mouse: the choice, then Next after its feedback."""
    playing.play_path(page, [index])


def small_buttons(page) -> list[str]:
    """Visible buttons and inputs in the player smaller than 44 x 44 CSS pixels."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '#cw-player button, #cw-player input')].filter((b) => b.offsetParent !== null)
        .map((b) => [b.textContent.trim() || b.id, b.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44)
        .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)""")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# ---- playing with the keyboard only ----------------------------------------------------------

@pytest.mark.parametrize("scenario_id", ["star99", "tom-big-kids-app", "noah-reports-a-video"])
def test_keyboard_alone_reaches_every_ending(watched, site_url, built_site, scenario_id):
    page = watched
    story = playing.scenario(built_site, scenario_id)
    open_player(page, site_url, scenario_id)
    endings = playing.paths_to_every_ending(story)
    assert len(endings) >= 2
    for ending, moves in endings.items():
        playing.play_path(page, moves, keyboard=True)
        assert scene(page) == (ending, "ending")
        assert page.locator(".cw-safer-choice").inner_text().strip()
        assert page.locator(".cw-key").first.text_content().strip()  # KS1: under "For grown-ups"
        page.wait_for_function("document.querySelector('#cw-live').textContent.startsWith('The end.')")
        playing.press(page, page.locator('button[data-do="restart"]'), keyboard=True)
        page.wait_for_selector(f'#cw-scene[data-scene="{story.start}"][data-decided-by="python"]')
    # what has focus is plainly marked: a dark ring with a yellow halo
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }""")
    assert ring[0] == "solid" and ring[1] == "3px" and "255, 191, 0" in ring[2], ring


def test_feedback_and_new_scenes_are_announced_politely(watched, site_url, built_site):
    page = watched
    story = playing.scenario(built_site, "star99")
    open_player(page, site_url, "star99")
    live = page.locator("#cw-live")
    assert live.get_attribute("aria-live") == "polite"
    first = story.scene(story.start).choices[0]
    page.click('#cw-scene button[data-index="0"]')
    page.wait_for_function("(t) => document.querySelector('#cw-live').textContent.includes(t)",
                           arg=first.feedback)
    assert page.evaluate("document.activeElement.id") == "cw-step"  # focus follows the story
    page.click('#cw-scene button[data-do="continue"]')
    page.wait_for_function("(t) => document.querySelector('#cw-live').textContent.includes(t)",
                           arg=story.scene(first.goto).text)
    assert live.inner_text().startswith("Part 2.")


# ---- progress on this device ------------------------------------------------------------------

def test_reload_and_a_new_tab_resume_at_the_same_scene(watched, site_url, built_site, context):
    page = watched
    story = playing.scenario(built_site, "tom-big-kids-app")
    moves = next(iter(playing.paths_to_every_ending(story).values()))
    open_player(page, site_url, story.id)
    choose(page, moves[0])
    page.click(f'#cw-scene button[data-index="{moves[1]}"]')
    page.wait_for_selector('#cw-scene[data-phase="feedback"]')
    where = scene(page)
    assert json.loads(storage(page)[KEY + story.id])["status"] == "started"

    page.reload()
    page.wait_for_selector(f'#cw-scene[data-scene="{where[0]}"][data-decided-by="python"]',
                           timeout=WAIT)
    assert scene(page) == where
    assert page.locator("#cw-notice").is_hidden()

    tab = context.new_page()
    watch = Watch(tab)
    open_player(tab, site_url, story.id)
    tab.wait_for_selector(f'#cw-scene[data-scene="{where[0]}"][data-decided-by="python"]')
    assert scene(tab) == where
    tab.click('button[data-do="undo"]')  # back to the scene where that choice was made
    tab.wait_for_selector('#cw-scene[data-phase="scene"][data-decided-by="python"]')
    assert tab.locator(f'#cw-scene button[data-index="{moves[1]}"]').count() == 1

    visit(tab, site_url + "pupils/ks1/")
    card = tab.locator(f'.cw-card[data-scenario="{story.id}"] .cw-progress')
    assert card.inner_text() == "In progress"
    tab.close()
    watch.assert_clean()
    # progress is cleared on the story list, one story at a time (tests/browser/test_story_flow.py)
    assert page.locator('#cw-player button:has-text("Clear")').count() == 0


def test_the_device_keeps_only_progress_and_settings_and_never_the_name(
        watched, site_url, built_site, context):
    page = watched
    story = playing.scenario(built_site, "star99")
    open_player(page, site_url, "star99")
    page.click('button[data-setting="bigger"]')
    playing.play_path(page, list(playing.paths_to_every_ending(story).values())[0])
    assert scene(page)[1] == "ending"
    helpers = page.locator(".cw-ending .cw-helpers").inner_text()  # a few words, for KS1
    assert "Childline" in helpers and "0800 1111" in helpers and "class teacher" in helpers
    assert page.locator(".cw-review li").count() >= 2

    page.fill("#cw-name-input", NAME)
    assert page.locator("#cw-certificate .cw-cert-name").inner_text() == NAME
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("button.cw-print")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert page.locator("#cw-certificate").is_visible()
    for hidden in (".md-header", "h1", ".cw-ending", ".cw-review", ".cw-controls",
                   "#cw-name-input", "button.cw-print"):
        assert page.locator(hidden).first.is_hidden(), hidden
    page.emulate_media(media="screen")

    kept = storage(page)
    assert kept and all(k.startswith(KEY) or k == "clickwise:settings" for k in kept), kept
    assert not any(NAME.lower() in (k + v).lower() for k, v in kept.items())
    assert json.loads(kept["clickwise:settings"])["bigger"] is True
    assert page.evaluate("sessionStorage.length") == 0 and context.cookies() == []

    visit(page, site_url + "pupils/ks1/")
    status = page.locator('.cw-card[data-scenario="star99"] .cw-progress')
    assert status.inner_text() == "Done"
    page.click("#cw-clear")
    page.click("dialog[open] .cw-confirm-yes")  # after a question
    expect(page.locator("#cw-cleared")).to_have_text(  # once the dialog has closed
        "Your progress in every story on this device has been cleared.")
    assert set(page.locator(".cw-progress").all_inner_texts()) == {"Not started"}
    assert list(storage(page)) == ["clickwise:settings"]


# ---- reading aloud, settings, motion ----------------------------------------------------------

FAKE_SPEECH = """
(() => {
  const said = [];
  let voices = [];
  let queue = [];
  let now = null;
  const speech = new EventTarget();
  speech.getVoices = () => voices;
  speech.speak = (u) => { queue.push(u); said.push(u.text); if (!now) next(); };
  speech.cancel = () => { queue = []; const was = now; now = null; if (was && was.onerror) was.onerror({}); };
  function next() { now = queue.shift() || null; if (now && now.onstart) now.onstart({}); }
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  Object.defineProperty(window, "speechSynthesis", { value: speech, configurable: true });
  window.fakeSpeech = {
    said,
    addVoice() { voices = [{ name: "Test", lang: "en-GB" }]; speech.dispatchEvent(new Event("voiceschanged")); },
    finish() { const was = now; now = null; if (was && was.onend) was.onend({}); next(); },
  };
})();
"""


def test_read_aloud_reads_the_scene_and_its_choices_marking_each_part(watched, site_url, built_site):
    page = watched
    page.add_init_script(FAKE_SPEECH)
    page.goto(site_url + "play/star99/")
    button = page.locator('button[data-tool="read"]')
    assert button.is_hidden()  # speech but no voices yet
    page.evaluate("fakeSpeech.addVoice()")
    button.wait_for(state="visible")
    assert small_buttons(page) == []
    story = playing.scenario(built_site, "star99")
    first = story.scene(story.start)
    screen = first.screen  # the chat Sam sees is read too, between the words and the choices
    parts = [first.text, f"On the screen: {screen.title}"] + [
        f"{m.sender} {m.text}" for m in screen.messages] + [c.label for c in first.choices]
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate("fakeSpeech.said") == parts
    reading = page.locator("#cw-scene .cw-reading")
    for part in parts:
        assert reading.count() == 1 and " ".join(reading.inner_text().split()) == part
        page.evaluate("fakeSpeech.finish()")
    assert reading.count() == 0
    assert button.get_attribute("aria-pressed") == "false" and button.inner_text() == "Read it to me"


def test_read_aloud_is_hidden_without_speech(watched, site_url):
    page = watched
    page.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined})")
    page.goto(site_url + "play/star99/")
    page.wait_for_load_state("load")
    assert page.locator('button[data-tool="read"]').is_hidden()


def test_bigger_text_and_easy_read_colours_last_on_every_page(watched, site_url):
    page = watched
    visit(page, site_url + "pupils/ks2/")
    size = "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    before = page.evaluate(size)
    page.click('button[data-setting="bigger"]')
    page.click('button[data-setting="easy-read"]')
    assert page.get_attribute('button[data-setting="bigger"]', "aria-pressed") == "true"
    assert page.evaluate(size) > before
    for path in ("", "help/", "play/star99/"):  # a page with no buttons for them, and the player
        visit(page, site_url + path)
        page.wait_for_function("document.documentElement.classList.contains('cw-easy-read')")
        assert "cw-bigger" in page.evaluate("document.documentElement.className").split()
        assert page.evaluate(size) > before
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(253, 246, 227)"
    assert page.get_attribute('button[data-setting="easy-read"]', "aria-pressed") == "true"
    page.click('button[data-setting="easy-read"]')
    assert page.evaluate("document.documentElement.classList.contains('cw-easy-read')") is False
    settings = json.loads(storage(page)["clickwise:settings"])
    assert settings["bigger"] is True and settings["easy-read"] is False


def test_reduced_motion_is_respected(watched, site_url):
    page = watched
    page.emulate_media(reduced_motion="reduce")
    page.goto(site_url + "play/star99/")
    moving = "() => getComputedStyle(document.querySelector('.cw-choice')).transitionDuration"
    assert page.evaluate(moving) == "0s"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(moving) != "0s"


def test_colours_follow_the_device_until_someone_chooses(watched, site_url):
    page = watched
    scheme = "() => document.body.dataset.mdColorScheme"
    for device, shown in (("dark", "slate"), ("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=device)  # the tablet's setting, changed between visits
        visit(page, site_url + "help/")
        assert page.evaluate(scheme) == shown, device
    assert "clickwise:settings" not in storage(page)  # nothing kept before a choice
    page.click("label.md-header__button[for^=__palette]:visible")  # light colours, please
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    for path in ("help/", "pupils/ks1/"):
        visit(page, site_url + path)
        assert page.evaluate(scheme) == "default", path  # the choice is kept while dark
    assert json.loads(storage(page)["clickwise:settings"])["theme"]["__palette"]["index"] == 0


# ---- search on a story page ------------------------------------------------------------------
# Material's search builds its index in a worker of its own; on a story page that worker, and
# the index it downloads, wait until somebody opens or focuses search.

RECORD_WORKERS = """(() => {
  window.__workers = [];
  window.Worker = new Proxy(window.Worker, { construct(target, args, newTarget) {
    const player = document.getElementById("cw-player");
    window.__workers.push({ url: String(args[0]), python: player ? player.dataset.python : null });
    return Reflect.construct(target, args, newTarget);
  } });
})()"""
SEARCH_WORKER = "/workers/search."


def search_workers(page) -> list[dict]:
    return [w for w in page.evaluate("window.__workers") if SEARCH_WORKER in w["url"]]


def search_finds(page, words: str) -> list[str]:
    """Type into the header's search box; the titles of the results."""
    page.click("[data-md-component=search-query]")
    page.keyboard.type(words)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=30_000)
    return results.all_inner_texts()


def test_search_on_a_story_page_starts_only_when_opened_and_then_works(watched, site_url):
    page = watched
    page.add_init_script(RECORD_WORKERS)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    open_player(page, site_url, "star99")
    page.click('#cw-scene button[data-do="choose"]')  # the story is played, Python answers
    expect(page.locator("#cw-scene")).to_have_attribute("data-decided-by", "python")
    page.wait_for_timeout(1500)  # anything put off until Python is live has had its turn
    assert search_workers(page) == []
    assert not [url for url in asked if "search_index" in url]
    assert any("password" in title.lower() for title in search_finds(page, "password"))
    assert len(search_workers(page)) == 1
    assert [url for url in asked if "search_index" in url]


def test_search_works_at_once_when_opened_while_python_is_starting(page, site_url):
    page.add_init_script(RECORD_WORKERS)
    held = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))  # Python stays starting
    page.goto(site_url + "play/star99/")
    page.wait_for_function("document.querySelector('#cw-scene .cw-choice') && window.__workers.length")
    page.wait_for_load_state("load")
    assert held and search_workers(page) == []
    assert any("password" in title.lower() for title in search_finds(page, "password"))
    assert [w["python"] for w in search_workers(page)] == [""]
    assert page.get_attribute("#cw-player", "data-python") == ""


# ---- when Python cannot start -----------------------------------------------------------------

def assert_first_scene_readable_with_a_plain_message(page):
    message = page.locator("#cw-no-python")
    message.wait_for(state="visible", timeout=30_000)
    words = message.inner_text()
    assert "school's web address" in words and "serve command" in words
    assert page.locator("#cw-scene .cw-text").is_visible()
    assert page.locator("#cw-scene .cw-choice").count() >= 2
    assert page.get_attribute("#cw-scene", "data-decided-by") == "build"


def test_without_python_the_first_scene_stays_readable(page, site_url):
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(site_url + "play/star99/")
    assert_first_scene_readable_with_a_plain_message(page)
    assert page.get_attribute("#cw-player", "data-engine") == "failed"
    page.click('#cw-scene button[data-index="0"]')  # nothing can happen: say why
    assert page.evaluate("document.activeElement.id") == "cw-no-python"
    assert serious_violations(page) == []
    assert search_finds(page, "password")  # search does not wait for a Python that cannot come


def test_without_workers_the_first_scene_stays_readable(page, site_url):
    page.add_init_script("delete window.Worker")
    page.goto(site_url + "play/star99/")
    assert_first_scene_readable_with_a_plain_message(page)


def test_opened_as_a_file_the_first_scene_stays_readable(page, built_site):
    page.goto((built_site / "play" / "star99" / "index.html").as_uri())
    assert_first_scene_readable_with_a_plain_message(page)


# ---- accessibility and layout -----------------------------------------------------------------

def test_axe_and_touch_targets_in_every_player_state(watched, site_url, built_site):
    page = watched
    for path in ("", "pupils/ks1/", "pupils/ks2/"):
        visit(page, site_url + path)
        assert serious_violations(page) == [], path
    old = json.dumps({"version": 0, "scenario": "star99"})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [KEY + "star99", json.dumps({"state": old, "status": "started"})])
    open_player(page, site_url, "star99")
    page.locator("#cw-notice").wait_for(state="visible")
    assert "older version" in page.locator("#cw-notice").inner_text()
    story = playing.scenario(built_site, "star99")
    moves = list(playing.paths_to_every_ending(story).values())[0]
    states = {"notice shown": lambda: None,
              "feedback": lambda: page.click(f'#cw-scene button[data-index="{moves[0]}"]'),
              "scene": lambda: page.click('#cw-scene button[data-do="continue"]'),
              "ending": lambda: playing.play_path(page, moves[1:])}
    for name, step in states.items():
        step()
        page.wait_for_selector('#cw-scene[data-decided-by="python"]')
        page.wait_for_timeout(150)  # the live region settles
        assert serious_violations(page) == [], name
        assert small_buttons(page) == [], name
    assert scene(page)[1] == "ending"
    page.click('button[data-setting="easy-read"]')  # scrolled to, so the tabs fade back in
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    assert serious_violations(page) == [], "ending in easy-read colours"


def test_layout_fits_phones_tablets_and_laptops(watched, site_url, built_site):
    page = watched
    page.emulate_media(reduced_motion="reduce")

    def snap(name):
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            assert fits(page), f"{name} overflows at {width}x{height}"
            keep_shot(page, f"{name}-{width}x{height}")

    visit(page, site_url + "pupils/ks2/")
    snap("band")
    story = playing.scenario(built_site, "star99")
    moves = max(playing.paths_to_every_ending(story).values(), key=len)
    open_player(page, site_url, "star99")
    snap("scene")
    page.click(f'#cw-scene button[data-index="{moves[0]}"]')
    page.wait_for_selector('#cw-scene[data-phase="feedback"]')
    snap("feedback")
    page.click('#cw-scene button[data-do="continue"]')
    page.wait_for_selector('#cw-scene[data-phase="scene"][data-decided-by="python"]')
    playing.play_path(page, moves[1:])
    page.fill("#cw-name-input", "Maximilian-Alexander Featherstonehaugh")
    snap("ending")
    page.click('button[data-setting="bigger"]')
    page.click('button[data-setting="easy-read"]')
    snap("ending-bigger-easy-read")
