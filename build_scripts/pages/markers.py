"""Tables generated from facts and school settings where a page asks for them.

A hand-written page writes ``<!-- facts:age-limits -->`` (or ``facts:helplines``,
``school:parent-expectations``, ``school:contacts``, ``school:rules``, ``school:signposts``, or
``school:position:<key>`` for one of the school's positions) on a line of its own, and the build
puts the table there, so a fact is typed once and shown everywhere. Every value goes in as text
(``markup.text``), and a link only where it leads to a web page.
"""

from __future__ import annotations

import re

from build_scripts.load import placeholders
from build_scripts.load.content import Content
from build_scripts.pages.markup import link, text
from build_scripts.schools import positions

MARKER = re.compile(r"^<!-- (facts|school):([a-z_:-]+) -->$", re.M)


def expand(markdown: str, content: Content) -> str:
    """``markdown`` with every known marker replaced by its generated Markdown."""
    def one(match: re.Match) -> str:
        name = match.group(2)
        key = name.removeprefix("position:")
        if match.group(1) == "school" and key != name and key in positions.POSITIONS:
            return positions.block_markdown(content.school.data, key)
        maker = MAKERS.get(f"{match.group(1)}:{name}")
        return maker(content) if maker else match.group(0)
    return MARKER.sub(one, markdown)


def age_limits(content: Content) -> str:
    """The age-limits table (on a phone, a card an app: its name and age side by side)."""
    rows = ['<div class="cw-age-limits" markdown>', "",
            "| App or game | Minimum age or rating | What it means | Source (checked) |",
            "|---|---|---|---|"]
    for entry in content.fact_file("age-limits.yml").values():
        if not {"minimum_age", "up_to_age", "pegi"} & set(entry):
            continue  # a safety feature (roblox-chat), not an age or rating: pages say it in words
        age = _age(entry)
        rows.append(f"| {text(entry['name'])} | {text(age)} | {text(entry.get('summary', ''))} | "
                    f"{link(entry.get('source_title', 'source'), entry['source'])} "
                    f"({text(entry['verified'])}) |")
    return "\n".join(rows) + "\n\n</div>\n"


def _age(entry: dict) -> str:
    if "up_to_age" in entry:
        return f"Made for children up to {entry['up_to_age']}, set up by a parent"
    if "minimum_age" in entry:
        return f"{entry['minimum_age']}+"
    return entry.get("pegi_label", f"PEGI {entry.get('pegi')}")


def helplines(content: Content) -> str:
    """Each helpline: its name (a link to it), its phone number (a ``tel:`` link once the page
    is built), who it is for, and its address written out for a printed page."""
    lines = []
    for entry in content.fact_file("helplines.yml").values():
        name, website, phone = entry["name"], entry.get("website"), str(entry.get("phone") or "")
        called = phone and phone in name  # "Emergency services (999)": the number is the link
        title = link(name, website) if website and not called else text(name)
        phone = f", {text(phone)}" if phone and not called else ""
        address = f" ({link(website, website)})" if website else ""
        lines.append(f"- **{title}**{phone}: {text(entry.get('for_parents', ''))}{address}")
    return "\n".join(lines) + "\n"


def parent_expectations(content: Content) -> str:
    school = content.school.data
    return "\n".join(f"- {text(e['text'])}" for e in school.get("parent_expectations") or ()) \
        + "\n"


def signposts(content: Content) -> str:
    """The outside services the school's policy points families to (nothing when none)."""
    lines = []
    for entry in content.school.data.get("signposts") or ():
        said = f": {text(entry['text'])}" if entry.get("text") else ""
        lines.append(f"- **{text(entry['name'])}**{_phone(entry)}{said}{_website(entry)}")
    if not lines:
        return ""
    return (f"{text(content.school.data['short_name'])} also points families to:\n\n"
            + "\n".join(lines) + "\n")


def _phone(entry: dict) -> str:
    return f" **{text(entry['phone'])}**" if entry.get("phone") else ""


def _website(entry: dict) -> str:
    return f" {link(entry['website'], entry['website'])}" if entry.get("website") else ""


def contacts(content: Content) -> str:
    school = content.school.data
    lead = placeholders.person(placeholders.lead(school))
    lines = [f"- **Designated safeguarding lead:** {text(lead)}" if lead else
             "- The school office can put you in touch with the designated safeguarding lead."]
    lines += [f"- **Deputy:** {text(placeholders.person(d))}" for d in placeholders.deputies(school)]
    for key, label in (("phone", "Phone"), ("email", "Email"), ("website", "Website"),
                       ("address", "Address")):
        if (school.get("contact") or {}).get(key):
            lines.append(f"- **{label}:** {text(school['contact'][key])}")
    return f"**{text(school['name'])}**\n\n" + "\n".join(lines) + "\n"


def rules(content: Content) -> str:
    school = content.school.data["rules"]
    return "".join(f"\n**{band.upper()}**\n\n" + "\n".join(f"- {text(r)}" for r in school[band])
                   + "\n" for band in ("ks1", "ks2"))


MAKERS = {"facts:age-limits": age_limits, "facts:helplines": helplines,
          "school:parent-expectations": parent_expectations, "school:contacts": contacts,
          "school:rules": rules, "school:signposts": signposts}
