"""Clickwise's scenario engine: pure Python, standard library only.

The same files run in CPython (the build and the tests) and in Pyodide (the browser), so they
import nothing outside the standard library and nothing from ``js``.
"""

from quiz_engine.model import Choice, Ending, Scenario, Scene, ScenarioError
from quiz_engine.state import SAVE_VERSION, SaveError, State
from quiz_engine.play import (
    choose,
    count_hands,
    follow_majority,
    follow_teacher,
    go_on,
    restart,
    reveal,
    start,
    summary,
    undo,
    view,
    vote,
)
from quiz_engine.check import Finding, check

__all__ = [
    "Choice", "Ending", "Scenario", "Scene", "ScenarioError", "SAVE_VERSION", "SaveError",
    "State", "choose", "count_hands", "follow_majority", "follow_teacher", "go_on", "restart", "reveal",
    "start", "summary", "undo", "view", "vote", "Finding", "check",
]
__version__ = "1.0.0"
