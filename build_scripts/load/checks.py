"""Every check of the authored content, collected before anything is built.

``check_content`` returns all problems found; it never stops at the first. Structural checks
of a scenario come from the engine itself (``quiz_engine.check``), so the build and the browser
agree on what a playable scenario is.
"""

from __future__ import annotations

import datetime
import re

import quiz_engine
from build_scripts.load import placeholders, reading
from build_scripts.load.content import Content, Lesson
from build_scripts.load.source import Source, read_text
from build_scripts.load.validation import validate
from build_scripts.pages import lesson_markup, present, terms
from build_scripts.problems import Problem, place
from build_scripts.schools import coverage, draft, positions
from quiz_engine.check import suggest

LESSON_SECTIONS = ("Starter", "Main activity", "Discussion questions", "Plenary",
                   "Adaptations for pupils with SEND", "Safeguarding note")
DURATIONS = {"ks1": (20, 30), "ks2": (30, 45), "parents": (20, 60)}
SPECIAL_HELPERS = ("trusted-adult",)
#: How deep a lesson's Markdown may nest: Python-Markdown takes minutes over lists nested a few
#: hundred deep and fails over a thousand admonitions or HTML blocks; lessons nest two or three.
DEEPEST = {"indent": (40, "indented by more than 40 spaces"),
           "quote": (10, "quoted (>) more than 10 deep"),
           "html": (20, "inside more than 20 HTML elements")}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
#: The schema of each facts file whose entries are not facts of the usual kind.
FACT_SCHEMAS = {"curriculum.yml": "curriculum"}
#: The framework ages each pupils' band teaches, and the ages its lessons and stories must not cite.
BAND_AGES = {"ks1": "4-7", "ks2": "7-11"}
OTHER_AGES = {"ks1": "7-11", "ks2": "4-7"}
#: Missing keys that the engine's own check already reports, in its words.
ENGINE_CHECKED = tuple(f'missing "{key}"' for key in ("title", "band", "topics", "start", "text",
                                                      "label", "goto", "outcome", "feedback"))


def check_content(content: Content, today: datetime.date | None = None) -> list[Problem]:
    """All problems in the loaded content, in a stable order."""
    today = today or datetime.date.today()
    found: list[Problem] = []
    found += _check_facts(content, today)
    found += _check_school(content)
    found += _check_guide_pages(content)
    found += coverage.problems(content)
    found += positions.problems(content)
    for scenario_id, (band, source) in content.scenarios.items():
        found += check_scenario(scenario_id, band, source, content)
    for lesson in content.lessons.values():
        found += check_lesson(lesson, content)
    return sorted(set(found), key=lambda p: (p.path, p.line, p.message))


def check_scenario(scenario_id: str, band: str, source: Source,
                   content: Content) -> list[Problem]:
    """Structure (from the engine), keys, band, topics, people, pictures, facts, wording."""
    data = source.data
    if not isinstance(data, dict):  # the loader has said what is wrong
        return []
    found = [source.problem(f.where, f.message, f.level) for f in quiz_engine.check(data)]
    found += [p for p in validate(source, "scenario", keep=("additionalProperties", "type",
                                                             "required"))
              if not p.message.startswith(ENGINE_CHECKED)]
    if data.get("band") and data.get("band") != band:
        found.append(source.problem(("band",), f'band "{data["band"]}" does not match the '
                                    f'folder quizzes/{band}/: move the file or change the band'))
    found += _check_curriculum(source, data, band, content)
    found += _check_topics(source, ("topics",), data.get("topics"), content)
    found += _check_people(source, data, content)
    found += _check_text(source, data, content, band=band)
    if isinstance(data.get("scenes"), dict):  # the engine's check already says what is wrong
        found += reading.scenario_warnings(source, data, band)
        found += _check_outcomes(source, data["scenes"])
    return found


def _check_curriculum(source: Source, data: dict, band: str, content: Content) -> list[Problem]:
    """A lesson's or story's ``curriculum:`` ids must be known and for its pupils' ages."""
    statements, cited = content.fact_file("curriculum.yml"), data.get("curriculum")
    found = []
    for i, cid in _texts(cited) if _facts_read(content) else ():
        entry = statements.get(cid)
        if not isinstance(entry, dict):
            found.append(source.problem(("curriculum", i), f'unknown curriculum statement "{cid}"'
                                        + suggest(str(cid), statements)))
        elif band in OTHER_AGES and entry.get("ages") == OTHER_AGES[band]:
            found.append(source.problem(("curriculum", i), f'curriculum statement "{cid}" is for '
                                        f"ages {entry['ages']}, not {band.upper()}: cite one "
                                        f"for ages {BAND_AGES[band]} or a DfE (dfe-) one"))
    return found


def _check_topics(source: Source, where: tuple, topics, content: Content) -> list[Problem]:
    known = content.topics.data if content.topics else None
    if not isinstance(known, dict):  # facts/topics.yml itself is reported
        return []
    return [source.problem(where + (i,), f'unknown topic "{t}"' + (
        suggest(t, known) or f": use one of the topics in facts/topics.yml: {', '.join(known)}"))
            for i, t in _texts(topics) if t not in known]


def _texts(items) -> list[tuple[int, str]]:
    """(position, text) of each text in a list, for checks that look them up: other values are
    the schema's to report, and so is a list that is not a list."""
    return [(i, t) for i, t in enumerate(items) if isinstance(t, str)] \
        if isinstance(items, list) else []


def _check_people(source: Source, data: dict, content: Content) -> list[Problem]:
    """Speakers must be characters; pictures must exist; helpers must be known."""
    found = []
    characters = data.get("characters") if isinstance(data.get("characters"), dict) else {}
    helplines = content.fact_file("helplines.yml")
    scenes = data.get("scenes") if isinstance(data.get("scenes"), dict) else {}
    for cid, person in characters.items():
        if isinstance(person, dict) and isinstance(person.get("picture"), str):
            found += _check_picture(source, ("characters", cid, "picture"),
                                    person["picture"], content)
    for sid, scene in scenes.items():
        if not isinstance(scene, dict):
            continue
        speaker = scene.get("speaker")
        if isinstance(speaker, str) and speaker not in characters:
            found.append(source.problem(("scenes", sid, "speaker"), f'scene "{sid}" has '
                                        f'unknown speaker "{speaker}"' + suggest(speaker,
                                                                                   characters)))
        if isinstance(scene.get("picture"), str):
            found += _check_picture(source, ("scenes", sid, "picture"), scene["picture"],
                                    content)
        for i, helper in _texts(scene.get("who_can_help")) if _facts_read(content) else ():
            if helper not in helplines and helper not in SPECIAL_HELPERS:
                found.append(source.problem(
                    ("scenes", sid, "who_can_help", i), f'unknown fact "{helper}" in '
                    "who_can_help" + suggest(helper, [*helplines, *SPECIAL_HELPERS])))
    return found


def _check_picture(source: Source, where: tuple, picture, content: Content) -> list[Problem]:
    if (content.root / "content" / str(picture)).is_file():
        return []
    pictures = [p.relative_to(content.root / "content").as_posix()
                for p in (content.root / "content" / "pictures").glob("*")]
    return [source.problem(where, f'unknown picture file "{picture}" (looked in content/)'
                           + suggest(picture, pictures))]


def _check_text(source: Source, data, content: Content, where: tuple = (),
                band: str | None = None) -> list[Problem]:
    """Unknown ``{{fact.field}}`` references, fear or blame words and the wording rules for
    ``band``'s readers, in every string."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _check_text(source, value, content, where + (key,), band)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _check_text(source, value, content, where + (i,), band)
    elif isinstance(data, str):
        found += [source.problem(where, f"unknown fact {ref}" + _fact_hint(ref, content))
                  for ref in placeholders.unknown(data, content.fact, _school(content))
                  if _facts_read(content)]
        found += [source.problem(where, message, "warning")
                  for message in reading.wording_warnings(data, band)]
    return found


def _check_outcomes(source: Source, scenes: dict) -> list[Problem]:
    """The same choice (its label, ignoring case and punctuation) has one outcome everywhere in
    a story: a pupil told "unsure" in one scene is not told "safe" for it in the next."""
    first: dict[str, tuple[str, str]] = {}
    found = []
    for sid, scene in scenes.items():
        choices = scene.get("choices") if isinstance(scene, dict) else None
        for i, choice in enumerate(choices if isinstance(choices, list) else ()):
            if not isinstance(choice, dict) or not isinstance(choice.get("label"), str):
                continue
            label = " ".join(re.findall(r"[a-z0-9']+", choice["label"].lower()))
            was = first.setdefault(label, (str(choice.get("outcome")), sid))
            if was[0] != str(choice.get("outcome")):
                found.append(source.problem(
                    ("scenes", sid, "choices", i, "outcome"), f'choice "{choice["label"]}" is '
                    f'{choice.get("outcome")} here but {was[0]} in scene "{was[1]}": give the '
                    "same choice the same outcome", "warning"))
    return found


def _fact_hint(ref: str, content: Content) -> str:
    match = placeholders.PATTERN.fullmatch(ref)
    if not match:
        return ""
    fact_id, key = match.groups()
    entry = content.fact(fact_id)
    if fact_id == "school":
        return suggest(key, placeholders.SCHOOL_KEYS)
    if entry is None:
        ids = [i for s in content.facts.values() if isinstance(s.data, dict) for i in s.data]
        return suggest(fact_id, ids)
    return suggest(key, [k for k, v in entry.items() if not isinstance(v, (dict, list))])


def _facts_read(content: Content) -> bool:
    """Whether every facts file could be read: while one cannot, references to facts are not
    checked, so the broken file is blamed and not every file that uses a fact."""
    return all(isinstance(source.data, dict) for source in content.facts.values())


def _school(content: Content) -> dict:
    return content.school.data if content.school and isinstance(content.school.data, dict) \
        else {}


def check_lesson(lesson: Lesson, content: Content) -> list[Problem]:
    """Front matter, links to scenarios and curriculum, the sections, facts in the text."""
    meta, found = lesson.meta, validate(lesson.meta, "lesson")
    data = meta.data
    if not isinstance(data, dict):
        return found
    if data.get("band") and data["band"] != lesson.band:
        found.append(meta.problem(("band",), f'band "{data["band"]}" does not match the '
                                  f"folder lessons/{lesson.band}/"))
    for i, sid in _texts(data.get("scenarios")):
        if sid not in content.scenarios:
            found.append(meta.problem(("scenarios", i), f'lesson links unknown scenario "{sid}"'
                                      + suggest(sid, content.scenarios)))
    found += _check_curriculum(meta, data, lesson.band, content)
    found += _check_topics(meta, ("topics",), data.get("topics"), content)
    found += _check_duration(lesson, data)
    if terms.problem(data):
        found.append(meta.problem(("term",), terms.problem(data)))
    found += _check_sections(lesson)
    found += _check_slides(lesson, content)
    found += _check_text(meta, data, content, band=lesson.band)
    found += _check_body(lesson, content)
    return found


def _check_duration(lesson: Lesson, data: dict) -> list[Problem]:
    low, high = DURATIONS[lesson.band]
    duration = data.get("duration")
    if type(duration) is int and not low <= duration <= high:  # true/false: the schema says
        return [lesson.meta.problem(("duration",), f"duration {duration} minutes is outside "
                                    f"{low}-{high} minutes for {lesson.band.upper()} lessons")]
    return []


def _check_sections(lesson: Lesson) -> list[Problem]:
    headings = [h.split("(")[0].strip() for h in re.findall(r"^## (.+)$", lesson.body, re.M)]
    return [Problem(lesson.path, lesson.body_line + 1, f'missing section "## {name}"')
            for name in LESSON_SECTIONS if name not in headings]


def _check_slides(lesson: Lesson, content: Content) -> list[Problem]:
    """Slides titled for the class, pictures that exist and can be shown, sorts with groups."""
    at = lesson.body_line
    found = [Problem(lesson.path, at + line, message)
             for line, message in present.split(lesson.body).problems + lesson_markup.problems(
                 lesson.body)]
    source = Source(lesson.path, None, {("body",): 0}, offset=at)
    for line, picture in lesson_markup.pictures_in(lesson.body):
        found += [Problem(lesson.path, at + line, p.message)
                  for p in _check_picture(source, ("body",), picture, content)]
    return found


def _check_body(lesson: Lesson, content: Content) -> list[Problem]:
    found, facts_read = [], _facts_read(content)
    lines = lesson.body.split("\n")
    for n, line in enumerate(lines, start=lesson.body_line + 1):
        for ref in placeholders.unknown(line, content.fact, _school(content)) if facts_read \
                else ():
            found.append(Problem(lesson.path, n, f"unknown fact {ref}" + _fact_hint(ref, content)))
    return found + [Problem(lesson.path, lesson.body_line + 1 + i, m, "warning")
                    for i, m in reading.line_warnings(lines, lesson.band)] + _check_nesting(lesson)


def _check_nesting(lesson: Lesson) -> list[Problem]:
    """The first line of the body that nests deeper than DEEPEST, for each way of nesting."""
    found, html = {}, 0
    for n, line in enumerate(lesson.body.split("\n"), start=lesson.body_line + 1):
        text = line.expandtabs(4)
        for tag in _TAG.finditer(text):
            if tag.group(2).lower() not in _VOID and not tag.group(3):
                html = max(html - 1, 0) if tag.group(1) else html + 1
        depth = {"indent": len(text) - len(text.lstrip()) if text.strip() else 0,
                 "quote": len(re.match(r"(\s*>)*", text).group().replace(" ", "")),
                 "html": html}
        for how, (deepest, words) in DEEPEST.items():
            if depth[how] > deepest:
                found.setdefault(how, Problem(lesson.path, n, f"this line is {words}: keep the "
                                              "lesson's layout to a few levels"))
    return list(found.values())


def _check_facts(content: Content, today: datetime.date) -> list[Problem]:
    found = validate(content.topics, "topics") if content.topics else []
    for name, source in content.facts.items():
        found += validate(source, FACT_SCHEMAS.get(name, "facts"))
        for fact_id, entry in source.data.items() if isinstance(source.data, dict) else ():
            review = entry.get("review_by") if isinstance(entry, dict) else None
            if isinstance(review, str) and _date(review) and _date(review) < today:
                found.append(source.problem((fact_id, "review_by"), f'fact "{fact_id}" was due '
                                            f"for review on {review}: check it against "
                                            f"{entry.get('source')} and update verified and "
                                            "review_by", "warning"))
    return found


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _unset(source: Source, data: dict) -> list[Problem]:
    """Notes on what the settings leave unset, and what pages say instead of making it up."""
    found, guard = [], data.get("safeguarding")
    if not (isinstance(guard, dict) and "lead" in guard):  # one written wrongly is an error
        found.append(source.problem(("safeguarding",), "no designated safeguarding lead is "
                                    'named, so pages say "the designated safeguarding lead": '
                                    "add safeguarding.lead if your policy names one", "note"))
    policy = data.get("policy") if isinstance(data.get("policy"), dict) else None
    if policy is not None and not policy.get("review_date"):
        found.append(source.problem(("policy",), "the policy gives no review date, and the "
                                    "policy coverage page says so", "note"))
    return found


def _marks(source: Source, data, where: tuple = ()) -> list[Problem]:
    """Every value a draft marked FILL IN and nobody has filled in yet: the build refuses to
    put one on a page."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _marks(source, v, where + (k,))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _marks(source, v, where + (i,))]
    if not isinstance(data, str) or draft.MARK not in data:
        return []
    words = place(where)
    return [source.problem(where, f'{words[:1].upper()}{words[1:]} is still marked '
                           f'{draft.MARK}: "{data}". Write your own words there, or delete the '
                           "line")]


def _check_guide_pages(content: Content) -> list[Problem]:
    """The wording rules on the parents' guide pages (``content/parents/``), read as written."""
    found = []
    for path in sorted((content.root / coverage.PAGES).rglob("*.md")):
        shown = path.relative_to(content.root).as_posix()
        text, unread = read_text(path, shown)
        found += unread
        lines = text.split("\n") if text is not None else []
        found += [Problem(shown, i + 1, message, "warning")
                  for i, message in reading.line_warnings(lines, "parents")]
    return found


def _check_school(content: Content) -> list[Problem]:
    source = content.school
    if source is None or not isinstance(source.data, dict):  # the loader has said why
        return []
    found = validate(source, "school") + _marks(source, source.data)
    data = source.data
    logo = data.get("logo")
    if isinstance(logo, str) and not (content.root / "schools" / logo).is_file():
        found.append(source.problem(("logo",), f'logo "{logo}" does not exist (looked in '
                                    "schools/)"))
    found += _unset(source, data)
    rules = data.get("rules") if isinstance(data.get("rules"), dict) else {}
    for band, items in rules.items():
        for i, rule in enumerate(items if isinstance(items, list) else ()):
            found += [source.problem(("rules", band, i), message, "warning")
                      for message in reading.wording_warnings(str(rule), band)]
    commitments = data.get("commitments") if isinstance(data.get("commitments"), dict) else {}
    for group, items in commitments.items():
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict):
                found += _check_topics(source, ("commitments", group, i, "topics"),
                                       item.get("topics"), content)
    return found
