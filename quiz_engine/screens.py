"""What a character's device shows (a screen) and what a pupil practises on it, as plain data.

A screen is a generic, unbranded mock drawn from the story file: a chat, a pop-up, a friend
request, a post, a settings page or a report form, with its controls. A practice names the
controls' goal, a line of feedback for each control, a hint, and where the story goes on to.
Nothing here changes: the controls' values as a pupil plays live in ``State`` (see practice.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("chat", "popup", "request", "post", "settings", "report")
#: Controls that are on or off, and controls that hold one of their options.
ON_OFF = ("switch", "button", "tell")
ONE_OF = ("choice", "select", "buttons")
TYPES = ON_OFF + ONE_OF


@dataclass(frozen=True)
class Message:
    """One message in a chat, or one comment under a post, from a named sender."""

    sender: str
    text: str


@dataclass(frozen=True)
class Control:
    """A switch, a button, a "tell a grown-up" button, or a set of options (radio buttons, a
    drop-down or a row of buttons). ``start`` is its value when the scene begins: True or
    False, or one of ``options`` (None: nothing picked yet)."""

    id: str
    label: str
    type: str
    options: tuple[str, ...] = ()
    start: bool | str | None = None

    def values(self) -> tuple:
        """Every value the control can be set to."""
        return (True, False) if self.type in ON_OFF else self.options

    def takes(self, value) -> bool:
        """True when ``value`` is one the control can hold (True is not the option "1")."""
        kind = bool if self.type in ON_OFF else str
        return type(value) is kind and value in self.values()

    def words(self, value) -> str:
        """The value as a pupil reads it: on, off, done, not done, or the option."""
        if self.type == "switch":
            return "on" if value else "off"
        if self.type in ON_OFF:
            return "done" if value else "not done"
        return "nothing picked" if value is None else str(value)

    def line(self, *values) -> str:
        """The control and its value (or values) as a sentence: "Private account: on." or,
        for a label that asks, "Who can message me? Friends or No one."."""
        joined = f"{self.label} " if self.label.endswith("?") else f"{self.label}: "
        return joined + " or ".join(self.words(v) for v in values) + "."


@dataclass(frozen=True)
class Screen:
    """The device's screen in one scene: its kind, title, words, messages and controls."""

    kind: str
    title: str
    text: str = ""
    sender: str = ""
    photo: str = ""
    messages: tuple[Message, ...] = ()
    controls: tuple[Control, ...] = ()

    def control(self, control_id: str) -> Control | None:
        """The control called ``control_id``, or None."""
        return next((c for c in self.controls if c.id == control_id), None)


@dataclass(frozen=True)
class Practice:
    """What the pupil does on the screen: ``goal`` gives each goal control the values that
    meet it; ``feedback`` a line per control (or, for options, a line per option)."""

    goal: dict[str, tuple] = field(default_factory=dict)
    feedback: dict[str, str | dict[str, str]] = field(default_factory=dict)
    hint: str = ""
    then: str = ""
    otherwise: str = ""


def wanted(goal) -> tuple:
    """A goal as written (one value, or a list of values that each meet it) as a tuple."""
    return tuple(goal) if isinstance(goal, list) else (goal,)


def screen_from(raw: dict) -> Screen:
    """A Screen from checked scenario data."""
    controls = tuple(
        Control(id=str(cid), label=str(c["label"]), type=str(c["type"]),
                options=tuple(str(o) for o in c.get("options") or ()),
                start=_start(c))
        for cid, c in (raw.get("controls") or {}).items())
    messages = tuple(Message(str(m.get("from", "")), str(m.get("text", "")))
                     for m in raw.get("messages") or ())
    return Screen(kind=str(raw["kind"]), title=str(raw.get("title", "")),
                  text=str(raw.get("text", "")), sender=str(raw.get("from", "")),
                  photo=str(raw.get("photo", "")), messages=messages, controls=controls)


def _start(raw: dict) -> bool | str | None:
    if raw["type"] in ON_OFF:
        return bool(raw.get("start", False))
    return None if raw.get("start") is None else str(raw["start"])


def practice_from(raw: dict) -> Practice:
    """A Practice from checked scenario data."""
    return Practice(
        goal={str(cid): wanted(goal) for cid, goal in (raw.get("goal") or {}).items()},
        feedback=dict(raw.get("feedback") or {}), hint=str(raw.get("hint", "")),
        then=str(raw["then"]), otherwise=str(raw.get("otherwise") or raw["then"]))


def move_words(control: Control, values: tuple) -> str:
    """What to do to give ``control`` one of ``values``, e.g. ``Turn on "Private account"``."""
    if control.type == "switch":
        return f'Turn {"on" if values[0] else "off"} "{control.label}"'
    if control.type in ON_OFF:
        return f'Press "{control.label}"' if values[0] else f'Undo "{control.label}"'
    options = " or ".join(f'"{v}"' for v in values)
    if control.type == "buttons":
        return f"Press {options}"
    if control.label.endswith("?"):
        return f"{control.label} Choose {options}"
    return f"{control.label}: choose {options}"
