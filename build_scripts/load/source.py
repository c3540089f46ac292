"""Reading authored files while keeping the line of every key and value.

Whatever a file holds, reading it ends in data or in problems, never in an exception: a missing
file, a link to nothing, bytes that are not UTF-8, a NUL character, a file too big, YAML syntax,
duplicate keys (which ``safe_load`` would silently drop), YAML that is more than plain data, and
a top that is not a mapping each become a ``path:line: message``. A byte-order mark and CRLF line
ends are accepted as if they were not there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_scripts.problems import Problem, describe


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


#: Far larger than any authored file (the longest is about 30 kB), and small enough to read fast.
MAX_BYTES = 1_000_000
#: Deeper than any authored file goes (about 6), and shallow enough that nothing recurses far.
MAX_DEPTH = 30


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """An authored file's text, with its line ends made ``\n`` and a byte-order mark dropped;
    or None and the problem that stops it being read."""
    if not path.exists():
        if path.is_symlink():
            return None, [Problem(shown, 1, f"this is a link to {os.readlink(path)}, which does "
                                  "not exist: put the file itself here, or delete the link")]
        return None, [Problem(shown, 1, "file not found")]
    if not path.is_file():
        return None, [Problem(shown, 1, "this is a folder, not a file")]
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(shown, 1, f"the file is {size:,} bytes: authored files must "
                                  f"be under {MAX_BYTES:,}; split it up")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, f"the file cannot be read: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _lines(raw[:error.start])
        return None, [Problem(shown, line, f"this line has bytes that are not UTF-8 text (byte "
                              f"0x{raw[error.start]:02x}): save the file as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        return None, [Problem(shown, text[:text.index("\x00")].count("\n") + 1,
                              "this line has a NUL character (code 0), which no text file "
                              "holds: delete it, or copy the text into a fresh file")]
    return text, []


def _lines(raw: bytes) -> int:
    """The line a byte offset is on, whatever the line ends."""
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def load_yaml(path: Path, shown: str, text: str | None = None, offset: int = 0,
              holds: str = "keys", what: str = "the file") -> tuple[Source, list[Problem]]:
    """Load an authored YAML mapping, returning its Source and every problem that stops it
    being read: the file itself, YAML syntax, duplicate keys, YAML that is more than plain data,
    and a top that is not a mapping (``what`` is empty, or is not ``holds``).

    The Source's data is the mapping, or None when there is such a problem."""
    source = Source(shown, None, offset=offset)
    if text is None:
        text, problems = read_text(path, shown)
        if text is None:
            return source, problems
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        data = _Builder(loader, text, source, problems).document()
    except _NotPlain as refused:
        return Source(shown, None), [Problem(shown, refused.line + offset, refused.message)]
    except yaml.YAMLError as error:
        return Source(shown, None), [_syntax_problem(error, text, shown, offset)]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return Source(shown, None), [Problem(shown, source.lines.get((), 1) + offset,
                                             _not_a_mapping(data, holds, what))]
    source.data = data
    return source, problems


def _not_a_mapping(data, holds: str, what: str) -> str:
    if data is None:
        return f"{what} is empty: write {holds} in it"
    kind = "a list" if isinstance(data, list) else f"only {describe(data)}"
    return f"{what} holds {kind}, where {holds} should be"


def _syntax_problem(error: yaml.YAMLError, text: str, shown: str, offset: int) -> Problem:
    context = getattr(error, "context", None) or ""
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    if "quoted scalar" in context and "end of stream" in what:  # the quote, not the file's end
        return Problem(shown, error.context_mark.line + 1 + offset, "YAML syntax error: the "
                       "quote that starts on this line is never closed: add the closing quote")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 1
    if "mapping values are not allowed" in what:
        what += ' (text with ": " in it must be in quotes)'
    if "escape" in what:
        what += r" (in double quotes \ starts a code: write \\, or use single quotes)"
    ended = mark is not None and mark.index >= len(text.rstrip())
    return Problem(shown, line + offset, f"YAML syntax error: {what}{_hint(text, line, ended)}")


def _hint(text: str, line: int, ended: bool = False) -> str:
    """What most often causes a YAML error on ``line``, when the line shows it (``ended``: the
    error is at the end of the text)."""
    lines = text.rstrip("\n").split("\n")
    here = lines[min(line, len(lines)) - 1]
    if "\t" in here[:len(here) - len(here.lstrip())]:
        return " (indent with spaces: YAML does not allow tabs there)"
    if "{{" in here:
        return " (text that starts with {{ must be in quotes)"
    opened = next((n for n, text in enumerate(lines[:line - 1], start=1)
                   if re.match(r"""\s*(- |[\w-]+: +)(["'])(?!.*\2\s*(#.*)?$)""", text)), None)
    if opened:
        return f" (the quote that starts on line {opened} is not closed on that line)"
    if len(here) > 1024:
        return " (a key must be on a line shorter than 1024 characters)"
    if ended:
        return " (the file ends here: has the end of it been cut off?)"
    return ""


def _braces(text: str, line: int) -> str:
    """The problem with a key that is a list or mapping: nearly always {{fact.field}} at the
    start of a value, which YAML reads as a mapping inside a mapping."""
    if "{{" in text.split("\n")[line - 1]:
        return ("text that starts with {{ must be in quotes: put the whole value in quotes, "
                'e.g. "{{childline.name}} can help."')
    return "a key must be plain text, not a list or mapping"


class _NotPlain(Exception):
    """YAML that is more than plain data (text, numbers, true/false, lists, mappings)."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.line, self.message = mark.line + 1, message


_STR = "tag:yaml.org,2002:str"


class _Builder:
    """Builds the data from the parser's events in one walk, recording the line of every path
    of keys, catching duplicate keys, and refusing what is more than plain data: tags (such as
    ``!!python/object``), anchors and aliases (so an alias bomb costs nothing), keys that are not
    text, and nesting deeper than MAX_DEPTH (libyaml's own builder would overflow the C stack).
    Keys are the text the author wrote; values are what ``safe_load`` gives."""

    def __init__(self, loader, text: str, source: Source, problems: list[Problem]):
        self.loader, self.text, self.source, self.problems = loader, text, source, problems

    def document(self):
        """The data of the file's one document (None when it has none)."""
        self.loader.get_event()  # stream start
        if self.loader.check_event(yaml.StreamEndEvent):
            return None
        self.loader.get_event()  # document start
        data = self.node((), 0)
        self.loader.get_event()  # document end
        if not self.loader.check_event(yaml.StreamEndEvent):
            raise _NotPlain(self.loader.peek_event().start_mark, "a --- line starts a second "
                            "document here: keep one document in the file")
        return data

    def node(self, where: tuple, depth: int):
        event = self._plain(self.loader.get_event())
        self.source.lines.setdefault(where, event.start_mark.line + 1)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event)
        if depth >= MAX_DEPTH:
            raise _NotPlain(event.start_mark, f"lists and mappings are nested more than "
                            f"{MAX_DEPTH} deep here: no setting goes that deep")
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.append(self.node(where + (len(items),), depth + 1))
            self.loader.get_event()
            return items
        result: dict = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            key = self._plain(self.loader.get_event())
            if not isinstance(key, yaml.ScalarEvent):
                raise _NotPlain(key.start_mark, _braces(self.text, key.start_mark.line + 1))
            self._key(key, where, result)
            result[key.value] = self.node(where + (key.value,), depth + 1)
        self.loader.get_event()
        return result

    @staticmethod
    def _plain(event):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _NotPlain(event.start_mark, "anchors and aliases (&name and *name) are not "
                            "allowed: write each value out in full")
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _NotPlain(event.start_mark, f'YAML tags such as "{tag}" are not allowed: '
                            "write plain text, numbers, lists and mappings")
        return event

    def _scalar(self, event):
        if not event.implicit[0]:  # in quotes, or a block of text: always text
            return event.value
        tag = self.loader.resolve(yaml.ScalarNode, event.value, (True, False))
        if tag == _STR:
            return event.value
        construct = self.loader.yaml_constructors.get(tag)
        if construct is None:  # "=" or "<<" on their own: YAML has no plain value for them
            return event.value
        try:
            return construct(self.loader, yaml.ScalarNode(tag, event.value, event.start_mark,
                                                          event.end_mark))
        except ValueError as error:  # a number too long for Python to read
            raise _NotPlain(event.start_mark, "this number is too long to read: put it in "
                            "quotes to make it text") from error

    def _key(self, key, where: tuple, seen: dict) -> None:
        """Record a key's line, and a problem if its mapping has had it already."""
        line = key.start_mark.line + 1
        self.source.lines[where + (key.value,)] = line
        if key.value in seen:
            what = "scene id" if where == ("scenes",) else "key"
            self.problems.append(Problem(self.source.path, line + self.source.offset,
                                         f'duplicate {what} "{key.value}": each must be used '
                                         "once"))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line where the body starts, counted from 0), for text
    whose lines end in ``\n`` (as ``read_text`` gives it)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, text, 0
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1:]), i + 1
    return None, text, 0
