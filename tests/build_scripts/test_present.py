"""Whiteboard mode: a lesson split into class slides, teacher notes and teacher-only panels, and
the pages built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import content, present
from build_scripts.present import Section

ROOT = Path(__file__).resolve().parents[2]

BODY = '''\
## Starter (5 minutes)

What is private?

!!! note "Teacher notes"
    Take three answers.

    Praise "my address".

## Main activity (12 minutes)

**Private** or **OK to share**?

## Discussion questions

- Why?

```markdown
## Not a heading inside code
```

!!! note "Teacher notes"
    Listen for "ask a grown-up".
Back on the slide.

## Adaptations for pupils with SEND

- Symbol cards.

!!! note "Teacher notes"
    Even notes here stay with the teacher.

## Safeguarding note

Tell {{school.safeguarding_lead}} the same day.
'''


def test_each_section_is_a_slide_with_its_notes_taken_out():
    deck = present.split(BODY)
    assert [s.title for s in deck.slides] == ["Starter", "Main activity", "Discussion questions"]
    assert deck.slides[0] == Section("Starter", "What is private?\n",
                                     "Take three answers.\n\nPraise \"my address\".\n", 5)
    assert deck.slides[1] == Section("Main activity", "**Private** or **OK to share**?\n", "", 12)


def test_a_heading_in_code_is_not_a_slide_and_text_after_notes_stays_on_the_slide():
    slide = present.split(BODY).slides[2]
    assert slide.minutes is None
    assert "## Not a heading inside code" in slide.body
    assert slide.body.endswith("Back on the slide.\n")
    assert slide.notes == 'Listen for "ask a grown-up".\n'


def test_send_and_safeguarding_are_teacher_only_with_everything_in_them():
    deck = present.split(BODY)
    assert [s.title for s in deck.teacher_only] == ["Adaptations for pupils with SEND",
                                                    "Safeguarding note"]
    assert "Even notes here stay with the teacher." in deck.teacher_only[0].body
    slides = "".join(s.title + s.body for s in deck.slides)
    for secret in ("SEND", "Symbol cards", "Safeguarding", "safeguarding_lead", "Teacher notes",
                   "Take three answers"):
        assert secret not in slides


def test_text_before_the_first_heading_is_kept_only_when_there_is_some():
    assert present.sections("\n\n## A\n\nx\n") == [("A", "x")]
    assert present.sections("Intro.\n## A\nx") == [("", "Intro."), ("A", "x")]


@pytest.mark.parametrize("title, plays", [("Play the scenario together", True),
                                          ("Let's play a scenario together", True),
                                          ("Starter", False)])
def test_a_section_that_plays_a_scenario_gets_class_mode_links(title, plays):
    assert Section(title, "").plays_scenario is plays


def test_every_real_lesson_keeps_its_teacher_notes_off_the_slides():
    loaded, _ = content.load(ROOT)
    assert loaded.lessons
    for lesson in loaded.lessons.values():
        deck = present.split(lesson.body)
        assert deck.slides, lesson.id
        for slide in deck.slides:
            assert "!!!" not in slide.body, (lesson.id, slide.title)
            assert slide.title not in present.TEACHER_ONLY
        if lesson.band != "parents":
            assert [s.title for s in deck.teacher_only] == list(present.TEACHER_ONLY), lesson.id


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_class_slides_hold_no_teacher_only_words(built_site):
    loaded, _ = content.load(ROOT)
    for lesson in loaded.lessons.values():
        html = _page(built_site, f"lessons/{lesson.id}/present")
        deck = present.split(lesson.body)
        for hidden in ("Teacher notes", "Adaptations for pupils with SEND", "Safeguarding note",
                       "If a child tells you something worrying", "cw-safeguarding"):
            assert hidden not in html, (lesson.id, hidden)
        for slide in deck.slides:
            first_note_line = slide.notes.strip().splitlines()[0] if slide.notes else ""
            assert not first_note_line or first_note_line not in html, (lesson.id, slide.title)


def test_the_notes_view_has_notes_send_and_safeguarding(built_site):
    html = _page(built_site, "lessons/my-private-things/notes")
    assert "Hold up a shoebox with a lid" in html
    assert "Adaptations for pupils with SEND" in html
    assert "If a child tells you something worrying" in html
    # the neutral school names no lead: the panel says so, and claims no one
    assert "<strong>Tell the designated safeguarding lead the same day</strong>" in html
    assert "not named in Our school's settings" in html
    assert "{{school" not in html


def test_every_lesson_plan_has_the_safeguarding_panel_and_its_views(built_site):
    loaded, _ = content.load(ROOT)
    for lesson in loaded.lessons.values():
        html = _page(built_site, f"lessons/{lesson.id}")
        assert "If a child tells you something worrying" in html, lesson.id
        assert "Do not promise to keep it secret." in html
        assert 'href="present/"' in html and 'href="notes/"' in html


def test_every_scenario_has_a_class_mode_page_with_its_first_decision(built_site):
    html = _page(built_site, "class/star99")
    assert 'data-decided-by="build"' in html
    assert html.count('data-do="vote"') == html.count('data-do="unvote"') >= 2
    assert (built_site / "class").is_dir()
    scenarios = sorted(p.stem for p in (built_site / "scenarios").glob("*.json"))
    assert sorted(p.name for p in (built_site / "class").iterdir()) == scenarios
