"""When each pupils' lesson is taught: the year plan, and lessons listed in its order.

A KS1 or KS2 lesson's front matter says ``term: Year 1 autumn``: one of its ``years`` and the
term. The teachers' page, the site's navigation and the year plan all list lessons in that
order (Year 1 autumn first), so an online-safety lead sees what each year gets, and when.
"""

from __future__ import annotations

import re

from build_scripts.pages import markup

TERMS = ("autumn", "spring", "summer")
YEARS = range(1, 7)
TERM = re.compile(r"^Year ([1-6]) (autumn|spring|summer)$")
#: After every timed lesson: lessons with no term (the parents' evening).
LAST = (len(YEARS) + 1, 0)


def when(meta: dict) -> tuple[int, int] | None:
    """``(year, term number)`` of a lesson's ``term:``, counting terms from 0, or None."""
    match = TERM.match(str(meta.get("term") or ""))
    return (int(match.group(1)), TERMS.index(match.group(2))) if match else None


def ordered(lessons: list[dict]) -> list[dict]:
    """``lessons`` (front matter with ``id``) in the year plan's order, then by title."""
    return sorted(lessons, key=lambda meta: (when(meta) or LAST, str(meta.get("title"))))


def problem(meta: dict) -> str | None:
    """What is wrong with a lesson's ``term:`` beside its ``years:`` (the schema checks its
    form), or None."""
    found, years = when(meta), meta.get("years")
    if found and isinstance(years, list) and found[0] not in years:
        listed = ", ".join(str(y) for y in years)
        return (f'term "{meta["term"]}" is in Year {found[0]}, which is not one of this '
                f"lesson's years ({listed})")
    return None


def year_plan(lessons: list[dict]) -> list[dict]:
    """One row a year: ``{year, terms: [[lesson, ...] a term], lessons, minutes}``."""
    rows = []
    for year in YEARS:
        terms = [[meta for meta in ordered(lessons) if when(meta) == (year, number)]
                 for number in range(len(TERMS))]
        taught = [meta for term in terms for meta in term]
        rows.append({"year": year, "terms": terms, "lessons": len(taught),
                     "minutes": sum(int(meta.get("duration") or 0) for meta in taught)})
    return rows


def nav(lessons: list[dict]) -> list:
    """The Teachers part of the site's navigation: the year plan, then each year's lessons in
    order, then lessons with no term (MkDocs ``nav`` entries)."""
    entries: list = [{"For teachers": "teachers/index.md"}, {"Year plan": "teachers/year-plan.md"}]
    for row in year_plan(lessons):
        entries += [{f"Year {row['year']}": [_entry(meta) for term in row["terms"]
                                             for meta in term]}] if row["lessons"] else []
    entries += [_entry(meta) for meta in ordered(lessons) if when(meta) is None]
    return entries


def _entry(meta: dict) -> dict:
    """A lesson in the navigation. Its title is written into the page's HTML as it is given,
    so it goes in as text, the same as the page's own ``title:`` (``markup.page_title``)."""
    return {str(markup.text(meta["title"])): f"lessons/{meta['id']}.md"}
