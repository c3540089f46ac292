"""A draft (``build_scripts.schools.draft``) written out as a school settings file, with comments.

Every value found in the policy has a comment above it with the section and sentence it came
from, so the teacher can check it against the policy in one look. What the policy does not say
is either left out with a comment saying so (the site then says nothing made up), or marked
``FILL IN`` where the settings need the school's own words.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import yaml

from build_scripts.schools.draft import MARK, Draft, Found, topics

WIDTH = 98


def to_yaml(draft: Draft, policy: str, neutral: dict) -> str:
    """The settings file text; ``neutral`` is schools/default.yml's data, whose ways to tell
    and rules a policy rarely has."""
    parts = [_header(draft, policy), _names(draft), _safeguarding(draft),
             _pupils_side(neutral), _commitments(draft), _blocked(draft),
             _expectations(draft), _positions(draft), _signposts(draft), _policy(draft)]
    return "\n".join(part.rstrip("\n") + "\n" for part in parts if part)


def summary(draft: Draft) -> list[str]:
    """What was found, one line a kind of value, for the command to print."""
    def said(found: Found | None, what: str) -> str:
        return f"{what}: {found.value}" if found else f"{what}: not in the policy"
    lead = draft.lead.value["name"] if draft.lead else None
    return [said(draft.name, "name"),
            f"safeguarding lead: {lead or 'not named in the policy (no page will name one)'}",
            said(draft.review_date, "review date"),
            f"{len(draft.pupils)} candidate promises to pupils, {len(draft.parents)} "
            "expectations of parents",
            f"positions: {', '.join(f'{k} {v.value}' for k, v in draft.positions.items()) or 'none'}",
            f"outside services named: {len(draft.signposts)}"]


def marks(text: str) -> int:
    """How many values a settings file still has marked for the teacher."""
    return sum(MARK in line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _q(text) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(str(text), ensure_ascii=False)


def _from(found: Found, indent: str = "") -> str:
    """A comment saying where a value came from, the sentence wrapped."""
    where = f"{found.section}: " if found.section else ""
    lines = textwrap.wrap(f'{where}"{found.sentence}"', WIDTH - len(indent) - 2)
    return "".join(f"{indent}# {line}\n" for line in lines)


def _comment(text: str, indent: str = "") -> str:
    return "".join(f"{indent}# {line}\n" for line in textwrap.wrap(text, WIDTH - len(indent) - 2))


def _header(draft: Draft, policy: str) -> str:
    return _comment(
        f"Draft settings for {draft.name.value if draft.name else 'your school'}, made by "
        f"`clickwise school draft` from {policy}. Above each value is the section and sentence "
        f"of the policy it came from: check each against the policy. Where the policy says "
        f"nothing, the key is left out (the site then claims nothing) or the value says "
        f"{MARK}: `clickwise check --school {draft.slug}` lists every {MARK} left, and the "
        "site is not built until each is filled in or deleted.")


def _names(draft: Draft) -> str:
    if not draft.name:
        return (f"name: {_q(MARK + ': the school' + chr(39) + 's full name')}\n"
                f"short_name: {_q(MARK + ': a short name for headings')}\n")
    return (_from(draft.name) + f"name: {_q(draft.name.value)}\n"
            f"short_name: {_q(draft.short_name)}  # the name without its kind of school\n")


def _person(value: dict) -> str:
    return "{" + ", ".join(f"{k}: {_q(v)}" for k, v in value.items()) + "}"


def _safeguarding(draft: Draft) -> str:
    if not draft.lead and not draft.online_safety_lead:
        return _comment("The policy names no designated safeguarding lead, so there is no "
                        "`safeguarding:` key and no page names one. Add `safeguarding: {lead: "
                        "{name: ..., role: ...}}` from your child protection policy.")
    text = "safeguarding:\n"
    for key, found in (("lead", draft.lead), ("online_safety_lead", draft.online_safety_lead)):
        if found:
            text += _from(found, "  ") + f"  {key}: {_person(found.value)}\n"
    if not draft.lead:
        text += _comment("The policy names no designated safeguarding lead: add `lead:` from "
                         "your child protection policy, or leave it out.", "  ")
    return text


def _pupils_side(neutral: dict) -> str:
    """Who pupils tell and the rules: the neutral school's, marked for the teacher to check."""
    text = _comment("Who pupils can tell, and how: the neutral school's words, true in any "
                    "school. Change them to your own if you like.")
    text += yaml.safe_dump({"trusted_adults": neutral["trusted_adults"],
                            "how_to_tell": neutral["how_to_tell"]}, sort_keys=False,
                           allow_unicode=True, width=WIDTH)
    text += "\n" + _comment("Your online safety rules, as pupils read them. These are the neutral "
                     f"school's: keep, change or replace them from your policy, then delete "
                     f"the {MARK} line at the top of each list.")
    text += "rules:\n"
    for band in ("ks1", "ks2"):
        text += f"  {band}:\n    - {_q(MARK + ': check these rules against your policy, then delete this line')}\n"
        text += "".join(f"    - {_q(rule)}\n" for rule in neutral["rules"][band])
    return text


def _commitments(draft: Draft) -> str:
    text = _comment("What the policy promises pupils: each is a sentence of the policy that "
                    "says what pupils will learn, do or not do. Put each in plain words, delete "
                    "any that is not a promise, and give `about: staff` or `about: school` to "
                    "one about what staff or the school do.")
    text += "commitments:\n  pupils:\n"
    if not draft.pupils:
        return text + f"    - text: {_q(MARK + ': what your policy promises to teach pupils')}\n"
    for found in draft.pupils:
        text += _item(found, "    ", topics(str(found.value)))
    return text


def _item(found: Found, indent: str, found_topics: list[str] | None = None) -> str:
    text = f"{indent}- text: {_q(found.value)}\n"
    if found_topics:
        text += f"{indent}  topics: [{', '.join(found_topics)}]\n"
    if found.section:
        text += f"{indent}  source: {_q(found.section)}\n"
    return text


def _blocked(draft: Draft) -> str:
    if not draft.blocked:
        return ""
    return _from(draft.blocked) + "blocked_services: [" + ", ".join(
        _q(item) for item in draft.blocked.value) + "]\n"


def _expectations(draft: Draft) -> str:
    text = _comment("What the policy asks of parents and carers, in its own words: put each "
                    "in plain words, and delete any that is not for parents.")
    text += "parent_expectations:\n"
    if not draft.parents:
        return text + f"  - text: {_q(MARK + ': what your policy asks of parents and carers')}\n"
    return text + "".join(_item(found, "  ") for found in draft.parents)


def _positions(draft: Draft) -> str:
    if not draft.positions:
        return _comment("The policy takes none of the positions pages follow (see the "
                        "school settings guide): pages give the neutral advice.")
    text = _comment("The positions the policy takes: pages for parents and pupils say these. "
                    "Check each value against the sentence it came from.")
    text += "positions:\n"
    for key, found in draft.positions.items():
        text += (f"  {key}:\n    value: {found.value}\n    says: {_q(found.sentence)}\n"
                 f"    source: {_q(found.section or 'the policy')}\n")
    return text


def _signposts(draft: Draft) -> str:
    """Services for families become signposts; the rest (often for staff) stay comments."""
    kept, other = "", ""
    for found in draft.signposts:
        value = found.value
        name = value.get("name") or value["website"]
        entry = f"  - name: {_q(name)}\n"
        if value.get("website"):
            entry += f"    website: {_q(value['website'])}\n"
        entry += f"    source: {_q(found.section or 'the policy')}\n"
        if _for_families(found):
            kept += _from(found, "  ") + entry
        else:
            other += _from(found) + "".join(f"# {line[2:]}\n" for line in entry.splitlines())
    if other:
        other = _comment("The policy also names these, but not for families (staff support, "
                         "say): add any you want on the help pages under `signposts:`.") + other
    return (("signposts:\n" + kept) if kept else "") + other


def _for_families(found: Found) -> bool:
    text = f"{found.sentence} {found.section}".lower()
    return any(word in text for word in ("parent", "famil", "carer", "pupil", "child"))


def _policy(draft: Draft) -> str:
    text = ""
    for found in (draft.title, draft.adopted, draft.review_date):
        if found:
            text += _from(found)
    text += "policy:\n"
    text += f"  title: {_q(draft.title.value if draft.title else MARK + ': the policy' + chr(39) + 's title')}\n"
    if draft.adopted:
        text += f"  adopted: {draft.adopted.value}\n"
    if draft.review_date:
        text += f"  review_date: {draft.review_date.value}\n"
    else:
        text += _comment("The policy gives no review date: the coverage page says so. Add "
                         "`review_date: YYYY-MM-DD` when it has one.", "  ")
    return text


def write(text: str, path: Path) -> None:
    """Write the settings file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
