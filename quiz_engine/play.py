"""Playing a scenario: every decision about what comes next is made here.

Each operation takes the immutable Scenario and a State and either returns plain data to show
or changes the State. Nothing here knows about browsers or files.
"""

from __future__ import annotations

from quiz_engine import practice
from quiz_engine.model import Scenario, Scene
from quiz_engine.state import PlayError, State, Step


def start(scenario: Scenario) -> State:
    """A new game at the first scene."""
    return State(scenario_id=scenario.id, scene=scenario.start)


def flags(scenario: Scenario, state: State) -> frozenset[str]:
    """The flags set by the choices on the path taken so far."""
    found: set[str] = set()
    for step in state.path:
        if step.choice is not None:
            found.update(scenario.scene(step.scene).choices[step.choice].sets)
    return frozenset(found)


def offered(scenario: Scenario, state: State) -> list[int]:
    """Indexes of the choices on offer in the current scene under the current flags (in a
    practice: the moves on its screen)."""
    scene = scenario.scene(state.scene)
    if scene.practice:
        return practice.offered(scene, state)
    now = flags(scenario, state)
    return [i for i, choice in enumerate(scene.choices) if choice.offered(now)]


def phase(scenario: Scenario, state: State) -> str:
    """``feedback`` right after a choice, ``ending`` at an ending, else ``scene``."""
    if state.feedback is not None:
        return "feedback"
    return "ending" if scenario.scene(state.scene).ending else "scene"


def parts(scenario: Scenario, state: State) -> tuple[list[str], bool]:
    """The scenes of the path with every loop cut out, and whether the last choice went back.

    A choice that goes back to a scene already on the path ("Try again") returns to that part:
    the scenes after it are dropped, so the part number is the one the scene had before.
    """
    scenes, went_back = [scenario.start], False
    for number, step in enumerate(state.path, 1):  # a practice goes on to the next step's scene
        goto = scenario.scene(step.scene).choices[step.choice].goto if step.choice is not None \
            else (state.path[number].scene if number < len(state.path) else state.scene)
        went_back = goto in scenes
        scenes = scenes[:scenes.index(goto) + 1] if went_back else scenes + [goto]
    return scenes, went_back


def view(scenario: Scenario, state: State) -> dict:
    """Everything to show now, as plain data (it crosses to the browser as JSON)."""
    scene = scenario.scene(state.scene)
    scenes, went_back = parts(scenario, state)
    shown = {
        "scenario": scenario.id, "title": scenario.title, "scene": scene.id,
        "phase": phase(scenario, state), "text": scene.text,
        "speaker": _speaker(scenario, scene), "character": character(scenario, scene),
        "picture": scene.picture, "step": len(scenes), "can_undo": bool(state.path or state.actions),
        "choices": [], "feedback": None, "ending": None,
        "votes": {str(i): n for i, n in sorted(state.votes.items())},
        "revealed": state.revealed,
        "screen": practice.screen_view(scene, state.actions), "practice": None,
    }
    if state.feedback is not None:
        last = state.path[-1]
        choice = scenario.scene(last.scene).choices[last.choice]
        # "again": a choice that was not the safe one sent the player back to try that part again
        shown["feedback"] = {"label": choice.label, "outcome": choice.outcome,
                             "feedback": choice.feedback,
                             "again": went_back and choice.outcome != "safe"}
    elif scene.ending:
        shown["ending"] = _ending(scenario, scene)
    elif scene.practice:
        shown["practice"] = practice.practice_view(scene, state)
        shown["choices"] = practice.move_choices(scene, state)
    else:
        shown["choices"] = [_choice(scene, i, state.revealed)
                            for i in offered(scenario, state)]
    return shown


def choose(scenario: Scenario, state: State, index: int) -> None:
    """Take choice ``index`` in the current scene; its feedback is shown next. In a practice,
    make move ``index`` on the screen instead."""
    if phase(scenario, state) == "scene" and scenario.scene(state.scene).practice:
        return practice.move(scenario.scene(state.scene), state, index)
    if phase(scenario, state) != "scene" or index not in offered(scenario, state):
        raise PlayError(f"choice {index} is not on offer in scene {state.scene!r}")
    choice = scenario.scene(state.scene).choices[index]
    state.path.append(Step(state.scene, index, choice.label, choice.outcome,
                           dict(state.votes)))
    state.scene = choice.goto
    state.feedback = index
    state.votes = {}
    state.revealed = False


def go_on(scenario: Scenario, state: State) -> None:
    """Move on from the feedback to the scene the choice led to, or on from a practice."""
    if phase(scenario, state) == "scene" and scenario.scene(state.scene).practice:
        practice.finish(scenario.scene(state.scene), state)
    state.feedback = None


def undo(scenario: Scenario, state: State) -> None:
    """Take back the last thing done on a practice screen, else the last choice, returning to
    the scene where it was made (a practice as it was left)."""
    if practice.undo(state):
        return
    if not state.path:
        raise PlayError("there is nothing to undo")
    last = state.path.pop()
    state.scene = last.scene
    state.feedback = None
    state.votes = dict(last.votes)
    state.revealed = False
    state.actions = list(last.actions)


def restart(scenario: Scenario, state: State) -> None:
    """Go back to the very beginning."""
    fresh = start(scenario)
    state.scene, state.path, state.feedback = fresh.scene, [], None
    state.votes, state.revealed, state.actions = {}, False, []


def vote(scenario: Scenario, state: State, index: int, change: int = 1) -> None:
    """Add (``change`` 1) or take off (-1) one hand for choice ``index`` in class mode."""
    count_hands(scenario, state, index, state.votes.get(index, 0) + change)


def count_hands(scenario: Scenario, state: State, index: int, count: int) -> None:
    """Record ``count`` hands up for choice ``index`` in class mode (a count typed in)."""
    if phase(scenario, state) != "scene" or index not in offered(scenario, state):
        raise PlayError(f"choice {index} is not on offer in scene {state.scene!r}")
    if count < 0:
        raise PlayError(f"choice {index} has no votes to take off")
    if count:
        state.votes[index] = count
    else:
        state.votes.pop(index, None)


def reveal(scenario: Scenario, state: State) -> None:
    """Show the feedback for every choice on offer at once (class mode)."""
    if phase(scenario, state) != "scene":
        raise PlayError("there are no choices to reveal here")
    state.revealed = True


def majority(state: State) -> int | None:
    """The choice with the most votes, or None when there are no votes or a tie."""
    if not state.votes:
        return None
    top = max(state.votes.values())
    leaders = [i for i, n in state.votes.items() if n == top]
    return leaders[0] if len(leaders) == 1 else None


def follow_majority(scenario: Scenario, state: State) -> None:
    """Go where most of the class voted; a tie or no votes means the teacher picks."""
    winner = majority(state)
    if winner is None:
        raise PlayError("the vote is tied or empty: the teacher picks")
    choose(scenario, state, winner)


def follow_teacher(scenario: Scenario, state: State, index: int) -> None:
    """Go where the teacher picks, whatever the votes."""
    choose(scenario, state, index)


def summary(scenario: Scenario, state: State) -> dict:
    """The path taken beside the safer path, the key message and who can help."""
    steps, now = [], frozenset()
    for step in state.path:
        scene = scenario.scene(step.scene)
        if step.choice is None:
            steps.append(practice.summary_step(scene, step))
            continue
        choice = scene.choices[step.choice]
        # only safe choices that were on offer then: a hidden one was never missed
        safer = [] if choice.outcome == "safe" else [
            c.label for c in scene.choices if c.outcome == "safe" and c.offered(now)]
        now |= frozenset(choice.sets)
        steps.append({"scene": scene.id, "text": scene.text, "label": choice.label,
                      "outcome": choice.outcome, "feedback": choice.feedback,
                      "safer": safer, "votes": {str(i): n for i, n in step.votes.items()}})
    outcomes = [s["outcome"] for s in steps]
    end = scenario.scene(state.scene)
    return {
        "scenario": scenario.id, "title": scenario.title, "band": scenario.band,
        "steps": steps, "counts": {o: outcomes.count(o) for o in ("safe", "unsure", "risky")},
        "verdict": verdict(steps), "safer_path": safer_path(scenario),
        "key_message": scenario.key_message, "objectives": list(scenario.objectives),
        "ending": _ending(scenario, end) if end.ending else None,
    }


def verdict(steps: list[dict]) -> dict:
    """How the choices went, by the least safe one made, naming the choices that were not safe.

    Only the choices decide it, never the ending alone: a story can end well after a risky
    choice (a grown-up helped), and the player should hear plainly which choices were risky.
    """
    def made(outcome: str) -> list[str]:
        return list(dict.fromkeys(s["label"] for s in steps if s["outcome"] == outcome))

    risky, unsure, safe = made("risky"), made("unsure"), made("safe")
    kind = "risky" if risky else "unsure" if unsure else "safe"
    return {"kind": kind, "risky": risky, "unsure": unsure, "safe": safe}


def safer_path(scenario: Scenario) -> list[dict]:
    """From the start, the safe choice at each scene until an ending (loops stop it)."""
    path, seen, scene = [], set(), scenario.scene(scenario.start)
    now: set[str] = set()
    while not scene.ending and scene.id not in seen:
        seen.add(scene.id)
        if scene.practice:
            path.append({"scene": scene.id, "text": scene.text,
                         "label": practice.goal_words(scene)})
            scene = scenario.scene(scene.practice.then)
            continue
        safe = [c for c in scene.choices if c.outcome == "safe" and c.offered(frozenset(now))]
        if not safe:
            break
        path.append({"scene": scene.id, "text": scene.text, "label": safe[0].label})
        now.update(safe[0].sets)
        scene = scenario.scene(safe[0].goto)
    return path


def character(scenario: Scenario, scene: Scene) -> dict | None:
    """Who a scene is about: its speaker, or else the story's main character (the first
    scene's speaker, or the first character listed), so every scene can show a face."""
    if scene.speaker:
        return _speaker(scenario, scene)
    first = scenario.scene(scenario.start).speaker or next(iter(scenario.characters), None)
    return _person(scenario, first) if first else None


def _speaker(scenario: Scenario, scene: Scene) -> dict | None:
    return _person(scenario, scene.speaker) if scene.speaker else None


def _person(scenario: Scenario, who: str) -> dict:
    person = scenario.characters.get(who, {})
    return {"id": who, "name": person.get("name", who), "picture": person.get("picture")}


def _choice(scene: Scene, index: int, revealed: bool) -> dict:
    choice = scene.choices[index]
    shown = {"index": index, "label": choice.label}
    if revealed:
        shown.update(outcome=choice.outcome, feedback=choice.feedback)
    return shown


def _ending(scenario: Scenario, scene: Scene) -> dict:
    ending = scene.ending
    return {"kind": ending.kind, "safer_choice": ending.safer_choice,
            "key_message": scenario.key_message,
            "who_can_help": [dict(scenario.helpers.get(h, {"id": h, "name": h}), id=h)
                             for h in ending.who_can_help]}
