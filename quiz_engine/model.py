"""The immutable content of a scenario: scenes, choices and endings as plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from quiz_engine.screens import Practice, Screen, practice_from, screen_from

OUTCOMES = ("safe", "unsure", "risky")


class ScenarioError(ValueError):
    """Scenario data that cannot be played; ``check`` explains each problem in full."""


@dataclass(frozen=True)
class Choice:
    """One button in a scene: where it goes, how safe it was and what to say about it."""

    label: str
    goto: str
    outcome: str
    feedback: str
    sets: tuple[str, ...] = ()
    when: tuple[str, ...] = ()

    def offered(self, flags: frozenset[str]) -> bool:
        """True when every condition in ``when`` holds for ``flags``."""
        for condition in self.when:
            if condition.startswith("not "):
                if condition[4:].strip() in flags:
                    return False
            elif condition not in flags:
                return False
        return True


@dataclass(frozen=True)
class Ending:
    """The debrief at the end of a path: what happened, the safer choice, who can help."""

    kind: str
    safer_choice: str
    who_can_help: tuple[str, ...]


@dataclass(frozen=True)
class Scene:
    """A scene: text with an optional speaker, picture and screen, then choices, a practice
    on the screen, or an ending."""

    id: str
    text: str
    speaker: str | None = None
    picture: str | None = None
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None
    screen: Screen | None = None
    practice: Practice | None = None

    def ways_on(self) -> tuple[Choice, ...]:
        """Where the scene can lead, as choices: its own, or a practice's way on with its
        goal met and, when that leads elsewhere, without (for maps and outlines)."""
        if not self.practice:
            return self.choices
        then, otherwise = self.practice.then, self.practice.otherwise
        if then == otherwise:
            return (Choice("Practise on the screen, then go on", then, "safe", ""),)
        return (Choice("Goal met, then go on", then, "safe", ""),
                Choice("Go on before the goal is met", otherwise, "unsure", ""))


@dataclass(frozen=True)
class Scenario:
    """A whole scenario as the build hands it to the engine (facts already filled in)."""

    id: str
    title: str
    band: str
    start: str
    scenes: dict[str, Scene]
    key_message: str = ""
    objectives: tuple[str, ...] = ()
    characters: dict[str, dict] = field(default_factory=dict)
    helpers: dict[str, dict] = field(default_factory=dict)
    discussion: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        """Build a Scenario from checked data; raise ScenarioError when it is not playable."""
        try:
            scenes = {sid: _scene(sid, raw) for sid, raw in data["scenes"].items()}
            scenario = cls(
                id=str(data["id"]), title=str(data["title"]), band=str(data["band"]),
                start=str(data["start"]), scenes=scenes,
                key_message=str(data.get("key_message", "")),
                objectives=tuple(data.get("objectives", ())),
                characters=dict(data.get("characters") or {}),
                helpers=dict(data.get("helpers") or {}),
                discussion=tuple(data.get("discussion") or ()),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ScenarioError(f"scenario data is incomplete: {error!r}") from error
        if scenario.start not in scenes:
            raise ScenarioError(f'start scene "{scenario.start}" does not exist')
        return scenario

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        """Build a Scenario from the JSON the build writes."""
        return cls.from_dict(json.loads(text))

    def scene(self, scene_id: str) -> Scene:
        """The scene called ``scene_id``."""
        return self.scenes[scene_id]


def _scene(scene_id: str, raw: dict) -> Scene:
    ending = None
    if raw.get("ending"):
        ending = Ending(
            kind=str(raw["ending"]), safer_choice=str(raw.get("safer_choice", "")),
            who_can_help=tuple(raw.get("who_can_help") or ()),
        )
    choices = tuple(
        Choice(
            label=str(c["label"]), goto=str(c["goto"]), outcome=str(c["outcome"]),
            feedback=str(c.get("feedback", "")), sets=tuple(c.get("sets") or ()),
            when=tuple(c.get("when") or ()),
        )
        for c in raw.get("choices") or ()
    )
    if raw.get("practice") and not (raw.get("screen") or {}).get("controls"):
        raise ScenarioError(f'scene "{scene_id}" has a practice but no screen with controls')
    return Scene(
        id=scene_id, text=str(raw.get("text", "")), speaker=raw.get("speaker"),
        picture=raw.get("picture"), choices=choices, ending=ending,
        screen=screen_from(raw["screen"]) if raw.get("screen") else None,
        practice=practice_from(raw["practice"]) if raw.get("practice") else None,
    )
