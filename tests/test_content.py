"""The teaching content as a whole: enough of it, every topic and policy promise covered in
both bands, the right reading level, fear-free, and facts only by reference."""

from __future__ import annotations

import re
from pathlib import Path

import markupsafe

import pytest
import yaml

import quiz_engine
from build_scripts import build
from build_scripts.load import reading
from build_scripts.pages.render import Renderer
from build_scripts.schools import coverage
from tests.browser.playing import paths_to_every_ending

ROOT = Path(__file__).resolve().parent.parent
CONTENT, PROBLEMS = build.gather_and_check(ROOT)
BANDS = ("ks1", "ks2")


def scenarios(band):
    return {sid: source.data for sid, (b, source) in CONTENT.scenarios.items() if b == band}


def lessons(band):
    return {lid: lesson.meta.data for lid, lesson in CONTENT.lessons.items() if lesson.band == band}


def test_content_checks_clean_even_in_strict_mode():
    assert [str(p) for p in PROBLEMS if p.level != "note"] == []
    # the neutral school has no policy behind it: the notes say what it leaves unset
    assert [p.message.split(",")[0] for p in PROBLEMS] == [
        "no designated safeguarding lead is named", "the policy gives no review date"]


#: The share of curriculum statements a lesson or story teaches, in per cent: it only goes up.
#: Issue 18 is done at 95 (the rest out of scope, each with its reason).
TAUGHT_AT_LEAST = 95


def test_the_share_of_curriculum_statements_taught():
    counts = coverage.curriculum_counts(coverage.curriculum(CONTENT))
    assert counts["taught_percent"] >= TAUGHT_AT_LEAST, counts
    assert counts["out_of_scope"] <= 0.05 * counts["total"], counts
    assert counts["untaught"] == 0, counts


@pytest.mark.parametrize("band, lesson_count, scenario_count", [("ks1", 14, 14), ("ks2", 18, 20)])
def test_enough_lessons_and_scenarios(band, lesson_count, scenario_count):
    assert len(lessons(band)) >= lesson_count
    assert len(scenarios(band)) >= scenario_count


@pytest.mark.parametrize("band", BANDS)
def test_every_topic_is_taught_in_both_bands_by_a_lesson_and_a_scenario(band):
    topics = set(CONTENT.topics.data)
    in_lessons = {t for meta in lessons(band).values() for t in meta["topics"]}
    in_scenarios = {t for data in scenarios(band).values() for t in data["topics"]}
    assert topics - in_lessons == set()
    assert topics - in_scenarios == set()


def school_commitments():
    for path in sorted((ROOT / "schools").glob("*.yml")):
        school = yaml.safe_load(path.read_text())
        for commitment in school["commitments"]["pupils"]:
            yield pytest.param(commitment, id=f"{path.stem}: {commitment['text'][:50]}")


@pytest.mark.parametrize("commitment", list(school_commitments()))
@pytest.mark.parametrize("band", BANDS)
def test_every_policy_promise_to_pupils_is_taught_in_each_band(commitment, band):
    topics = set(commitment["topics"])
    assert [lid for lid, meta in lessons(band).items() if topics & set(meta["topics"])]
    assert [sid for sid, data in scenarios(band).items() if topics & set(data["topics"])]


@pytest.mark.parametrize("band, average_at_least, each_at_least",
                         [("ks1", 85, 80), ("ks2", 70, 60), ("parents", 60, 60)])
def test_reading_level(band, average_at_least, each_at_least):
    scores = {sid: reading.ease(reading.pupil_text(data))
              for sid, data in scenarios(band).items()} if band != "parents" else {
        sid: reading.ease(reading.pupil_text(source.data))
        for sid, (b, source) in CONTENT.scenarios.items() if b == "parents"}
    assert scores
    assert sum(scores.values()) / len(scores) >= average_at_least
    assert {s: round(v) for s, v in scores.items() if v < each_at_least} == {}


@pytest.mark.parametrize("page", sorted((ROOT / "content" / "parents").glob("*.md")),
                         ids=lambda path: path.stem)
def test_parents_pages_read_at_the_parents_level(page):
    """The parents' guide pages themselves (not only the parents' stories): ease 60 or more,
    read as the words a parent sees (no front matter, markup, tags or template code)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", page.read_text(encoding="utf-8"), flags=re.S)
    words = re.sub(r"<[^>]+>|\{[{%#].*?[%}#]\}|\]\([^)]*\)|[#*|>`_\[\]]", " ", text)
    assert reading.ease(words) >= 60


@pytest.mark.parametrize("scenario_id", sorted(CONTENT.scenarios))
def test_each_scenario_has_three_decisions_and_two_endings(scenario_id):
    story = quiz_engine.Scenario.from_dict(Renderer(CONTENT).scenario(scenario_id))
    endings = paths_to_every_ending(story)
    assert len(endings) >= 2
    assert min(len(moves) for moves in endings.values()) >= 3
    for scene in story.scenes.values():
        if scene.ending:
            assert "trusted-adult" in scene.ending.who_can_help or story.band == "parents"
            assert scene.ending.safer_choice and scene.ending.who_can_help


@pytest.mark.parametrize("fact_id, field", [
    ("facebook", "minimum_age"), ("instagram", "minimum_age"), ("snapchat", "minimum_age"),
    ("tiktok", "minimum_age"), ("whatsapp", "minimum_age"), ("youtube", "minimum_age"),
    ("youtube-kids", "name"), ("discord", "minimum_age"), ("roblox", "pegi"),
    ("minecraft", "pegi"), ("fortnite", "pegi"), ("childline", "phone"), ("ceop", "website"),
    ("report-remove", "website"), ("report-harmful-content", "website"), ("emergency", "phone"),
])
def test_required_facts_have_a_source_and_date(fact_id, field):
    fact = CONTENT.fact(fact_id)
    assert fact and fact.get(field) not in (None, "")
    assert fact["source"].startswith("https://")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact["verified"])


def test_childline_number_is_right():
    assert CONTENT.fact("childline")["phone"] == "0800 1111"


def test_facts_are_only_referenced_never_typed():
    typed = re.compile(r"0800 1111|0808 800 5000|\b13\+|aged 13|age 13\b|PEGI \d")
    offenders = []
    for folder in ("lessons", "quizzes", "content"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".md", ".yml") and typed.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def plain_words(markdown: str) -> str:
    """Markdown as the words a reader reads: no front matter, code, links' targets or marks."""
    from build_scripts.load import placeholders, source
    from build_scripts.pages import markers
    _, body, _ = source.split_front_matter(markdown)
    body = markers.expand(body, CONTENT)
    body = placeholders.fill(body, CONTENT.fact, CONTENT.school.data)
    body = re.sub(r"<!--.*?-->|<[^>]+>|`[^`]*`", " ", body, flags=re.S)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"https?://\S+", " ", body)  # addresses are copied, not read as prose
    body = re.sub(r"^\s*[-*] ", "", body, flags=re.M)
    body = re.sub(r"^\s*(!!!|\?\?\?).*$", "", body, flags=re.M)
    body = re.sub(r"^\s*\|?[-:| ]+\|?\s*$", "", body, flags=re.M)
    body = re.sub(r"[#*_>\[\]|]", " ", body)
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    return " ".join(line if re.search(r"[.!?:]$", line) else line + "." for line in lines)


PARENT_PAGES = sorted((ROOT / "content/parents").rglob("*.md")) + sorted(
    (ROOT / "lessons/parents").glob("*.md"))


@pytest.mark.parametrize("path", PARENT_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_parents_pages_read_at_flesch_60_or_more(path):
    assert reading.ease(plain_words(path.read_text(encoding="utf-8"))) >= 60


def test_the_help_page_gives_each_band_its_own_wording():
    renderer = Renderer(CONTENT)
    helplines = renderer.fill(CONTENT.fact_file("helplines.yml"))
    page = renderer.render("help.md.j2", "help.md", helplines=helplines)
    ks1, ks2 = page.split("### For KS1", 1)[1].split("### For KS2", 1)
    for entry in helplines.values():
        for words, part in (("for_pupils", ks1), ("for_ks2", ks2)):
            if entry.get(words):
                assert str(markupsafe.escape(entry[words])) in part, (entry["name"], words)
    assert "part of the police" in helplines["ceop"]["for_pupils"]
    assert "anything that worries you" not in helplines["ceop"]["for_pupils"]


@pytest.mark.parametrize("wrong", ["app needs a parent's consent", "must be 13 to agree",
                                   "must be at least 13 to agree"])
def test_no_page_says_every_app_needs_a_parents_consent_under_13(wrong):
    pages = [*ROOT.glob("lessons/*/*.md"), *ROOT.glob("content/parents/**/*.md")]
    assert [p.name for p in pages if wrong in " ".join(p.read_text().split())] == []


GUIDE_PAGES = sorted(p.relative_to(ROOT / "content").as_posix()
                     for p in (ROOT / "content/parents").glob("*.md"))


@pytest.mark.parametrize("page", ["parents/gaming-and-spending.md", "parents/ai-and-chatbots.md"])
def test_parents_guide_has_a_page_on_gaming_and_on_ai(page):
    assert page in GUIDE_PAGES


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_every_parents_guide_page_is_in_the_nav_and_linked_from_the_guide(page):
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert page in next(item["Parents"] for item in nav if "Parents" in item)
    index = (ROOT / "content/parents/index.md").read_text(encoding="utf-8")
    assert page == "parents/index.md" or f"]({Path(page).name})" in index
