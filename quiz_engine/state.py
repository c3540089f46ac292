"""Mutable progress through a scenario, saved and restored as versioned JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

#: The save format written now, and the oldest one this engine can still read. Version 2
#: added practice on screens: a save from before it starts the story afresh.
SAVE_VERSION = 2
MIN_LOADABLE_VERSION = 2
#: A save is three levels deep (a path of steps, each with its votes). Python in the browser
#: runs out of stack reading JSON nested some thousands deep before it can say so, so a text
#: nested deeper than this is not read at all.
MAX_DEPTH = 16
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class SaveError(ValueError):
    """A saved game that cannot be restored; the message is fit to show a pupil."""


class PlayError(ValueError):
    """An action that does not fit the current state (for example a choice not on offer)."""


@dataclass
class Action:
    """One thing done on a practice screen: ``set`` a control to a value, or ``check`` the
    goal; with the class's votes as they stood just before it (restored by undo)."""

    do: str
    control: str | None = None
    value: bool | str | None = None
    votes: dict[int, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"do": self.do, "control": self.control, "value": self.value,
                "votes": _votes(self.votes)}

    @classmethod
    def from_dict(cls, data: dict) -> Action:
        value = data["value"]
        if not isinstance(value, (bool, str, type(None))):
            raise TypeError(f"a control's value cannot be {value!r}")
        return cls(str(data["do"]), None if data["control"] is None else str(data["control"]),
                   value, _votes_from(data["votes"]))


@dataclass
class Step:
    """One decision taken: where it was made, which choice (None for a practice on a screen,
    whose ``actions`` are kept), and what it was like."""

    scene: str
    choice: int | None
    label: str
    outcome: str
    votes: dict[int, int] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"scene": self.scene, "choice": self.choice, "label": self.label,
                "outcome": self.outcome, "votes": _votes(self.votes),
                "actions": [a.to_dict() for a in self.actions]}

    @classmethod
    def from_dict(cls, data: dict) -> Step:
        choice = data["choice"]
        return cls(str(data["scene"]), None if choice is None else int(choice),
                   str(data["label"]), str(data["outcome"]), _votes_from(data["votes"]),
                   [Action.from_dict(a) for a in data["actions"]])


def _votes(votes: dict[int, int]) -> dict[str, int]:
    return {str(k): v for k, v in sorted(votes.items())}


def _votes_from(data: dict) -> dict[int, int]:
    return {int(k): int(v) for k, v in data.items()}


@dataclass
class State:
    """Where a player is: the scene, the path taken, any class votes, and what has been done
    so far on the scene's practice screen.

    Flags are not stored: they are whatever the choices on the path set (see ``play.flags``);
    nor are a screen's values: they are its start changed by ``actions`` (see practice.py).
    """

    scenario_id: str
    scene: str
    path: list[Step] = field(default_factory=list)
    feedback: int | None = None
    votes: dict[int, int] = field(default_factory=dict)
    revealed: bool = False
    actions: list[Action] = field(default_factory=list)

    def to_json(self) -> str:
        """The state as JSON with the save-format version."""
        return json.dumps({
            "version": SAVE_VERSION, "scenario": self.scenario_id, "scene": self.scene,
            "path": [s.to_dict() for s in self.path],
            "feedback": self.feedback, "votes": _votes(self.votes), "revealed": self.revealed,
            "actions": [a.to_dict() for a in self.actions],
        }, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, scenario) -> State:
        """Restore a saved state for ``scenario``; raise SaveError when it cannot be used."""
        data = _read(text)
        version = data.get("version")
        if isinstance(version, int) and version > SAVE_VERSION:
            raise SaveError("The saved game is from a newer version of Clickwise.")
        if not isinstance(version, int) or version < MIN_LOADABLE_VERSION:
            raise SaveError("The saved game is from an older version of Clickwise.")
        if data.get("scenario") != scenario.id:
            raise SaveError("The saved game belongs to a different story.")
        try:
            state = cls(
                scenario_id=scenario.id, scene=str(data["scene"]),
                path=[Step.from_dict(s) for s in data["path"]],
                feedback=None if data["feedback"] is None else int(data["feedback"]),
                votes=_votes_from(data["votes"]), revealed=bool(data["revealed"]),
                actions=[Action.from_dict(a) for a in data["actions"]],
            )
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
            raise SaveError("The saved game is damaged.") from error
        _check_fits(state, scenario)
        return state


def _read(text) -> dict:
    """The save's JSON object; SaveError when the text is not one."""
    if not isinstance(text, str) or _deeper_than(text, MAX_DEPTH):
        raise SaveError("The saved game could not be read.")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise SaveError("The saved game could not be read.") from error
    if not isinstance(data, dict):
        raise SaveError("The saved game could not be read.")
    return data


def _deeper_than(text: str, limit: int) -> bool:
    """Whether the JSON ``text`` nests lists and objects more than ``limit`` deep."""
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


def _check_fits(state: State, scenario) -> None:
    """Refuse a save this story could not have made: one that points at scenes, choices or
    controls it no longer has, or whose path is not a walk from the start through choices on
    offer and practices (a practice goes on to one of its two next scenes)."""
    counts = [*state.votes.values(), *(n for step in state.path for n in step.votes.values())]
    if any(n < 0 for n in counts) or state.feedback is not None and (
            not state.path or state.feedback != state.path[-1].choice):
        raise SaveError("The saved game is damaged.")
    changed = SaveError("The story has changed since this game was saved.")
    here, flags = {scenario.start}, set()
    for step in state.path:
        scene = scenario.scenes.get(step.scene)
        if step.scene not in here or scene is None or not _fits(scene, step.choice, step.actions):
            raise changed
        if step.choice is None:
            here = {scene.practice.then, scene.practice.otherwise}
            continue
        if not scene.choices[step.choice].offered(frozenset(flags)):
            raise changed
        flags.update(scene.choices[step.choice].sets)
        here = {scene.choices[step.choice].goto}
    if state.scene not in here or state.actions and not _fits(
            scenario.scenes[state.scene], None, state.actions):
        raise changed


def _fits(scene, choice: int | None, actions: list[Action]) -> bool:
    """A choice the scene has, or (no choice) actions its practice screen can take."""
    if choice is not None:
        return 0 <= choice < len(scene.choices) and not actions
    if scene.practice is None:
        return False
    return all(a.do == "check" and a.control is None or a.do == "set" and a.control is not None
               and scene.screen.control(a.control) is not None
               and scene.screen.control(a.control).takes(a.value) for a in actions)
