"""Reading authored files while keeping the line of every key and value.

PyYAML's composer gives every node its position; we walk the node tree once to record the line
of each path of keys, and to catch duplicate keys, which ``safe_load`` would silently drop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_scripts.problems import Problem


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's when present) that leaves dates as the text the author wrote
    (checked as ISO dates later)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Source:
    """Data loaded from one file, with the line of each path of keys inside it."""

    path: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    offset: int = 0

    def line(self, where: tuple) -> int:
        """The line of the deepest known key on ``where`` (1-based, counted in the file)."""
        for end in range(len(where), 0, -1):
            if where[:end] in self.lines:
                return self.lines[where[:end]] + self.offset
        return 1 + self.offset

    def problem(self, where: tuple, message: str, level: str = "error") -> Problem:
        """A Problem at the line of ``where`` in this file."""
        return Problem(self.path, self.line(where), message, level)


def load_yaml(path: Path, shown: str, text: str | None = None,
              offset: int = 0) -> tuple[Source, list[Problem]]:
    """Load YAML text, returning its Source and any syntax or duplicate-key problems."""
    text = path.read_text(encoding="utf-8") if text is None else text
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = (mark.line + 1 if mark else 1) + offset
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = ""
        if "{" in text.splitlines()[line - offset - 1 if mark else 0]:
            hint = " (text that starts with {{ must be in quotes)"
        return Source(shown, None), [Problem(shown, line, f"YAML syntax error: {what}{hint}")]
    source = Source(shown, data, offset=offset)
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), source, problems)
    return source, problems


def _walk(node, where: tuple, source: Source, problems: list[Problem]) -> None:
    source.lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                what = "scene id" if where == ("scenes",) else "key"
                problems.append(Problem(source.path, key_node.start_mark.line + 1 + source.offset,
                                        f'duplicate {what} "{key}": each must be used once'))
            seen.add(key)
            source.lines[where + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, where + (key,), source, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, where + (i,), source, problems)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line where the body starts, counted from 0)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 1
    return None, text, 0
