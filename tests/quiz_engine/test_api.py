"""The browser's door into the engine: only JSON strings go in and come out."""

import json

import pytest

from quiz_engine import api

SCENARIO = {
    "id": "api-demo", "title": "Demo", "band": "ks1", "start": "one",
    "key_message": "Tell a grown-up.",
    "helpers": {"childline": {"name": "Childline"}},
    "scenes": {
        "one": {"text": "One.", "choices": [
            {"label": "A", "goto": "two", "outcome": "safe", "feedback": "Yes."},
            {"label": "B", "goto": "end", "outcome": "risky", "feedback": "No."}]},
        "two": {"text": "Two.", "choices": [
            {"label": "C", "goto": "end", "outcome": "safe", "feedback": "Yes."}]},
        "end": {"ending": "safe", "text": "The end.", "safer_choice": "A.",
                "who_can_help": ["childline"]},
    },
}


@pytest.fixture(autouse=True)
def loaded():
    answer = json.loads(api.load(json.dumps(SCENARIO)))
    assert answer["scenario"] == "api-demo"
    assert answer["python"] == api.python_version()


def handle(state: str, **action) -> dict:
    answer = api.handle("api-demo", state, json.dumps(action))
    assert isinstance(answer, str)
    return json.loads(answer)


def test_start(loaded):
    answer = handle("", do="start")
    assert answer["view"]["scene"] == "one"
    assert answer["view"]["phase"] == "scene"
    assert [c["label"] for c in answer["view"]["choices"]] == ["A", "B"]
    assert answer["notice"] is None
    assert "summary" not in answer
    assert json.loads(answer["state"])["path"] == []


def test_start_ignores_a_saved_state():
    middle = handle(handle("", do="start")["state"], do="choose", index=0)["state"]
    assert handle(middle, do="start")["view"]["scene"] == "one"


def test_choose_then_continue():
    state = handle("", do="start")["state"]
    chosen = handle(state, do="choose", index=0)
    assert chosen["view"]["phase"] == "feedback"
    assert chosen["view"]["feedback"] == {"label": "A", "outcome": "safe", "feedback": "Yes.",
                                          "again": False}
    going = handle(chosen["state"], do="continue")
    assert (going["view"]["phase"], going["view"]["scene"]) == ("scene", "two")


def test_undo():
    state = handle("", do="start")["state"]
    state = handle(state, do="choose", index=0)["state"]
    state = handle(state, do="continue")["state"]
    back = handle(state, do="undo")
    assert (back["view"]["scene"], back["view"]["phase"], back["view"]["can_undo"]) == \
        ("one", "scene", False)


def test_restart():
    state = handle("", do="start")["state"]
    state = handle(state, do="choose", index=1)["state"]
    again = handle(state, do="restart")
    assert again["view"]["scene"] == "one"
    assert json.loads(again["state"])["path"] == []


def test_restore_gives_back_the_saved_place():
    state = handle(handle("", do="start")["state"], do="choose", index=0)["state"]
    restored = handle(state, do="restore")
    assert (restored["view"]["phase"], restored["notice"]) == ("feedback", None)
    assert restored["state"] == state


def test_a_refused_action_is_a_notice_not_a_crash():
    state = handle("", do="start")["state"]
    answer = handle(state, do="choose", index=7)
    assert answer["notice"] == "choice 7 is not on offer in scene 'one'"
    assert answer["state"] == state


def test_an_unknown_action_is_a_notice():
    answer = handle(handle("", do="start")["state"], do="fly")
    assert answer["notice"] == "unknown action 'fly'"


FRESH = " Your saved place could not be used, so the story starts again from the beginning."


@pytest.mark.parametrize("broken, notice", [
    ("{not json", "The saved game could not be read." + FRESH),
    (json.dumps({"version": 99, "scenario": "api-demo", "scene": "two"}),
     "The saved game is from a newer version of Clickwise." + FRESH),
    (json.dumps({"version": 1, "scenario": "api-demo", "scene": "two", "path": [],
                 "feedback": None, "votes": {}, "revealed": False}),
     "The saved game is from an older version of Clickwise." + FRESH),  # before practices
    (json.dumps({"version": 2, "scenario": "other", "scene": "two"}),
     "The saved game belongs to a different story." + FRESH),
    (json.dumps({"version": 2, "scenario": "api-demo", "scene": "two", "path": "x",
                 "feedback": None, "votes": {}, "revealed": False, "actions": []}),
     "The saved game is damaged." + FRESH),
    (json.dumps({"version": 2, "scenario": "api-demo", "scene": "gone", "path": [],
                 "feedback": None, "votes": {}, "revealed": False, "actions": []}),
     "The story has changed since this game was saved." + FRESH),
])
def test_a_broken_saved_state_starts_fresh_with_a_notice(broken, notice):
    answer = handle(broken, do="restore")
    assert answer["notice"] == notice
    assert answer["view"]["scene"] == "one"
    assert json.loads(answer["state"])["path"] == []


def test_the_fresh_start_notice_speaks_of_the_saved_game():
    notice = handle("[]", do="restore")["notice"]
    assert notice.startswith("The saved game ")
    assert "starts again from the beginning" in notice


def test_a_click_meant_for_a_broken_save_is_not_played_on_the_fresh_start():
    answer = handle("{not json", do="choose", index=1)
    assert answer["notice"].startswith("The saved game could not be read.")
    assert (answer["view"]["scene"], answer["view"]["phase"]) == ("one", "scene")
    assert json.loads(answer["state"])["path"] == []


def test_summary_at_an_ending():
    state = handle("", do="start")["state"]
    state = handle(state, do="choose", index=1)["state"]
    answer = handle(state, do="continue")
    assert answer["view"]["phase"] == "ending"
    summary = answer["summary"]
    assert [s["label"] for s in summary["steps"]] == ["B"]
    assert summary["steps"][0]["safer"] == ["A"]
    assert summary["ending"]["who_can_help"] == [{"id": "childline", "name": "Childline"}]
    assert summary["key_message"] == "Tell a grown-up."


def test_summary_on_request_before_an_ending():
    answer = handle(handle("", do="start")["state"], do="summary")
    assert answer["summary"]["steps"] == []
    assert answer["summary"]["ending"] is None


def test_class_mode_through_the_api():
    state = handle("", do="start")["state"]
    state = handle(state, do="vote", index=1)["state"]
    state = handle(state, do="vote", index=1)["state"]
    state = handle(state, do="vote", index=0)["state"]
    answer = handle(state, do="unvote", index=0)
    assert answer["view"]["votes"] == {"1": 2}
    revealed = handle(answer["state"], do="reveal")
    assert revealed["view"]["choices"][1]["outcome"] == "risky"
    followed = handle(revealed["state"], do="majority")
    assert followed["view"]["feedback"]["label"] == "B"
    teacher = handle(answer["state"], do="teacher", index=0)
    assert teacher["view"]["feedback"]["label"] == "A"
