"""From a school's policy to a first draft of its settings: ``clickwise school draft POLICY``.

Each value is found in the policy's own words by a plain rule (written below, one function a
field), and keeps the sentence and section it came from. What the policy does not say is left
out where the site has an honest default (no safeguarding lead, no review date, no position),
and marked ``FILL IN`` where the school must decide (its rules for pupils, a name it does not
give): ``check`` lists every mark left, and the build refuses to run until none is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_scripts.schools.policy_text import Paragraph

MARK = "FILL IN"
_MONTHS = {m: i for i, m in enumerate(
    ("january february march april may june july august september october november december")
    .split(), start=1)}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 1}
_WHEN = r"((?:\d{1,2}(?:st|nd|rd|th)? )?(?:[A-Z][a-z]+) \d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
_SCHOOL = re.compile(r"\b((?:[A-Z][\w'’-]+ )+?(?:(?:of|the|and|&) (?:[A-Z][\w'’-]+ )+)*?"
                     r"(?:(?:C of E|CE|Church of England|Catholic|Community|Infant|Junior|"
                     r"Primary|Academy) )*(?:School|Academy))\b")
_GENERIC = re.compile(r"\s+(?:(?:C of E|CE|Church of England|Catholic|Community|Infant|Junior|"
                      r"Primary|Nursery|and|&)\s+)*(?:School|Academy)$")
_PERSON = r"((?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?[A-Z][a-z]+(?: [A-Z][a-z'’-]+)+)"
#: Words that suggest a promise's topics (facts/topics.yml); a candidate may have none.
TOPIC_WORDS = {
    "personal-information": r"personal (?:details|information)|identify them|private information",
    "privacy-settings": r"privacy|profiles? private|private account|deny access",
    "location": r"location",
    "blocking": r"\bblock",
    "reporting": r"\breport",
    "telling-an-adult": r"trusted adult|tell (?:an|a) adult|concerns? (?:through|to)",
    "age-limits": r"\bage\b|under(?:age| the age)",
    "meeting-online-friends": r"\bmeet",
    "passwords": r"password",
    "online-bullying": r"bully",
    "sharing-pictures": r"images?|photos?|pictures?|imagery|videos?",
    "kindness": r"respect|kind|inappropriate comments|threatening|hurtful|anonymous|alias|"
                r"damaging|complain",
}
#: Rules that find a position in a sentence: (position, value, pattern).
POSITION_RULES = (
    ("event_photos", "not-posted", r"not permitted to post any (?:imagery|images|photos)|"
     r"(?:must|should) not post (?:any )?(?:photos|images)[^.]*school (?:events|activities)"),
    ("event_photos", "own-child-only", r"images of children other than their own|"
     r"only (?:post|share) (?:photos|images)[^.]*(?:their|your) own child"),
    ("event_photos", "ask-families", r"permission of (?:the )?(?:other )?(?:parents|families)"
     r"[^.]*(?:photo|image)"),
    ("under_age_accounts", "not-permitted", r"not to sign up to any [^.]*age restriction|"
     r"will not create accounts for pupils under|(?:should|must) not (?:have|hold|open) "
     r"(?:social media )?accounts[^.]*(?:age|13)"),
    ("under_age_accounts", "family-decision", r"(?:parents|families) (?:decide|choose)[^.]*"
     r"(?:account|social media)"),
    ("devices_in_school", "no-social-media", r"social media[^.]*not permitted for pupils|"
     r"pupils will not access social media at school|pupils (?:are not permitted|may not) "
     r"(?:to )?(?:use|access) social media"),
    ("devices_in_school", "devices-handed-in", r"(?:phones?|devices?)[^.]*handed in"),
    ("devices_in_school", "no-own-devices", r"pupils (?:are not allowed|may not) (?:to )?bring "
     r"(?:mobile )?phones"),
    ("contacting_staff", "school-channels-only", r"(?:friend|contact)[”\"]? (?:or otherwise "
     r"contact )?members of staff through their personal|staff will not use any personal "
     r"social media accounts to contact|should not give their personal contact details to "
     r"children"),
    ("raising_concerns", "through-school", r"(?:complaints or concerns|concerns) through the "
     r"school'?s official channels|official procedures for reporting concerns"),
    ("chat_groups", "same-rules", r"(?:follow|apply)[^.]*(?:class )?whatsapp groups"),
    ("chat_groups", "not-school-channels", r"(?:whatsapp|chat) groups? (?:are|is) not "
     r"(?:run|monitored|official)"),
)
SERVICES = ("Thinkuknow", "CEOP", "Childline", "NSPCC", "Internet Matters", "UK Safer Internet "
            "Centre", "Net Aware", "Parent Zone", "Report Harmful Content", "Kooth",
            "Common Sense Media", "National Online Safety", "Parent Info")


@dataclass(frozen=True)
class Found:
    """A value found in the policy, with the sentence and section it came from."""

    value: object
    sentence: str = ""
    section: str = ""


@dataclass
class Draft:
    """Everything found in one policy; None or empty where the policy does not say."""

    name: Found | None = None
    short_name: str = ""
    lead: Found | None = None
    online_safety_lead: Found | None = None
    title: Found | None = None
    adopted: Found | None = None
    review_date: Found | None = None
    pupils: list[Found] = field(default_factory=list)
    parents: list[Found] = field(default_factory=list)
    positions: dict[str, Found] = field(default_factory=dict)
    signposts: list[Found] = field(default_factory=list)
    blocked: Found | None = None
    slug: str = "my-school"


def find(paragraphs: list[Paragraph]) -> Draft:
    """A draft of a school's settings from its policy's paragraphs."""
    sentences = _in_context(paragraphs)
    draft = Draft(name=_name(paragraphs))
    draft.short_name = _GENERIC.sub("", str(draft.name.value)) if draft.name else ""
    draft.slug = slug(draft.short_name) or draft.slug
    draft.lead, draft.online_safety_lead = _lead(sentences), _online_lead(sentences)
    draft.title = _title(paragraphs)
    draft.adopted, draft.review_date = _dates(paragraphs)
    draft.pupils, draft.parents = _listed(paragraphs)
    draft.positions = _positions(sentences)
    draft.signposts, draft.blocked = _signposts(sentences), _blocked(paragraphs)
    return draft


def slug(name: str) -> str:
    """A settings file's name: a name in lower-case words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences (a list item is one sentence)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text) if s.strip()]


def topics(text: str) -> list[str]:
    """The topics a sentence's words suggest, in the order of facts/topics.yml."""
    return [t for t, pattern in TOPIC_WORDS.items() if re.search(pattern, text, re.I)]


# --- one rule a field ----------------------------------------------------------------------

def _name(paragraphs: list[Paragraph]) -> Found | None:
    """The first school's name on the first page (a name may run over two lines there)."""
    head = " ".join(p.text for p in paragraphs[:40])
    match = _SCHOOL.search(head)
    if not match:
        return None
    return Found(" ".join(match.group(1).split()), match.group(1), "the policy's first page")


def _lead(sentences) -> Found | None:
    for sentence, paragraph in sentences:
        match = re.search(r"(?:Designated Safeguarding Lead|DSL)\)?(?: is|,|:)\s+" + _PERSON +
                          r"(?:,\s*([a-z][a-z -]+?))?[,.;]", sentence)
        if match:
            role = (match.group(2) or "").strip()
            role = f"{role[:1].upper()}{role[1:]} and Designated Safeguarding Lead" if role \
                else "Designated Safeguarding Lead"
            return Found({"name": match.group(1), "role": role}, sentence, paragraph.section)
    return None


def _online_lead(sentences) -> Found | None:
    for sentence, paragraph in sentences:
        match = re.search(r"(E-Safety|Online Safety) (Co-ordinator|Coordinator|Lead)\s*"
                          r"\(currently (?:the )?([A-Z][\w ]+?)\)", sentence, re.I)
        if match:
            role = f"{match.group(3)} and {match.group(1)} {match.group(2)}"
            return Found({"role": role}, sentence, paragraph.section)
        match = re.search(r"(?:DSL|Designated Safeguarding Lead)\)?, " + _PERSON +
                          r", ([a-z][a-z ]+), is recognised as having overall responsibility "
                          r"for online safety", sentence)
        if match:
            return Found({"name": match.group(1), "role": match.group(2).capitalize()},
                         sentence, paragraph.section)
    return None


def _title(paragraphs: list[Paragraph]) -> Found | None:
    for paragraph in paragraphs[:60]:
        match = re.search(r"\b((?:Online Safety|E-Safety|Social Media|Acceptable Use|"
                          r"Mobile and Smart Technology)(?: and [A-Z][a-z]+)? Policy)\b",
                          paragraph.text, re.I)
        if match:
            return Found(match.group(1).title().replace("E-safety", "E-Safety"),
                         paragraph.text, "the policy's first page")
    return None


def _dates(paragraphs: list[Paragraph]) -> tuple[Found | None, Found | None]:
    """(adopted, review date): the first each of the policy's labels gives."""
    adopted = review = None
    for paragraph in paragraphs:
        text = paragraph.text
        for label in (r"Date Adopted(?: by \w+)?", r"Date agreed by \w+", r"Reviewed Date",
                      r"(?<!Review )(?<!adoption )\bDate"):
            if re.search(r"\b(?:Complied|Compiled|Written|Prepared) by\b", text):
                break  # when it was written, not when it was agreed
            match = adopted is None and re.search(label + r":?\s+" + _WHEN, text)
            if match and _iso(match.group(1)):
                adopted = Found(_iso(match.group(1)), text, paragraph.section or "cover page")
                break
        match = review is None and re.search(
            r"(?:Re-adoption Date|Next Review Date|Review Date|Next review|next scheduled "
            r"review date for this policy is):?\s+" + _WHEN, text, re.I)
        if match and _iso(match.group(1)):
            review = Found(_iso(match.group(1)), text, paragraph.section or "cover page")
    return adopted, review


def _iso(when: str) -> str | None:
    """A date as YYYY-MM-DD; a month alone is its 1st, a season its first month."""
    numeric = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{2,4})", when)
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
        year += 2000 if year < 100 else 0
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 \
            else None
    words = when.replace(",", "").split()
    month = _MONTHS.get(words[-2].lower()) or _SEASONS.get(words[-2].lower())
    day = int(re.sub(r"\D", "", words[0])) if len(words) == 3 else 1
    return f"{int(words[-1]):04d}-{month:02d}-{day:02d}" if month else None


_PUPILS = r"\b(?:pupils?|children|learners|students)\b"
_PARENTS = r"\bparents?\b"
_ASKS = r"\b(?:will|should|must|are|is|encourag\w*|expect\w*|advised|instructed|taught|" \
        r"educated|responsible|require)\b"


def _in_context(paragraphs: list[Paragraph]) -> list[tuple[str, Paragraph]]:
    """Every sentence, and each list item with the words that introduce it ("Parents should
    not use social media to: [...] post images ..."), so that it says what it means alone."""
    found, lead, first = [], None, None
    for paragraph in paragraphs:
        if lead and in_list(lead, paragraph, first):
            first = first or paragraph
            found.append((f"{lead.text} […] {paragraph.text}", paragraph))
            continue
        lead = paragraph if re.search(r"(?::|\bto)$", paragraph.text) else None
        first = None
        found += [(s, paragraph) for s in split_sentences(paragraph.text)]
    return found


def _listed(paragraphs: list[Paragraph]) -> tuple[list[Found], list[Found]]:
    """Candidate promises to pupils and expectations of parents: list items under a lead-in
    about pupils or parents ("Pupils will be advised:"), and sentences that say what pupils
    or parents will or will not do."""
    pupils, parents, lead, first = [], [], None, None
    for paragraph in paragraphs:
        if lead and in_list(lead, paragraph, first):
            first = first or paragraph
            text = f"{lead.text.rstrip(':')} {paragraph.text[:1].lower()}{paragraph.text[1:]}"
            if re.search(_ASKS, lead.text, re.I):
                found = Found(text.rstrip(".") + ".", paragraph.text,
                              lead.section if lead.number else paragraph.section)
                _sort(lead.text, found, pupils, parents, anchored=False)
            continue
        lead = paragraph if re.search(r"(?::|\bto)$", paragraph.text) else None
        first = None
        for sentence in () if lead else split_sentences(paragraph.text):
            _sort(sentence, Found(sentence, sentence, paragraph.section), pupils, parents)
    return pupils, parents


def in_list(lead: Paragraph, paragraph: Paragraph, first: Paragraph | None = None) -> bool:
    """Whether a paragraph is an item of the list that ``lead`` opens (``first``: its first
    item, whose bullet the others share)."""
    if not paragraph.bullet or (first and paragraph.marker != first.marker):
        return False
    return not lead.bullet or paragraph.marker != lead.marker or paragraph.depth > lead.depth


def _sort(about: str, found: Found, pupils: list, parents: list, anchored=True) -> None:
    """Put a candidate with the pupils' or the parents' (or both, or neither), by who its
    sentence (or its list's lead-in) is about: it starts with them, or with "We", "The
    school" or the school's name and then them."""
    if not re.search(_ASKS, about, re.I) or re.match(r"^(?:all )?staff\b", about, re.I):
        return
    if any(found.value == known.value for known in pupils + parents):
        return  # the same words again (a policy may repeat its opening in its first section)
    if re.match(r"^all members of (?:our|the)(?: school)? community\b", about, re.I):
        pupils.append(found)
        parents.append(found)
        return
    subject = re.match(r"^(?:(?:as such|therefore),\s*)?(?:the school|we|[A-Z][\w ]{0,40}?"
                       r"(?:School|Academy))\b[^.]{0,60}?\b(pupils|parents)", about, re.I)
    starts = subject.group(1) if subject else about
    start = "^(?:all )?" if anchored else ""
    if re.search(start + _PUPILS, starts, re.I):
        pupils.append(found)
    if re.search(start + r"(?:(?:pupils|children) and )?" + _PARENTS, starts, re.I):
        parents.append(found)


def _positions(sentences) -> dict[str, Found]:
    found: dict[str, Found] = {}
    for sentence, paragraph in sentences:
        for key, value, pattern in POSITION_RULES:
            if key not in found and re.search(pattern, sentence, re.I):
                found[key] = Found(value, sentence, paragraph.section)
    return found


def _signposts(sentences) -> list[Found]:
    """Outside services the policy names: websites, and services families are often sent to."""
    found, seen = [], set()
    for sentence, paragraph in sentences:
        for site in re.findall(r"(?:https?://|www\.)[\w./-]+\w", sentence):
            if site not in seen:
                seen.add(site)
                found.append(Found({"website": site}, sentence, paragraph.section))
        for name in SERVICES:
            if re.search(rf"\b{re.escape(name)}\b", sentence) and name not in seen:
                seen.add(name)
                found.append(Found({"name": name}, sentence, paragraph.section))
    return found


def _blocked(paragraphs: list[Paragraph]) -> Found | None:
    for i, paragraph in enumerate(paragraphs):
        if re.search(r"not accessible|are blocked|is blocked", paragraph.text) and \
                paragraph.text.endswith(":"):
            items: list[Paragraph] = []
            for item in paragraphs[i + 1:]:
                if not in_list(paragraph, item, items[0] if items else None):
                    break
                items.append(item)
            items = [item.text for item in items]
            if items:
                return Found(items, paragraph.text, paragraph.section)
    return None
