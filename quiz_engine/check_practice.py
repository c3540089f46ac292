"""Authoring checks for screens and practices, as authored (any value may be any type).

Called by ``check`` for each scene. Wrong types are the JSON Schema's to report (the build runs
both), so here a value of the wrong type is passed over, never trusted.
"""

from __future__ import annotations

from quiz_engine.finding import Finding, suggest
from quiz_engine.screens import KINDS, ON_OFF, ONE_OF, TYPES


def ways_on(scene) -> list:
    """The scenes a scene's choices and practice lead to, as authored."""
    found = []
    if isinstance(scene, dict):
        for choice in scene.get("choices") if isinstance(scene.get("choices"), list) else ():
            found.append(choice.get("goto") if isinstance(choice, dict) else None)
        practice = scene.get("practice")
        if isinstance(practice, dict):
            found += [practice.get("then"), practice.get("otherwise")]
    return [goto for goto in found if isinstance(goto, str)]


def problems(where: tuple, scene: dict, scenes: dict) -> list:
    """Every problem with the scene's screen and practice."""
    screen, practice = scene.get("screen"), scene.get("practice")
    controls = _controls(screen)
    found = _screen(where + ("screen",), screen, controls) if isinstance(screen, dict) else []
    if isinstance(practice, dict):
        found += _practice(where, scene, controls, scenes)
    return found


def _controls(screen) -> dict:
    controls = screen.get("controls") if isinstance(screen, dict) else None
    return {cid: c for cid, c in controls.items() if isinstance(c, dict)} \
        if isinstance(controls, dict) else {}


def _screen(where: tuple, screen: dict, controls: dict) -> list:
    kind, found = screen.get("kind"), []
    if kind is None:
        found.append(Finding(where, "screen has no kind: add kind: " + ", ".join(KINDS)))
    elif isinstance(kind, str) and kind not in KINDS:
        found.append(Finding(where + ("kind",), f'screen kind "{kind}" is not one of '
                             + ", ".join(KINDS) + suggest(kind, KINDS)))
    for cid, control in controls.items():
        found += _control(where + ("controls", cid), cid, control)
    return found


def _control(where: tuple, cid, control: dict) -> list:
    kind, found = control.get("type"), []
    if not str(control.get("label") or "").strip():
        found.append(Finding(where, f'control "{cid}" has no label: add label: with the words '
                             "shown on it"))
    if kind not in TYPES:
        found.append(Finding(where + (("type",) if kind is not None else ()),
                             f'control "{cid}" has type "{kind or ""}", not one of '
                             + ", ".join(TYPES) + suggest(kind or "", TYPES)))
        return found
    options, start = control.get("options"), control.get("start")
    if kind in ONE_OF and not (isinstance(options, list) and len(set(map(str, options))) >= 2):
        found.append(Finding(where, f'control "{cid}" (type: {kind}) needs options: at '
                             "least two different ones to pick from"))
    elif kind in ONE_OF and start is not None and str(start) not in map(str, options):
        found.append(Finding(where + ("start",), f'control "{cid}" starts at "{start}", which '
                             "is not one of its options" + suggest(start, options)))
    elif kind in ON_OFF and start is not None and not isinstance(start, bool):
        found.append(Finding(where + ("start",), f'control "{cid}" starts at "{start}": a '
                             f"{kind} starts at true (on) or false (off)"))
    return found


def _practice(where: tuple, scene: dict, controls: dict, scenes: dict) -> list:
    practice, here = scene["practice"], where + ("practice",)
    found = []
    if scene.get("choices") or scene.get("ending"):
        found.append(Finding(where, f'scene "{where[1]}" has a practice and also '
                             f'{"choices" if scene.get("choices") else "an ending"}: keep one'))
    if not controls:
        found.append(Finding(here, f'scene "{where[1]}" has a practice but no screen controls '
                             "to practise on: add screen: with controls:"))
    found += _ways_on(here, practice, scenes)
    if controls:  # with none, every goal and feedback line would name an unknown control
        found += _goal(here, practice.get("goal"), controls)
        found += _feedback(here, practice.get("feedback"), controls,
                           where + ("screen", "controls"))
    if not str(practice.get("hint") or "").strip():
        found.append(Finding(here, "practice has no hint: add hint: with help for a pupil "
                             "who is stuck after two tries"))
    return found


def _ways_on(here: tuple, practice: dict, scenes: dict) -> list:
    found = []
    if practice.get("then") is None:
        found.append(Finding(here, "practice has no way on: add then: with the scene the story "
                             "goes on to"))
    for key in ("then", "otherwise"):
        goto = practice.get(key)
        if isinstance(goto, str) and goto not in scenes:
            found.append(Finding(here + (key,), f'practice goes on ({key}) to unknown scene '
                                 f'"{goto}"' + suggest(goto, scenes)))
    return found


def _goal(here: tuple, goal, controls: dict) -> list:
    if not isinstance(goal, dict) or not goal:
        return [] if goal is not None and not isinstance(goal, dict) else [Finding(
            here, "practice has no goal: add goal: with the value each control should end at")]
    found = []
    for cid, wanted in goal.items():
        control = controls.get(cid)
        if control is None:
            found.append(Finding(here + ("goal", cid), f'goal names unknown control "{cid}"'
                                 + suggest(cid, controls)))
            continue
        values = wanted if isinstance(wanted, list) else [wanted]
        found += _goal_values(here + ("goal", cid), cid, control, values)
    return found


def _goal_values(where: tuple, cid, control: dict, values: list) -> list:
    kind = control.get("type")
    if kind in ON_OFF:
        can = [True, False]
        start = control.get("start", False)
    elif kind in ONE_OF and isinstance(control.get("options"), list) \
            and len(set(map(str, control["options"]))) >= 2:
        can = [str(o) for o in control["options"]]
        start = None if control.get("start") is None else str(control["start"])
    else:
        return []  # the control's own problem is reported where it is
    found = []
    for value in values:
        if value not in can or type(value) is not type(can[0]):
            found.append(Finding(where, f'goal "{cid}: {_yaml(value)}" can never be reached: '
                                 f'control "{cid}" can only be ' + " or ".join(map(_yaml, can))))
    if not found and start in values and type(start) is type(can[0]):
        found.append(Finding(where, f'goal "{cid}: {_yaml(start)}" is already met at the '
                             "start, so there is nothing to do: change the goal or the start"))
    return found


def _feedback(here: tuple, feedback, controls: dict, at: tuple) -> list:
    feedback = feedback if isinstance(feedback, dict) else {}
    found = [Finding(here + ("feedback", cid), f'feedback names unknown control "{cid}"'
                     + suggest(cid, controls)) for cid in feedback if cid not in controls]
    for cid, control in controls.items():
        line = feedback.get(cid)
        if isinstance(line, dict) and control.get("type") in ON_OFF:
            found.append(Finding(here + ("feedback", cid), f'control "{cid}" is on or off: give '
                                 "it one line of feedback, not a line for each option"))
        elif isinstance(line, dict):  # a line for each option
            options = control.get("options") if isinstance(control.get("options"), list) else []
            found += [Finding(here + ("feedback", cid), f'control "{cid}" has no feedback for '
                              f'"{option}": give every option a line')
                      for option in options if str(option) not in map(str, line)]
        elif not str(line or "").strip():
            found.append(Finding(at + (cid,), f'control "{cid}" has no feedback: add a line for '
                                 "it under practice: feedback:"))
    return found


def _yaml(value) -> str:
    """A value as the author wrote it in YAML."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
