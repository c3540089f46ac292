"""Practising on a screen: values, each action answered, Check, the hint after two tries,
going on whatever was done, undo, the review, class votes on moves, saving and restoring."""

import copy
import json

import pytest

from quiz_engine import SaveError, Scenario, State, api, play
from quiz_engine.state import PlayError

ACCOUNT = {
    "kind": "settings", "title": "My account",
    "controls": {
        "private": {"label": "Private account", "type": "switch", "start": False},
        "location": {"label": "Share where I am", "type": "switch", "start": True},
        "messages": {"label": "Who can message me", "type": "choice",
                     "options": ["Everyone", "Friends", "No one"], "start": "Everyone"},
        "mute": {"label": "Mute", "type": "button"},
        "tell": {"label": "Tell Dad", "type": "tell"},
    },
}
DATA = {
    "id": "practice-demo", "title": "Practice demo", "band": "ks2", "start": "account",
    "key_message": "Lock it down.",
    "scenes": {
        "account": {
            "text": "Make the new account safe.", "screen": ACCOUNT,
            "practice": {
                "goal": {"private": True, "location": False, "messages": ["Friends", "No one"]},
                "feedback": {
                    "private": "Only people you say yes to can see your posts.",
                    "location": "Your posts won't show where you are.",
                    "messages": {"Everyone": "Anyone at all could message you.",
                                 "Friends": "Only your friends can message you.",
                                 "No one": "Nobody can message you."},
                    "mute": "Muting hides the messages.",
                    "tell": "Dad can help you check.",
                },
                "hint": "Look for the switch that hides your posts.",
                "then": "safe-end", "otherwise": "dad-helps",
            },
        },
        "dad-helps": {"text": "Dad helps.", "choices": [
            {"label": "Check it together.", "goto": "safe-end", "outcome": "safe",
             "feedback": "Good."}]},
        "safe-end": {"ending": "safe", "text": "All safe.", "safer_choice": "Lock it down.",
                     "who_can_help": ["trusted-adult"]},
    },
}


@pytest.fixture
def story():
    return Scenario.from_dict(DATA)


def setting(story, state, control, value):
    play_action(story, state, {"do": "set", "control": control, "value": value})


def play_action(story, state, action):
    """One action through the same door the browser uses, on ``state`` in place."""
    api._SCENARIOS[story.id] = story
    answer = json.loads(api.handle(story.id, state.to_json(), json.dumps(action)))
    assert answer["notice"] is None, answer["notice"]
    restored = State.from_json(answer["state"], story)
    state.__dict__.update(restored.__dict__)
    return answer


def solve(story, state):
    for control, value in (("private", True), ("location", False), ("messages", "Friends")):
        setting(story, state, control, value)


def test_the_screen_starts_as_authored_and_is_live_in_a_practice(story):
    shown = play.view(story, play.start(story))
    assert shown["phase"] == "scene"
    assert shown["screen"]["kind"] == "settings" and shown["screen"]["live"] is True
    assert {c["id"]: c["value"] for c in shown["screen"]["controls"]} == {
        "private": False, "location": True, "messages": "Everyone", "mute": False, "tell": False}
    assert shown["practice"] == {"turn": 0, "last": None, "said": None, "check": None,
                                 "hint": None, "tries": 0, "goal": None}
    assert shown["can_undo"] is False


def test_each_change_is_answered_with_its_feedback(story):
    state = play.start(story)
    setting(story, state, "private", True)
    said = play.view(story, state)["practice"]["said"]
    assert said == {"control": "private", "label": "Private account", "words": "on",
                    "line": "Private account: on.",
                    "feedback": "Only people you say yes to can see your posts.",
                    "outcome": "safe"}
    setting(story, state, "private", False)  # away from the goal: what to do instead
    said = play.view(story, state)["practice"]["said"]
    assert (said["words"], said["outcome"], said["feedback"]) == (
        "off", "risky", 'Turn on "Private account".')
    setting(story, state, "messages", "Everyone")  # a line for every option
    assert play.view(story, state)["practice"]["said"]["feedback"] == \
        "Anyone at all could message you."
    setting(story, state, "mute", True)  # not in the goal: no outcome, its own line
    said = play.view(story, state)["practice"]["said"]
    assert (said["words"], said["outcome"], said["feedback"]) == (
        "done", "", "Muting hides the messages.")


def test_check_says_what_is_met_and_what_to_do_about_the_rest(story):
    state = play.start(story)
    setting(story, state, "private", True)
    play_action(story, state, {"do": "check"})
    checked = play.view(story, state)["practice"]["check"]
    assert checked["met"] == [{"control": "private", "label": "Private account", "words": "on",
                               "line": "Private account: on.",
                               "feedback": "Only people you say yes to can see your posts."}]
    assert [(u["control"], u["todo"]) for u in checked["unmet"]] == [
        ("location", 'Turn off "Share where I am".'),
        ("messages", 'Who can message me: choose "Friends" or "No one".')]
    assert checked["unmet"][1]["feedback"] == "Anyone at all could message you."


def test_the_hint_comes_after_the_second_try_with_the_goal_unmet(story):
    state = play.start(story)
    play_action(story, state, {"do": "check"})
    assert play.view(story, state)["practice"]["hint"] is None
    setting(story, state, "private", True)
    assert play.view(story, state)["practice"]["hint"] is None
    play_action(story, state, {"do": "check"})
    shown = play.view(story, state)["practice"]
    assert (shown["tries"], shown["hint"]) == (2, "Look for the switch that hides your posts.")


def test_a_check_with_everything_met_says_so_and_brings_no_hint(story):
    state = play.start(story)
    play_action(story, state, {"do": "check"})
    solve(story, state)
    play_action(story, state, {"do": "check"})
    shown = play.view(story, state)["practice"]
    assert shown["check"]["unmet"] == [] and len(shown["check"]["met"]) == 3
    assert (shown["tries"], shown["hint"]) == (1, None)


def test_going_on_with_the_goal_met_follows_then_and_is_safe(story):
    state = play.start(story)
    solve(story, state)
    play_action(story, state, {"do": "continue"})
    assert state.scene == "safe-end" and state.actions == []
    step = state.path[-1]
    assert (step.choice, step.outcome) == (None, "safe")
    assert step.label == ("On the screen: Private account: on. Share where I am: off. "
                          "Who can message me: Friends.")


def test_going_on_at_once_is_allowed_and_follows_otherwise(story):
    state = play.start(story)
    answer = play_action(story, state, {"do": "continue"})
    assert answer["view"]["scene"] == "dad-helps" and answer["view"]["phase"] == "scene"
    assert state.path[-1].outcome == "unsure"
    assert state.path[-1].label == "On the screen: nothing changed on My account."


def test_without_otherwise_going_on_always_follows_then(story):
    data = copy.deepcopy(DATA)
    del data["scenes"]["account"]["practice"]["otherwise"]
    other = Scenario.from_dict(data)
    state = play.start(other)
    play.go_on(other, state)
    assert state.scene == "safe-end"


def test_undo_takes_back_one_action_at_a_time_then_the_practice_itself(story):
    state = play.start(story)
    setting(story, state, "private", True)
    play_action(story, state, {"do": "check"})
    play_action(story, state, {"do": "continue"})
    assert state.scene == "dad-helps"
    play_action(story, state, {"do": "undo"})  # back on the screen, as it was left
    assert state.scene == "account" and [a.do for a in state.actions] == ["set", "check"]
    assert play.view(story, state)["practice"]["check"] is not None
    play_action(story, state, {"do": "undo"})
    assert [a.do for a in state.actions] == ["set"]
    play_action(story, state, {"do": "undo"})
    assert state.actions == [] and play.view(story, state)["can_undo"] is False
    with pytest.raises(PlayError):
        play.undo(story, state)


def test_start_again_clears_the_screen(story):
    state = play.start(story)
    setting(story, state, "private", True)
    play_action(story, state, {"do": "restart"})
    assert state.actions == []
    assert play.view(story, state)["screen"]["controls"][0]["value"] is False


@pytest.mark.parametrize("action, words", [
    ({"do": "set", "control": "nope", "value": True}, "there is no control 'nope'"),
    ({"do": "set", "control": "private", "value": "yes"}, "cannot be set to 'yes'"),
    ({"do": "set", "control": "private", "value": 1}, "cannot be set to 1"),
    ({"do": "set", "control": "messages", "value": "Anyone"}, "cannot be set to 'Anyone'"),
    ({"do": "set", "control": ["private"], "value": True}, "there is no control ['private']"),
    ({"do": "set"}, "there is no control None"),
])
def test_a_change_the_screen_cannot_make_is_a_notice_and_changes_nothing(story, action, words):
    api._SCENARIOS[story.id] = story
    state = play.start(story).to_json()
    answer = json.loads(api.handle(story.id, state, json.dumps(action)))
    assert words in answer["notice"]
    assert json.loads(answer["state"])["actions"] == []


def test_setting_or_checking_outside_a_practice_is_a_notice(story):
    state = play.start(story)
    play.go_on(story, state)  # to "dad-helps", which has choices
    api._SCENARIOS[story.id] = story
    for action in ({"do": "set", "control": "private", "value": True}, {"do": "check"}):
        answer = json.loads(api.handle(story.id, state.to_json(), json.dumps(action)))
        assert answer["notice"] == "there is no practice screen in scene 'dad-helps'"


def test_save_and_restore_mid_practice_keeps_every_action(story):
    state = play.start(story)
    setting(story, state, "private", True)
    play_action(story, state, {"do": "check"})
    play_action(story, state, {"do": "check"})
    again = State.from_json(state.to_json(), story)
    assert again == state
    assert play.view(story, again) == play.view(story, state)
    assert play.view(story, again)["practice"]["hint"]


BAD_ACTIONS = {
    "unknown control": {"do": "set", "control": "gone", "value": True, "votes": {}},
    "value it cannot hold": {"do": "set", "control": "private", "value": "on", "votes": {}},
    "number for a switch": {"do": "set", "control": "private", "value": 1, "votes": {}},
    "unknown kind of action": {"do": "jump", "control": None, "value": None, "votes": {}},
}


@pytest.mark.parametrize("case", list(BAD_ACTIONS))
def test_a_save_with_an_action_the_screen_cannot_take_is_refused(story, case):
    saved = json.loads(play.start(story).to_json())
    saved["actions"] = [BAD_ACTIONS[case]]
    with pytest.raises(SaveError) as refused:
        State.from_json(json.dumps(saved), story)
    assert str(refused.value) in ("The story has changed since this game was saved.",
                                  "The saved game is damaged.")


def test_a_save_with_actions_on_a_scene_without_practice_is_refused(story):
    state = play.start(story)
    play.go_on(story, state)
    saved = json.loads(state.to_json())
    saved["actions"] = [{"do": "check", "control": None, "value": None, "votes": {}}]
    with pytest.raises(SaveError, match="^The story has changed since this game was saved.$"):
        State.from_json(json.dumps(saved), story)


def test_a_practice_step_on_a_scene_that_is_no_longer_a_practice_is_refused(story):
    state = play.start(story)
    play.go_on(story, state)
    data = copy.deepcopy(DATA)
    scene = data["scenes"]["account"]
    del scene["practice"]
    scene["choices"] = [{"label": "Go", "goto": "safe-end", "outcome": "safe",
                         "feedback": "Yes."}]
    with pytest.raises(SaveError, match="^The story has changed since this game was saved.$"):
        State.from_json(state.to_json(), Scenario.from_dict(data))


def test_the_review_shows_what_was_done_and_what_was_still_to_do(story):
    state = play.start(story)
    setting(story, state, "private", True)
    play.go_on(story, state)
    play.choose(story, state, 0)
    play.go_on(story, state)
    result = play.summary(story, state)
    practised = result["steps"][0]
    assert practised["practice"] is True and practised["outcome"] == "unsure"
    assert practised["label"] == "On the screen: Private account: on."
    assert practised["safer"] == ['Turn off "Share where I am".',
                                  'Who can message me: choose "Friends" or "No one".']
    assert result["counts"] == {"safe": 1, "unsure": 1, "risky": 0}
    assert result["safer_path"][0]["label"] == (
        'On the screen: Turn on "Private account"; Turn off "Share where I am"; '
        'Who can message me: choose "Friends" or "No one"')


def test_the_class_votes_on_moves_follows_the_majority_and_reveal_shows_the_goal(story):
    state = play.start(story)
    moves = {c["label"]: c["index"] for c in play.view(story, state)["choices"]}
    assert list(moves) == [
        'Turn on "Private account"', 'Turn off "Share where I am"',
        'Who can message me: choose "Friends"', 'Who can message me: choose "No one"',
        'Press "Mute"', 'Press "Tell Dad"']
    play.vote(story, state, moves['Turn on "Private account"'])
    play.vote(story, state, moves['Turn on "Private account"'])
    play.vote(story, state, moves['Press "Mute"'])
    play.reveal(story, state)
    shown = play.view(story, state)
    assert [g["todo"] for g in shown["practice"]["goal"]] == [
        'Turn on "Private account"', 'Turn off "Share where I am"',
        'Who can message me: choose "Friends" or "No one"']
    revealed = {c["label"]: (c["outcome"], c["feedback"]) for c in shown["choices"]}
    assert revealed['Turn on "Private account"'] == (
        "safe", "Only people you say yes to can see your posts.")
    assert revealed['Press "Mute"'] == ("", "Muting hides the messages.")
    play.follow_majority(story, state)
    assert state.scene == "account" and state.votes == {} and state.revealed is False
    assert play.view(story, state)["screen"]["controls"][0]["value"] is True
    assert 'Turn on "Private account"' not in [c["label"] for c in play.view(story, state)["choices"]]
    play.undo(story, state)  # the votes come back with the move taken back
    assert state.votes == {0: 2, moves['Press "Mute"']: 1}
    play.follow_teacher(story, state, moves['Press "Tell Dad"'])
    assert play.view(story, state)["practice"]["said"]["feedback"] == "Dad can help you check."
    with pytest.raises(PlayError):
        play.vote(story, state, moves['Press "Tell Dad"'])  # already done: not on offer


def test_a_screen_without_a_practice_is_drawn_but_not_live():
    data = copy.deepcopy(DATA)
    data["scenes"]["dad-helps"]["screen"] = {
        "kind": "chat", "title": "Game chat",
        "messages": [{"from": "Star99", "text": "Where do you live?"}],
        "controls": {"block": {"label": "Block", "type": "button"}}}
    story = Scenario.from_dict(data)
    state = play.start(story)
    play.go_on(story, state)
    shown = play.view(story, state)
    assert shown["screen"]["live"] is False and shown["practice"] is None
    assert shown["screen"]["messages"] == [{"from": "Star99", "text": "Where do you live?"}]
    assert [c["label"] for c in shown["choices"]] == ["Check it together."]


def test_a_label_that_asks_reads_as_a_question():
    from quiz_engine.screens import Control, move_words
    asks = Control("messages", "Who can message me?", "choice", ("Everyone", "Friends", "No one"))
    says = Control("private", "Private account", "switch")
    assert asks.line("Friends") == "Who can message me? Friends."
    assert asks.line("Friends", "No one") == "Who can message me? Friends or No one."
    assert says.line(True) == "Private account: on."
    assert move_words(asks, ("Friends", "No one")) == 'Who can message me? Choose "Friends" or "No one"'
    assert move_words(says, (False,)) == 'Turn off "Private account"'
    assert move_words(Control("block", "Block Zed", "button"), (True,)) == 'Press "Block Zed"'
    assert move_words(Control("a", "Your answer", "buttons", ("Allow", "Don't allow")),
                      ("Don't allow",)) == 'Press "Don\'t allow"'
