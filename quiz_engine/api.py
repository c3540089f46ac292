"""The browser's door into the engine: JSON strings in, one JSON string out.

Only strings cross between JavaScript and Python, so no proxies are kept on either side.
"""

from __future__ import annotations

import json
import sys

from quiz_engine import play, practice
from quiz_engine.model import Scenario
from quiz_engine.state import SaveError, State

_SCENARIOS: dict[str, Scenario] = {}

FRESH_START = "Your saved place could not be used, so the story starts again from the beginning."


def load(scenario_json: str) -> str:
    """Keep a scenario for later calls; answers with its id."""
    scenario = Scenario.from_json(scenario_json)
    _SCENARIOS[scenario.id] = scenario
    return json.dumps({"scenario": scenario.id, "python": python_version()})


def python_version() -> str:
    """The version of the Python running the engine (shown on the page as proof it is live)."""
    return "%d.%d.%d" % sys.version_info[:3]


def handle(scenario_id: str, state_json: str, action_json: str) -> str:
    """Carry out one action on a saved state and answer with the new state and view."""
    scenario = _SCENARIOS[scenario_id]
    action = json.loads(action_json)
    do, notice = action.get("do"), None
    if do == "start" or not state_json:
        state = play.start(scenario)
    else:
        try:
            state = State.from_json(state_json, scenario)
        except SaveError as error:
            state, notice = play.start(scenario), f"{error} {FRESH_START}"
    try:
        if notice is None:  # a click made on the lost scene means nothing on the fresh start
            _apply(scenario, state, action)
    except play.PlayError as error:
        notice = str(error)
    answer = {"state": state.to_json(), "view": play.view(scenario, state),
              "python": python_version(), "notice": notice}
    if answer["view"]["phase"] == "ending" or do == "summary":
        answer["summary"] = play.summary(scenario, state)
    return json.dumps(answer)


def _apply(scenario: Scenario, state: State, action: dict) -> None:
    do, index = action.get("do"), action.get("index")
    if do in ("set", "check"):  # on the practice screen
        scene = practice.current(scenario, state)
        if do == "set":
            practice.set_control(scene, state, action.get("control"), action.get("value"))
        else:
            practice.check(scene, state)
        return
    simple = {"continue": play.go_on, "undo": play.undo, "restart": play.restart,
              "reveal": play.reveal, "majority": play.follow_majority}
    indexed = {"choose": play.choose, "teacher": play.follow_teacher}
    if do in simple:
        simple[do](scenario, state)
    elif do in indexed:
        indexed[do](scenario, state, int(index))
    elif do == "vote":
        play.vote(scenario, state, int(index), 1)
    elif do == "unvote":
        play.vote(scenario, state, int(index), -1)
    elif do == "hands":  # a count typed in class mode
        play.count_hands(scenario, state, int(index), int(action.get("count")))
    elif do not in ("start", "restore", "summary"):
        raise play.PlayError(f"unknown action {do!r}")
