"""The whole build: strict MkDocs build, virtual pages, a failed build keeps the last good site,
and a missing or corrupt Pyodide download stops it with a clear message."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path


from build_scripts import cli
from build_scripts.bundle import runtime

ROOT = Path(__file__).resolve().parents[2]


def test_site_has_generated_pages_runtime_and_engine_wheel(built_site):
    for page in ("index.html", "pupils/ks1/index.html", "pupils/ks2/index.html",
                 "play/star99/index.html", "help/index.html", "teachers/index.html"):
        assert (built_site / page).is_file(), page
    names = {p.name.removesuffix(".br").removesuffix(".gz")
             for p in (built_site / "pyodide").iterdir()}  # precompressed copies beside each
    assert names == set(runtime.CORE_FILES) | {"pyodide-lock.json",
                                               "quiz_engine-1.0.0-py3-none-any.whl"}
    lock = json.loads((built_site / "pyodide/pyodide-lock.json").read_text())
    assert list(lock["packages"]) == ["quiz-engine"]  # our wheel only: no CDN fallback
    assert (built_site / "search/search_index.json").is_file()


def test_first_scene_is_in_the_html(built_site):
    html = (built_site / "play/star99/index.html").read_text(encoding="utf-8")
    story = json.loads((built_site / "scenarios/star99.json").read_text())
    first = story["scenes"][story["start"]]
    assert f'data-scene="{story["start"]}"' in html
    for choice in first["choices"]:
        assert choice["label"].replace('"', "&#34;").replace("'", "&#39;") in html


def test_a_lesson_at_a_glance_is_a_table_of_row_headers_with_working_links(built_site):
    html = (built_site / "lessons/ask-before-you-snap/index.html").read_text(encoding="utf-8")
    table = re.search(r'<table aria-label="At a glance">(.*?)</table>', html, re.S).group(1)
    assert "<thead" not in table and "<th></th>" not in table  # no empty header row
    assert re.findall(r'<th scope="row">(\w+)</th>', table) == [
        "Band", "Suggested", "Time", "Scenarios"]
    assert '<a href="../../play/priya-photo/">' in table


def test_no_page_shows_markdown_left_unrendered(built_site):
    """A heading or table row that lost its blank line shows its # or | to the reader (the
    Teachers page once showed "## Lessons for KS2" in a table cell)."""
    raw = re.compile(r"<(?:p|td|th|li)>(#{1,6} |\|[ -]|\*\*[^<*]+$)", re.M)
    found = [f"{page.relative_to(built_site)}: {m.group(0)!r}"
             for page in built_site.rglob("*.html")
             for m in raw.finditer(page.read_text(encoding="utf-8"))]
    assert found == []


def test_lesson_pages_load_no_pyodide(built_site):
    lessons = list((built_site / "lessons").glob("*/index.html"))
    assert lessons
    for page in lessons:
        assert "pyodide" not in page.read_text(encoding="utf-8")


def test_nothing_generated_is_written_into_the_source_tree(built_site):
    generated = ["content/index.md", "content/play", "content/pupils", "content/lessons",
                 "content/help.md", "content/scenarios", "content/pyodide"]
    assert [g for g in generated if (ROOT / g).exists()] == []


def _copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "lessons", "quizzes", "schools", "facts",
                 "build_scripts", "quiz_engine", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)
    return root


def test_failed_build_keeps_the_last_good_site(tmp_path, capsys):
    root = _copy_project(tmp_path)
    site = tmp_path / "site"
    assert cli.run_build(root, "default", False, site) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    broken = root / "quizzes/ks1/star99.yml"
    broken.write_text(broken.read_text().replace("goto: ", "goto: nowhere-", 1))
    assert cli.run_build(root, "default", False, site) == 1
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert "quizzes/ks1/star99.yml:" in capsys.readouterr().err
    assert not list(tmp_path.glob(".building-*"))


def test_corrupt_pyodide_download_stops_the_build(tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache"
    folder = cache / f"pyodide-{runtime.PYODIDE_VERSION}"
    folder.mkdir(parents=True)
    (folder / f"pyodide-{runtime.PYODIDE_VERSION}.tgz").write_bytes(b"not a real download")
    monkeypatch.setenv("CLICKWISE_CACHE", str(cache))
    site = tmp_path / "site"
    assert cli.run_build(ROOT, "default", False, site) == 1
    message = capsys.readouterr().err
    assert "is corrupt" in message and f"Delete the folder {folder}" in message
    assert not site.exists()


def test_missing_npm_stops_the_build_with_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLICKWISE_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm anywhere
    site = tmp_path / "site"
    assert cli.run_build(ROOT, "default", False, site) == 1
    assert "npm is needed to download Pyodide" in capsys.readouterr().err
    assert not site.exists()


def test_integrity_check_passes_for_the_real_download():
    assert runtime.tarball().is_file()
