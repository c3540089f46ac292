"""Helpers to play scenarios in the browser along paths the engine itself works out."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import quiz_engine
from quiz_engine import play

PYTHON_LIVE = "#cw-player[data-python^='3.']"


def scenario(site: Path, scenario_id: str) -> quiz_engine.Scenario:
    """A scenario as the site ships it (facts filled in)."""
    return quiz_engine.Scenario.from_json(
        (site / "scenarios" / f"{scenario_id}.json").read_text(encoding="utf-8"))


def paths_to_every_ending(story: quiz_engine.Scenario) -> dict[str, list[int]]:
    """For each reachable ending, the shortest list of choice indexes that reaches it."""
    return {scene: moves for scene, moves in paths_to_every_scene(story).items()
            if story.scene(scene).ending}


def paths_to_every_scene(story: quiz_engine.Scenario) -> dict[str, list[int]]:
    """For each reachable scene, the shortest list of choice indexes that reaches it."""
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
        for index in play.offered(story, state):
            nxt = quiz_engine.State.from_json(state.to_json(), story)
            play.choose(story, nxt, index)
            play.go_on(story, nxt)
            key = (nxt.scene, play.flags(story, nxt))
            if key not in seen:
                seen.add(key)
                todo.append((nxt, moves + [index]))
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


def play_to_an_ending(page, site: Path, scenario_id: str) -> str:
    """Play the open story along the shortest path to one of its endings; that ending's id."""
    story = scenario(site, scenario_id)
    ending, moves = next(iter(paths_to_every_ending(story).items()))
    play_path(page, moves)
    return ending


def play_path(page, moves: list[int], keyboard: bool = False) -> None:
    """Make each move by pressing its choice button, then Next after its feedback."""
    for index in moves:
        button = page.locator(f'#cw-scene button[data-do="choose"][data-index="{index}"]')
        step = page.get_attribute("#cw-scene", "data-scene")
        press(page, button, keyboard)
        page.wait_for_selector('#cw-scene[data-phase="feedback"]')
        press(page, page.locator('#cw-scene button[data-do="continue"]'), keyboard)
        page.wait_for_function(
            "(s) => document.querySelector('#cw-scene').dataset.phase !== 'feedback'", arg=step)


def press(page, button, keyboard: bool) -> None:
    """Press a button with the mouse, or by focusing it with Tab and pressing Enter."""
    if not keyboard:
        button.click()
        return
    for _ in range(40):
        if button.evaluate("b => b === document.activeElement"):
            page.keyboard.press("Enter")
            return
        page.keyboard.press("Tab")
    raise AssertionError("could not reach the button with the Tab key")


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


def ending_problems(page, story: quiz_engine.Scenario, ending: str, moves: list[int]) -> list[str]:
    """What is wrong with the ending on show, reached by ``moves``: its verdict must name the
    choices that were not safe; every helper is a link, every phone number a tel: link; a KS1
    pupil reads a few words, with the rest for grown-ups; a parent gets adult words and no
    certificate; every ending leads back to the band's stories."""
    facts, problems = page.evaluate(ENDING_FACTS), []
    state = play.start(story)
    for index in moves:
        play.choose(story, state, index)
        play.go_on(story, state)
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
