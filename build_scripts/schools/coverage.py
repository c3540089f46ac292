"""The teachers' reference pages: what teaches each promise in the school's policy, which
lessons and stories teach each curriculum statement, and every fact with its source.

A promise in ``schools/<slug>.yml`` is taught in a band by the lessons and scenarios of that band
(for promises to parents: parents' lessons, scenarios and guide pages) that its ``taught_by``
names, or, without ``taught_by``, by those whose objectives say what the promise says (a
guide page's title and headings stand for its objectives). A shared topic alone teaches nothing:
a promise nothing teaches is shown as not taught, with the nearest lessons and scenarios. A
promise ``about: staff`` or ``about: school`` is not something pupils learn, and is shown apart.
A band with no lessons or scenarios at all is left out rather than reported.

A curriculum statement is taught when a lesson or a story (scenario) lists its id in its own
``curriculum:`` list; a statement nothing teaches may say why in ``out_of_scope``.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_scripts.load.content import Content, front_matter
from build_scripts.load.source import Source
from build_scripts.problems import Problem, ordinal
from build_scripts.schools import positions
from quiz_engine.check import suggest

#: Which bands teach each group of commitments in the school's settings.
GROUPS = {"pupils": ("ks1", "ks2"), "parents": ("parents",)}
WHAT_TEACHES = {"ks1": "KS1 lesson or scenario", "ks2": "KS2 lesson or scenario",
                "parents": "parents' lesson, scenario or guide page"}
PAGES = "content/parents"
FACT_TITLES = {"age-limits.yml": "Age limits and game ratings",
               "helplines.yml": "Helplines and reporting services",
               "spending.yml": "Games, spending and scams",
               "wellbeing.yml": "Sleep and screens",
               "ai.yml": "AI chatbots and AI pictures",
               "laws.yml": "Laws and regulators",
               "curriculum.yml": "Curriculum statements"}
#: Fields that describe a fact rather than being a value pages refer to.
ABOUT = ("name", "summary", "source", "source_title", "verified", "review_by", "checked",
         "framework", "strand", "statement", "out_of_scope", "for_pupils", "for_ks2",
         "for_parents")
#: How much of a promise's meaning (its words, weighted by how rare they are among all
#: objectives) one objective must say for it to teach the promise; measured on the four
#: schools' promises against the lessons they were written for (see test_coverage).
ENOUGH = 0.4
NEAREST = 3
_STOP = set("""a about all also an and any are as at be been before being both but by can
could do does each even every for from get give go good has have help how i if in into is it
its keep know learn learned lessons make may more most must my never no not of on online only
or other our out own pupil pupils safe safely safety say should so some such teach teaches
teaching tell than that
the their them themselves then there these they this those through to too up us use using way
ways we well what when where whether which who why will with without work you your""".split())
_SAME = {"photo": "picture", "photos": "picture", "image": "picture", "images": "picture",
         "video": "picture", "videos": "picture", "imagery": "picture", "pictures": "picture",
         "privacy": "private", "personal": "private", "respectful": "kind", "respect": "kind",
         "kindness": "kind", "unkind": "kind", "bullied": "bully", "bullying": "bully",
         "cyberbullying": "bully", "post": "share", "posting": "share", "posts": "share",
         "age-appropriate": "age",
         "meeting": "meet", "worries": "worry", "worried": "worry", "worrying": "worry",
         "concern": "worry", "concerns": "worry", "details": "information",
         "location": "where", "unwanted": "unwant", "want": "unwant"}


@dataclass(frozen=True)
class Material:
    """One lesson, scenario or guide page: the topics it teaches, what its objectives say."""

    kind: str
    band: str
    id: str
    title: str
    src: str
    topics: tuple[str, ...]
    curriculum: tuple[str, ...] = ()
    file: str = ""
    objectives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commitment:
    """One promise in the school's settings, as taught in one band.

    ``how`` is ``"linked"`` (its ``taught_by``), ``"objectives"`` (matched on what objectives
    say) or ``""``; ``nearest`` are the closest lessons and scenarios when nothing teaches it;
    ``about`` is ``"staff"`` or ``"school"`` for a promise pupils do not learn."""

    group: str
    index: int
    band: str
    text: str
    source: str
    topics: tuple[str, ...]
    taught_by: tuple[Material, ...]
    how: str = ""
    nearest: tuple[Material, ...] = ()
    about: str = ""

    def taught_as(self, kind: str) -> list[Material]:
        """The lessons, scenarios or pages that teach it."""
        return [m for m in self.taught_by if m.kind == kind]


def materials(content: Content) -> list[Material]:
    """Every lesson, scenario and tagged parents' guide page, in a stable order."""
    found = []
    for lesson in content.lessons.values():
        data = lesson.meta.data if isinstance(lesson.meta.data, dict) else {}
        found.append(Material("lesson", lesson.band, lesson.id, str(data.get("title", lesson.id)),
                              f"lessons/{lesson.id}.md", _topics(data), _ids(data, "curriculum"),
                              lesson.path, objectives=_ids(data, "objectives")))
    for scenario_id, (band, source) in content.scenarios.items():
        data = source.data if isinstance(source.data, dict) else {}
        found.append(Material("scenario", band, scenario_id, str(data.get("title", scenario_id)),
                              f"play/{scenario_id}.md", _topics(data), _ids(data, "curriculum"),
                              source.path, objectives=_ids(data, "objectives")))
    return found + [page for page, _ in _pages(content.root)]


def commitments(content: Content) -> list[Commitment]:
    """Each commitment in each of its bands that has any lessons, scenarios or pages."""
    given = _mapping(_mapping(content.school.data if content.school else None).get(
        "commitments"))
    known = materials(content)
    weights = _weights(known)
    rows = []
    for group, bands in GROUPS.items():
        items = given.get(group) if isinstance(given.get(group), list) else []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            for band in bands:
                in_band = [m for m in known if m.band == band]
                if in_band:
                    rows.append(_row(group, index, band, item, in_band, weights))
    return rows


def _row(group: str, index: int, band: str, item: dict, in_band: list[Material],
         weights: dict[str, float]) -> Commitment:
    """One promise in one band: what teaches it, and how we know."""
    text, about = str(item.get("text", "")), str(item.get("about") or "")
    base = dict(group=group, index=index, band=band, text=text,
                source=str(item.get("source", "")), topics=_topics(item), about=about)
    linked, topics = item.get("taught_by"), set(base["topics"])
    scored = sorted(((_score(text, m, weights), m) for m in in_band),
                    key=lambda pair: -pair[0])
    if isinstance(linked, list):
        taught, how = tuple(m for m in in_band if m.id in linked), "linked"
    else:
        taught, how = tuple(m for score, m in scored if score >= ENOUGH and (
            not topics or topics & set(m.topics))), "objectives"
    near = sorted((pair for pair in scored if pair[0] > 0),  # sharing a topic first
                  key=lambda pair: (not topics & set(pair[1].topics), -pair[0]))
    nearest = () if taught or about else tuple(m for _, m in near[:NEAREST])
    return Commitment(**base, taught_by=taught, how=how if taught else "", nearest=nearest)


@cache
def words(text: str) -> frozenset[str]:
    """The meaningful words of a sentence, each cut to a plain stem, with words that mean the
    same thing made one (photos, pictures: pictur; sharing, share, post: shar)."""
    found = set()
    for word in re.findall(r"[a-z][a-z'-]*", text.lower().replace("grown-up", "adult")):
        word = _SAME.get(word.strip("'-").removesuffix("'s"), word.strip("'-"))
        if word in _STOP or len(word) < 3:
            continue
        found.add(_SAME.get(_stem(word), _stem(word)))
    return frozenset(found)


def _stem(word: str) -> str:
    """A crude English stem: enough to make "sharing", "shared" and "shares" one word."""
    for ending, instead in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith("ss"):
            word = word[:-len(ending)] + instead
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]
    return word.removesuffix("e") if len(word) > 4 else word


def _weights(known: list[Material]) -> dict[str, float]:
    """How telling each word is: a word in few materials' objectives says more."""
    counts: dict[str, int] = {}
    for material in known:
        for word in set().union(*(words(o) for o in material.objectives)):
            counts[word] = counts.get(word, 0) + 1
    weights = {w: 1 + math.log((1 + len(known)) / (1 + n)) for w, n in counts.items()}
    weights[""] = 1 + math.log(1 + len(known))  # a word no objective says: the rarest of all
    return weights


def _score(promise: str, material: Material, weights: dict[str, float]) -> float:
    """The share of the promise's meaning that the material's objectives say."""
    wanted = words(promise)
    total = sum(weights.get(w, weights[""]) for w in wanted)
    if not total:
        return 0.0
    said = set().union(*(words(o) for o in material.objectives))
    return sum(weights[w] for w in wanted & said) / total


def problems(content: Content) -> list[Problem]:
    """A note for each promise nothing teaches; errors for unknown topics on guide pages, for
    unknown lessons, scenarios or pages in ``taught_by``, and for each statement marked out of
    scope that a lesson or story teaches all the same."""
    found = _taught_but_out_of_scope(content)
    known_topics = content.topics.data if content.topics and isinstance(content.topics.data,
                                                                        dict) else {}
    for page, source in _pages(content.root):
        found += [source.problem(("topics", i), f'unknown topic "{t}"' + suggest(t, known_topics))
                  for i, t in enumerate(page.topics) if known_topics and t not in known_topics]
    found += _unknown_links(content)
    for row in commitments(content):
        if not row.taught_by and not row.about:
            nearest = "; nearest: " + ", ".join(m.id for m in row.nearest) if row.nearest \
                else ""
            found.append(content.school.problem(
                ("commitments", row.group, row.index),
                f'the {ordinal(row.index + 1)} promise to {row.group} ("{row.text}") is not '
                f"taught by any {WHAT_TEACHES[row.band]}{nearest}", "note"))
    return found


def _unknown_links(content: Content) -> list[Problem]:
    ids = {m.id for m in materials(content)}
    given = _mapping(_mapping(content.school.data if content.school else None).get(
        "commitments"))
    found = []
    for group, items in given.items():
        for i, item in enumerate(items if isinstance(items, list) else ()):
            linked = item.get("taught_by") if isinstance(item, dict) else None
            for j, mid in enumerate(linked if isinstance(linked, list) else ()):
                if isinstance(mid, str) and mid not in ids:  # the schema says what else is wrong
                    found.append(content.school.problem(
                        ("commitments", group, i, "taught_by", j),
                        f'taught_by names "{mid}", which is no lesson, scenario or parents\' '
                        "guide page" + suggest(str(mid), ids)))
    return found


def expectations(content: Content) -> list[dict]:
    """What the school asks of parents, each with the guide pages that tell parents: those
    that list every expectation, and those that say the position it is about."""
    school = _mapping(content.school.data if content.school else None)
    listing = [(_first_heading(p), p.relative_to(content.root / "content").as_posix())
               for p in sorted((content.root / PAGES).rglob("*.md"))
               if "<!-- school:parent-expectations -->" in p.read_text(encoding="utf-8")]
    said = positions.places(content)
    rows = []
    for item in school.get("parent_expectations") or ():
        if isinstance(item, dict):
            position = item.get("position")
            rows.append({"text": item.get("text", ""), "source": item.get("source", ""),
                         "position": position, "pages": listing + [
                             place for place in said.get(position, ()) if place not in listing]})
    return rows


def _first_heading(path: Path) -> str:
    match = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip() if match else path.stem


def policy_due(content: Content, today: datetime.date | None = None) -> bool:
    """Whether the school's policy is past the review date its settings give."""
    policy = _mapping(_mapping(content.school.data if content.school else None).get("policy"))
    return str(policy.get("review_date") or "9999") < (
        today or datetime.date.today()).isoformat()


def citations(content: Content) -> dict[str, list[Material]]:
    """Each cited statement id -> the lessons and stories whose ``curriculum:`` lists it."""
    cited: dict[str, list[Material]] = {}
    for material in materials(content):
        for cid in material.curriculum:
            cited.setdefault(cid, []).append(material)
    return cited


def curriculum(content: Content) -> list[dict]:
    """The curriculum statements by framework, then strand, each with what teaches it.

    Each framework is ``{"name", "source", "strands": [{"name", "statements": [...]}]}`` in
    the order of ``facts/curriculum.yml``; a statement is its entry plus ``id``, ``lessons``
    and ``stories`` (the materials citing it) and ``taught``.
    """
    cited = citations(content)
    frameworks: dict[str, dict] = {}
    for cid, entry in content.fact_file("curriculum.yml").items():
        if not isinstance(entry, dict):
            continue
        framework = frameworks.setdefault(entry.get("framework", ""), {
            "name": entry.get("framework", ""), "source": entry.get("source", ""),
            "source_title": entry.get("source_title", ""), "strands": {}})
        strand = framework["strands"].setdefault(entry.get("strand", ""), {
            "name": entry.get("strand", ""), "statements": []})
        by = cited.get(cid, [])
        strand["statements"].append(dict(
            entry, id=cid, taught=bool(by), lessons=[m for m in by if m.kind == "lesson"],
            stories=[m for m in by if m.kind == "scenario"]))
    return [dict(f, strands=list(f["strands"].values())) for f in frameworks.values()]


def curriculum_counts(frameworks: list[dict]) -> dict[str, int]:
    """How many statements there are, how many are taught, out of scope, or neither yet."""
    statements = [s for f in frameworks for strand in f["strands"] for s in strand["statements"]]
    taught = sum(s["taught"] for s in statements)
    out = sum(bool(s.get("out_of_scope")) and not s["taught"] for s in statements)
    return {"total": len(statements), "taught": taught, "out_of_scope": out,
            "untaught": len(statements) - taught - out,
            "taught_percent": round(100 * taught / len(statements)) if statements else 100}


def _taught_but_out_of_scope(content: Content) -> list[Problem]:
    source = content.facts.get("curriculum.yml")
    statements = content.fact_file("curriculum.yml")
    found = []
    for cid, by in citations(content).items():
        entry = statements.get(cid)
        if isinstance(entry, dict) and entry.get("out_of_scope"):
            files = ", ".join(sorted(m.file for m in by))
            found.append(source.problem((cid, "out_of_scope"), f'statement "{cid}" is marked out '
                                        f"of scope but {files} teaches it: remove out_of_scope, "
                                        "or the id from that curriculum list"))
    return found


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
    return _ids(data, "topics")


def _ids(data: dict, key: str) -> tuple[str, ...]:
    ids = data.get(key)
    return tuple(str(i) for i in ids) if isinstance(ids, list) else ()


def _pages(root: Path) -> list[tuple[Material, Source]]:
    """Parents' guide pages whose front matter lists topics (read fresh: they are few)."""
    found = []
    for path in sorted((root / PAGES).rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        source, body, _, _ = front_matter(path, shown, "page")  # unreadable: lists no topics
        data = source.data if isinstance(source.data, dict) else {}
        if _topics(data):
            title = data.get("title") or next(
                (line[2:].strip() for line in body.splitlines() if line.startswith("# ")),
                path.stem)
            src = path.relative_to(root / "content").as_posix()
            headings = tuple(line.lstrip("#").strip() for line in body.splitlines()
                             if line.startswith("## "))
            found.append((Material("page", "parents", src, str(title), src, _topics(data),
                                   file=shown, objectives=(str(title), *headings)), source))
    return found
