"""Practising on a screen: the controls' values, each action answered, Check, the hint, going on.

A practice scene's controls start as the story file says; every change a pupil (or a teacher on
the whiteboard) makes is an ``Action`` kept in ``State.actions``, so the values now are always
the start changed by those actions, and undo, saving and the end-of-story review need nothing
else. There is no wrong end: "Go on" always works, to ``then`` with the goal met, else to
``otherwise`` (the same scene unless the author chose another).
"""

from __future__ import annotations

from quiz_engine.model import Scenario, Scene
from quiz_engine.screens import Control, move_words
from quiz_engine.state import Action, PlayError, State, Step

#: Checks made with part of the goal still to do before the hint is shown.
HINT_AFTER = 2


def current(scenario: Scenario, state: State) -> Scene:
    """The scene being practised now; PlayError when there is no practice to act on."""
    scene = scenario.scene(state.scene)
    if scene.practice is None or state.feedback is not None:
        raise PlayError(f"there is no practice screen in scene {state.scene!r}")
    return scene


def values(scene: Scene, actions: list[Action]) -> dict:
    """Each control's value after ``actions`` (its start value when there are none)."""
    now = {c.id: c.start for c in scene.screen.controls} if scene.screen else {}
    for action in actions:
        if action.do == "set":
            now[action.control] = action.value
    return now


def goal_met(scene: Scene, now: dict) -> dict[str, bool]:
    """For each control in the goal, whether its value ``now`` meets it."""
    return {cid: now.get(cid) in wanted for cid, wanted in scene.practice.goal.items()}


def moves(scene: Scene) -> list[tuple[Control, bool | str]]:
    """Every (control, value) a control can be set to, in screen order: the class votes on
    these, by their index."""
    return [(control, value) for control in scene.screen.controls for value in control.values()]


def offered(scene: Scene, state: State) -> list[int]:
    """Indexes of the moves that would change something now."""
    now = values(scene, state.actions)
    return [i for i, (control, value) in enumerate(moves(scene)) if now[control.id] != value]


def set_control(scene: Scene, state: State, control_id, value) -> None:
    """Set one control of the practice screen; the class's votes start again."""
    control = scene.screen.control(control_id) if isinstance(control_id, str) else None
    if control is None:
        raise PlayError(f"there is no control {control_id!r} on this screen")
    if not control.takes(value):
        raise PlayError(f"{control.label!r} cannot be set to {value!r}")
    state.actions.append(Action("set", control.id, value, dict(state.votes)))
    state.votes, state.revealed = {}, False


def move(scene: Scene, state: State, index: int) -> None:
    """Make move ``index`` (the class's vote, or the teacher's pick)."""
    if index not in offered(scene, state):
        raise PlayError(f"move {index} is not on offer in scene {scene.id!r}")
    control, value = moves(scene)[index]
    set_control(scene, state, control.id, value)


def check(scene: Scene, state: State) -> None:
    """Check the goal: the view then says what is met and what is still to do."""
    state.actions.append(Action("check", votes=dict(state.votes)))


def finish(scene: Scene, state: State) -> None:
    """Go on from the practice, whatever was done: it is kept on the path for the review."""
    done = all(goal_met(scene, values(scene, state.actions)).values())
    state.path.append(Step(scene.id, None, did_words(scene, state.actions),
                           "safe" if done else "unsure", dict(state.votes), state.actions))
    state.scene = scene.practice.then if done else scene.practice.otherwise
    state.actions, state.votes, state.revealed = [], {}, False


def undo(state: State) -> bool:
    """Take back the last thing done on the screen; False when there was nothing to take back."""
    if not state.actions:
        return False
    state.votes, state.revealed = state.actions.pop().votes, False
    return True


def did_words(scene: Scene, actions: list[Action]) -> str:
    """What was changed on the screen, for the review: "On the screen: Private account: on"."""
    start, now = values(scene, []), values(scene, actions)
    changed = [c.line(now[c.id]) for c in scene.screen.controls if now[c.id] != start[c.id]]
    if not changed:
        return f"On the screen: nothing changed on {scene.screen.title or 'the screen'}."
    return "On the screen: " + " ".join(changed)


def to_do(scene: Scene, now: dict) -> list[str]:
    """What is still to do to meet the goal, one sentence for each part not yet met."""
    return [_to_do(scene, cid) for cid, met in goal_met(scene, now).items() if not met]


def goal_words(scene: Scene) -> str:
    """The whole goal in words, for the safer path: "On the screen: Turn on "Private account"."""
    return "On the screen: " + "; ".join(
        move_words(scene.screen.control(cid), wanted) for cid, wanted in scene.practice.goal.items())


def goal_view(scene: Scene) -> list[dict]:
    """Each part of the goal (the class's reveal, the outline): the control, what to do, and
    the value or values that meet it."""
    found = []
    for cid, wanted in scene.practice.goal.items():
        control = scene.screen.control(cid)
        found.append({"control": cid, "label": control.label, "todo": move_words(control, wanted),
                      "words": " or ".join(control.words(v) for v in wanted),
                      "line": control.line(*wanted)})
    return found


def screen_view(scene: Scene, actions: list[Action]) -> dict | None:
    """The screen as plain data to draw: its words and each control with its value now.
    ``live`` is whether its controls can be used (only in a practice)."""
    screen = scene.screen
    if screen is None:
        return None
    now = values(scene, actions)
    return {"kind": screen.kind, "title": screen.title, "text": screen.text,
            "from": screen.sender, "photo": screen.photo, "live": scene.practice is not None,
            "messages": [{"from": m.sender, "text": m.text} for m in screen.messages],
            "controls": [{"id": c.id, "label": c.label, "type": c.type,
                          "options": list(c.options), "value": now[c.id]}
                         for c in screen.controls]}


def practice_view(scene: Scene, state: State) -> dict:
    """The practice's part of the view: the answer to the last action, the last check, the
    hint once earned, and (in class mode, once revealed) the goal."""
    last = state.actions[-1] if state.actions else None
    shown = {"turn": len(state.actions), "last": last and last.do,
             "said": _answer(scene, last) if last and last.do == "set" else None,
             "check": None, "hint": None, "tries": 0,
             "goal": goal_view(scene) if state.revealed else None}
    for turn, action in enumerate(state.actions):
        if action.do == "check":
            shown["check"] = _checked(scene, values(scene, state.actions[:turn]))
            shown["tries"] += 1 if shown["check"]["unmet"] else 0
    if shown["check"] and shown["check"]["unmet"] and shown["tries"] >= HINT_AFTER:
        shown["hint"] = scene.practice.hint
    return shown


def move_choices(scene: Scene, state: State) -> list[dict]:
    """The moves on offer, shaped like choices (the class's tally draws them alike)."""
    found = []
    for index in offered(scene, state):
        control, value = moves(scene)[index]
        shown = {"index": index, "label": move_words(control, (value,))}
        if state.revealed:
            answer = _answer(scene, Action("set", control.id, value))
            shown.update(outcome=answer["outcome"], feedback=answer["feedback"])
        found.append(shown)
    return found


def summary_step(scene: Scene, step: Step) -> dict:
    """A practice on the path, for the review: what was done, and what was still to do."""
    return {"scene": scene.id, "text": scene.text, "label": step.label,
            "outcome": step.outcome, "feedback": "", "practice": True,
            "safer": to_do(scene, values(scene, step.actions)),
            "votes": {str(i): n for i, n in step.votes.items()}}


def _answer(scene: Scene, action: Action) -> dict:
    """What one change says: the control's new value and its feedback line."""
    control = scene.screen.control(action.control)
    lines = scene.practice.feedback.get(control.id)
    wanted = scene.practice.goal.get(control.id)
    outcome = "" if wanted is None else "safe" if action.value in wanted else "risky"
    if isinstance(lines, dict):
        line = str(lines.get(action.value, ""))
    elif outcome == "safe" or (outcome == "" and action.value not in (False, None)):
        line = str(lines or "")
    else:
        line = _to_do(scene, control.id) if wanted else ""
    return {"control": control.id, "label": control.label, "words": control.words(action.value),
            "line": control.line(action.value), "feedback": line, "outcome": outcome}


def _checked(scene: Scene, now: dict) -> dict:
    """Each part of the goal, met (with its feedback) or not (with what to do)."""
    found = {"met": [], "unmet": []}
    for cid, met in goal_met(scene, now).items():
        control, lines = scene.screen.control(cid), scene.practice.feedback.get(cid)
        line = lines.get(now[cid], "") if isinstance(lines, dict) else lines if met else ""
        shown = {"control": cid, "label": control.label, "words": control.words(now[cid]),
                 "line": control.line(now[cid]), "feedback": str(line or "")}
        if not met:
            shown["todo"] = _to_do(scene, cid)
        found["met" if met else "unmet"].append(shown)
    return found


def _to_do(scene: Scene, cid: str) -> str:
    return f"{move_words(scene.screen.control(cid), scene.practice.goal[cid])}."
