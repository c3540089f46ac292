"""Helpers to play scenarios in the browser along paths the engine itself works out."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import quiz_engine
from quiz_engine import play

PYTHON_LIVE = "#cw-player[data-python^='3.']"
#: Where the player keeps each story's save in localStorage (the story's id follows).
SAVE_KEY = "clickwise:progress:"
FRESH = " Your saved place could not be used, so the story starts again from the beginning."
OTHER_STORY = "The saved game belongs to a different story." + FRESH


def scenario(site: Path, scenario_id: str) -> quiz_engine.Scenario:
    """A scenario as the site ships it (facts filled in)."""
    return quiz_engine.Scenario.from_json(
        (site / "scenarios" / f"{scenario_id}.json").read_text(encoding="utf-8"))


def paths_to_every_ending(story: quiz_engine.Scenario) -> dict[str, list[int]]:
    """For each reachable ending, the shortest list of choice indexes that reaches it."""
    start = play.start(story)
    found: dict[str, list[int]] = {}
    seen = {(start.scene, frozenset())}
    todo = deque([(start, [])])
    while todo:
        state, moves = todo.popleft()
        scene = story.scene(state.scene)
        if scene.ending:
            found.setdefault(scene.id, moves)
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


def give_save_to(page, from_id: str, to_id: str) -> None:
    """Put ``from_id``'s save under ``to_id``'s key (the open page is on this site)."""
    page.evaluate("([from, to]) => localStorage.setItem(to, localStorage.getItem(from))",
                  [SAVE_KEY + from_id, SAVE_KEY + to_id])


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
