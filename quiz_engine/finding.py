"""A problem found in a scenario as authored, and the "did you mean" that goes with many."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One problem: ``where`` is the path of keys to it, e.g. ("scenes", "park", "text")."""

    where: tuple
    message: str
    level: str = "error"


def suggest(word: str, known) -> str:
    """`` (did you mean "x"?)`` when ``word`` looks like a typing slip for one of ``known``."""
    close = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
