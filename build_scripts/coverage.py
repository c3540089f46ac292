"""The teachers' reference pages: what teaches each promise in the school's policy, which
lessons cite each curriculum statement, and every fact with its source.

A commitment in ``schools/<slug>.yml`` is taught in a band when a lesson or scenario of that
band (for parents' commitments: a parents' lesson, scenario or guide page) shares one of its
topic tags. Guide pages in ``content/parents/`` join in by listing ``topics: [...]`` in their
front matter. A band with no lessons or scenarios at all is left out rather than reported.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from build_scripts.content import Content
from build_scripts.problems import Problem
from build_scripts.source import Source, load_yaml, split_front_matter
from quiz_engine.check import suggest

#: Which bands teach each group of commitments in the school's settings.
GROUPS = {"pupils": ("ks1", "ks2"), "parents": ("parents",)}
WHAT_TEACHES = {"ks1": "KS1 lesson or scenario", "ks2": "KS2 lesson or scenario",
                "parents": "parents' lesson, scenario or guide page"}
PAGES = "content/parents"
FACT_TITLES = {"age-limits.yml": "Age limits and game ratings",
               "helplines.yml": "Helplines and reporting services",
               "spending.yml": "Games, spending and scams",
               "curriculum.yml": "Curriculum statements"}
#: Fields that describe a fact rather than being a value pages refer to.
ABOUT = ("name", "summary", "source", "source_title", "verified", "review_by", "checked",
         "framework", "strand", "statement", "for_pupils", "for_ks2", "for_parents")


@dataclass(frozen=True)
class Material:
    """One lesson, scenario or guide page, with the topics it teaches and where it is."""

    kind: str
    band: str
    id: str
    title: str
    src: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Commitment:
    """One promise in the school's settings, as taught in one band."""

    group: str
    index: int
    band: str
    text: str
    source: str
    topics: tuple[str, ...]
    taught_by: tuple[Material, ...]
    untaught_topics: tuple[str, ...]

    def taught_as(self, kind: str) -> list[Material]:
        """The lessons, scenarios or pages that teach it."""
        return [m for m in self.taught_by if m.kind == kind]


def materials(content: Content) -> list[Material]:
    """Every lesson, scenario and tagged parents' guide page, in a stable order."""
    found = []
    for lesson in content.lessons.values():
        data = lesson.meta.data if isinstance(lesson.meta.data, dict) else {}
        found.append(Material("lesson", lesson.band, lesson.id, str(data.get("title", lesson.id)),
                              f"lessons/{lesson.id}.md", _topics(data)))
    for scenario_id, (band, source) in content.scenarios.items():
        data = source.data if isinstance(source.data, dict) else {}
        found.append(Material("scenario", band, scenario_id, str(data.get("title", scenario_id)),
                              f"play/{scenario_id}.md", _topics(data)))
    return found + [page for page, _ in _pages(content.root)]


def commitments(content: Content) -> list[Commitment]:
    """Each commitment in each of its bands that has any lessons, scenarios or pages."""
    given = _mapping(_mapping(content.school.data if content.school else None).get(
        "commitments"))
    known = materials(content)
    rows = []
    for group, bands in GROUPS.items():
        items = given.get(group) if isinstance(given.get(group), list) else []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            topics = _topics(item)
            for band in bands:
                in_band = [m for m in known if m.band == band]
                if not in_band:
                    continue
                taught = tuple(sorted((m for m in in_band if set(m.topics) & set(topics)),
                                      key=lambda m: -len(set(m.topics) & set(topics))))
                covered = {t for m in taught for t in m.topics}
                rows.append(Commitment(group, index, band, str(item.get("text", "")),
                                       str(item.get("source", "")), topics, taught,
                                       tuple(t for t in topics if t not in covered)))
    return rows


def problems(content: Content) -> list[Problem]:
    """A warning for each commitment nothing teaches, and unknown topics on guide pages."""
    found = []
    known_topics = content.topics.data if content.topics and isinstance(content.topics.data,
                                                                        dict) else {}
    for page, source in _pages(content.root):
        found += [source.problem(("topics", i), f'unknown topic "{t}"' + suggest(t, known_topics))
                  for i, t in enumerate(page.topics) if known_topics and t not in known_topics]
    for row in commitments(content):
        if not row.taught_by and set(row.topics) & set(known_topics):  # else: unknown topics
            found.append(content.school.problem(
                ("commitments", row.group, row.index),
                f'commitment "{row.text}" is not taught by any {WHAT_TEACHES[row.band]} '
                f'(its topics: {", ".join(row.topics)})', "warning"))
    return found


def policy_due(content: Content, today: datetime.date | None = None) -> bool:
    """Whether the school's policy is past the review date its settings give."""
    policy = _mapping(_mapping(content.school.data if content.school else None).get("policy"))
    return str(policy.get("review_date") or "9999") < (
        today or datetime.date.today()).isoformat()


def curriculum(content: Content) -> list[dict]:
    """The curriculum statements by framework, then strand, each with the lessons citing it.

    Each framework is ``{"name", "source", "strands": [{"name", "statements": [...]}]}`` in
    the order of ``facts/curriculum.yml``; a statement is its entry plus ``id`` and ``lessons``.
    """
    cited: dict[str, list[dict]] = {}
    for lesson in content.lessons.values():
        data = lesson.meta.data if isinstance(lesson.meta.data, dict) else {}
        statements = data.get("curriculum")
        for cid in statements if isinstance(statements, list) else ():
            cited.setdefault(cid, []).append({"id": lesson.id, "band": lesson.band,
                                              "title": str(data.get("title", lesson.id))})
    frameworks: dict[str, dict] = {}
    for cid, entry in content.fact_file("curriculum.yml").items():
        if not isinstance(entry, dict):
            continue
        framework = frameworks.setdefault(entry.get("framework", ""), {
            "name": entry.get("framework", ""), "source": entry.get("source", ""),
            "source_title": entry.get("source_title", ""), "strands": {}})
        strand = framework["strands"].setdefault(entry.get("strand", ""), {
            "name": entry.get("strand", ""), "statements": []})
        strand["statements"].append(dict(entry, id=cid, lessons=cited.get(cid, [])))
    return [dict(f, strands=list(f["strands"].values())) for f in frameworks.values()]


def facts(content: Content, today: datetime.date | None = None) -> list[dict]:
    """Each facts file as ``{"file", "title", "entries"}``; an entry is the fact plus ``id``,
    ``values`` (field: value pairs pages can refer to) and ``due`` (past its review date)."""
    today = (today or datetime.date.today()).isoformat()
    sections = []
    for name, source in content.facts.items():
        entries = [dict(entry, id=fid, due=str(entry.get("review_by", "9999")) < today,
                        values={k: v for k, v in entry.items()
                                if k not in ABOUT and not isinstance(v, (dict, list))})
                   for fid, entry in (source.data or {}).items() if isinstance(entry, dict)] \
            if isinstance(source.data, dict) else []
        sections.append({"file": f"facts/{name}", "title": FACT_TITLES.get(name, name),
                         "entries": entries})
    return sections


def _mapping(data) -> dict:
    return data if isinstance(data, dict) else {}


def _topics(data: dict) -> tuple[str, ...]:
    topics = data.get("topics")
    return tuple(str(t) for t in topics) if isinstance(topics, list) else ()


def _pages(root: Path) -> list[tuple[Material, Source]]:
    """Parents' guide pages whose front matter lists topics (read fresh: they are few)."""
    found = []
    for path in sorted((root / PAGES).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, body, _ = split_front_matter(text)
        if front is None:
            continue
        shown = path.relative_to(root).as_posix()
        source, _ = load_yaml(path, shown, text=front, offset=1)
        data = source.data if isinstance(source.data, dict) else {}
        if _topics(data):
            title = data.get("title") or next(
                (line[2:].strip() for line in body.splitlines() if line.startswith("# ")),
                path.stem)
            src = path.relative_to(root / "content").as_posix()
            found.append((Material("page", "parents", src, str(title), src, _topics(data)),
                          source))
    return found
