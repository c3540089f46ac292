"""Problems found in authored files, each formatting itself as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file; ``level`` is ``error``, ``warning`` or ``note`` (something
    a reader should know, such as a setting left unset, that never stops a build)."""

    path: str
    line: int
    message: str
    level: str = "error"

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


def summary_line(problems: list[Problem], strict: bool) -> str:
    """One line: how many errors and warnings, and whether the build stops."""
    errors = sum(p.level == "error" for p in problems)
    warnings = sum(p.level == "warning" for p in problems)
    counts = f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')}"
    if failing(problems, strict):
        mode = " (warnings count as errors with --strict)" if strict and warnings else ""
        return f"Stopped: {counts}{mode}. Nothing was built; the last good site is unchanged."
    return f"Checked: {counts}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
