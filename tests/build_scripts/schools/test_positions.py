"""A school's positions: the sentence and policy words pages say, conditional blocks, and the
proof that no page of any school's site contradicts a position that school has set.

The last tests read every page of every school's built site (each built once, strict, and
shared with test_schools) and the scenario data its stories play from.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from build_scripts.pages import markup
from build_scripts.schools import positions
from tests.build_scripts.test_schools import ROOT, SCHOOLS, built_for, html_text

HUNTINGTON = {"short_name": "Huntington", "policy": {"title": "Social Media Policy"},
              "positions": {"event_photos": {"value": "not-posted", "says": "Not at all.",
                                             "source": "4.15, Data protection principles"}}}
PAGE = """\
Before.
<!-- if event_photos is not-posted -->
Keep them at home.
<!-- elif event_photos is own-child-only, ask-families -->
Your own child only.
<!-- else -->
Crop out other children.
<!-- endif -->
After.
"""


def school_with(value: str | None) -> dict:
    if value is None:
        return {"short_name": "Ours"}
    return {"short_name": "Ours", "positions": {"event_photos": {
        "value": value, "says": "x", "source": "y"}}}


@pytest.mark.parametrize("value, shown", [
    ("not-posted", "Keep them at home."), ("own-child-only", "Your own child only."),
    ("ask-families", "Your own child only."), (None, "Crop out other children.")])
def test_a_block_shows_the_branch_for_the_schools_value(value, shown):
    assert positions.resolve(PAGE, school_with(value)) == f"Before.\n{shown}\nAfter.\n"


def test_a_block_inside_a_code_fence_is_shown_as_written():
    fenced = f"```\n{PAGE}```\n"
    assert positions.resolve(fenced, school_with("not-posted")) == fenced


def test_the_sentence_is_the_schools_rule_or_the_neutral_advice():
    assert positions.sentence(HUNTINGTON, "event_photos").startswith(
        "Huntington asks parents not to post photos or videos of school events online at all")
    assert positions.sentence(HUNTINGTON, "under_age_accounts") == \
        positions.POSITIONS["under_age_accounts"].neutral


def test_the_marker_adds_the_policys_own_words_and_section():
    block = positions.block_markdown(HUNTINGTON, "event_photos")
    assert block.endswith('!!! quote "What Huntington\'s Social Media Policy says '
                          '(4.15, Data protection principles)"\n    "Not at all."\n')
    assert positions.block_markdown(HUNTINGTON, "chat_groups") == \
        f'{markup.text(positions.POSITIONS["chat_groups"].neutral)}\n'  # "school's" as text


@pytest.mark.parametrize("key", positions.POSITIONS)
def test_no_rule_contradicts_its_own_value(key):
    for value, text in positions.POSITIONS[key].values.items():
        assert positions.contradictions(text, [(key, value)]) == [], value


def test_the_neutral_advice_is_what_a_school_with_a_position_must_not_be_told():
    neutral = positions.POSITIONS["event_photos"].neutral
    assert {found[2] for found in positions.contradictions(neutral)} == {"not-posted"}


def test_every_page_that_says_a_position_is_found():
    from build_scripts.load import content

    loaded, _ = content.load(ROOT, "huntington")
    said = positions.places(loaded)
    assert ("Sharing photos", "parents/sharing-photos.md") in said["event_photos"]
    assert ("A class chat shares a photo of another child",
            "play/class-chat-photo.md") in said["event_photos"]
    assert ("Age limits at a glance", "parents/handouts/age-limits.md") in \
        said["under_age_accounts"]
    assert all(said.values()), {k: v for k, v in said.items() if not v}


# --- every school's built site -------------------------------------------------------------

def site_texts(site: Path) -> dict[str, str]:
    """Every built page's visible text, and every string of every story's data."""
    texts = {page.relative_to(site).as_posix(): html_text(page.read_text(encoding="utf-8"))
             for page in site.rglob("*.html")}
    for story in (site / "scenarios").glob("*.json"):
        texts[story.relative_to(site).as_posix()] = "\n".join(
            _strings(json.loads(story.read_text(encoding="utf-8"))))
    return texts


def _strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data] if isinstance(data, str) else []


def set_positions(slug: str) -> list[tuple[str, str]]:
    data = yaml.safe_load((ROOT / f"schools/{slug}.yml").read_text(encoding="utf-8"))
    return [(key, p["value"]) for key, p in (data.get("positions") or {}).items()]


@pytest.mark.parametrize("slug", SCHOOLS)
def test_no_page_contradicts_a_position_the_school_has_set(slug, tmp_path_factory):
    pairs = set_positions(slug)
    found = [f"{page}: {phrase!r} contradicts {key}: {value}"
             for page, text in site_texts(built_for(slug, tmp_path_factory)).items()
             for phrase, key, value in positions.contradictions(text, pairs)]
    assert found == []


def test_the_contradiction_test_finds_what_a_school_without_positions_is_told(
        tmp_path_factory):
    """The neutral site says what a school with a position must not hear: so the test above
    reads the pages it should, and would fail if a position's branch were not taken."""
    texts = site_texts(built_for("default", tmp_path_factory))
    found = {(page, key, value) for page, text in texts.items()
             for _, key, value in positions.contradictions(text)}
    assert ("parents/sharing-photos/index.html", "event_photos", "not-posted") in found
    assert ("parents/age-limits/index.html", "under_age_accounts", "not-permitted") in found
    assert ("scenarios/class-chat-photo.json", "event_photos", "not-posted") in found


def test_a_school_with_no_positions_gets_the_neutral_advice(tmp_path_factory):
    texts = site_texts(built_for("default", tmp_path_factory))
    for key, position in positions.POSITIONS.items():
        pages = [page for page, text in texts.items() if position.neutral in text]
        assert pages, key
    assert "What Our school's" not in texts["parents/sharing-photos/index.html"]


def test_a_school_with_a_position_says_its_rule_and_its_policys_words(tmp_path_factory):
    texts = site_texts(built_for("huntington", tmp_path_factory))
    rule = positions.sentence({"short_name": "Huntington", **yaml.safe_load(
        (ROOT / "schools/huntington.yml").read_text(encoding="utf-8"))}, "event_photos")
    photos = texts["parents/sharing-photos/index.html"]
    assert rule in photos
    assert ("What Huntington's Social Media Policy says (4.15, Data protection principles)\n"
            "\"Consent provided for the use of images and videos only applies to school "
            "accounts") in photos
    assert rule in texts["scenarios/class-chat-photo.json"]
    assert rule in texts["lessons/online-safety-evening/present/index.html"]
    assert "Close the account together, and agree when" in texts["parents/age-limits/index.html"]


# --- nothing made up, no placeholder shown --------------------------------------------------

PLACEHOLDERS = ("REPLACE", "FILL IN", "ask your class teacher who this is", "{{")
#: The authors' guides, and the facts page's "reference to write", show the marks and
#: references they explain, as code.
GUIDES = ("teachers/school-settings/index.html", "teachers/writing-scenarios/index.html",
          "teachers/facts/index.html")


@pytest.mark.parametrize("slug", SCHOOLS)
def test_no_placeholder_reaches_any_page(slug, tmp_path_factory):
    texts = site_texts(built_for(slug, tmp_path_factory))
    found = [f"{page}: {word}" for page, text in texts.items()
             if page.endswith(".html") and page not in GUIDES
             for word in PLACEHOLDERS if word in text]
    assert found == []
    assert len(texts) > 150


def test_a_lead_the_policy_does_not_name_is_never_claimed(tmp_path_factory):
    texts = site_texts(built_for("huntington", tmp_path_factory))
    claims = re.compile(r"(?:our designated safeguarding lead is|designated safeguarding lead"
                        r"(?: at huntington)?: (?:the |<strong>)?headteacher)", re.I)
    assert [page for page, text in texts.items() if claims.search(text)] == []
    assert ("Any grown-up in school can pass your worry on to our designated safeguarding lead"
            in texts["help/index.html"])
    assert ("Designated safeguarding lead: not named: the settings name no lead, so no page "
            "names one") in texts["teachers/coverage/index.html"]
    assert "Online safety lead: the Headteacher and E-Safety Co-ordinator" in \
        texts["teachers/coverage/index.html"]
