"""Whiteboard mode: a lesson split into class slides, teacher notes and teacher-only panels, and
the pages built from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.load import content, placeholders
from build_scripts.pages import lesson_markup, present, render
from build_scripts.pages.lesson_markup import Picture
from build_scripts.pages.present import Section

ROOT = Path(__file__).resolve().parents[3]

BODY = '''\
## Starter (5 minutes)

### What is private?

What would you keep just for you?

![Sam](pictures/sam.svg)

!!! note "Teacher notes"
    Take three answers.

    Praise "my address".

## Main activity (12 minutes)

### Private or OK to share?

- my address
- my favourite colour

!!! sort
    - ![A padlock](pictures/padlock.svg) Private
    - OK to share

!!! note "Teacher notes"
    Put two hoops on the carpet:
    - a padlock for Private;
    - a smiley for OK to share.

### Allow or Don't allow?

Ask a grown-up first.

## What we teach at school

| Years | Your child learns to... |
|---|---|
| 1 and 2 | keep private things private |

## Discussion questions

### Let's talk

- Why?

```markdown
## Not a heading inside code
### Nor a slide
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


def test_each_slide_heading_is_a_slide_with_its_notes_and_pictures_taken_out():
    deck = present.split(BODY)
    assert [(s.title, s.part, s.minutes) for s in deck.slides] == [
        ("What is private?", "Starter", 5), ("Private or OK to share?", "Main activity", 12),
        ("Allow or Don't allow?", "Main activity", None),
        ("What we teach at school", "What we teach at school", None),
        ("Let's talk", "Discussion questions", None)]
    first = deck.slides[0]
    assert first.body == "What would you keep just for you?\n"
    assert first.notes == 'Take three answers.\n\nPraise "my address".\n'
    assert first.pictures == (Picture("Sam", "pictures/sam.svg"),)
    sort = deck.slides[1]
    assert "!!! sort" in sort.body and "![A padlock](pictures/padlock.svg)" in sort.body
    assert sort.pictures == ()  # a sort's own pictures stay in its groups
    assert sort.notes.startswith("Put two hoops on the carpet:\n- a padlock")
    assert deck.problems == []


def test_a_heading_in_code_is_not_a_slide_and_text_after_notes_stays_on_the_slide():
    slide = present.split(BODY).slides[-1]
    assert "## Not a heading inside code" in slide.body and "### Nor a slide" in slide.body
    assert slide.body.endswith("Back on the slide.\n")
    assert slide.notes == 'Listen for "ask a grown-up".\n'


def test_send_and_safeguarding_are_teacher_only_with_everything_in_them():
    deck = present.split(BODY)
    assert [s.title for s in deck.teacher_only] == ["Adaptations for pupils with SEND",
                                                    "Safeguarding note"]
    assert "Even notes here stay with the teacher." in deck.teacher_only[0].body
    slides = "".join(s.title + s.body for s in deck.slides)
    for secret in ("SEND", "Symbol cards", "Safeguarding", "safeguarding_lead", "Teacher notes",
                   "Take three answers", "Starter", "Main activity", "Discussion questions"):
        assert secret not in slides


@pytest.mark.parametrize("body, problem", [
    ("## Starter\n\nHello.\n", (1, '"## Starter" is a word for the teacher, not a slide '
                                    'title: give its slide a "### " heading in words for the '
                                    "class")),
    ("## Warm up\n\n### Plenary quiz\n", (3, 'slide title "Plenary quiz" has "Plenary" in '
                                            "it, a word for the teacher: give the slide a "
                                            "title in words for the class")),
    ("## Main activity\n\nIn pairs.\n\n### Sort it\n", (
        3, 'text under "## Main activity" comes before its first "### " slide heading, so it '
           "is on no slide: move it under a slide's heading")),
    ("Intro.\n## Warm up\n", (1, 'text before the first "## " section is on no slide and in '
                                 "no part of the plan")),
])
def test_what_would_put_a_teacher_word_on_a_slide_or_lose_text_is_a_problem(body, problem):
    assert present.split(body).problems == [problem]


def test_a_list_straight_under_a_line_stays_a_list_at_any_depth():
    text = ("Read out:\n- one\n- two\n  more of two\n- three\n\nAfter.\n"
            '!!! note "Teacher notes"\n    Situations:\n    1. a\n    2. b\n\n'
            "```\nCode:\n- not a list\n```\n")
    assert lesson_markup.lists_apart(text) == (
        "Read out:\n\n- one\n- two\n  more of two\n- three\n\nAfter.\n"
        '!!! note "Teacher notes"\n    Situations:\n\n    1. a\n    2. b\n\n'
        "```\nCode:\n- not a list\n```\n")
    assert lesson_markup.lists_apart("Apart:\n\n- one\n") == "Apart:\n\n- one\n"


def test_a_sort_is_drawn_with_its_groups_as_text_and_pictures_from_the_page_s_root():
    html = lesson_markup.render('!!! sort\n    - ![A padlock](pictures/padlock.svg) <b>Private</b>\n'
                         "    - OK to share\n\n![Sam](pictures/sam.svg)\n", "../../")
    assert '<ul class="cw-sort">' in html
    assert ('<li class="cw-sort-group"><img class="cw-sort-picture" '
            'src="../../pictures/padlock.svg" alt="" width="200" height="200">'
            '<span class="cw-sort-label">&lt;b&gt;Private&lt;/b&gt;</span></li>') in html
    assert '<span class="cw-sort-label">OK to share</span>' in html
    assert ('<img class="cw-lesson-picture" src="../../pictures/sam.svg" alt="Sam" '
            'width="200" height="200">') in html


@pytest.mark.parametrize("person, stand_in", [
    ({"name": "Debbie Johnson", "role": "Headteacher"}, False),
    ({"name": "Jo Smith", "role": "Designated Safeguarding Lead"}, False),
    ({"role": "Headteacher"}, False),  # a position the policy gives
    ({"name": "the Headteacher", "role": "Headteacher and E-Safety Co-ordinator"}, False),
    ({"name": "the Designated Safeguarding Lead", "role": "ask your class teacher who this is"},
     True),
    ({"name": "the Deputy Designated Safeguarding Lead", "role": "Deputy DSL"}, True),
    ({"name": "REPLACE with your DSL's name", "role": "DSL"}, True),
    ({"name": "", "role": "DSL"}, True)])
def test_a_lead_in_the_settings_is_a_stand_in_only_where_it_names_no_one(person, stand_in):
    assert placeholders.stand_in(person) is stand_in
    assert (placeholders.lead({"safeguarding": {"lead": person}}) is None) is stand_in
    assert len(placeholders.deputies({"safeguarding": {"deputies": [person]}})) == 1 - stand_in


def _safeguarding(school: str) -> str:
    loaded, _ = content.load(ROOT, school)
    return render.Renderer(loaded).render("safeguarding.md.j2", "lessons/online-friends.md")


def test_the_safeguarding_panel_names_the_dsl_and_only_named_deputies():
    html = _safeguarding("wateringbury")
    assert ("Designated safeguarding lead at Wateringbury: <strong>Debbie Johnson (Headteacher and "
            "Designated Safeguarding Lead)</strong>.") in html
    assert "Tell Debbie Johnson the same day" in html
    assert "Deputy" not in html and "ask your class teacher" not in html


def test_the_safeguarding_panel_says_what_to_set_where_no_dsl_is_named():
    html = _safeguarding("default")
    assert ("Designated safeguarding lead at Our school: <strong>not named in Our school's "
            "settings</strong>") in html
    assert "<code>safeguarding: lead:</code> in <code>schools/default.yml</code>" in html
    assert 'href="../../teachers/school-settings/"' in html
    assert "Tell the designated safeguarding lead the same day" in html
    assert "ask your class teacher" not in html.lower()


def test_the_safeguarding_panel_gives_a_position_the_policy_names_and_no_stand_in():
    loaded, _ = content.load(ROOT, "huntington")
    loaded.school.data["safeguarding"] = {
        "lead": {"role": "Headteacher"},
        "deputies": [{"name": "REPLACE with your deputy's name", "role": "Deputy DSL"},
                     {"name": "Sam Lee", "role": "Deputy Head"}]}
    html = render.Renderer(loaded).render("safeguarding.md.j2", "lessons/online-friends.md")
    assert "Designated safeguarding lead at Huntington: <strong>the Headteacher</strong>." in html
    assert "Deputy: <strong>Sam Lee (Deputy Head)</strong>." in html
    assert "Tell the Headteacher the same day</strong> (or a deputy)" in html
    assert "REPLACE" not in html and "not named" not in html


def test_blank_lines_before_the_first_section_are_no_problem():
    deck = present.split("\n\n## Warm up\n\nHello.\n")
    assert deck.problems == [] and [(s.title, s.body) for s in deck.slides] == [
        ("Warm up", "Hello.\n")]


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
            assert '!!! note "Teacher notes"' not in slide.body, (lesson.id, slide.title)
            assert slide.title not in present.TEACHER_ONLY
            assert not [w for w in present.TEACHER_WORDS  # "Conversation starters" is fine
                        if re.search(rf"\b{w}\b", slide.title, re.I)], slide.title
        assert deck.problems == [], lesson.id
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


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="cw-slide-title"[^>]*>(.*?)</h2>', html)


def test_the_slides_carry_the_activities_and_the_pictures(built_site):
    html = _page(built_site, "lessons/online-friends/present")
    assert _titles(html)[1:] == ["Who is behind the picture?", "Surprise or secret?",
                                 "Surprise, or a secret to tell?",
                                 "Friends I know, people I only know online",
                                 "Star99 wants to be friends", "Let&#39;s talk", "Remember"]
    for words in ("<li>\"Don't tell Mum, it's her birthday present!\"</li>",
                  '<span class="cw-sort-label">Friends I know in real life</span>',
                  '<span class="cw-sort-label">People I only know online</span>',
                  "Who could Sam tell? Who could you tell?",
                  '<img src="../../../pictures/sam.svg" alt="" width="200" height="200">'
                  "<figcaption>Sam</figcaption>"):
        assert words in html, words
    assert "(Surprise.)" not in html and "(Tell.)" not in html  # the answers are the teacher's


def test_no_slide_title_of_any_deck_is_a_word_for_the_teacher(built_site):
    loaded, _ = content.load(ROOT)
    for lesson in loaded.lessons.values():
        titles = _titles(_page(built_site, f"lessons/{lesson.id}/present"))
        assert len(titles) >= 6, lesson.id
        for title in titles:
            assert not re.search(r"\b(starter|main activity|plenary|discussion questions|"
                                 r"teacher notes)\b", title, re.I), (lesson.id, title)


def test_a_list_in_the_notes_stays_a_list(built_site):
    html = _page(built_site, "lessons/online-friends/notes")
    assert '<li>"Don\'t tell Mum, it\'s her birthday present!" (Surprise.)</li>' in html
    plan = _page(built_site, "lessons/online-friends")
    assert "(Surprise.)</li>" in plan and "grown-up&quot;:\n- " not in plan


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
