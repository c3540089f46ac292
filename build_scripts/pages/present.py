"""Whiteboard mode: a lesson as class slides and teacher notes, a scenario as class mode.

A lesson's body is split at its ``##`` headings, the sections of the plan (Starter, Main
activity ...: words for the teacher), and each section at its ``###`` headings, the slides, whose
titles the class reads. A section with no ``###`` heading is one slide under its own heading,
unless that heading is a word for the teacher. Each ``!!! note "Teacher notes"`` block moves to
the notes view with its slide, and the SEND adaptations and the safeguarding note become
teacher-only panels, so nothing meant for the teacher is ever in the class view's HTML.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from build_scripts.pages import lesson_markup, markup
from build_scripts.pages.lesson_markup import Picture

#: Sections for the teacher's eyes only: never a class slide.
TEACHER_ONLY = ("Adaptations for pupils with SEND", "Safeguarding note")
#: Words of the plan, for the teacher: never in a slide's title on the class screen.
TEACHER_WORDS = ("Starter", "Main activity", "Discussion questions", "Plenary", "Teacher notes")
NOTES_START = re.compile(r'^!!! note "Teacher notes"\s*$')
HEADING = re.compile(r"^## +(.+?)\s*#*\s*$")
SLIDE_HEADING = re.compile(r"^### +(.+?)\s*#*\s*$")
MINUTES = re.compile(r"\s*\((\d+) minutes?\)$")


@dataclass(frozen=True)
class Section:
    """One slide: its title and what the class sees, the teacher's notes for it, the plan's
    section it belongs to (``part``) with that section's minutes on its first slide, and the
    pictures shown beside its words."""

    title: str
    body: str
    notes: str = ""
    minutes: int | None = None
    part: str = ""
    pictures: tuple[Picture, ...] = ()

    @property
    def plays_scenario(self) -> bool:
        """A slide where the class plays a scenario together (it gets class-mode links)."""
        return "scenario" in (self.part or self.title).lower()


@dataclass
class Deck:
    """A lesson as slides, plus the sections that only the teacher may see, and what stops
    the slides being right (``(line in the body, message)``)."""

    slides: list[Section] = field(default_factory=list)
    teacher_only: list[Section] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def take_notes(text: str) -> tuple[str, str]:
    """Split a section's text into what the class sees and the teacher notes (dedented)."""
    shown: list[str] = []
    notes: list[str] = []
    in_notes = False
    for line in text.splitlines():
        if NOTES_START.match(line):
            in_notes = True
            notes.append("")
            continue
        if in_notes and (not line.strip() or line.startswith(("    ", "\t"))):
            notes.append(line)
            continue
        in_notes = False
        shown.append(line)
    return _tidy("\n".join(shown)), _tidy(textwrap.dedent("\n".join(notes)))


def split(body: str) -> Deck:
    """The lesson body as a deck: class slides, each with its notes, and teacher-only parts.
    Headings are kept as written (the templates show them as text); the sections' Markdown
    shows any HTML in it as text (``markup.lesson_body``)."""
    deck = Deck()
    for title, line, lines in _split_at(_numbered(body), HEADING):
        minutes = MINUTES.search(title)
        part = MINUTES.sub("", title)
        if part in TEACHER_ONLY:
            deck.teacher_only.append(Section(part, _tidy(_text(lines))))
        elif title:
            _add_slides(deck, part, line, lines, int(minutes.group(1)) if minutes else None)
        elif _text(lines).strip():
            deck.problems.append((_first_words(lines), 'text before the first "## " section '
                                  "is on no slide and in no part of the plan"))
    return deck


def _add_slides(deck: Deck, part: str, line: int, lines: list, minutes: int | None) -> None:
    """The slides of one section: one per ``###`` heading, or the section itself."""
    lead, *slides = _split_at(lines, SLIDE_HEADING)
    if not slides:
        slides = [(part, line, lines)]
    elif _text(lead[2]).strip():
        deck.problems.append((_first_words(lead[2]), f'text under "## {part}" comes before its '
                              'first "### " slide heading, so it is on no slide: move it '
                              "under a slide's heading"))
    for number, (title, at, text) in enumerate(slides):
        shown, notes = take_notes(_text(text))
        shown, pictures = lesson_markup.take_pictures(shown)
        deck.slides.append(Section(title, shown, notes, None if number else minutes, part,
                                   tuple(pictures)))
        word = next((w for w in TEACHER_WORDS if re.search(rf"\b{w}\b", title, re.I)), None)
        if word and title == part:
            deck.problems.append((at, f'"## {part}" is a word for the teacher, not a slide '
                                  'title: give its slide a "### " heading in words for the class'))
        elif word:
            deck.problems.append((at, f'slide title "{title}" has "{word}" in it, a word for '
                                  "the teacher: give the slide a title in words for the class"))


def _numbered(body: str) -> list[tuple[int, str]]:
    return list(enumerate(body.splitlines(), 1))


def _split_at(lines: list[tuple[int, str]], heading: re.Pattern) -> list[tuple[str, int, list]]:
    """``(title, line, lines)`` for the text before the first heading (title "") and under
    each heading matched by ``heading``; headings inside code fences do not count."""
    found: list[tuple[str, int, list]] = [("", lines[0][0] if lines else 1, [])]
    fenced = False
    for number, line in lines:
        if lesson_markup.FENCE.match(line):
            fenced = not fenced
        match = None if fenced else heading.match(line)
        if match:
            found.append((match.group(1), number, []))
        else:
            found[-1][2].append((number, line))
    return found


def _text(lines: list[tuple[int, str]]) -> str:
    """The lines' Markdown, any HTML in it shown as text (``markup.lesson_body``)."""
    return markup.lesson_body("\n".join(line for _, line in lines).strip("\n"))


def _first_words(lines: list[tuple[int, str]]) -> int:
    return next(number for number, line in lines if line.strip())


def lesson_pages(renderer, lesson, scenarios: dict) -> dict[str, str]:
    """The present (class) and notes (teacher) pages for one lesson, by source path."""
    deck = split(lesson.body)
    values = {"lesson": renderer.fill(lesson.meta.data), "lesson_id": lesson.id, "deck": deck,
              "scenarios": scenarios,
              "faces": {sid: face(scenarios[sid]) for sid in lesson.meta.data.get("scenarios")
                        or () if sid in scenarios}}
    return {src: renderer.render(template, src, **values) for src, template in (
        (f"lessons/{lesson.id}/present.md", "present.md.j2"),
        (f"lessons/{lesson.id}/notes.md", "notes.md.j2"))}


def face(scenario: dict) -> Picture | None:
    """Who a scenario is about, shown on its link on the slide where the class plays it: the
    speaker of its first scene, else its first character with a picture."""
    characters = scenario.get("characters") or {}
    speaker = (scenario.get("scenes") or {}).get(scenario.get("start"), {}).get("speaker")
    for person in [characters.get(speaker)] + list(characters.values()):
        if person and person.get("picture"):
            return Picture(person["name"], person["picture"])
    return None


def class_page(renderer, scenario_id: str, data: dict) -> str:
    """A scenario in class mode, with its first decision already drawn by the engine."""
    first = renderer.first_view(data)
    labels = {sid: {str(i): c["label"] for i, c in enumerate(scene.get("choices") or ())}
              for sid, scene in data["scenes"].items()}
    return renderer.render("class.md.j2", f"class/{scenario_id}.md", scenario=data,
                           view=first, labels=labels)


def _tidy(text: str) -> str:
    return text.strip("\n") + "\n" if text.strip() else ""
