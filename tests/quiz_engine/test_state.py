"""Saving and restoring progress as versioned JSON; broken saves are refused in plain words."""

import json

import pytest

from quiz_engine import SAVE_VERSION, SaveError, Scenario, State, play

DATA = {
    "id": "demo", "title": "Demo", "band": "ks1", "start": "one",
    "scenes": {
        "one": {"text": "One.", "choices": [
            {"label": "A", "goto": "two", "outcome": "safe", "sets": ["told"], "feedback": "Yes."},
            {"label": "B", "goto": "two", "outcome": "risky", "feedback": "No."}]},
        "two": {"text": "Two.", "choices": [
            {"label": "C", "goto": "end", "outcome": "safe", "when": ["told"],
             "feedback": "Yes."},
            {"label": "D", "goto": "end", "outcome": "unsure", "feedback": "Hmm."}]},
        "end": {"ending": "safe", "text": "The end.", "safer_choice": "A.",
                "who_can_help": ["trusted-adult"]},
    },
}


@pytest.fixture
def scenario():
    return Scenario.from_dict(DATA)


def played(scenario):
    """A state part-way through, with votes on the path, votes now and choices revealed."""
    state = play.start(scenario)
    play.vote(scenario, state, 0)
    play.vote(scenario, state, 0)
    play.vote(scenario, state, 1)
    play.follow_majority(scenario, state)
    play.go_on(scenario, state)
    play.vote(scenario, state, 1)
    play.reveal(scenario, state)
    return state


def saved(story, **changes):
    """The saved JSON of ``played`` with top-level fields changed (None deletes one)."""
    return json.dumps(_changed(json.loads(played(story).to_json()), changes))


def _changed(data: dict, changes: dict) -> dict:
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return data


def test_round_trip_keeps_everything(scenario):
    state = played(scenario)
    again = State.from_json(state.to_json(), scenario)
    assert again == state
    assert again.to_json() == state.to_json()
    assert play.view(scenario, again) == play.view(scenario, state)


def test_round_trip_during_feedback(scenario):
    state = play.start(scenario)
    play.choose(scenario, state, 1)
    again = State.from_json(state.to_json(), scenario)
    assert (again.feedback, play.view(scenario, again)["phase"]) == (1, "feedback")


def test_the_save_carries_its_format_version(scenario):
    assert json.loads(played(scenario).to_json())["version"] == SAVE_VERSION


def test_a_restored_state_plays_on(scenario):
    state = State.from_json(played(scenario).to_json(), scenario)
    play.follow_teacher(scenario, state, 0)
    play.go_on(scenario, state)
    assert play.view(scenario, state)["phase"] == "ending"
    play.undo(scenario, state)
    assert state.votes == {1: 1}


READ = "The saved game could not be read."
OLDER = "The saved game is from an older version of Clickwise."
NEWER = "The saved game is from a newer version of Clickwise."
OTHER = "The saved game belongs to a different story."
CHANGED = "The story has changed since this game was saved."
DAMAGED = "The saved game is damaged."


def _path(**step):
    """A one-step path with fields changed (None deletes one)."""
    return [_changed({"scene": "one", "choice": 0, "label": "A", "outcome": "safe",
                      "votes": {}, "actions": []}, step)]


BROKEN = {
    "not JSON": lambda s: "{not json",
    "empty": lambda s: "",
    "a list": lambda s: "[1, 2]",
    "a string": lambda s: '"saved"',
    "missing version": lambda s: saved(s, version=None),
    "version 0": lambda s: saved(s, version=0),
    "version 1, from before practices": lambda s: saved(s, version=1),
    "version as text": lambda s: saved(s, version="1"),
    "version too new": lambda s: saved(s, version=SAVE_VERSION + 1),
    "other scenario": lambda s: saved(s, scenario="someone-else"),
    "missing scenario": lambda s: saved(s, scenario=None),
    "unknown scene": lambda s: saved(s, scene="park2"),
    "step in unknown scene": lambda s: saved(s, path=_path(scene="gone")),
    "choice index out of range": lambda s: saved(s, path=_path(choice=5)),
    "negative choice index": lambda s: saved(s, path=_path(choice=-1)),
    "missing path": lambda s: saved(s, path=None),
    "path not a list of steps": lambda s: saved(s, path=["one"]),
    "step without choice": lambda s: saved(s, path=_path(choice=None)),
    "choice not a number": lambda s: saved(s, path=_path(choice="first")),
    "votes not a mapping": lambda s: saved(s, votes=[1, 2]),
    "vote count not a number": lambda s: saved(s, votes={"0": "many"}),
    "feedback not a number": lambda s: saved(s, feedback="yes"),
    "feedback with no path": lambda s: saved(s, path=[], feedback=0),
    "missing revealed": lambda s: saved(s, revealed=None),
    "nested too deep": lambda s: "[" * 100_000 + "]" * 100_000,
    "nested deeper than a save":
        lambda s: saved(s)[:-1] + ', "x": ' + "[" * 20 + "]" * 20 + "}",
    "huge": lambda s: '"' + "x" * 5_000_000 + '"',
    "feedback past any number": lambda s: saved(s, feedback=float("inf")),
    "choice past any number": lambda s: saved(s, path=_path(choice=float("inf"))),
    "a vote below none": lambda s: saved(s, votes={"0": -3}),
    "feedback for another choice": lambda s: saved(s, feedback=1),
    "first step not at the start": lambda s: saved(s, path=_path(scene="two")),
    "scene not where the path leads": lambda s: saved(s, scene="end"),
    "choice that was not on offer": lambda s: saved(s, scene="end", path=[
        *_path(choice=1), *_path(scene="two", choice=0)]),
}
MESSAGES = {
    "not JSON": READ, "empty": READ, "a list": READ, "a string": READ,
    "missing version": OLDER, "version 0": OLDER, "version as text": OLDER,
    "version 1, from before practices": OLDER,
    "version too new": NEWER,
    "other scenario": OTHER, "missing scenario": OTHER,
    "unknown scene": CHANGED, "step in unknown scene": CHANGED,
    "choice index out of range": CHANGED, "negative choice index": CHANGED,
    "missing path": DAMAGED, "path not a list of steps": DAMAGED,
    "step without choice": DAMAGED, "choice not a number": DAMAGED,
    "votes not a mapping": DAMAGED, "vote count not a number": DAMAGED,
    "feedback not a number": DAMAGED, "feedback with no path": DAMAGED,
    "missing revealed": DAMAGED,
    "nested too deep": READ, "nested deeper than a save": READ, "huge": READ,
    "feedback past any number": DAMAGED, "choice past any number": DAMAGED,
    "a vote below none": DAMAGED, "feedback for another choice": DAMAGED, "first step not at the start": CHANGED,
    "scene not where the path leads": CHANGED, "choice that was not on offer": CHANGED,
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_save_is_refused_in_plain_words(scenario, case):
    with pytest.raises(SaveError) as refused:
        State.from_json(BROKEN[case](scenario), scenario)
    assert str(refused.value) == MESSAGES[case]


def test_none_is_refused_as_unreadable(scenario):
    with pytest.raises(SaveError, match="^The saved game could not be read.$"):
        State.from_json(None, scenario)
