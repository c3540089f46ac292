"""Whiteboard mode: a lesson as class slides and teacher notes, a scenario as class mode.

A lesson's body is split at its ``##`` headings: each section is a slide, each
``!!! note "Teacher notes"`` block moves to the notes view, and the SEND adaptations and the
safeguarding note become teacher-only panels, so nothing meant for the teacher is ever in the
class view's HTML.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field


#: Sections for the teacher's eyes only: never a class slide.
TEACHER_ONLY = ("Adaptations for pupils with SEND", "Safeguarding note")
NOTES_START = re.compile(r'^!!! note "Teacher notes"\s*$')
HEADING = re.compile(r"^## +(.+?)\s*#*\s*$")
FENCE = re.compile(r"^(```|~~~)")
MINUTES = re.compile(r"\s*\((\d+) minutes?\)$")


@dataclass(frozen=True)
class Section:
    """One ``##`` section: what the class sees, and the teacher's notes for it."""

    title: str
    body: str
    notes: str = ""
    minutes: int | None = None

    @property
    def plays_scenario(self) -> bool:
        """A section where the class plays a scenario together (it gets class-mode links)."""
        return "scenario" in self.title.lower()


@dataclass
class Deck:
    """A lesson as slides, plus the sections that only the teacher may see."""

    slides: list[Section] = field(default_factory=list)
    teacher_only: list[Section] = field(default_factory=list)


def sections(body: str) -> list[tuple[str, str]]:
    """``(heading, text)`` for each ``##`` section; text before the first heading is dropped
    when blank, else kept under an empty heading. Headings inside code fences do not count."""
    found: list[tuple[str, list[str]]] = [("", [])]
    fenced = False
    for line in body.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else HEADING.match(line)
        if heading:
            found.append((heading.group(1), []))
        else:
            found[-1][1].append(line)
    return [(title, "\n".join(lines).strip("\n")) for title, lines in found
            if title or "\n".join(lines).strip()]


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
    """The lesson body as a deck: class slides, each with its notes, and teacher-only parts."""
    deck = Deck()
    for title, text in sections(body):
        shown, notes = take_notes(text)
        minutes = MINUTES.search(title)
        section = Section(MINUTES.sub("", title), shown, notes,
                          int(minutes.group(1)) if minutes else None)
        if section.title in TEACHER_ONLY:
            deck.teacher_only.append(Section(section.title, _tidy(text)))
        else:
            deck.slides.append(section)
    return deck


def lesson_pages(renderer, lesson, scenarios: dict) -> dict[str, str]:
    """The present (class) and notes (teacher) pages for one lesson, by source path."""
    deck = split(lesson.body)
    values = {"lesson": renderer.fill(lesson.meta.data), "lesson_id": lesson.id, "deck": deck,
              "scenarios": scenarios}
    return {src: renderer.render(template, src, **values) for src, template in (
        (f"lessons/{lesson.id}/present.md", "present.md.j2"),
        (f"lessons/{lesson.id}/notes.md", "notes.md.j2"))}


def class_page(renderer, scenario_id: str, data: dict) -> str:
    """A scenario in class mode, with its first decision already drawn by the engine."""
    first = renderer.first_view(data)
    labels = {sid: {str(i): c["label"] for i, c in enumerate(scene.get("choices") or ())}
              for sid, scene in data["scenes"].items()}
    return renderer.render("class.md.j2", f"class/{scenario_id}.md", scenario=data,
                           view=first, labels=labels)


def _tidy(text: str) -> str:
    return text.strip("\n") + "\n" if text.strip() else ""
