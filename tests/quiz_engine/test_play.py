"""Playing a scenario: start, view, choose, undo, restart, summary and class mode."""

import pytest

from quiz_engine import Scenario, play
from quiz_engine.play import PlayError

DATA = {
    "id": "demo",
    "title": "Star99 wants to be friends",
    "band": "ks1",
    "start": "message",
    "key_message": "Tell a grown-up you trust.",
    "objectives": ["I can tell a grown-up."],
    "characters": {"sam": {"name": "Sam", "picture": "pictures/sam.svg"}},
    "helpers": {"childline": {"name": "Childline", "phone": "0800 1111"}},
    "scenes": {
        "message": {
            "speaker": "sam",
            "text": "Star99 asks where Sam lives.",
            "choices": [
                {"label": "Tell Mum.", "goto": "next", "outcome": "safe", "sets": ["told"],
                 "feedback": "Good thinking."},
                {"label": "Say nothing.", "goto": "next", "outcome": "unsure",
                 "feedback": "Not answering is good. A grown-up can help more."},
                {"label": "Tell Star99.", "goto": "next", "outcome": "risky",
                 "feedback": "Where you live is private."},
            ],
        },
        "next": {
            "picture": "pictures/park.svg",
            "text": "Star99 asks Sam to meet at the park.",
            "choices": [
                {"label": "Block Star99 with Mum.", "goto": "safe-end", "outcome": "safe",
                 "when": ["told"], "feedback": "Mum helps you block."},
                {"label": "Tell Mum now.", "goto": "next", "outcome": "safe", "sets": ["told"],
                 "when": ["not told"], "feedback": "It is never too late to tell."},
                {"label": "Go to the park.", "goto": "park", "outcome": "risky",
                 "feedback": "Never meet someone from online on your own."},
            ],
        },
        "safe-end": {
            "ending": "safe", "text": "Mum blocks Star99.",
            "safer_choice": "Tell a grown-up.", "who_can_help": ["trusted-adult", "childline"],
        },
        "park": {
            "ending": "risky", "text": "Sam tells Mum first and they do not go.",
            "safer_choice": "Never meet someone from online.", "who_can_help": ["childline"],
        },
    },
}

TELL, NOTHING, STAR = 0, 1, 2          # choices in "message"
BLOCK, TELL_NOW, PARK = 0, 1, 2        # choices in "next"


@pytest.fixture
def scenario():
    return Scenario.from_dict(DATA)


@pytest.fixture
def state(scenario):
    return play.start(scenario)


def offered_labels(scenario, state):
    return [c["label"] for c in play.view(scenario, state)["choices"]]


def take(scenario, state, *indexes):
    for index in indexes:
        play.choose(scenario, state, index)
        play.go_on(scenario, state)


def test_start_is_at_the_first_scene_with_nothing_taken(scenario, state):
    assert (state.scenario_id, state.scene, state.path, state.feedback) == \
        ("demo", "message", [], None)
    assert (state.votes, state.revealed) == ({}, False)


def test_view_of_the_first_scene(scenario, state):
    shown = play.view(scenario, state)
    assert shown["phase"] == "scene"
    assert shown["text"] == "Star99 asks where Sam lives."
    assert shown["speaker"] == {"id": "sam", "name": "Sam", "picture": "pictures/sam.svg"}
    assert (shown["step"], shown["can_undo"]) == (1, False)
    assert shown["choices"] == [{"index": 0, "label": "Tell Mum."},
                                {"index": 1, "label": "Say nothing."},
                                {"index": 2, "label": "Tell Star99."}]
    assert (shown["feedback"], shown["ending"]) == (None, None)


def test_a_scene_without_speaker_shows_its_picture(scenario, state):
    take(scenario, state, NOTHING)
    shown = play.view(scenario, state)
    assert (shown["speaker"], shown["picture"]) == (None, "pictures/park.svg")


def test_every_scene_has_a_character_the_speaker_or_else_the_main_one(scenario, state):
    sam = {"id": "sam", "name": "Sam", "picture": "pictures/sam.svg"}
    assert play.view(scenario, state)["character"] == sam
    take(scenario, state, NOTHING)  # "next" has no speaker: it is about Sam, who starts the story
    assert play.view(scenario, state)["character"] == sam
    nobody = Scenario.from_dict({**DATA, "characters": {}, "scenes": {
        **DATA["scenes"], "message": {**DATA["scenes"]["message"], "speaker": None}}})
    assert play.view(nobody, play.start(nobody))["character"] is None


def test_choose_records_the_step_and_shows_feedback(scenario, state):
    play.choose(scenario, state, STAR)
    step = state.path[-1]
    assert (step.scene, step.choice, step.label, step.outcome) == \
        ("message", STAR, "Tell Star99.", "risky")
    shown = play.view(scenario, state)
    assert shown["phase"] == "feedback"
    assert shown["feedback"] == {"label": "Tell Star99.", "outcome": "risky",
                                 "feedback": "Where you live is private.", "again": False}
    assert shown["choices"] == []
    assert (shown["step"], shown["can_undo"]) == (2, True)


def test_go_on_moves_from_feedback_to_the_next_scene(scenario, state):
    play.choose(scenario, state, STAR)
    play.go_on(scenario, state)
    shown = play.view(scenario, state)
    assert (shown["phase"], shown["scene"], shown["feedback"]) == ("scene", "next", None)


def test_when_flag_offers_a_choice_only_once_the_flag_is_set(scenario, state):
    take(scenario, state, TELL)
    assert play.flags(scenario, state) == {"told"}
    assert offered_labels(scenario, state) == ["Block Star99 with Mum.", "Go to the park."]


def test_when_not_flag_offers_a_choice_only_while_the_flag_is_unset(scenario, state):
    take(scenario, state, NOTHING)
    assert play.flags(scenario, state) == frozenset()
    assert offered_labels(scenario, state) == ["Tell Mum now.", "Go to the park."]
    take(scenario, state, TELL_NOW)
    assert state.scene == "next"
    assert offered_labels(scenario, state) == ["Block Star99 with Mum.", "Go to the park."]


def test_view_at_an_ending_shows_the_debrief_and_no_choices(scenario, state):
    take(scenario, state, TELL, BLOCK)
    shown = play.view(scenario, state)
    assert shown["phase"] == "ending"
    assert shown["choices"] == []
    assert shown["ending"] == {
        "kind": "safe", "safer_choice": "Tell a grown-up.",
        "key_message": "Tell a grown-up you trust.",
        "who_can_help": [{"id": "trusted-adult", "name": "trusted-adult"},
                         {"id": "childline", "name": "Childline", "phone": "0800 1111"}]}


def test_the_last_feedback_comes_before_the_ending(scenario, state):
    take(scenario, state, TELL)
    play.choose(scenario, state, BLOCK)
    shown = play.view(scenario, state)
    assert (shown["phase"], shown["ending"]) == ("feedback", None)


def test_undo_goes_back_to_the_scene_of_the_last_choice(scenario, state):
    take(scenario, state, TELL)
    play.undo(scenario, state)
    shown = play.view(scenario, state)
    assert (shown["phase"], shown["scene"], state.path) == ("scene", "message", [])


def test_undo_from_the_feedback_returns_to_the_same_scene(scenario, state):
    play.choose(scenario, state, STAR)
    play.undo(scenario, state)
    assert (state.scene, state.feedback, state.path) == ("message", None, [])


def test_undo_recomputes_the_flags(scenario, state):
    take(scenario, state, NOTHING, TELL_NOW)
    assert play.flags(scenario, state) == {"told"}
    play.undo(scenario, state)
    assert state.scene == "next"
    assert play.flags(scenario, state) == frozenset()
    assert offered_labels(scenario, state) == ["Tell Mum now.", "Go to the park."]


def test_undo_with_nothing_taken_is_refused(scenario, state):
    with pytest.raises(PlayError, match="nothing to undo"):
        play.undo(scenario, state)


def test_restart_goes_back_to_the_very_beginning(scenario, state):
    take(scenario, state, NOTHING)
    play.vote(scenario, state, PARK)
    play.reveal(scenario, state)
    play.restart(scenario, state)
    assert (state.scene, state.path, state.feedback, state.votes, state.revealed) == \
        ("message", [], None, {}, False)


@pytest.mark.parametrize("index", [3, -1, 99])
def test_a_choice_that_does_not_exist_is_refused(scenario, state, index):
    with pytest.raises(PlayError, match=f"choice {index} is not on offer in scene 'message'"):
        play.choose(scenario, state, index)
    assert state.path == []


def test_a_choice_hidden_by_its_condition_is_refused(scenario, state):
    take(scenario, state, NOTHING)
    with pytest.raises(PlayError, match="choice 0 is not on offer in scene 'next'"):
        play.choose(scenario, state, BLOCK)


def test_choosing_during_feedback_is_refused(scenario, state):
    play.choose(scenario, state, STAR)
    with pytest.raises(PlayError):
        play.choose(scenario, state, PARK)
    assert len(state.path) == 1


def test_choosing_at_an_ending_is_refused(scenario, state):
    take(scenario, state, STAR, PARK)
    with pytest.raises(PlayError):
        play.choose(scenario, state, 0)


def test_summary_of_a_risky_path(scenario, state):
    take(scenario, state, NOTHING, PARK)
    result = play.summary(scenario, state)
    assert [(s["scene"], s["label"], s["outcome"]) for s in result["steps"]] == [
        ("message", "Say nothing.", "unsure"), ("next", "Go to the park.", "risky")]
    assert result["counts"] == {"safe": 0, "unsure": 1, "risky": 1}
    assert result["ending"]["kind"] == "risky"
    assert (result["key_message"], result["objectives"]) == \
        ("Tell a grown-up you trust.", ["I can tell a grown-up."])


def test_summary_names_the_safer_choices_that_were_on_offer(scenario, state):
    take(scenario, state, NOTHING, PARK)
    steps = play.summary(scenario, state)["steps"]
    assert steps[0]["safer"] == ["Tell Mum."]
    # "Block Star99 with Mum." needs the told flag, which this player never had
    assert steps[1]["safer"] == ["Tell Mum now."]


def test_summary_has_no_safer_choice_for_a_safe_step(scenario, state):
    take(scenario, state, TELL, BLOCK)
    result = play.summary(scenario, state)
    assert [s["safer"] for s in result["steps"]] == [[], []]
    assert result["counts"] == {"safe": 2, "unsure": 0, "risky": 0}


def test_safer_path_follows_safe_choices_under_the_flags_they_set(scenario):
    assert play.safer_path(scenario) == [
        {"scene": "message", "text": "Star99 asks where Sam lives.", "label": "Tell Mum."},
        {"scene": "next", "text": "Star99 asks Sam to meet at the park.",
         "label": "Block Star99 with Mum."}]


def test_the_verdict_names_the_risky_choices_even_when_the_story_ends_well(scenario, state):
    take(scenario, state, STAR, TELL_NOW, BLOCK)
    result = play.summary(scenario, state)
    assert result["ending"]["kind"] == "safe"  # a grown-up helped in the end
    assert result["verdict"] == {"kind": "risky", "risky": ["Tell Star99."], "unsure": [],
                                 "safe": ["Tell Mum now.", "Block Star99 with Mum."]}


@pytest.mark.parametrize("moves, kind", [((TELL, BLOCK), "safe"), ((NOTHING, TELL_NOW, BLOCK),
                                                                    "unsure")])
def test_the_verdict_is_the_least_safe_choice_made(scenario, state, moves, kind):
    take(scenario, state, *moves)
    verdict = play.summary(scenario, state)["verdict"]
    assert verdict["kind"] == kind
    assert verdict["unsure"] == (["Say nothing."] if kind == "unsure" else [])


def test_summary_before_an_ending_has_no_ending(scenario, state):
    take(scenario, state, STAR)
    result = play.summary(scenario, state)
    assert result["ending"] is None
    assert result["safer_path"] == play.safer_path(scenario)


# Class mode ---------------------------------------------------------------------------------

def test_votes_are_added_and_taken_off(scenario, state):
    for index in (TELL, TELL, STAR):
        play.vote(scenario, state, index)
    assert play.view(scenario, state)["votes"] == {"0": 2, "2": 1}
    play.vote(scenario, state, TELL, -1)
    play.vote(scenario, state, STAR, -1)
    assert state.votes == {TELL: 1}
    assert play.view(scenario, state)["votes"] == {"0": 1}


def test_a_vote_never_goes_below_zero(scenario, state):
    play.vote(scenario, state, TELL)
    with pytest.raises(PlayError, match="choice 2 has no votes to take off"):
        play.vote(scenario, state, STAR, -1)
    assert state.votes == {TELL: 1}


def test_a_vote_for_a_choice_not_on_offer_is_refused(scenario, state):
    take(scenario, state, NOTHING)
    with pytest.raises(PlayError):
        play.vote(scenario, state, BLOCK)
    assert state.votes == {}


def test_a_tied_vote_means_the_teacher_picks(scenario, state):
    play.vote(scenario, state, TELL)
    play.vote(scenario, state, STAR)
    with pytest.raises(PlayError, match="tied or empty"):
        play.follow_majority(scenario, state)
    assert state.path == []


def test_no_votes_means_the_teacher_picks(scenario, state):
    with pytest.raises(PlayError, match="tied or empty"):
        play.follow_majority(scenario, state)


def test_the_majority_is_followed(scenario, state):
    for index in (TELL, STAR, STAR):
        play.vote(scenario, state, index)
    play.follow_majority(scenario, state)
    assert (state.path[-1].choice, state.path[-1].votes) == (STAR, {TELL: 1, STAR: 2})
    assert state.votes == {}


def test_the_teacher_overrides_the_votes(scenario, state):
    for _ in range(3):
        play.vote(scenario, state, STAR)
    play.follow_teacher(scenario, state, TELL)
    assert state.path[-1].choice == TELL


def test_reveal_shows_outcome_and_feedback_for_every_choice_on_offer(scenario, state):
    take(scenario, state, TELL)
    play.reveal(scenario, state)
    assert play.view(scenario, state)["choices"] == [
        {"index": 0, "label": "Block Star99 with Mum.", "outcome": "safe",
         "feedback": "Mum helps you block."},
        {"index": 2, "label": "Go to the park.", "outcome": "risky",
         "feedback": "Never meet someone from online on your own."}]


def test_reveal_is_only_for_a_scene_with_choices(scenario, state):
    play.choose(scenario, state, TELL)
    with pytest.raises(PlayError):
        play.reveal(scenario, state)


def test_the_next_scene_is_not_revealed(scenario, state):
    play.reveal(scenario, state)
    take(scenario, state, TELL)
    assert state.revealed is False
    assert all("outcome" not in c for c in play.view(scenario, state)["choices"])


def test_votes_are_kept_per_step_in_the_summary(scenario, state):
    play.vote(scenario, state, NOTHING)
    play.follow_majority(scenario, state)
    play.go_on(scenario, state)
    play.vote(scenario, state, PARK)
    play.vote(scenario, state, PARK)
    play.vote(scenario, state, TELL_NOW)
    play.follow_majority(scenario, state)
    assert [s["votes"] for s in play.summary(scenario, state)["steps"]] == [
        {"1": 1}, {"1": 1, "2": 2}]


def test_undo_restores_the_votes_of_that_step(scenario, state):
    play.vote(scenario, state, STAR)
    play.vote(scenario, state, STAR)
    play.vote(scenario, state, TELL)
    play.follow_majority(scenario, state)
    play.go_on(scenario, state)
    play.undo(scenario, state)
    assert state.votes == {STAR: 2, TELL: 1}
    assert play.view(scenario, state)["votes"] == {"0": 1, "2": 2}


# Parts and "Try again" loops --------------------------------------------------------------------

LOOPS = {
    "id": "loops", "title": "Loops", "band": "ks1", "start": "game",
    "scenes": {
        "game": {"text": "Tom plays.", "choices": [
            {"label": "Go on.", "goto": "worry", "outcome": "safe", "feedback": "Yes."}]},
        "worry": {"text": "Tom is worried.", "choices": [
            {"label": "Keep it a secret.", "goto": "worry", "outcome": "unsure",
             "feedback": "Worries feel smaller when you share them. Try again."},
            {"label": "Tell Dad.", "goto": "dad", "outcome": "safe", "feedback": "Well done."}]},
        "dad": {"text": "Dad listens.", "choices": [
            {"label": "Think again.", "goto": "worry", "outcome": "unsure", "feedback": "OK."},
            {"label": "Block them.", "goto": "end", "outcome": "safe", "feedback": "Good."}]},
        "end": {"ending": "safe", "text": "Dad helps.", "safer_choice": "Tell.",
                "who_can_help": ["trusted-adult"]},
    },
}
SECRET, TELL_DAD = 0, 1   # in "worry"
THINK, BLOCK_THEM = 0, 1  # in "dad"


def test_a_try_again_loop_keeps_its_part_number_and_says_so():
    loops = Scenario.from_dict(LOOPS)
    state = play.start(loops)
    take(loops, state, 0)
    assert play.view(loops, state)["step"] == 2
    for _ in range(3):
        play.choose(loops, state, SECRET)
        assert play.view(loops, state)["feedback"]["again"] is True
        play.go_on(loops, state)
        assert (play.view(loops, state)["scene"], play.view(loops, state)["step"]) == ("worry", 2)
    play.choose(loops, state, TELL_DAD)
    assert play.view(loops, state)["feedback"]["again"] is False
    play.go_on(loops, state)
    assert play.view(loops, state)["step"] == 3


def test_going_back_to_an_earlier_scene_returns_to_its_part_and_the_path_goes_on_from_there():
    loops = Scenario.from_dict(LOOPS)
    state = play.start(loops)
    take(loops, state, 0, TELL_DAD)
    assert play.view(loops, state)["step"] == 3
    play.choose(loops, state, THINK)
    assert play.view(loops, state)["feedback"]["again"] is True
    play.go_on(loops, state)
    assert play.view(loops, state)["step"] == 2
    take(loops, state, TELL_DAD)
    assert play.view(loops, state)["step"] == 3
    assert play.parts(loops, state) == (["game", "worry", "dad"], False)


def test_a_safe_choice_that_comes_back_to_its_scene_is_not_a_try_again(scenario, state):
    take(scenario, state, NOTHING)
    play.choose(scenario, state, TELL_NOW)  # "next" again, now with "Block Star99 with Mum."
    assert play.view(scenario, state)["feedback"]["again"] is False
    play.go_on(scenario, state)
    assert play.view(scenario, state)["step"] == 2


def test_the_verdict_names_a_choice_made_twice_once():
    loops = Scenario.from_dict(LOOPS)
    state = play.start(loops)
    take(loops, state, 0, SECRET, SECRET, TELL_DAD, BLOCK_THEM)
    verdict = play.summary(loops, state)["verdict"]
    assert (verdict["kind"], verdict["unsure"]) == ("unsure", ["Keep it a secret."])


# Hands typed in -------------------------------------------------------------------------------

def test_a_typed_count_of_hands_replaces_the_tally(scenario, state):
    play.vote(scenario, state, TELL)
    play.count_hands(scenario, state, TELL, 12)
    play.count_hands(scenario, state, STAR, 9)
    assert play.view(scenario, state)["votes"] == {"0": 12, "2": 9}
    play.count_hands(scenario, state, STAR, 0)
    assert play.view(scenario, state)["votes"] == {"0": 12}


@pytest.mark.parametrize("index, count, words", [
    (TELL, -1, "choice 0 has no votes to take off"),
    (7, 3, "choice 7 is not on offer in scene 'message'"),
])
def test_a_count_that_cannot_be_is_refused(scenario, state, index, count, words):
    with pytest.raises(PlayError) as refused:
        play.count_hands(scenario, state, index, count)
    assert str(refused.value) == words
    assert state.votes == {}
