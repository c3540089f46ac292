"""Helpers to play scenarios in the browser along paths the engine itself works out.

A move is a choice's index, or at a practice a dict: ``{"solve": [(control, type, value), ...]}``
(the goal met, each goal control set in screen order) or ``{"skip": True}`` (Go on at once).
"""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import quiz_engine
from quiz_engine import play, practice

PYTHON_LIVE = "#cw-player[data-python^='3.']"
#: Where the player keeps each story's save in localStorage (the story's id follows).
SAVE_KEY = "clickwise:progress:"
FRESH = " Your saved place could not be used, so the story starts again from the beginning."
OTHER_STORY = "The saved game belongs to a different story." + FRESH


def scenario(site: Path, scenario_id: str) -> quiz_engine.Scenario:
    """A scenario as the site ships it (facts filled in)."""
    return quiz_engine.Scenario.from_json(
        (site / "scenarios" / f"{scenario_id}.json").read_text(encoding="utf-8"))


def solution(scene) -> list[tuple[str, str, object]]:
    """The goal of a practice scene as changes to make, in the order the controls are drawn."""
    return [(c.id, c.type, scene.practice.goal[c.id][0]) for c in scene.screen.controls
            if c.id in scene.practice.goal]


def moves_from(story: quiz_engine.Scenario, state) -> list:
    """The moves from ``state``: the choices on offer, or a practice solved and skipped."""
    scene = story.scene(state.scene)
    if not scene.practice:
        return play.offered(story, state)
    return [{"solve": solution(scene)}, {"skip": True}]


def make(story: quiz_engine.Scenario, state, move) -> None:
    """Make ``move`` in the engine (what ``play_path`` does in the browser)."""
    if isinstance(move, int):
        play.choose(story, state, move)
    else:
        scene = story.scene(state.scene)
        for control, _, value in move.get("solve", ()):
            practice.set_control(scene, state, control, value)
    play.go_on(story, state)


def paths_to_every_ending(story: quiz_engine.Scenario) -> dict[str, list]:
    """For each reachable ending, the shortest list of moves that reaches it."""
    return {scene: moves for scene, moves in paths_to_every_scene(story).items()
            if story.scene(scene).ending}


def paths_to_every_scene(story: quiz_engine.Scenario) -> dict[str, list]:
    """For each reachable scene, the shortest list of moves that reaches it."""
    start = play.start(story)
    found: dict[str, list[int]] = {}
    seen = {(start.scene, frozenset())}
    todo = deque([(start, [])])
    while todo:
        state, moves = todo.popleft()
        scene = story.scene(state.scene)
        found.setdefault(scene.id, moves)
        if scene.ending:
            continue
        for move in moves_from(story, state):
            nxt = quiz_engine.State.from_json(state.to_json(), story)
            make(story, nxt, move)
            key = (nxt.scene, play.flags(story, nxt))
            if key not in seen:
                seen.add(key)
                todo.append((nxt, moves + [move]))
    return found


def ids(site: Path, band: str | None = None) -> list[str]:
    """Scenario ids in the built site, optionally only one band's."""
    found = []
    for path in sorted((site / "scenarios").glob("*.json")):
        if band is None or json.loads(path.read_text())["band"] == band:
            found.append(path.stem)
    return found


def open_story(page, url: str, timeout: int = 60_000) -> None:
    """Open a story page at ``url`` and wait until Python is running it."""
    page.goto(url)
    page.wait_for_selector(PYTHON_LIVE, timeout=timeout)


def give_save_to(page, from_id: str, to_id: str) -> None:
    """Put ``from_id``'s save under ``to_id``'s key (the open page is on this site)."""
    page.evaluate("([from, to]) => localStorage.setItem(to, localStorage.getItem(from))",
                  [SAVE_KEY + from_id, SAVE_KEY + to_id])


def finished_save(story: quiz_engine.Scenario) -> str:
    """What the player keeps for ``story`` once it has reached its first ending (the engine's
    save, made here by the same engine)."""
    state = play.start(story)
    for move in next(iter(paths_to_every_ending(story).values())):
        make(story, state, move)
    return json.dumps({"state": state.to_json(), "status": "done"})


def put_save(page, story_id: str, record: str) -> None:
    """Keep ``record`` as ``story_id``'s save (the open page is on this site)."""
    page.evaluate("([key, record]) => localStorage.setItem(key, record)",
                  [SAVE_KEY + story_id, record])


def starts_fresh_from_another_story(page, story: quiz_engine.Scenario) -> None:
    """The open story page, handed another story's save, is at its start with the notice."""
    page.wait_for_selector(f'#cw-scene[data-scene="{story.start}"][data-decided-by="python"]')
    assert page.locator("#cw-notice").inner_text() == OTHER_STORY, story.id


def play_to_an_ending(page, site: Path, scenario_id: str) -> str:
    """Play the open story along the shortest path to one of its endings; that ending's id."""
    story = scenario(site, scenario_id)
    ending, moves = next(iter(paths_to_every_ending(story).items()))
    play_path(page, moves)
    return ending


def play_path(page, moves: list, keyboard: bool = False) -> None:
    """Make each move: a choice's button, then Next after its feedback; or at a practice, the
    goal's changes on the screen, Check (the goal must be met), then Go on."""
    for move in moves:
        step = page.get_attribute("#cw-scene", "data-scene")
        if isinstance(move, dict):
            for control, kind, value in move.get("solve", ()):
                operate(page, control, kind, value, keyboard)
            if "solve" in move:
                press(page, page.locator('#cw-scene button[data-do="check"]'), keyboard)
                page.wait_for_selector('#cw-scene .cw-checked[data-unmet="0"]')
            press(page, page.locator('#cw-scene button[data-do="continue"]'), keyboard)
            page.wait_for_function(
                "(s) => document.querySelector('#cw-scene').dataset.scene !== s", arg=step)
            continue
        button = page.locator(f'#cw-scene button[data-do="choose"][data-index="{move}"]')
        press(page, button, keyboard)
        page.wait_for_selector('#cw-scene[data-phase="feedback"]')
        press(page, page.locator('#cw-scene button[data-do="continue"]'), keyboard)
        page.wait_for_function(
            "(s) => document.querySelector('#cw-scene').dataset.phase !== 'feedback'", arg=step)


def turn(page) -> int:
    """How many things have been done on the practice screen shown (the engine's count)."""
    return int(page.get_attribute("#cw-scene .cw-practice", "data-turn"))


def operate(page, control: str, kind: str, value, keyboard: bool = False) -> None:
    """Set one control of the practice on the page to ``value``, with the mouse or the keyboard
    alone, and wait for the engine's answer to each change made."""
    where = f'#cw-scene [data-control="{control}"]'
    if kind in ("choice", "select"):
        target = page.locator(f'{where}:checked' if kind == "choice" else where)
        target = target if target.count() else page.locator(where).first
        if not keyboard:
            before = turn(page)
            page.locator(f'{where}[value="{value}"]').check() if kind == "choice" \
                else page.select_option(where, value)
            page.wait_for_function(f"() => +document.querySelector('#cw-scene .cw-practice').dataset.turn > {before}")
            return
        focus(page, target)
        for _ in range(12):  # arrows step through the options, each a change for the engine
            now = page.evaluate("() => document.activeElement.value")
            if now == value and (kind == "select" or page.evaluate("() => document.activeElement.checked")):
                return
            before = turn(page)
            page.keyboard.press("ArrowDown")
            page.wait_for_function(f"() => +document.querySelector('#cw-scene .cw-practice').dataset.turn > {before}")
        raise AssertionError(f"could not choose {value!r} for {control!r} with the arrow keys")
    target = page.locator(f'{where}[data-value="{value}"]') if kind == "buttons" \
        else page.locator(where)
    pressed = "aria-pressed" if kind != "switch" else "checked"
    state = target.get_attribute("aria-pressed") == "true" if pressed == "aria-pressed" \
        else target.is_checked()
    if kind != "buttons" and state == value:
        return
    before = turn(page)
    if keyboard:
        focus(page, target)
        page.keyboard.press("Space" if kind == "switch" else "Enter")
    else:
        target.click()
    page.wait_for_function(f"() => +document.querySelector('#cw-scene .cw-practice').dataset.turn > {before}")


def focus(page, target) -> None:
    """Move the focus to ``target`` with the Tab key alone."""
    for _ in range(60):
        if target.evaluate("t => t === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("could not reach the control with the Tab key")


def press(page, button, keyboard: bool) -> None:
    """Press a button with the mouse, or by focusing it with Tab and pressing Enter."""
    if not keyboard:
        button.click()
        return
    focus(page, button)
    page.keyboard.press("Enter")


# What every ending must show, by band: read from the page after the ending is painted.
ENDING_FACTS = """() => {
  const scene = document.querySelector('#cw-scene');
  const text = (sel) => [...scene.querySelectorAll(sel)].map((e) => e.innerText).join(' ');
  const grownUps = scene.querySelector('details.cw-grown-ups');
  return {
    verdict: scene.querySelector('[data-verdict]')?.dataset.verdict ?? null,
    named: [...scene.querySelectorAll('.cw-verdict-choices li')].map((li) => li.textContent),
    verdictText: text('.cw-verdict'),
    short: text('.cw-scene-head, .cw-text, .cw-ending'),
    everything: scene.textContent,
    links: [...scene.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    another: scene.querySelector('a.cw-another')?.getAttribute('href') ?? null,
    certificate: scene.querySelectorAll('#cw-certificate').length,
    grownUpsOpen: grownUps ? grownUps.open : null,
  };
}"""
KS1_MOST_WORDS = 100
STORY_LISTS = {"ks1": "pupils/ks1/", "ks2": "pupils/ks2/",
               "parents": "parents/#for-a-parents-evening-or-on-your-own"}


def ending_problems(page, story: quiz_engine.Scenario, ending: str, moves: list) -> list[str]:
    """What is wrong with the ending on show, reached by ``moves``: its verdict must name the
    choices that were not safe; every helper is a link, every phone number a tel: link; a KS1
    pupil reads a few words, with the rest for grown-ups; a parent gets adult words and no
    certificate; every ending leads back to the band's stories."""
    facts, problems = page.evaluate(ENDING_FACTS), []
    state = play.start(story)
    for move in moves:
        make(story, state, move)
    verdict = play.summary(story, state)["verdict"]
    named = [] if verdict["kind"] == "safe" else verdict[verdict["kind"]]
    if (facts["verdict"], facts["named"]) != (verdict["kind"], named):
        problems.append(f"verdict {facts['verdict']} {facts['named']}, not {verdict['kind']} {named}")
    if verdict["kind"] != "safe" and "Well done" in facts["verdictText"]:
        problems.append("says Well done after a choice that was not safe")
    for helper in story.scene(ending).ending.who_can_help:
        found = story.helpers.get(helper, {})
        if found.get("website") and found["website"] not in facts["links"]:
            problems.append(f"{found['name']} is named without a link")
        if found.get("phone") and f"tel:{found['phone'].replace(' ', '')}" not in facts["links"]:
            problems.append(f"{found['phone']} is not a tel: link")
    if not (facts["another"] or "").endswith(STORY_LISTS[story.band]):
        problems.append(f'"Choose another story" goes to {facts["another"]}')
    return problems + _band_problems(story.band, facts)


def _band_problems(band: str, facts: dict) -> list[str]:
    problems = []
    if band == "parents":
        if facts["certificate"]:
            problems.append("a parent's story ends with a pupil's certificate")
        if "grown-up in school" in facts["everything"]:
            problems.append("a parent's story ends in words for pupils")
    elif facts["certificate"] != 1 or facts["grownUpsOpen"] is not False:
        problems.append("a pupil's ending needs a certificate and a closed For grown-ups part")
    if band == "ks1" and len(facts["short"].split()) > KS1_MOST_WORDS:
        problems.append(f"a KS1 ending is {len(facts['short'].split())} words before the certificate")
    if band == "ks1" and "National Crime Agency" in facts["short"]:
        problems.append("a KS1 ending names the National Crime Agency outside For grown-ups")
    return problems
