"""The build as a flat story: gather, check, render, bundle. Used by the hooks and the CLI."""

from __future__ import annotations

import contextlib
import datetime
import gc
from pathlib import Path

from build_scripts.bundle import runtime
from build_scripts.load import checks, content
from build_scripts.pages.render import Renderer, Site
from build_scripts.problems import BuildAborted, Problem, failing

ENGINE_VERSION = "1.0.0"


def gather_and_check(root: Path, school: str = "default",
                     today: datetime.date | None = None) -> tuple[content.Content, list[Problem]]:
    """Load every authored file and run every check; all problems, sorted."""
    with _no_cycle_collection():
        loaded, problems = content.load(root, school)
        found = checks.check_content(loaded, today)
    return loaded, sorted(set(problems + found), key=lambda p: (p.path, p.line, p.message))


@contextlib.contextmanager
def _no_cycle_collection():
    """Loading makes hundreds of thousands of small dicts, lists and YAML nodes, none in a
    cycle; Python's cycle collector would stop to look through them again and again (about a
    sixth of ``check``'s time). Reference counting still frees everything as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def prepare(root: Path, school: str = "default", strict: bool = False,
            with_runtime: bool = True) -> tuple[content.Content, Site, list[Problem]]:
    """Everything the site needs, or BuildAborted before anything is written."""
    loaded, problems = gather_and_check(root, school)
    if failing(problems, strict):
        raise BuildAborted(problems, strict)
    site = Renderer(loaded).site()
    if with_runtime:
        try:
            bundle = runtime.bundle(root, ENGINE_VERSION)
        except runtime.RuntimeProblem as error:
            raise BuildAborted([Problem("pyodide", 0, str(error))], strict) from error
        site.files.update({f"pyodide/{name}": data for name, data in bundle.items()})
    return loaded, site, problems
