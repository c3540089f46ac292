"""Saved progress in the browser: whatever this device holds under Clickwise's keys (broken,
cut short, the wrong type, huge, from an older or newer Clickwise, another story's), every
story page starts fresh with a kind message and plays on, class mode and the band pages work as
ever, and no page is stuck or writes a console error.

One browser context, with service workers off so nothing else runs; an init script fills
localStorage before any of the page's own scripts, from the case named in the address
(``?cw-case=...``). star99 gets every case, and a KS2 and a parents' story a few; every story
is handed another story's save as test_play.py plays it (a page load each costs Python's start).
"""

from __future__ import annotations

import json

import pytest

from quiz_engine import play
from tests.browser import playing
from tests.browser.conftest import Watch

KEY, FRESH, OTHER = playing.SAVE_KEY, playing.FRESH, playing.OTHER_STORY
SETTINGS = "clickwise:settings"
READ = "The saved game could not be read." + FRESH
OLDER = "The saved game is from an older version of Clickwise." + FRESH
NEWER = "The saved game is from a newer version of Clickwise." + FRESH
CHANGED = "The story has changed since this game was saved." + FRESH
DAMAGED = "The saved game is damaged." + FRESH
#: Filled in by the init script: a string, or [start, repeated, times, end] for huge ones.
FILL = """(() => {
  const cases = %s;
  const name = new URLSearchParams(location.search).get("cw-case");
  if (!(name in cases)) return;
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith("clickwise:")) localStorage.removeItem(key);
  }
  for (const [key, value] of Object.entries(cases[name])) {
    localStorage.setItem(key, Array.isArray(value)
      ? value[0] + value[1].repeat(value[2]) + value[3] : value);
  }
})();"""


def value(fill) -> str:
    """What the init script puts in localStorage for one key."""
    return fill if isinstance(fill, str) else fill[0] + fill[1] * fill[2] + fill[3]


def record(state: str, status: str = "started") -> str:
    """What the player keeps for a story: the engine's save and the card's word."""
    return json.dumps({"state": state, "status": status})


def changed(state: str, **fields) -> str:
    return json.dumps({**json.loads(state), **fields})


def bad_saves(story, other) -> dict[str, tuple[object, str]]:
    """Every kind of bad value for ``story``'s key, and the notice each must bring."""
    fresh = play.start(story).to_json()
    step = {"scene": story.start, "choice": 0, "label": "x", "outcome": "safe", "votes": {}}
    return {
        "not JSON": ("}{ not a save at all", READ),
        "record cut short": (record(fresh)[:25], READ),
        "save cut short": (record(fresh[:30]), READ),
        "record of the wrong type": (record(fresh).replace(json.dumps(fresh), "5"), OLDER),
        "null": ("null", READ),
        "a list": ("[]", READ),
        "a number": ("42", READ),
        "older version": (record(changed(fresh, version=0)), OLDER),
        "newer version": (record(changed(fresh, version=99)), NEWER),
        "another story's": (record(play.start(other).to_json()), OTHER),
        "a scene the story no longer has": (record(changed(fresh, scene="gone")), CHANGED),
        "a choice that is not a number": (
            record(changed(fresh, path=[{**step, "choice": "first"}])), DAMAGED),
        "a number past any number": (
            record(changed(fresh, path=[step], feedback=0).replace('"feedback": 0',
                                                                   '"feedback": 1e999')),
            DAMAGED),
        "nested too deep": (["", "[", 50_000, "]" * 50_000], READ),
        "huge": (['{"state": "', "x", 4_000_000, '", "status": "started"}'], READ),
    }


@pytest.fixture(scope="module")
def stories(built_site) -> dict:
    return {sid: playing.scenario(built_site, sid) for sid in playing.ids(built_site)}


@pytest.fixture(scope="module")
def cases(stories) -> dict[str, tuple[dict, str]]:
    """Each case by name: what localStorage holds, and the notice expected."""
    found = {}
    for sid, names in (("star99", None), ("sam-the-upstander", ("not JSON", "newer version",
                                                                "a number past any number")),
                       ("first-tablet", ("record cut short", "older version"))):
        bad = bad_saves(stories[sid], stories["priya-photo"])
        for name in names or bad:
            found[f"{sid}: {name}"] = ({KEY + sid: bad[name][0]}, bad[name][1])
    return found


@pytest.fixture(scope="module")
def filled_context(browser, cases):
    """One context for the module: no service worker, and localStorage filled on each load."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(FILL % json.dumps({name: fill for name, (fill, _) in cases.items()}))
    yield context
    context.close()


@pytest.fixture
def tab(filled_context):
    """A page of that context, failing the test on any console error or request off the site."""
    page = filled_context.new_page()
    watch = Watch(page)
    yield page
    page.close()
    watch.assert_clean()


def open_case(page, site_url: str, path: str, case: str) -> None:
    page.goto(f"{site_url}{path}?cw-case={case}")


def starts_fresh_with(page, story, notice: str) -> None:
    """The story at its start, decided by Python, with ``notice``; the bad save gone; and a
    choice plays on."""
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    page.wait_for_selector('#cw-scene[data-decided-by="python"]')
    assert page.locator("#cw-notice").inner_text() == notice
    assert page.get_attribute("#cw-scene", "data-scene") == story.start
    assert page.evaluate("(k) => localStorage.getItem(k)", KEY + story.id) is None
    page.click('#cw-scene button[data-do="choose"]:first-of-type')
    page.wait_for_selector('#cw-scene[data-phase="feedback"]')


def test_every_kind_of_bad_save_starts_fresh_with_its_own_message(tab, site_url, stories, cases):
    for name, (fill, notice) in cases.items():
        sid = next(iter(fill)).removeprefix(KEY)
        open_case(tab, site_url, f"play/{sid}/", name)
        starts_fresh_with(tab, stories[sid], notice)


def test_class_mode_and_the_story_cards_are_untouched_by_bad_saves(tab, site_url, cases,
                                                                   stories):
    for name in ("star99: huge", "star99: not JSON", "star99: nested too deep"):
        open_case(tab, site_url, "class/star99/", name)
        tab.wait_for_selector("#cw-class[data-python^='3.']", timeout=60_000)
        tab.click('.cw-tally button[data-do="vote"][data-index="0"]')
        tab.wait_for_selector('.cw-tally[data-index="0"][data-votes="1"]')
        assert tab.locator("#cw-class-notice").is_hidden()
        kept = tab.evaluate("(k) => localStorage.getItem(k)", KEY + "star99")
        assert kept == value(cases[name][0][KEY + "star99"])  # pupils' saves are left alone
    for name in ("star99: record of the wrong type", "star99: record cut short"):
        open_case(tab, site_url, "pupils/ks1/", name)
        tab.wait_for_load_state("networkidle")
        badges = tab.locator(".cw-card .cw-progress").all_inner_texts()
        assert set(badges) == {"Not started"}, name


BAD_SETTINGS = {
    "not JSON": "{bigger", "null": "null", "a list": "[true]", "a number": "7",
    "theme of the wrong type": '{"theme": "dark"}', "theme a number": '{"theme": 5}',
    "palette of the wrong type": '{"theme": {"__palette": "slate"}}',
    "palette past the controls": '{"theme": {"__palette": {"index": 9, "color": {}}}}',
    "palette colours of the wrong type": '{"theme": {"__palette": {"index": 0, "color": 3}}}',
    "settings of the wrong type": '{"bigger": "yes", "easy-read": 1}',
}


@pytest.fixture(scope="module")
def settings_context(browser):
    context = browser.new_context(service_workers="block")
    context.add_init_script(FILL % json.dumps({name: {SETTINGS: value}
                                               for name, value in BAD_SETTINGS.items()}))
    yield context
    context.close()


@pytest.mark.parametrize("case", list(BAD_SETTINGS))
def test_bad_settings_leave_every_page_working(settings_context, site_url, case):
    page = settings_context.new_page()
    watch = Watch(page)
    for path in ("pupils/ks1/", "help/"):
        page.goto(f"{site_url}{path}?cw-case={case}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") in ("default", "slate")
    page.goto(f"{site_url}pupils/ks1/?cw-case={case}")
    classes = page.evaluate("[...document.documentElement.classList]")
    assert not {"cw-bigger", "cw-easy-read"} & set(classes)  # only a real true turns one on
    page.click('button[data-setting="bigger"]')
    assert page.evaluate("document.documentElement.classList.contains('cw-bigger')")
    kept = json.loads(page.evaluate("(k) => localStorage.getItem(k)", SETTINGS))
    assert isinstance(kept, dict) and kept["bigger"] is True
    page.close()
    watch.assert_clean()
