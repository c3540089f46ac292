"""Problems found in authored files, each formatting itself as ``path:line: message``, and the
words messages use for values and for places in a file."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Quoted author text longer than this is cut short in a message.
QUOTE_LIMIT = 80


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file; ``level`` is ``error``, ``warning`` or ``note`` (something
    a reader should know, such as a setting left unset, that never stops a build). The message is
    kept to one line, and author text quoted in it to QUOTE_LIMIT characters."""

    path: str
    line: int
    message: str
    level: str = "error"

    def __post_init__(self):
        one_line = " ".join(self.message.splitlines())
        object.__setattr__(self, "message", re.sub(  # quotes paired left to right
            r'"([^"]*)"', lambda m: f'"{shorten(m.group(1))}"', one_line))

    def __str__(self) -> str:
        prefix = f"{self.level}: " if self.level != "error" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class BuildAborted(Exception):
    """Raised by the build when authored files have problems; carries them all."""

    def __init__(self, problems: list[Problem], strict: bool = False):
        self.problems = problems
        self.strict = strict
        super().__init__(summary_line(problems, strict))


def failing(problems: list[Problem], strict: bool) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too when strict."""
    return [p for p in problems if p.level == "error" or (strict and p.level == "warning")]


def summary_line(problems: list[Problem], strict: bool, building: bool = True) -> str:
    """One line: how many errors and warnings, and whether the check (or the build, when
    ``building``) stops."""
    errors = sum(p.level == "error" for p in problems)
    warnings = sum(p.level == "warning" for p in problems)
    counts = f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')}"
    if failing(problems, strict):
        mode = " (warnings count as errors with --strict)" if strict and warnings else ""
        built = " Nothing was built; the last good site is unchanged." if building else ""
        return f"Stopped: {counts}{mode}.{built}"
    return f"Checked: {counts}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text``, cut to ``limit`` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe(value) -> str:
    """A value in a few words: never the whole of a long text or list."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {shorten(str(value), 20)}"
    if isinstance(value, str):
        return f'the text "{shorten(value, 60)}"'
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, dict):
        keys = ", ".join(f"{shorten(str(k), 20)}:" for k in list(value)[:3])
        return f"a mapping ({keys}{', ...' if len(value) > 3 else ''})" if value \
            else "an empty mapping"
    return f"a {type(value).__name__}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: What one item of each list is called in messages.
ITEMS = {"pupils": "pupil promise", "parents": "parent promise",
         "parent_expectations": "parent expectation", "trusted_adults": "trusted adult",
         "how_to_tell": "line of how_to_tell", "deputies": "deputy", "ks1": "KS1 rule",
         "ks2": "KS2 rule", "blocked_services": "blocked service", "choices": "choice",
         "objectives": "objective", "topics": "topic", "years": "year",
         "who_can_help": "helper in who_can_help", "scenarios": "scenario",
         "curriculum": "curriculum statement", "discussion": "discussion question",
         "when": "flag in when", "sets": "flag in sets"}


def place(where: tuple) -> str:
    """Where a value is, in words a teacher reads, list positions counted from 1:
    ``"safeguarding.lead"``, ``the 4th pupil promise``, ``"goto" of the 2nd choice of scene
    "park"``."""
    if not where:
        return "the file"
    last = max((i for i, step in enumerate(where) if isinstance(step, int)), default=None)
    if last is None and where[0] == "scenes" and len(where) > 1:
        return f'"{".".join(where[2:])}" of scene "{where[1]}"' if where[2:] else \
            f'scene "{where[1]}"'
    if last is None:
        return '"' + ".".join(str(step) for step in where) + '"'
    owner, rest = where[:last], where[last + 1:]
    noun = ITEMS.get(owner[-1]) if owner and isinstance(owner[-1], str) else None
    if noun is None:
        item = f"the {ordinal(where[last] + 1)} item" + (f" of {place(owner)}" if owner else "")
    else:
        item = f"the {ordinal(where[last] + 1)} {noun}" + _of(owner[:-1])
    return f'"{".".join(str(step) for step in rest)}" of {item}' if rest else item


def _of(prefix: tuple) -> str:
    """What a list's own place adds to the name of an item in it."""
    if any(isinstance(step, int) for step in prefix):
        return f" of {place(prefix)}"
    if prefix[:1] == ("scenes",) and len(prefix) >= 2:
        return f' of scene "{prefix[1]}"'
    return ""
