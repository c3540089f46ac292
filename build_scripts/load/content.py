"""Gather every authored file into one model, keeping where each value came from.

This is the first step of the build (gather, then check, then render): it reads lessons,
scenarios, facts, topics and the chosen school's settings, and reports only problems that stop
a file from being read at all (YAML syntax, duplicate keys, a missing file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.load.source import Source, load_yaml, read_text, split_front_matter
from build_scripts.problems import Problem

BANDS = ("ks1", "ks2", "parents")
FACT_FILES = ("age-limits.yml", "helplines.yml", "spending.yml", "wellbeing.yml", "ai.yml",
              "laws.yml", "curriculum.yml")
#: What the top of each kind of file holds, said when it holds something else.
HOLDS = {
    "story": "a story's keys (title:, band:, topics:, start:, scenes: and the rest)",
    "lesson": "the lesson's settings (title:, band:, years:, duration: and the rest)",
    "school": "the school's settings (name:, short_name:, safeguarding: and the rest)",
    "facts": "facts, each an id with its fields (name:, source:, verified: and the rest)",
    "topics": "topics, each an id with its name: and description:",
    "page": "the page's settings (title:, topics:)",
}


@dataclass
class Lesson:
    """A lesson: front matter (with its lines) and the Markdown body."""

    id: str
    band: str
    meta: Source
    body: str
    body_line: int

    @property
    def path(self) -> str:
        return self.meta.path


@dataclass
class Content:
    """Everything authored, as loaded: the input to checking and rendering."""

    root: Path
    school_id: str
    scenarios: dict[str, tuple[str, Source]] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    facts: dict[str, Source] = field(default_factory=dict)
    topics: Source | None = None
    school: Source | None = None

    def fact(self, fact_id: str) -> dict | None:
        """The fact called ``fact_id`` from whichever facts file holds it."""
        for source in self.facts.values():
            if isinstance(source.data, dict) and isinstance(source.data.get(fact_id), dict):
                return source.data[fact_id]
        return None

    def fact_file(self, name: str) -> dict:
        """All entries of one facts file (e.g. ``helplines.yml``), or {} when missing."""
        source = self.facts.get(name)
        return source.data if source and isinstance(source.data, dict) else {}


def load(root: Path, school_id: str = "default") -> tuple[Content, list[Problem]]:
    """Read every authored file under ``root``; problems are the ones that stop reading."""
    content, problems = Content(root=root, school_id=school_id), []
    content.topics = _yaml(root, "facts/topics.yml", "topics", problems)
    for name in FACT_FILES:
        content.facts[name] = _yaml(root, f"facts/{name}", "facts", problems)
    content.school = _yaml(root, f"schools/{school_id}.yml", "school", problems)
    for band in BANDS:
        for path in sorted((root / "quizzes" / band).glob("*.yml")):
            source = _yaml(root, _rel(root, path), "story", problems)
            _add_unique(content.scenarios, path.stem, (band, source), source, problems)
        for path in sorted((root / "lessons" / band).glob("*.md")):
            lesson = _lesson(root, path, band, problems)
            _add_unique(content.lessons, path.stem, lesson, lesson.meta, problems)
    return content, problems


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _yaml(root: Path, shown: str, kind: str, problems: list[Problem]) -> Source:
    source, found = load_yaml(root / shown, shown, holds=HOLDS[kind])
    problems += found
    return source


def _lesson(root: Path, path: Path, band: str, problems: list[Problem]) -> Lesson:
    shown = _rel(root, path)
    meta, body, body_line, found = front_matter(path, shown, "lesson")
    problems += found
    return Lesson(path.stem, band, meta, body, body_line)


def front_matter(path: Path, shown: str, kind: str) -> tuple[Source, str, int, list[Problem]]:
    """A Markdown file's front matter (its settings between --- lines), its body, the line
    where the body starts (counted from 0) and the problems that stop it being read."""
    text, problems = read_text(path, shown)
    if text is None:
        return Source(shown, None), "", 0, problems
    front, body, body_line = split_front_matter(text)
    if front is not None:
        meta, problems = load_yaml(path, shown, text=front, offset=1, holds=HOLDS[kind],
                                   what="the front matter")
        return meta, body, body_line, problems
    if text.split("\n", 1)[0].strip() == "---":
        message = ("the front matter that starts here is not closed: add a --- line after "
                   f"{HOLDS[kind]}")
    else:
        message = (f"no front matter: start the file with a --- line, {HOLDS[kind]}, then "
                   "another --- line")
    return Source(shown, None), body, 0, [Problem(shown, 1, message)]


def _add_unique(into: dict, key: str, value, source: Source, problems: list[Problem]) -> None:
    if key in into:
        other = into[key][1] if isinstance(into[key], tuple) else into[key].meta
        problems.append(source.problem((), f'the id "{key}" is already used by {other.path}: '
                                       "rename one of the files"))
        return
    into[key] = value
