"""MkDocs hooks: plain ``mkdocs build`` and ``mkdocs serve`` run the whole Clickwise build.

Everything that can fail (reading, checking, rendering, fetching Pyodide) happens in
``on_config``, before MkDocs cleans the site folder, so a failed build leaves the last good site
as it was. Generated pages and files are virtual: nothing is written into the source tree.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from build_scripts import build
from build_scripts.bundle import compress, offline
from build_scripts.load import placeholders
from build_scripts.pages import enrich, markers, terms
from build_scripts.problems import BuildAborted
from build_scripts.schools import positions

log = logging.getLogger("mkdocs.hooks.clickwise")
WATCHED = ("lessons", "quizzes", "schools", "facts", "build_scripts/pages/templates")
_built: dict = {}


def on_startup(command, dirty):
    """Remember whether this is ``mkdocs serve`` (authoring), which keeps no offline copy."""
    _built["command"] = command


def on_config(config):
    """Gather, check, render and bundle; stop with every problem listed when content is bad."""
    root = Path(config.config_file_path).resolve().parent
    school = os.environ.get("CLICKWISE_SCHOOL") or config.extra.get("school") or "default"
    strict = bool(config.strict) or os.environ.get("CLICKWISE_STRICT") == "1"
    try:
        loaded, site, problems = build.prepare(root, school, strict)
    except BuildAborted as aborted:
        _log(aborted.problems, log.error)
        raise Abort(str(aborted)) from None
    _log(problems, log.warning)
    _built.update(root=root, content=loaded, site=site)
    config.extra["school_name"] = loaded.school.data["name"]
    config.nav = _with_lessons(config.nav, loaded)
    return config


def _with_lessons(nav: list, loaded) -> list:
    """The site's menu with the Teachers tab holding the year plan and every lesson, year by
    year in the plan's order."""
    lessons = [dict(lesson.meta.data, id=lesson.id) for lesson in loaded.lessons.values()]
    return [{"Teachers": terms.nav(lessons)} if isinstance(entry, dict) and "Teachers" in entry
            else entry for entry in nav or ()]


def _log(problems, level) -> None:
    """Each problem at its level; a note (what is unset) as information, which never fails
    a strict build."""
    for problem in problems:
        (log.info if problem.level == "note" else level)(str(problem))


def on_files(files, config):
    """Add the generated pages and files (scenario JSON, Pyodide runtime, engine wheel)."""
    site = _built["site"]
    for src_uri, text in site.pages.items():
        existing = files.get_file_from_path(src_uri)
        if existing:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=text))
    for path, data in site.files.items():
        files.append(File.generated(config, path, content=data))
    return files


def on_page_markdown(markdown, page, config, files):
    """Choose each position's branch, then fill facts and school references, and the generated
    tables, on every page."""
    return page_markdown(markdown, _built["content"])


def page_markdown(markdown: str, loaded) -> str:
    """One page's Markdown with each position's branch chosen, its generated tables, and its
    facts and school references filled in."""
    school = loaded.school.data
    chosen = positions.resolve(markdown, school)
    return placeholders.fill(markers.expand(chosen, loaded), loaded.fact, school,
                             markdown=True)


def on_page_content(html, page, config, files):
    """Phone numbers and helplines as links, table cells labelled for phones; the story and
    class-mode pages are left to the engine's own drawing."""
    if page.file.src_uri.startswith(("play/", "class/")):
        return html
    loaded = _built["content"]
    return enrich.enrich(html, enrich.links_for(loaded.fact_file("helplines.yml"),
                                                loaded.school.data))


def on_post_build(config):
    """Write the service worker's list of files, then compressed copies for the server."""
    site_dir = Path(config.site_dir)
    authoring = _built.get("command") == "serve"
    offline.write_service_worker(site_dir, authoring)
    if not authoring:
        compress.precompress(site_dir)


def on_serve(server, config, builder):
    """Rebuild when a lesson, scenario, school, fact or template changes."""
    for folder in WATCHED:
        server.watch(str(_built["root"] / folder))
    return server
