"""Properties over random scenarios: valid ones check clean and always end; broken ones don't.

A generated scenario is valid by construction: scenes s0..sN-1 form a chain, the first choice
of each (the "progress" choice, never conditional) goes to the next scene or, from the last, to
an ending. Other choices go anywhere (loops back included). A ``when: [flag]`` only names a flag
that a progress choice earlier in the chain sets, so a path to the scene always can set it.
"""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz_engine import Scenario, check, play

SETTINGS = settings(max_examples=100, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
OUTCOMES = st.sampled_from(["safe", "unsure", "risky"])
FLAGS = ["told", "blocked", "reported"]
WALK = 200


def _choice(sid: str, k: int, goto: str, outcome: str) -> dict:
    return {"label": f"{sid} choice {k}", "goto": goto, "outcome": outcome,
            "feedback": f"What {sid} choice {k} teaches."}


@st.composite
def scenarios(draw) -> dict:
    """A random valid scenario as an author would write it (plus the id the build adds)."""
    ids = [f"s{i}" for i in range(draw(st.integers(1, 6)))]
    endings = [f"end-{k}" for k in range(draw(st.integers(1, 3)))]
    scenes, earlier = {}, []          # earlier: flags set by progress choices so far
    for i, sid in enumerate(ids):
        progress = _choice(sid, 0, ids[i + 1] if i + 1 < len(ids) else endings[0],
                           draw(OUTCOMES))
        sets = draw(st.lists(st.sampled_from(FLAGS), unique=True, max_size=2))
        if sets:
            progress["sets"] = sets
        choices = [progress]
        for k in range(1, draw(st.integers(1, 3))):
            choice = _choice(sid, k, draw(st.sampled_from(ids + endings)), draw(OUTCOMES))
            if earlier and draw(st.booleans()):
                flag = draw(st.sampled_from(earlier))
                choice["when"] = [draw(st.sampled_from([flag, f"not {flag}"]))]
            choices.append(choice)
        scenes[sid] = {"text": f"Scene {sid}.", "choices": choices}
        earlier += [f for f in sets if f not in earlier]
    targeted = {c["goto"] for s in scenes.values() for c in s["choices"]}
    for k, eid in enumerate(e for e in endings if e not in targeted):
        scenes[ids[-1]]["choices"].append(_choice(ids[-1], 10 + k, eid, "safe"))
    for eid in endings:
        scenes[eid] = {"ending": draw(OUTCOMES), "text": f"A grown-up helps ({eid}).",
                       "safer_choice": "Tell a grown-up.", "who_can_help": ["trusted-adult"]}
    return {"id": "random", "title": "A random story", "band": "ks1",
            "topics": ["telling-an-adult"], "start": ids[0], "scenes": scenes}


def chain(data: dict) -> list[str]:
    return [sid for sid, s in data["scenes"].items() if "choices" in s]


def choices(data: dict) -> list[tuple[str, int]]:
    return [(sid, i) for sid in chain(data) for i in range(len(data["scenes"][sid]["choices"]))]


@SETTINGS
@given(scenarios())
def test_a_valid_scenario_checks_clean(data):
    assert check(data) == []
    Scenario.from_dict(data)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_a_random_walk_always_reaches_an_ending(data, rnd):
    scenario = Scenario.from_dict(data)
    state = play.start(scenario)
    for _ in range(WALK):
        shown = play.view(scenario, state)
        if shown["phase"] == "ending":
            break
        offered = [c["index"] for c in shown["choices"]]
        assert 0 in offered, "the progress choice is always on offer"
        if state.path and rnd.random() < 0.1:
            before = state.path[-1].scene
            play.undo(scenario, state)
            assert state.scene == before
            continue
        play.choose(scenario, state, rnd.choice(offered))
        play.go_on(scenario, state)
    progress = 0
    while play.view(scenario, state)["phase"] != "ending":
        play.choose(scenario, state, 0)
        play.go_on(scenario, state)
        progress += 1
        assert progress <= len(chain(data))
    result = play.summary(scenario, state)
    assert sum(result["counts"].values()) == len(result["steps"]) == len(state.path)
    assert result["ending"]["safer_choice"] == "Tell a grown-up."


@SETTINGS
@given(scenarios(), st.data())
def test_retargeting_a_goto_to_a_missing_scene_is_found(data, pick):
    sid, i = pick.draw(st.sampled_from(choices(data)))
    broken = copy.deepcopy(data)
    broken["scenes"][sid]["choices"][i]["goto"] = "nowhere"
    assert any(f.where == ("scenes", sid, "choices", i, "goto")
               and f'choice "{sid} choice' in f.message and '"nowhere"' in f.message
               for f in check(broken))


@SETTINGS
@given(scenarios(), st.data())
def test_deleting_feedback_is_found(data, pick):
    sid, i = pick.draw(st.sampled_from(choices(data)))
    broken = copy.deepcopy(data)
    del broken["scenes"][sid]["choices"][i]["feedback"]
    label = broken["scenes"][sid]["choices"][i]["label"]
    assert any(f.where == ("scenes", sid, "choices", i)
               and f.message.startswith(f'choice "{label}" has no feedback')
               for f in check(broken))


@SETTINGS
@given(scenarios(), st.data())
def test_deleting_an_endings_safer_choice_is_found(data, pick):
    eid = pick.draw(st.sampled_from([s for s in data["scenes"] if s.startswith("end-")]))
    broken = copy.deepcopy(data)
    del broken["scenes"][eid]["safer_choice"]
    assert any(f.where == ("scenes", eid)
               and f.message.startswith(f'ending "{eid}" has no debrief: add safer_choice')
               for f in check(broken))


@SETTINGS
@given(scenarios(), st.data())
def test_closing_every_way_out_of_a_loop_is_found(data, pick):
    ids = chain(data)
    last = pick.draw(st.integers(0, len(ids) - 1))
    trapped = ids[:last + 1]
    broken = copy.deepcopy(data)
    for sid in trapped:
        for choice in broken["scenes"][sid]["choices"][1:]:
            choice["goto"] = pick.draw(st.sampled_from(trapped))
    # the chain still reaches the last trapped scene, whose way on now loops back
    broken["scenes"][ids[last]]["choices"][0]["goto"] = pick.draw(st.sampled_from(trapped))
    found = check(broken)
    assert any(f.where == ("scenes", ids[last])
               and f.message.startswith(f'scene "{ids[last]}" cannot reach any ending')
               for f in found)


@SETTINGS
@given(scenarios(), st.booleans())
def test_an_unreachable_scene_is_found(data, is_ending):
    broken = copy.deepcopy(data)
    broken["scenes"]["orphan"] = (
        {"ending": "safe", "text": "Nobody comes here.", "safer_choice": "Tell.",
         "who_can_help": ["trusted-adult"]} if is_ending else
        {"text": "Nobody comes here.", "choices": [_choice("orphan", 0, data["start"], "safe")]})
    assert any(f.where == ("scenes", "orphan")
               and f.message.startswith('scene "orphan" can never be reached')
               for f in check(broken))


@SETTINGS
@given(scenarios(), st.data())
def test_a_condition_on_a_flag_nobody_sets_is_found(data, pick):
    sid, i = pick.draw(st.sampled_from(choices(data)))
    condition = pick.draw(st.sampled_from(["nobody-sets-this", "not nobody-sets-this"]))
    broken = copy.deepcopy(data)
    choice = broken["scenes"][sid]["choices"][i]
    choice["when"] = [*choice.get("when", ()), condition]
    k = len(choice["when"]) - 1
    assert any(f.where == ("scenes", sid, "choices", i, "when", k)
               and f.message.startswith(f'choice "{choice["label"]}" depends on flag '
                                        '"nobody-sets-this", but no choice sets it')
               for f in check(broken))


@SETTINGS
@given(scenarios(), st.data())
def test_a_condition_on_a_flag_set_only_later_is_found(data, pick):
    ids = chain(data)
    sid = ids[0]
    i = pick.draw(st.integers(0, len(data["scenes"][sid]["choices"]) - 1))
    broken = copy.deepcopy(data)
    choice = broken["scenes"][sid]["choices"][i]
    choice["when"] = ["set-at-the-end"]
    ending = next(s for s in broken["scenes"] if s.startswith("end-"))
    broken["scenes"][ids[-1]]["choices"].append(
        dict(_choice(ids[-1], 20, ending, "safe"), sets=["set-at-the-end"]))
    assert any(f.where == ("scenes", sid, "choices", i, "when", 0)
               and f'needs flag "set-at-the-end", but no choice before scene "{sid}"'
               in f.message for f in check(broken))
