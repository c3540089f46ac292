"""The real content built for a school, once per test run, shared by every test that needs it
(the default school's site is the session's ``built_site``)."""

from __future__ import annotations

from pathlib import Path

from build_scripts import cli

ROOT = Path(__file__).resolve().parent.parent
_BUILT: dict[str, Path] = {}


def built_for(slug: str, tmp_path_factory) -> Path:
    """The real content built (strict) for ``slug``: built the first time it is asked for."""
    if slug not in _BUILT:
        site = tmp_path_factory.mktemp(f"school-{slug}") / "site"
        assert cli.run_build(ROOT, slug, True, site) == 0, slug
        _BUILT[slug] = site
    return _BUILT[slug]
