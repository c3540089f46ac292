"""The positions a school's policy takes that its site must follow, and the words pages say.

A school's settings give ``positions:`` (event photos, accounts under the age limit, devices in
school, contacting staff, raising concerns, chat groups), each with a value, the policy's own
words and its section. Pages follow them in three ways:

- ``{{school.event_photos}}`` in any text (pages, lessons, stories): one sentence, the school's
  rule for its value or, when the school has no position, the neutral advice;
- ``<!-- school:position:event_photos -->`` on a line of its own in a page: that sentence, and
  the policy's own words and section under it when the school has a position;
- a conditional block in a Markdown page or lesson, for a passage that differs::

      <!-- if event_photos is not-posted -->
      ...
      <!-- elif event_photos is own-child-only, ask-families -->
      ...
      <!-- else -->
      ... (a school with no position, or a value not named above)
      <!-- endif -->

``check`` reads every authored page, lesson and story as it reads for each value of each
position, and reports a phrase that contradicts that value (``CONTRADICTED_BY``) outside a block
that leaves it out: so no school's site can say the opposite of its policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.pages import lesson_markup, markup
from build_scripts.problems import Problem
from quiz_engine.check import suggest


@dataclass(frozen=True)
class Position:
    """One kind of position: what it is about, the sentence for each value and for none."""

    title: str
    values: dict[str, str]
    neutral: str


POSITIONS = {
    "event_photos": Position(
        "Photos and videos taken at school events",
        {"not-posted": "{school} asks parents not to post photos or videos of school events "
                       "online at all, not even of their own child. They are for your family to "
                       "keep.",
         "own-child-only": "{school} asks parents to post only photos and videos of their own "
                           "child. Crop out other children, or choose a photo with only your "
                           "child in it.",
         "ask-families": "{school} asks parents to ask the other families first before posting "
                         "a photo or video that shows their child. If you cannot ask, crop "
                         "their child out."},
        "Before you share online, crop out other children, or choose a photo with only your "
        "child in it. If in doubt, keep it off social media."),
    "under_age_accounts": Position(
        "Accounts on apps below their age limit",
        {"not-permitted": "{school} asks that pupils do not sign up to apps, games or sites "
                          "with an age limit above their age.",
         "family-decision": "{school} leaves this to each family. If you decide to say yes, "
                            "some apps let a parent set up a supervised account for a younger "
                            "child: these are worth a look."},
        "When to say yes is your family's decision. Some apps also let a parent set up a "
        "supervised account for a younger child: these are worth a look."),
    "devices_in_school": Position(
        "Pupils' own devices and social media in school",
        {"no-social-media": "At {school}, pupils do not use social media during the school day.",
         "devices-handed-in": "At {school}, pupils who bring a phone or smartwatch hand it in at "
                              "the start of the day, and do not use social media in school.",
         "no-own-devices": "At {school}, pupils do not bring their own phones, tablets or "
                           "smartwatches to school."},
        "Ask the school about its rules for phones, smartwatches and social media during the "
        "school day."),
    "contacting_staff": Position(
        "Contacting staff",
        {"school-channels-only": "Please contact staff through {school}'s own channels, such "
                                 "as the office or school email, not through their personal "
                                 "social media."},
        "Contact staff through the school office or the school's own messages, not through "
        "their personal social media."),
    "raising_concerns": Position(
        "Raising a worry or complaint",
        {"through-school": "Please bring any worry or complaint to {school} through its "
                           "official channels, so it can be dealt with properly, not to social "
                           "media or a group chat."},
        "If you have a worry about school, a child or a member of staff, take it to the school "
        "directly, not to social media or a group chat."),
    "chat_groups": Position(
        "Class and parent chat groups",
        {"same-rules": "{school}'s rules for social media apply in class and parent chat "
                       "groups, such as WhatsApp groups, too.",
         "not-school-channels": "Class and parent chat groups are not run by {school}, and "
                                "staff do not read them: bring anything about school straight "
                                "to the school."},
        "Class chat groups are not the school's own channels: keep them kind, and take anything "
        "about school to the school."),
}

_PHOTO = r"(?:photos?|pictures?|videos?|images?)"
#: Phrases (regular expressions, any case) that contradict each value: a page that says one
#: of them must not be shown to a school with that value.
CONTRADICTED_BY = {
    ("event_photos", "not-posted"): (
        r"crop (?:out )?other children", r"crop (?:them|their child|other children) out",
        rf"only (?:post|share) {_PHOTO}[^.]{{0,40}}? of (?:your|their) own child",
        rf"(?:post|share) only {_PHOTO}[^.]{{0,30}}? of (?:your|their) own child",
        r"choose a (?:photo|picture) with only your child"),
    ("event_photos", "own-child-only"): (
        r"ask (?:the )?other famil(?:y|ies)[^.]{0,40}(?:first|before)",
        rf"not (?:to )?post (?:any )?{_PHOTO}[^.]{{0,50}}\bat all\b"),
    ("event_photos", "ask-families"): (
        rf"only (?:post|share) {_PHOTO}[^.]{{0,40}}? of (?:your|their) own child",
        rf"(?:post|share) only {_PHOTO}[^.]{{0,30}}? of (?:your|their) own child",
        rf"not (?:to )?post (?:any )?{_PHOTO}[^.]{{0,50}}\bat all\b"),
    ("under_age_accounts", "not-permitted"): (
        r"supervised account", r"whether to keep the account", r"keep the account for now",
        r"family'?s? (?:own )?decision"),
    ("under_age_accounts", "family-decision"): (
        r"not permitted to (?:have|sign up|join)", r"(?:the school|we) (?:does|do) not allow"),
    ("devices_in_school", "no-social-media"): (
        r"(?:can|may) (?:use|check|go on) (?:social media|(?:their|your) phones?)[^.]{0,20}"
        r" (?:at|in) school",),
    ("devices_in_school", "devices-handed-in"): (
        r"(?:can|may) (?:use|check|go on) (?:social media|(?:their|your) phones?)[^.]{0,20}"
        r" (?:at|in) school", r"keep (?:their|your) phones? (?:with them|in (?:their|your) bag)"),
    ("devices_in_school", "no-own-devices"): (
        r"(?:can|may) bring (?:a|their|your) (?:own )?(?:phone|tablet|device)s? (?:to|into) "
        r"school",),
    ("contacting_staff", "school-channels-only"): (
        r"(?:add|friend|follow|message) (?:your child's |the )?teachers? on (?:their )?"
        r"(?:personal )?(?:social media|facebook|instagram|whatsapp)",),
    ("raising_concerns", "through-school"): (
        r"post (?:about )?(?:it|your (?:worry|complaint)) (?:in|on) (?:the )?"
        r"(?:class chat|group|social media)",),
    ("chat_groups", "same-rules"): (r"rules do not apply in (?:the )?(?:class )?chat",),
    ("chat_groups", "not-school-channels"): (
        r"(?:the school|staff) (?:reads?|runs?|moderates?) (?:the )?(?:class )?chats?",),
}
_COMPILED = {k: [re.compile(p, re.I) for p in v] for k, v in CONTRADICTED_BY.items()}
#: Any of them: most text has none, and one search says so.
_ANY = re.compile("|".join(f"(?:{p})" for v in CONTRADICTED_BY.values() for p in v), re.I)

BLOCK = re.compile(r"^<!-- (if|elif) ([a-z_]+) is ([a-z-]+(?:, ?[a-z-]+)*) -->$|"
                   r"^<!-- (else|endif) -->$")
PLACEHOLDER = re.compile(r"\{\{\s*school\.([a-z_]+)\s*\}\}")
MARKER = re.compile(r"^<!-- school:position:([a-z_]+) -->$")


def given(school: dict) -> dict[str, dict]:
    """The positions a school's settings give, by key (only well-formed ones)."""
    positions = school.get("positions") if isinstance(school, dict) else None
    return {k: v for k, v in (positions or {}).items()
            if k in POSITIONS and isinstance(v, dict) and v.get("value") in POSITIONS[k].values}


def value(school: dict, key: str) -> str | None:
    """The school's value for one position, or None when its policy takes none."""
    return (given(school).get(key) or {}).get("value")


def sentence(school: dict, key: str) -> str:
    """The one sentence pages say for a position: the school's rule, or the neutral advice."""
    chosen = value(school, key)
    text = POSITIONS[key].values[chosen] if chosen else POSITIONS[key].neutral
    return text.replace("{school}", str(school.get("short_name", "the school")))


def block_markdown(school: dict, key: str) -> str:
    """A position's sentence, with the policy's own words and section when it has one (all
    shown as text: see ``markup.text``)."""
    said = f"{markup.text(sentence(school, key))}\n"  # a str: Markup + str would escape again
    position = given(school).get(key)
    if position:
        title = (school.get("policy") or {}).get("title", "policy")
        section = markup.text(f'({position.get("source", "")})')  # "(" starts no block
        said += (f'\n!!! quote "What {markup.text(school.get("short_name"))}\'s '
                 f'{markup.text(title)} says {section}"\n'
                 f'    "{markup.text(position.get("says", ""))}"\n')
    return said


# --- conditional blocks ---------------------------------------------------------------------

def resolve(markdown: str, school: dict) -> str:
    """``markdown`` with each conditional block replaced by the branch for this school."""
    if "<!-- if " not in markdown:
        return markdown
    chosen = {key: value(school, key) for key in POSITIONS}
    return "\n".join(text for _, text in _branches(markdown, chosen))


def _branches(markdown: str, chosen: dict[str, str | None]):
    """(line number, line) of the lines shown when each position in ``chosen`` has its value;
    blocks on a position not in ``chosen`` keep every branch (used to read for contradictions)."""
    showing, taken, fenced, block_key = True, False, False, None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if lesson_markup.FENCE.match(line):
            fenced = not fenced
        match = None if fenced else BLOCK.match(line.strip())
        if not match:
            if showing:
                yield number, line
            continue
        kind = match.group(1) or match.group(4)
        if kind == "if":
            block_key, taken = match.group(2), False
        if kind == "endif" or block_key not in chosen:
            showing, block_key = True, None if kind == "endif" else block_key
            continue
        values = {v.strip() for v in (match.group(3) or "").split(",")}
        showing = not taken and (kind == "else" or chosen[block_key] in values)
        taken = taken or showing


def block_problems(markdown: str, path: str, first_line: int = 1) -> list[Problem]:
    """Conditional blocks and position markers that are not well formed, at their lines."""
    found, open_at, fenced = [], None, False
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        if lesson_markup.FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        marker = MARKER.match(line.strip())
        if marker and marker.group(1) not in POSITIONS:
            found.append(Problem(path, number, _unknown(marker.group(1))))
        match = BLOCK.match(line.strip())
        if not match:
            continue
        kind = match.group(1) or match.group(4)
        if kind == "if" and open_at:
            found.append(Problem(path, number, f"<!-- if --> inside the block opened on line "
                                 f"{open_at[0]}: close it with <!-- endif --> first"))
        elif kind != "if" and not open_at:
            found.append(Problem(path, number, f"<!-- {kind} --> without an <!-- if ... --> "
                                 "before it"))
        if kind in ("if", "elif"):
            found += _check_condition(match.group(2), match.group(3), path, number, open_at,
                                      kind)
        open_at = (number, match.group(2)) if kind == "if" else None if kind == "endif" \
            else open_at
    if open_at:
        found.append(Problem(path, open_at[0], "<!-- if --> with no <!-- endif --> after it"))
    return found


def _check_condition(key: str, values: str, path: str, number: int, open_at,
                     kind: str) -> list[Problem]:
    if key not in POSITIONS:
        return [Problem(path, number, _unknown(key))]
    if kind == "elif" and open_at and open_at[1] != key:
        return [Problem(path, number, f'<!-- elif --> on "{key}" in a block on "{open_at[1]}": '
                        "one block follows one position")]
    known = POSITIONS[key].values
    return [Problem(path, number, f'position "{key}" has no value "{v}" (its values: '
                    f'{", ".join(known)})' + suggest(v, known))
            for v in (v.strip() for v in values.split(",")) if v not in known]


def _unknown(key: str) -> str:
    return f'unknown position "{key}" (positions: {", ".join(POSITIONS)})' + suggest(
        key, POSITIONS)


# --- contradictions -------------------------------------------------------------------------

def contradictions(text: str, pairs=None) -> list[tuple[str, str, str]]:
    """(phrase found, position, value) for each phrase in ``text`` that contradicts one of
    ``pairs`` (position, value), by default every value of every position."""
    flat = " ".join(text.split())
    if not _ANY.search(flat):
        return []
    found = []
    for pair in pairs if pairs is not None else _COMPILED:
        for pattern in _COMPILED.get(pair, ()):
            found += [(m.group(0), *pair) for m in pattern.finditer(flat)]
    return found


def markdown_contradictions(markdown: str, path: str, first_line: int = 1) -> list[Problem]:
    """Each phrase a page or lesson shows to a school whose position it contradicts."""
    markdown = PLACEHOLDER.sub("", markdown)
    if not _ANY.search(" ".join(markdown.split())):
        return []
    plain = None if "<!-- if " in markdown else _joined(_branches(markdown, {}))
    found: dict[tuple, list[str]] = {}
    for key, chosen in _COMPILED:
        joined, starts = plain or _joined(_branches(markdown, {key: chosen}))
        for pattern in _COMPILED[(key, chosen)]:
            for match in pattern.finditer(joined):
                number = max(n for offset, n in starts if offset <= match.start())
                found.setdefault((number, match.group(0), key), []).append(chosen)
    return [Problem(path, number + first_line - 1, contradiction_message(phrase, key, values))
            for (number, phrase, key), values in found.items()]


def _joined(lines) -> tuple[str, list[tuple[int, int]]]:
    """The shown lines as one text (a phrase may cross a line break), and where each starts."""
    joined, starts = "", []
    for number, line in lines:
        starts.append((len(joined), number))
        joined += " ".join(line.split()) + " "
    return joined, starts


def contradiction_message(phrase: str, key: str, values: list[str], markdown=True) -> str:
    """What check says about a phrase that contradicts some values of a position."""
    values = " or ".join(dict.fromkeys(values))
    how = (f"put it in a <!-- if {key} is ... --> block that leaves out {values}, or say "
           f"{{{{school.{key}}}}} instead") if markdown else f"say {{{{school.{key}}}}} instead"
    return f'"{phrase}" contradicts the position of a school whose {key} is {values}: {how}'


def _settings_message(phrase: str, key: str, value: str) -> str:
    return (f'"{phrase}" says the opposite of this school\'s own position ({key}: {value}): '
            "change these words")


# --- the check over every authored file -------------------------------------------------------

def problems(content) -> list[Problem]:
    """Badly formed blocks, and every phrase that contradicts a position's value: in pages,
    lessons and stories for any school's values, in the school's settings for its own."""
    found = []
    for path in sorted((content.root / "content").rglob("*.md")):
        shown = path.relative_to(content.root).as_posix()
        text = path.read_text(encoding="utf-8")
        found += block_problems(text, shown) + markdown_contradictions(text, shown)
    for lesson in content.lessons.values():
        first = lesson.body_line + 1
        found += block_problems(lesson.body, lesson.path, first)
        found += markdown_contradictions(lesson.body, lesson.path, first)
        found += _text_contradictions(lesson.meta, lesson.meta.data, None)
    for _, source in content.scenarios.values():
        found += _text_contradictions(source, source.data, None)
    school = content.school.data if content.school else None
    if isinstance(school, dict):
        own = [(key, p["value"]) for key, p in given(school).items()]
        found += [content.school.problem(where, _settings_message(phrase, key, value))
                  for where, phrase, key, value in _strings_contradicting(
                      {k: v for k, v in school.items() if k != "positions"}, own)]
    return found


def _text_contradictions(source, data, pairs) -> list[Problem]:
    """Phrases in every string of a story or a lesson's front matter, one problem a phrase."""
    grouped: dict[tuple, list[str]] = {}
    for where, phrase, key, value in _strings_contradicting(data, pairs):
        grouped.setdefault((where, phrase, key), []).append(value)
    return [source.problem(where, contradiction_message(phrase, key, values, markdown=False))
            for (where, phrase, key), values in grouped.items()]


def _strings_contradicting(data, pairs, where: tuple = ()):
    """(where, phrase, position, value) for each contradicting phrase in every string."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _strings_contradicting(v, pairs, where + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings_contradicting(v, pairs, where + (i,))
    elif isinstance(data, str) and pairs != []:
        for phrase, key, value in contradictions(PLACEHOLDER.sub("", data), pairs):
            yield where, phrase, key, value


def places(content) -> dict[str, list[tuple[str, str]]]:
    """For each position, the pages, lessons and stories that say it: ``(title, src)``, with
    ``src`` the page's path in the site's sources (for links)."""
    found: dict[str, list[tuple[str, str]]] = {key: [] for key in POSITIONS}
    texts = [(_title(p.read_text(encoding="utf-8"), p.stem),
              p.relative_to(content.root / "content").as_posix(), p.read_text(encoding="utf-8"))
             for p in sorted((content.root / "content").rglob("*.md"))]
    for lesson in content.lessons.values():
        data = lesson.meta.data if isinstance(lesson.meta.data, dict) else {}
        texts.append((str(data.get("title", lesson.id)), f"lessons/{lesson.id}.md", lesson.body))
    for scenario_id, (_, source) in content.scenarios.items():
        data = source.data if isinstance(source.data, dict) else {}
        texts.append((str(data.get("title", scenario_id)), f"play/{scenario_id}.md",
                      repr(data)))
    for title, src, text in texts:
        text = markup.CODE.sub("", text)
        named = {m.group(1) for m in PLACEHOLDER.finditer(text)}
        named |= {m.group(1) for m in re.finditer(r"<!-- school:position:([a-z_]+) -->", text)}
        named |= {m.group(1) for m in re.finditer(r"<!-- (?:el)?if ([a-z_]+) is ", text)}
        for key in sorted(named & set(POSITIONS)):
            found[key].append((title, src))
    return found


def _title(markdown: str, fallback: str) -> str:
    heading = re.search(r"^# (.+)$", markdown, re.M)
    return heading.group(1).strip() if heading else fallback
