"""Structural checks of a scenario as authored: every problem found, none raised.

``check`` works on the plain data loaded from a scenario file, before anything is built, so an
author hears about every broken link, dead end and missing debrief at once. Each finding names
where it is (a path of keys, which the build turns into a file and line) and what is wrong.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from quiz_engine.model import OUTCOMES

BANDS = ("ks1", "ks2", "parents")


@dataclass(frozen=True)
class Finding:
    """One problem: ``where`` is the path of keys to it, e.g. ("scenes", "park", "text")."""

    where: tuple
    message: str
    level: str = "error"


def suggest(word: str, known) -> str:
    """`` (did you mean "x"?)`` when ``word`` looks like a typing slip for one of ``known``."""
    close = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def check(data) -> list[Finding]:
    """Every structural problem in one scenario's data, in file order."""
    if not isinstance(data, dict):
        return [Finding((), "a scenario must be a mapping of keys (title:, band:, scenes: ...)")]
    found = _top_level(data)
    scenes = data.get("scenes")
    if not isinstance(scenes, dict) or not scenes:
        return found + [Finding(("scenes",), 'missing "scenes": add at least one scene')]
    for sid, scene in scenes.items():
        found += _scene(sid, scene, scenes)
    start = data.get("start")
    if start is not None and not _names(start, scenes):
        found.append(Finding(("start",), f'start scene "{start}" does not exist'
                             + suggest(start, scenes)))
        return found
    found += _flags(scenes)
    found += _graph(str(start) if start is not None else "", scenes)
    return found


def _top_level(data: dict) -> list[Finding]:
    found = []
    for key, hint in (("title", "give the scenario a title"),
                      ("band", "add band: ks1, ks2 or parents"),
                      ("topics", "list at least one topic from facts/topics.yml"),
                      ("start", "name the first scene, e.g. start: message")):
        if not data.get(key):
            found.append(Finding((key,), f'missing "{key}": {hint}'))
    band = data.get("band")
    if band and band not in BANDS:
        found.append(Finding(("band",), f'band "{band}" is not one of ks1, ks2, parents'
                             + suggest(band, BANDS)))
    return found


def _scene(sid, scene, scenes) -> list[Finding]:
    where = ("scenes", sid)
    if not isinstance(scene, dict):
        return [Finding(where, f'scene "{sid}" must be a mapping with text: and choices:')]
    found = []
    if not str(scene.get("text") or "").strip():
        found.append(Finding(where + ("text",), f'scene "{sid}" has empty text'))
    choices, ending = scene.get("choices"), scene.get("ending")
    if ending and choices:
        found.append(Finding(where, f'scene "{sid}" has both choices and an ending: '
                             "keep one"))
    elif ending:
        found += _ending(sid, scene)
    elif not isinstance(choices, list) or not choices:
        found.append(Finding(where, f'scene "{sid}" has no choices and is not an ending: '
                             "add choices, or ending: safe / unsure / risky"))
    else:
        for i, choice in enumerate(choices):
            found += _choice(where + ("choices", i), choice, scenes)
        found += _always_offers(where, choices)
    return found


def _ending(sid, scene) -> list[Finding]:
    where, found = ("scenes", sid), []
    if scene["ending"] not in OUTCOMES:
        found.append(Finding(where + ("ending",), f'ending "{sid}" is "{scene["ending"]}", '
                             "not one of safe, unsure, risky"
                             + suggest(scene["ending"], OUTCOMES)))
    if not str(scene.get("safer_choice") or "").strip():
        found.append(Finding(where, f'ending "{sid}" has no debrief: add safer_choice: '
                             "saying plainly what the safer choice was"))
    if not scene.get("who_can_help"):
        found.append(Finding(where, f'ending "{sid}" has no debrief: add who_can_help: '
                             "e.g. [trusted-adult, childline]"))
    return found


def _choice(where, choice, scenes) -> list[Finding]:
    if not isinstance(choice, dict):
        return [Finding(where, "a choice must be a mapping with label:, goto:, outcome: "
                        "and feedback:")]
    label, found = choice.get("label"), []
    if not str(label or "").strip():
        found.append(Finding(where, "choice has no label: add label: with the button text"))
    goto = choice.get("goto")
    if goto is None:
        found.append(Finding(where, f'choice "{label}" has no goto: name the next scene'))
    elif isinstance(goto, str) and goto not in scenes:  # any other goto: the schema's to say
        found.append(Finding(where + ("goto",), f'choice "{label}" goes to unknown scene '
                             f'"{goto}"' + suggest(goto, scenes)))
    outcome = choice.get("outcome")
    if outcome not in OUTCOMES:
        found.append(Finding(where + (("outcome",) if outcome else ()),
                             f'choice "{label}" has outcome "{outcome or ""}", not one of '
                             "safe, unsure, risky" + suggest(outcome or "", OUTCOMES)))
    if not str(choice.get("feedback") or "").strip():
        found.append(Finding(where, f'choice "{label}" has no feedback: say why it was '
                             "safe, or what would be safer"))
    return found


def _always_offers(where, choices) -> list[Finding]:
    """A scene whose choices are all conditional may offer nothing; f / not f pairs are fine."""
    conditions = [tuple(_texts(c.get("when"))) for c in choices if isinstance(c, dict)]
    if any(not c for c in conditions):
        return []
    singles = {c[0] for c in conditions if len(c) == 1}
    if any(f"not {flag}" in singles for flag in singles):
        return []
    return [Finding(where, f'scene "{where[1]}" may offer no choice at all: give one choice '
                    "no when:, or pair when: [flag] with when: [not flag]")]


def _flags(scenes: dict) -> list[Finding]:
    """Conditions must name flags that some choice sets, before the scene they are in."""
    setters: dict[str, list[tuple[str, str]]] = {}
    for sid, choice in _choices(scenes):
        for flag in _texts(choice.get("sets")):
            setters.setdefault(flag, []).append((sid, choice.get("goto")))
    found = []
    for sid, where, choice in _choices_with_where(scenes):
        when = choice.get("when")
        for k, condition in enumerate(when if isinstance(when, list) else ()):
            if not isinstance(condition, str):
                continue
            flag = condition[4:].strip() if condition.startswith("not ") else condition
            label = choice.get("label")
            if flag not in setters:
                found.append(Finding(where + ("when", k), f'choice "{label}" depends on flag '
                                     f'"{flag}", but no choice sets it' + suggest(flag, setters)))
            elif flag == condition and not any(
                    sid == goto or sid in _reachable(goto, scenes) for _, goto in setters[flag]):
                found.append(Finding(where + ("when", k), f'choice "{label}" needs flag '
                                     f'"{flag}", but no choice before scene "{sid}" sets it, '
                                     "so it is never offered"))
    return found


def _graph(start: str, scenes: dict) -> list[Finding]:
    """Every scene reachable from the start, and an ending reachable from every scene."""
    found = []
    reached = _reachable(start, scenes) | {start} if start else set(scenes)
    for sid in scenes:
        if sid not in reached:
            found.append(Finding(("scenes", sid), f'scene "{sid}" can never be reached: no '
                                 f'choice on a path from "{start}" goes to it'))
    endings = {sid for sid, s in scenes.items() if isinstance(s, dict) and s.get("ending")}
    for sid in scenes:
        if sid in reached and sid not in endings and not (_reachable(sid, scenes) & endings):
            found.append(Finding(("scenes", sid), f'scene "{sid}" cannot reach any ending: '
                                 "every path from it goes round for ever; add a choice that "
                                 "leads towards an ending"))
    return found


def _reachable(origin, scenes: dict) -> set:
    """Scenes that some chain of choices leads to from ``origin`` (not counting itself)."""
    seen, todo = set(), [origin] if isinstance(origin, str) else []
    while todo:
        scene = scenes.get(todo.pop())
        choices = scene.get("choices") if isinstance(scene, dict) else None
        for choice in choices if isinstance(choices, list) else ():
            goto = choice.get("goto") if isinstance(choice, dict) else None
            if _names(goto, scenes) and goto not in seen:
                seen.add(goto)
                todo.append(goto)
    return seen


def _choices(scenes: dict):
    for sid, _, choice in _choices_with_where(scenes):
        yield sid, choice


def _choices_with_where(scenes: dict):
    for sid, scene in scenes.items():
        if isinstance(scene, dict) and isinstance(scene.get("choices"), list):
            for i, choice in enumerate(scene["choices"]):
                if isinstance(choice, dict):
                    yield sid, ("scenes", sid, "choices", i), choice


def _names(value, scenes: dict) -> bool:
    """Whether ``value`` is the id of one of ``scenes`` (a list or number never is)."""
    return isinstance(value, str) and value in scenes


def _texts(items) -> list:
    """The texts in a list of flags or conditions: anything else in the file (a number, a
    mapping) names no flag, and the build's schema check says so."""
    return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []
