"""The year plan: each pupils' lesson has a suggested year and term, and the teachers' page, the
menu and the year plan list lessons in that order."""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.load import content
from build_scripts.pages import terms

ROOT = Path(__file__).resolve().parents[3]


def metas() -> list[dict]:
    loaded, _ = content.load(ROOT)
    return [dict(lesson.meta.data, id=lesson.id) for lesson in loaded.lessons.values()]


def test_lessons_are_ordered_by_year_then_term_then_title_and_unplanned_last():
    lessons = [{"id": "c", "title": "C", "term": "Year 2 autumn"},
               {"id": "evening", "title": "An evening"},
               {"id": "b", "title": "B", "term": "Year 1 summer"},
               {"id": "a2", "title": "Z", "term": "Year 1 spring"},
               {"id": "a1", "title": "A", "term": "Year 1 spring"}]
    assert [m["id"] for m in terms.ordered(lessons)] == ["a1", "a2", "b", "c", "evening"]


def test_every_pupils_lesson_has_a_term_in_its_years_and_every_year_has_lessons():
    rows = terms.year_plan(metas())
    assert [row["year"] for row in rows] == [1, 2, 3, 4, 5, 6]
    for row in rows:
        assert row["lessons"] >= 3, row["year"]
        assert all(row["terms"]), f"Year {row['year']} has a term with no lesson"
    planned = [meta["id"] for row in rows for term in row["terms"] for meta in term]
    pupils = [meta["id"] for meta in metas() if meta["band"] != "parents"]
    assert sorted(planned) == sorted(pupils)


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _plan_order() -> list[str]:
    return [m["id"] for m in terms.ordered(metas())]


def test_the_teachers_page_lists_lessons_in_the_plan_s_order(built_site):
    html = _page(built_site, "teachers")
    listed = re.findall(r'<td[^>]*><a href="\.\./lessons/([a-z0-9-]+)/">', html)
    assert listed == _plan_order()
    assert '<td data-label="Suggested">Year 1 autumn</td>' in html
    assert 'href="year-plan/"' in html


def test_the_menu_holds_each_year_s_lessons_in_the_plan_s_order(built_site):
    html = _page(built_site, "lessons/online-friends")
    nav = html[html.index('class="md-nav md-nav--primary'):html.index('class="md-content"')]
    years = re.findall(r">\s*(Year [1-6])\s*<", nav)
    assert list(dict.fromkeys(years)) == [f"Year {n}" for n in range(1, 7)]
    linked = re.findall(r'href="\.\./([a-z0-9-]+)/"', nav.replace('href="./"', 'href="../online-friends/"'))
    lessons = [lid for lid in linked if lid in _plan_order()]
    assert lessons == _plan_order()


def test_the_year_plan_puts_each_lesson_in_its_year_and_term(built_site):
    html = _page(built_site, "teachers/year-plan")
    rows = re.findall(r"<tr>\s*<th scope=\"row\">Year (\d)(.*?)</tr>", html, re.S)
    assert [int(year) for year, _ in rows] == [1, 2, 3, 4, 5, 6]
    for meta in metas():
        if meta["band"] == "parents":
            assert f'lessons/{meta["id"]}/' in html  # once a year, for families
            continue
        year, term = terms.when(meta)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[year - 1][1], re.S)
        assert f'lessons/{meta["id"]}/"' in cells[term], (meta["id"], meta["term"])
