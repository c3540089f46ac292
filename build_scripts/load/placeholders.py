"""``{{fact.field}}`` and ``{{school.key}}`` references in authored text.

Facts (age limits, phone numbers) are written once in ``facts/`` and referred to everywhere
else, so that a changed fact changes on every page at once.
"""

from __future__ import annotations

import re

from build_scripts.pages import markup
from build_scripts.schools import positions

PATTERN = re.compile(r"\{\{\s*([a-z0-9-]+)\.([a-z0-9_]+)\s*\}\}")
SCHOOL_KEYS = ("name", "short_name", "safeguarding_lead", "trusted_adults", *positions.POSITIONS)
#: What pages say for the lead when the policy names none: true, and never a made-up person.
NO_LEAD = "the designated safeguarding lead"
#: What settings may hold where they do not yet name a person: the job's own title as a name,
#: or words left for the school to replace.
JOB_TITLE = re.compile(r"^(the )?(deputy )?(designated safeguarding lead|dsl)$", re.I)
LEFT_TO_REPLACE = re.compile(r"\breplace\b|ask your class teacher", re.I)


def school_values(school: dict) -> dict[str, str]:
    """The text each ``{{school.key}}`` stands for (a position: its one sentence)."""
    adults = school.get("trusted_adults")
    adults = [str(a) for a in adults] if isinstance(adults, list) else []
    return {
        "name": str(school.get("name", "")),
        "short_name": str(school.get("short_name", "")),
        "safeguarding_lead": person(lead(school), NO_LEAD),
        "trusted_adults": join_or(adults),
        **{key: positions.sentence(school, key) for key in positions.POSITIONS},
    }


def lead(school: dict) -> dict | None:
    """The Designated Safeguarding Lead as the settings give them, or None."""
    guard = school.get("safeguarding") if isinstance(school, dict) else None
    found = guard.get("lead") if isinstance(guard, dict) else None
    return found if isinstance(found, dict) and not stand_in(found) else None


def deputies(school: dict) -> list[dict]:
    """The deputy DSLs the settings name."""
    guard = school.get("safeguarding") if isinstance(school, dict) else None
    found = guard.get("deputies") if isinstance(guard, dict) else None
    return [who for who in found or () if isinstance(who, dict) and not stand_in(who)]


def stand_in(who: dict) -> bool:
    """Whether a lead or deputy in the settings names no one: the job's title where the name
    goes (or, with no name, as the role), or words left for the school to replace."""
    name, role = (str(who.get(key) or "").strip() for key in ("name", "role"))
    return bool(JOB_TITLE.match(name) or LEFT_TO_REPLACE.search(name + " " + role)
                or not name and JOB_TITLE.match(role))


def person(who: dict | None, unset: str = "") -> str:
    """"Name (Role)", or "the Role" when the policy gives only the role; ``unset`` for none."""
    if not who:
        return unset
    if who.get("name"):
        return f"{who['name']} ({who.get('role', '')})"
    return f"the {who.get('role', '')}"


def join_or(items: list[str]) -> str:
    """"a, b or c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1] \
        if items else ""


def lookup(fact_id: str, key: str, facts, school: dict) -> str | None:
    """The value of one reference, or None when it names nothing known."""
    if fact_id == "school":
        return school_values(school).get(key) if key in SCHOOL_KEYS else None
    entry = facts(fact_id)
    if not entry or key not in entry or isinstance(entry[key], (dict, list)):
        return None
    return str(entry[key])


def unknown(text: str, facts, school: dict) -> list[str]:
    """The references in ``text`` that name no fact or school setting. A fact's field whose
    value is a list or a mapping is named all the same: its facts file is blamed for that."""
    if "{{" not in text:  # most text names nothing: the check calls this on every string
        return []
    return [m.group(0) for m in PATTERN.finditer(text)
            if lookup(m.group(1), m.group(2), facts, school) is None
            and not _field(m.group(1), m.group(2), facts)]


def _field(fact_id: str, key: str, facts) -> bool:
    entry = facts(fact_id) if fact_id != "school" else None
    return bool(entry) and key in entry


def fill(text: str, facts, school: dict, markdown: bool = False) -> str:
    """``text`` with every known reference replaced by its value (unknown ones are kept).

    With ``markdown`` the text is a page's Markdown: each value goes in as text (never as
    HTML or Markdown, see ``markup.text``), and the references inside Markdown code are left
    as written, so the authoring guide can show them.
    """
    def one(match: re.Match) -> str:
        value = lookup(match.group(1), match.group(2), facts, school)
        return match.group(0) if value is None else markup.text(value) if markdown else value
    if not markdown:
        return PATTERN.sub(one, text)
    return markup.outside_code(text, lambda part: PATTERN.sub(one, part))
