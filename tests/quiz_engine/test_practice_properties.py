"""Properties over random practices: a valid one checks clean; any run of changes, checks and
undos saves and restores exactly, undo steps back one action at a time, the goal is met exactly
when every goal control holds a wanted value, and there is always a way on. Broken ones are found.
"""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz_engine import Scenario, State, check, play, practice
from quiz_engine.practice import values

SETTINGS = settings(max_examples=80, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
ON_OFF = ["switch", "button", "tell"]
ONE_OF = ["choice", "select", "buttons"]
OPTIONS = ["Everyone", "Friends", "No one", "Only me", "Allow", "Don't allow"]


@st.composite
def controls(draw) -> dict:
    """One to five controls of any type, with a start; and a goal that differs from it."""
    found, goal = {}, {}
    for k in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(ON_OFF + ONE_OF))
        control = {"label": f"Control {k}", "type": kind}
        if kind in ON_OFF:
            start = draw(st.booleans())
            can = [True, False]
        else:
            control["options"] = draw(st.lists(st.sampled_from(OPTIONS), min_size=2,
                                               max_size=4, unique=True))
            start = draw(st.one_of(st.none(), st.sampled_from(control["options"])))
            can = control["options"]
        if start is not None:
            control["start"] = start
        found[f"c{k}"] = control
        others = [v for v in can if v != start]
        if draw(st.booleans()) or not goal:
            wanted = draw(st.lists(st.sampled_from(others), min_size=1, unique=True))
            goal[f"c{k}"] = wanted[0] if len(wanted) == 1 and draw(st.booleans()) else wanted
    return {"controls": found, "goal": goal}


@st.composite
def practices(draw) -> dict:
    drawn = draw(controls())
    feedback = {}
    for cid, control in drawn["controls"].items():
        if control["type"] in ONE_OF and draw(st.booleans()):
            feedback[cid] = {o: f"About {o}." for o in control["options"]}
        else:
            feedback[cid] = f"What {cid} does."
    otherwise = draw(st.sampled_from(["done", "helped"]))
    data = {
        "id": "random-practice", "title": "A random practice", "band": "ks2",
        "topics": ["privacy-settings"], "start": "screen",
        "scenes": {
            "screen": {"text": "Practise.", "screen": {
                "kind": draw(st.sampled_from(["chat", "popup", "request", "post", "settings",
                                              "report"])),
                "title": "The screen", "controls": drawn["controls"]},
                "practice": {"goal": drawn["goal"], "feedback": feedback, "hint": "A hint.",
                             "then": "done", "otherwise": otherwise}},
            "helped": {"text": "A grown-up helps.", "choices": [
                {"label": "Go on.", "goto": "done", "outcome": "safe", "feedback": "Yes."}]},
            "done": {"ending": "safe", "text": "The end.", "safer_choice": "Tell.",
                     "who_can_help": ["trusted-adult"]},
        },
    }
    if otherwise == "done":  # nothing else leads to the helping scene
        del data["scenes"]["helped"]
    return data


ACTIONS = st.lists(st.tuples(st.sampled_from(["set", "set", "check", "undo", "save"]),
                             st.integers(0, 20), st.integers(0, 20)), max_size=30)


def _act(story, state, kind, a, b):
    scene = story.scene("screen")
    if kind == "set":
        control = scene.screen.controls[a % len(scene.screen.controls)]
        value = control.values()[b % len(control.values())]
        before = play.view(story, state)
        practice.set_control(scene, state, control.id, value)
        assert values(scene, state.actions)[control.id] == value
        undone = State.from_json(state.to_json(), story)
        play.undo(story, undone)
        assert play.view(story, undone) == before
    elif kind == "check":
        practice.check(scene, state)
    elif kind == "undo" and state.actions:
        count = len(state.actions)
        play.undo(story, state)
        assert len(state.actions) == count - 1
    elif kind == "save":
        again = State.from_json(state.to_json(), story)
        assert again == state and play.view(story, again) == play.view(story, state)


@SETTINGS
@given(practices())
def test_a_valid_practice_checks_clean(data):
    assert check(data) == []
    Scenario.from_dict(data)


@SETTINGS
@given(practices(), ACTIONS)
def test_any_run_of_actions_saves_undoes_and_always_has_a_way_on(data, actions):
    story = Scenario.from_dict(data)
    state = play.start(story)
    for kind, a, b in actions:
        _act(story, state, kind, a, b)
    shown = play.view(story, state)["practice"]
    goal = data["scenes"]["screen"]["practice"]["goal"]
    now = values(story.scene("screen"), state.actions)
    met = all(now[cid] in (w if isinstance(w, list) else [w]) for cid, w in goal.items())
    if shown["check"] is not None and state.actions[-1].do == "check":
        assert (shown["check"]["unmet"] == []) == met
    assert (shown["hint"] is not None) == (
        shown["tries"] >= 2 and bool(shown["check"]) and bool(shown["check"]["unmet"]))
    play.go_on(story, state)
    assert state.scene == ("done" if met else data["scenes"]["screen"]["practice"]["otherwise"])
    assert state.path[-1].outcome == ("safe" if met else "unsure")


@SETTINGS
@given(practices())
def test_setting_each_goal_control_to_a_wanted_value_meets_the_goal(data):
    story = Scenario.from_dict(data)
    state = play.start(story)
    scene = story.scene("screen")
    for cid, wanted in scene.practice.goal.items():
        practice.set_control(scene, state, cid, wanted[-1])
    practice.check(scene, state)
    assert play.view(story, state)["practice"]["check"]["unmet"] == []


@SETTINGS
@given(practices(), st.data())
def test_a_goal_already_met_at_the_start_is_found(data, pick):
    broken = copy.deepcopy(data)
    goal = broken["scenes"]["screen"]["practice"]["goal"]
    cid = pick.draw(st.sampled_from(sorted(goal)))
    control = broken["scenes"]["screen"]["screen"]["controls"][cid]
    start = control.get("start", False if control["type"] in ON_OFF else None)
    if start is None:
        start = control["start"] = control["options"][0]
    goal[cid] = start
    assert any(f.where == ("scenes", "screen", "practice", "goal", cid)
               and "is already met at the start" in f.message for f in check(broken))


@SETTINGS
@given(practices(), st.data())
def test_a_goal_no_control_can_reach_is_found(data, pick):
    broken = copy.deepcopy(data)
    goal = broken["scenes"]["screen"]["practice"]["goal"]
    cid = pick.draw(st.sampled_from(sorted(goal)))
    goal[cid] = "Nobody at all"
    assert any(f.where == ("scenes", "screen", "practice", "goal", cid)
               and f.message.startswith(f'goal "{cid}: Nobody at all" can never be reached')
               for f in check(broken))


@SETTINGS
@given(practices(), st.data())
def test_a_control_without_feedback_is_found(data, pick):
    broken = copy.deepcopy(data)
    feedback = broken["scenes"]["screen"]["practice"]["feedback"]
    cid = pick.draw(st.sampled_from(sorted(feedback)))
    del feedback[cid]
    assert any(f.where == ("scenes", "screen", "screen", "controls", cid)
               and f.message.startswith(f'control "{cid}" has no feedback') for f in check(broken))


@SETTINGS
@given(practices(), st.sampled_from([None, "nowhere"]))
def test_a_practice_with_no_way_on_is_found(data, then):
    broken = copy.deepcopy(data)
    way_on = broken["scenes"]["screen"]["practice"]
    if then is None:
        del way_on["then"]
    else:
        way_on["then"] = then
    messages = [f.message for f in check(broken)]
    assert any(m.startswith("practice has no way on") or '(then) to unknown scene "nowhere"'
               in m for m in messages)


ANY = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                   lambda inner: st.lists(inner, max_size=3)
                   | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
PLACES = [("screen",), ("practice",), ("screen", "kind"), ("screen", "controls"),
          ("screen", "controls", "c0"), ("screen", "controls", "c0", "options"),
          ("screen", "controls", "c0", "start"), ("screen", "controls", "c0", "type"),
          ("screen", "messages"), ("practice", "goal"), ("practice", "goal", "c0"),
          ("practice", "feedback"), ("practice", "feedback", "c0"), ("practice", "then"),
          ("practice", "hint")]


@SETTINGS
@given(practices(), st.sampled_from(PLACES), ANY)
def test_any_value_anywhere_in_a_screen_or_practice_is_reported_never_raised(data, place, value):
    broken = copy.deepcopy(data)
    holder = broken["scenes"]["screen"]
    for key in place[:-1]:
        holder = holder.setdefault(key, {}) if isinstance(holder, dict) else {}
    if isinstance(holder, dict):
        holder[place[-1]] = value
    check(broken)  # finds what it finds; it never stops on a value of the wrong type
