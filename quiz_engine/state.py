"""Mutable progress through a scenario, saved and restored as versioned JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

#: The save format written now, and the oldest one this engine can still read.
SAVE_VERSION = 1
MIN_LOADABLE_VERSION = 1
#: A save is three levels deep (a path of steps, each with its votes). Python in the browser
#: runs out of stack reading JSON nested some thousands deep before it can say so, so a text
#: nested deeper than this is not read at all.
MAX_DEPTH = 16
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class SaveError(ValueError):
    """A saved game that cannot be restored; the message is fit to show a pupil."""


@dataclass
class Step:
    """One decision taken: where it was made, which choice, and what that choice was like."""

    scene: str
    choice: int
    label: str
    outcome: str
    votes: dict[int, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"scene": self.scene, "choice": self.choice, "label": self.label,
                "outcome": self.outcome,
                "votes": {str(k): v for k, v in sorted(self.votes.items())}}


@dataclass
class State:
    """Where a player is: the scene, the path taken and any class votes.

    Flags are not stored: they are whatever the choices on the path set (see ``play.flags``).
    """

    scenario_id: str
    scene: str
    path: list[Step] = field(default_factory=list)
    feedback: int | None = None
    votes: dict[int, int] = field(default_factory=dict)
    revealed: bool = False

    def to_json(self) -> str:
        """The state as JSON with the save-format version."""
        return json.dumps({
            "version": SAVE_VERSION, "scenario": self.scenario_id, "scene": self.scene,
            "path": [s.to_dict() for s in self.path],
            "feedback": self.feedback,
            "votes": {str(k): v for k, v in sorted(self.votes.items())},
            "revealed": self.revealed,
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
                path=[Step(str(s["scene"]), int(s["choice"]), str(s["label"]),
                           str(s["outcome"]),
                           {int(k): int(v) for k, v in s.get("votes", {}).items()})
                      for s in data["path"]],
                feedback=None if data["feedback"] is None else int(data["feedback"]),
                votes={int(k): int(v) for k, v in data["votes"].items()},
                revealed=bool(data["revealed"]),
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
    """Refuse a save this story could not have made: one that points at scenes or choices it no
    longer has, or whose path is not a walk from the start through choices on offer."""
    counts = [*state.votes.values(), *(n for step in state.path for n in step.votes.values())]
    if any(n < 0 for n in counts) or state.feedback is not None and (
            not state.path or state.feedback != state.path[-1].choice):
        raise SaveError("The saved game is damaged.")
    here, flags = scenario.start, set()
    for step in state.path:
        scene = scenario.scenes.get(step.scene)
        if step.scene != here or scene is None or not 0 <= step.choice < len(scene.choices) \
                or not scene.choices[step.choice].offered(frozenset(flags)):
            raise SaveError("The story has changed since this game was saved.")
        flags.update(scene.choices[step.choice].sets)
        here = scene.choices[step.choice].goto
    if state.scene != here:
        raise SaveError("The story has changed since this game was saved.")
