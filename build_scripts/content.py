"""Gather every authored file into one model, keeping where each value came from.

This is the first step of the build (gather, then check, then render): it reads lessons,
scenarios, facts, topics and the chosen school's settings, and reports only problems that stop
a file from being read at all (YAML syntax, duplicate keys, a missing file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.problems import Problem
from build_scripts.source import Source, load_yaml, split_front_matter

BANDS = ("ks1", "ks2", "parents")
FACT_FILES = ("age-limits.yml", "helplines.yml", "spending.yml", "wellbeing.yml", "ai.yml",
              "laws.yml", "curriculum.yml")


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
    content.topics = _yaml(root, "facts/topics.yml", problems)
    for name in FACT_FILES:
        content.facts[name] = _yaml(root, f"facts/{name}", problems)
    content.school = _yaml(root, f"schools/{school_id}.yml", problems)
    for band in BANDS:
        for path in sorted((root / "quizzes" / band).glob("*.yml")):
            source = _yaml(root, _rel(root, path), problems)
            _add_unique(content.scenarios, path.stem, (band, source), source, problems)
        for path in sorted((root / "lessons" / band).glob("*.md")):
            lesson = _lesson(root, path, band, problems)
            _add_unique(content.lessons, path.stem, lesson, lesson.meta, problems)
    return content, problems


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _yaml(root: Path, shown: str, problems: list[Problem]) -> Source:
    path = root / shown
    if not path.is_file():
        problems.append(Problem(shown, 1, "file not found"))
        return Source(shown, None)
    source, found = load_yaml(path, shown)
    problems += found
    return source


def _lesson(root: Path, path: Path, band: str, problems: list[Problem]) -> Lesson:
    shown = _rel(root, path)
    front, body, body_line = split_front_matter(path.read_text(encoding="utf-8"))
    if front is None:
        problems.append(Problem(shown, 1, "no front matter: start the file with a --- line, "
                                "the lesson's settings, then another --- line"))
        return Lesson(path.stem, band, Source(shown, None), body, 0)
    meta, found = load_yaml(path, shown, text=front, offset=1)
    problems += found
    return Lesson(path.stem, band, meta, body, body_line)


def _add_unique(into: dict, key: str, value, source: Source, problems: list[Problem]) -> None:
    if key in into:
        other = into[key][1] if isinstance(into[key], tuple) else into[key].meta
        problems.append(source.problem((), f'the id "{key}" is already used by {other.path}: '
                                       "rename one of the files"))
        return
    into[key] = value
