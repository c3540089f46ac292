"""The wording rules that keep one message everywhere (issue 18): which band each applies to,
what silences it, and where a wrapped sentence is reported. The fixture for each rule is in
``tests/fixtures/invalid/`` (wording-*.yml, lesson-wording-wrapped.md)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from build_scripts import build
from build_scripts.load import reading

VALID = Path(__file__).resolve().parents[2] / "fixtures/valid"
SECRET = reading.RULES[0].message
NUDE = reading.RULES[3].message
CHALLENGE = reading.RULES[4].message


@pytest.mark.parametrize("text, band, expected", [
    ("Keep your password a secret.", "ks1", [SECRET]),
    ("Keep your password a secret.", "ks2", []),
    ("Your address is a secret.", "ks1", [SECRET]),
    ("A surprise is a happy secret, like a birthday present.", "ks1", []),
    ("Never promise to keep it secret when a pupil talks about a password.", "ks1", []),
    ("A password is private, not a secret.", "ks1", []),
    ("A secret that feels bad is one to tell.", "ks1", []),
])
def test_ks1_says_private_for_passwords_and_personal_information(text, band, expected):
    assert reading.wording_warnings(text, band) == expected


@pytest.mark.parametrize("text, expected", [
    ("Take a screenshot of the nude picture to show Mum.", [NUDE]),
    ("Save the naked photo, then tell Dad.", [NUDE]),
    ("Never screenshot, keep or send on a nude picture: tell an adult instead.", []),
    ("If there are nude or sexual pictures, do not screenshot, save or forward them.", []),
    ("Take a screenshot of the unkind message.", []),
])
def test_a_nude_image_is_never_screenshot_kept_or_forwarded(text, expected):
    assert reading.wording_warnings(text, "parents") == expected


@pytest.mark.parametrize("text, band, expected", [
    ('Write, "That\'s not kind. Noah might be upset."', "ks2", [CHALLENGE]),
    ('If it feels safe, write, "That\'s not kind."', "ks2", []),
    ('Say "please stop".', "ks1", [CHALLENGE]),
    ('Parents can say "please stop" to a child who is upset.', "parents", []),
])
def test_a_pupil_challenges_someone_only_if_it_feels_safe(text, band, expected):
    assert reading.wording_warnings(text, band) == expected


def test_bystander_is_a_word_for_ks2_not_ks1():
    assert reading.wording_warnings("A bystander sees it.", "ks2") == []
    assert len(reading.wording_warnings("A bystander sees it.", "ks1")) == 1


def test_a_sentence_wrapped_over_lines_is_read_whole_and_reported_where_it_starts():
    lines = ["Follow the policy.", "If a child was sent a nude picture,", "help them keep a",
             "screenshot.", "", "- Then tell the lead."]
    assert reading.line_warnings(lines, "ks2") == [(1, NUDE)]
    assert reading.line_warnings(["Keep a screenshot.", "", "The nude picture."], "ks2") == []


def test_parents_pages_and_school_rules_are_checked_with_their_readers_rules(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(VALID, tree)
    (tree / "content/parents").mkdir(parents=True)
    (tree / "content/parents/friends.md").write_text(
        "# Online friends\n\nIf a nude picture is sent,\nforward it to the school.\n")
    school = tree / "schools/default.yml"
    school.write_text(school.read_text().replace("I keep my name and my address private online.",
                                                 "I keep my password a secret."))
    _, problems = build.gather_and_check(tree, today=datetime.date(2026, 6, 1))
    assert [str(p) for p in problems] == [
        f"content/parents/friends.md:3: warning: {NUDE}",
        f"schools/default.yml:12: warning: {SECRET}"]
