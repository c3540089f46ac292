"""The real content built for a school, once per test run, shared by every test that needs it
(the default school's site is the session's ``built_site``).

Under pytest-xdist each worker is a process of its own, and the test files that read a school's
site may run on different workers: so the sites are built in the folder the run's workers share
(each worker's temporary folder is inside it), the first worker to need one builds it while any
other that needs it waits on a lock, and the rest read the same files. No test writes to them.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from build_scripts import cli

ROOT = Path(__file__).resolve().parent.parent
_BUILT: dict[str, Path] = {}


def built_for(slug: str, tmp_path_factory) -> Path:
    """The real content built (strict) for ``slug``: built the first time the run asks for it."""
    if slug not in _BUILT:
        _BUILT[slug] = _built_once(slug, _run_folder(tmp_path_factory) / "sites")
    return _BUILT[slug]


def _run_folder(tmp_path_factory) -> Path:
    """This run's temporary folder: the workers' shared one under pytest-xdist."""
    own = tmp_path_factory.getbasetemp()
    return own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own


def _built_once(slug: str, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    site, done = folder / slug, folder / f"{slug}.built"
    with open(folder / f"{slug}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            assert cli.run_build(ROOT, slug, True, site) == 0, slug
            done.touch()
    return site
