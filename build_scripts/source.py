"""Reading authored files while keeping the line of every key and value.

PyYAML's composer gives every node its position; we walk the node tree once, building the data,
recording the line of each path of keys, and catching duplicate keys, which ``safe_load`` would
silently drop.
"""

from __future__ import annotations

from collections.abc import Hashable
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
    source = Source(shown, None, offset=offset)
    problems: list[Problem] = []
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                source.data = _Builder(loader, source, problems).build(node, ())
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
    return source, problems


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Builder:
    """Turns the composed node tree into data in one walk, recording the line of every path
    of keys and catching duplicate keys on the way. Plain text, mappings and lists (nearly all
    of an authored file) are built here directly; anything else (numbers, true/false, merge
    keys) is left to PyYAML's own safe constructor, so the result is what ``safe_load`` gives."""

    def __init__(self, loader, source: Source, problems: list[Problem]):
        self.loader, self.source, self.problems = loader, source, problems
        self.active: set[int] = set()

    def build(self, node, where: tuple):
        self.source.lines.setdefault(where, node.start_mark.line + 1)
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        simple_map = node.tag == _MAP and isinstance(node, yaml.MappingNode) and not any(
            key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value)
        if not simple_map and not (node.tag == _SEQ and isinstance(node, yaml.SequenceNode)):
            self._lines(node, where)
            return self.loader.construct_object(node, deep=True)
        if id(node) in self.active:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias refers to the mapping or list it is inside",
                node.start_mark)
        self.active.add(id(node))
        try:
            if simple_map:
                return self._mapping(node, where)
            return [self.build(item, where + (i,)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _mapping(self, node, where: tuple) -> dict:
        result: dict = {}
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if key_node.tag == _STR else self.loader.construct_object(
                key_node, deep=True)
            if not isinstance(key_node, yaml.ScalarNode) or not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    "while building a mapping", node.start_mark, "found unhashable key",
                    key_node.start_mark)
            self._key(key_node, where, seen)
            result[key] = self.build(value_node, where + (key_node.value,))
        return result

    def _key(self, key_node, where: tuple, seen: set) -> None:
        """Record a key's line, and a problem if its mapping has had it already."""
        key = key_node.value
        self.source.lines[where + (key,)] = key_node.start_mark.line + 1
        if key in seen:
            what = "scene id" if where == ("scenes",) else "key"
            self.problems.append(Problem(
                self.source.path, key_node.start_mark.line + 1 + self.source.offset,
                f'duplicate {what} "{key}": each must be used once'))
        seen.add(key)

    def _lines(self, node, where: tuple) -> None:
        """Lines and duplicate keys inside a node that PyYAML constructs itself."""
        self.source.lines.setdefault(where, node.start_mark.line + 1)
        if id(node) in self.active:
            return
        self.active.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):  # PyYAML rejects any other key
                    self._key(key_node, where, seen)
                    self._lines(value_node, where + (key_node.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._lines(item, where + (i,))
        self.active.discard(id(node))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line where the body starts, counted from 0)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 1
    return None, text, 0
