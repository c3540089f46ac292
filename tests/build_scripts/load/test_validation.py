"""Schema problems in the authors' words: where (list places counted from 1), what was found
(in a few words, never a whole list) and how to write it instead."""

from __future__ import annotations

import fastjsonschema
import pytest

from build_scripts.load import validation
from build_scripts.load.source import Source
from build_scripts.problems import Problem, describe, ordinal, place


def test_the_quick_validator_rejects_a_date_that_does_not_exist():
    """The fast path must never pass what the full validator would report."""
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validation._quick("facts")({"x": {"name": "X", "source": "https://example.org",
                                          "source_title": "X", "verified": "2025-02-30",
                                          "review_by": "2026-02-01"}})


@pytest.mark.parametrize("where, words", [
    ((), "the file"), (("title",), '"title"'), (("safeguarding", "lead"), '"safeguarding.lead"'),
    (("commitments", "pupils", 3), "the 4th pupil promise"),
    (("commitments", "parents", 0, "text"), '"text" of the 1st parent promise'),
    (("commitments", "pupils", 10, "topics", 1), "the 2nd topic of the 11th pupil promise"),
    (("rules", "ks1", 21), "the 22nd KS1 rule"),
    (("safeguarding", "deputies", 1), "the 2nd deputy"),
    (("scenes", "park"), 'scene "park"'), (("scenes", "park", "text"), '"text" of scene "park"'),
    (("scenes", "park", "choices", 2, "goto"), '"goto" of the 3rd choice of scene "park"'),
    (("scenes", "park", "choices", 0, "when", 12), 'the 13th flag in when of the 1st choice of '
                                                   'scene "park"'),
    (("years", 0, 0), "the 1st item of the 1st year"), (("odd", 1), "the 2nd item of \"odd\"")])
def test_places_are_said_in_words_counting_from_one(where, words):
    assert place(where) == words


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                     (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd")])
def test_ordinals(n, text):
    assert ordinal(n) == text


@pytest.mark.parametrize("value, words", [
    (None, "nothing (null)"), (True, "true"), (3, "the number 3"), ("x" * 100, 'the text "'
                                                                    + "x" * 59 + '…"'),
    ([1, 2], "a list of 2"), ([], "an empty list"), ({}, "an empty mapping"),
    ({"a": 1, "b": 2, "c": 3, "d": 4}, "a mapping (a:, b:, c:, ...)")])
def test_values_are_described_in_a_few_words(value, words):
    assert describe(value) == words


def test_a_message_is_one_line_and_long_quoted_text_is_cut_short():
    problem = Problem("x.yml", 3, 'choice "' + "a" * 500 + '" goes\nto "park2"')
    assert str(problem) == 'x.yml:3: choice "' + "a" * 79 + '…" goes to "park2"'


def school(data: dict) -> list[str]:
    base = {"name": "N", "short_name": "N", "safeguarding": {"lead": {"name": "A", "role": "B"}},
            "trusted_adults": ["t"], "how_to_tell": ["h"], "rules": {"ks1": ["r"], "ks2": ["r"]},
            "commitments": {"pupils": [{"text": "t", "topics": ["kindness"]}]},
            "parent_expectations": [], "policy": {"title": "T", "review_date": "2027-01-01"}}
    return [p.message for p in validation.validate(Source("s.yml", base | data), "school")]


@pytest.mark.parametrize("data, message", [
    ({"name": 5}, '"name" must be text, not the number 5: put it in quotes, e.g. "5"'),
    ({"name": None}, '"name" is empty: write it as plain text, in quotes if it starts with { or '
                     '[ or holds a colon'),
    ({"name": ""}, '"name" is empty: write something there'),
    ({"trusted_adults": []}, '"trusted_adults" is empty: give it at least one item'),
    ({"trusted_adults": "your teacher"}, '"trusted_adults" must be a list, not the text "your '
                                         'teacher": write each item on its own line below it, '
                                         'starting with a dash (-)'),
    ({"parent_expectations": {"text": "x"}}, '"parent_expectations" must be a list, not a mapping '
                                             '(text:): write each item on its own line below it, '
                                             'starting with a dash (-), each with keys such as '
                                             'text:, source: and position:'),
    ({"safeguarding": {"lead": ["Jo", "Head"]}}, '"safeguarding.lead" must be a mapping of keys, '
                                                 'not a list of 2: write keys such as name: and '
                                                 'role: below it, indented by two spaces'),
    ({"commitments": {"pupils": [{"text": "t", "topics": ["Kind Ness"]}]}},
     'the 1st topic of the 1st pupil promise must be an id in lower-case letters, digits and -, '
     'e.g. my-id-2, not the text "Kind Ness"'),
    ({"policy": {"title": "T", "review_date": "2027-13-01"}},
     '"policy.review_date" must be a date written YYYY-MM-DD, not the text "2027-13-01"'),
])
def test_a_wrong_type_or_shape_says_where_what_and_how_to_fix_it(data, message):
    assert school(data) == [message]


def test_a_facts_field_name_and_a_value_that_is_a_list():
    source = Source("f.yml", {"x": {"name": "X", "source": "https://x.org",
                                    "verified": "2026-01-01", "Phone": "1", "age": [13]}})
    assert sorted(p.message for p in validation.validate(source, "facts")) == [
        '"x.age" must be text or a number, not a list of 1: write it as plain text, in quotes '
        "if it starts with { or [ or holds a colon",
        'the key "Phone" in "x" must be a name in lower-case letters, digits and _, e.g. '
        "minimum_age"]
