"""Class votes as class mode sees them through the API: the cases tests/quiz_engine/test_play.py
and test_api.py do not already cover (a refused majority keeps everything, so the teacher can pick;
a vote taken off below zero is refused in place)."""

import json

import pytest

from quiz_engine import api

SCENARIO = {
    "id": "votes-demo", "title": "Votes", "band": "ks1", "start": "one",
    "key_message": "Tell a grown-up.",
    "scenes": {
        "one": {"text": "One.", "choices": [
            {"label": "A", "goto": "end", "outcome": "safe", "feedback": "Yes."},
            {"label": "B", "goto": "end", "outcome": "risky", "feedback": "No."}]},
        "end": {"ending": "safe", "text": "The end.", "safer_choice": "A.",
                "who_can_help": ["trusted-adult"]},
    },
}


@pytest.fixture(autouse=True)
def loaded():
    api.load(json.dumps(SCENARIO))


def handle(state: str, **action) -> dict:
    return json.loads(api.handle("votes-demo", state, json.dumps(action)))


def test_a_tied_majority_is_refused_and_keeps_the_votes_and_the_reveal():
    state = handle("", do="start")["state"]
    for action in ({"do": "vote", "index": 0}, {"do": "vote", "index": 1}, {"do": "reveal"}):
        state = handle(state, **action)["state"]
    refused = handle(state, do="majority")
    assert refused["notice"] == "the vote is tied or empty: the teacher picks"
    assert refused["state"] == state
    assert (refused["view"]["phase"], refused["view"]["votes"], refused["view"]["revealed"]) == \
        ("scene", {"0": 1, "1": 1}, True)
    picked = handle(refused["state"], do="teacher", index=1)
    assert picked["notice"] is None
    assert picked["view"]["feedback"]["label"] == "B"
    ending = handle(picked["state"], do="continue")
    assert ending["summary"]["steps"][0]["votes"] == {"0": 1, "1": 1}


def test_taking_a_hand_off_a_choice_with_none_is_refused_in_place():
    state = handle("", do="start")["state"]
    answer = handle(state, do="unvote", index=1)
    assert answer["notice"] == "choice 1 has no votes to take off"
    assert answer["view"]["votes"] == {}


def test_a_count_of_hands_typed_in_is_kept_and_nought_clears_it():
    state = handle("", do="start")["state"]
    typed = handle(state, do="hands", index=1, count=12)
    assert (typed["notice"], typed["view"]["votes"]) == (None, {"1": 12})
    zero = handle(typed["state"], do="hands", index=1, count=0)
    assert zero["view"]["votes"] == {}
