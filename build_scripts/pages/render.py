"""Turn the checked content into MkDocs pages (Markdown with HTML blocks) and scenario JSON.

Nothing here writes into the source tree: the hooks hand these strings to MkDocs as virtual
files, and the scenario JSON goes straight into the built site.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import markupsafe

import quiz_engine
from build_scripts.load import placeholders
from build_scripts.load.content import Content
from build_scripts.pages import lesson_markup, markup, present, scenario_map, terms
from build_scripts.schools import coverage, positions

TEMPLATES = Path(__file__).parent / "templates"
BAND_NAMES = {"ks1": "KS1 (ages 5 to 7)", "ks2": "KS2 (ages 7 to 11)", "parents": "Parents"}
#: Where each band's list of stories is, from the site's root: "Choose another story" at an ending.
STORY_LISTS = {"ks1": "pupils/ks1/", "ks2": "pupils/ks2/",
               "parents": "parents/#for-a-parents-evening-or-on-your-own"}


@dataclass
class Site:
    """What the build adds: pages by source path, and extra files by site path."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


def environment() -> jinja2.Environment:
    """The Jinja environment for our templates. Every value a template writes is text, in HTML
    and in Markdown alike (``markup.finalize``), unless it is marked safe."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, finalize=markup.finalize,
                             undefined=jinja2.ChainableUndefined)
    env.filters.update(band_name=lambda band: BAND_NAMES.get(band, band),
                       lesson_markup=lesson_markup.render, page_title=markup.page_title,
                       code=markup.code, link=markup.link)
    return env


def people(school: dict) -> dict:
    """Who leads safeguarding, in words for pages: only as the settings name them. ``lead`` is
    "" when the policy names no lead, and ``lead_name`` then says the role without a name."""
    guard = school.get("safeguarding") or {}
    lead = placeholders.lead(school)
    return {"lead": placeholders.person(lead),
            "lead_name": (lead or {}).get("name") or placeholders.person(lead,
                                                                        placeholders.NO_LEAD),
            "deputies": [placeholders.person(d) for d in placeholders.deputies(school)],
            "online_safety_lead": placeholders.person(guard.get("online_safety_lead"))}


def base_for(src_uri: str) -> str:
    """The relative path from a page's URL back to the site root (directory URLs)."""
    parts = src_uri.removesuffix(".md").split("/")
    depth = len(parts) - (1 if parts[-1] == "index" else 0)
    return "../" * depth


class Renderer:
    """Renders every generated page for one school from the checked content."""

    def __init__(self, content: Content):
        self.content = content
        self.env = environment()
        self.school = content.school.data if content.school else {}
        self.facts = content.fact
        self.people = people(self.school)

    def fill(self, data):
        """``data`` with every facts and school reference in its strings filled in."""
        if isinstance(data, str):
            return placeholders.fill(data, self.facts, self.school)
        if isinstance(data, list):
            return [self.fill(v) for v in data]
        if isinstance(data, dict):
            return {k: self.fill(v) for k, v in data.items()}
        return data

    def scenario(self, scenario_id: str) -> dict:
        """The scenario as the engine plays it: facts filled in, helpers spelt out."""
        band, source = self.content.scenarios[scenario_id]
        data = self.fill(dict(source.data, id=scenario_id))
        used = {h for s in data["scenes"].values() for h in s.get("who_can_help") or ()}
        data["helpers"] = {h: self.helper(h, band) for h in sorted(used)}
        return data

    def helper(self, helper_id: str, band: str) -> dict:
        """Who can help, in words for the band: the school's adults or a helpline."""
        if helper_id == "trusted-adult" and band == "parents":
            return self.school_for_parents()
        if helper_id == "trusted-adult":
            return {"id": helper_id, "name": f"A trusted adult at {self.school['short_name']}",
                    "people": list(self.school["trusted_adults"]),
                    "text": " ".join(self.school["how_to_tell"])}
        entry = self.fill(self.content.fact(helper_id))
        words = {"ks1": "for_pupils", "ks2": "for_ks2"}.get(band, "for_parents")
        return {"id": helper_id, "name": entry["name"], "phone": entry.get("phone"),
                "website": entry.get("website"),
                "text": entry.get(words) or entry.get("for_parents", "")}

    def school_for_parents(self) -> dict:
        """The school as a parent's story names it at an ending: who to talk to, in words for
        adults, with the school's own phone and website where its policy gives them."""
        lead = placeholders.person(placeholders.lead(self.school), placeholders.NO_LEAD)
        contact = self.school.get("contact") or {}
        return {"id": "trusted-adult", "name": self.school["name"],
                "phone": contact.get("phone"), "website": contact.get("website"),
                "text": "Talk to your child's class teacher. If you are worried about a "
                        f"child's safety, ask for {lead}."}

    def render(self, template: str, src_uri: str, **values) -> str:
        """One template, with the values every page needs."""
        folder = posixpath.dirname(src_uri) or "."
        return self.env.get_template(template).render(
            base=base_for(src_uri), school=self.school, people=self.people,
            school_file=self.content.school.path,
            rel=lambda target: markupsafe.escape(posixpath.relpath(target, folder)), **values)

    def site(self) -> Site:
        """Every generated page and data file."""
        site = Site()
        scenarios = {sid: self.scenario(sid) for sid in self.content.scenarios}
        for sid, data in scenarios.items():
            # in the authored order: a screen's controls are drawn in the order they are written
            site.files[f"scenarios/{sid}.json"] = json.dumps(data).encode()
            site.pages[f"play/{sid}.md"] = self.player_page(sid, data)
        site.pages["index.md"] = self.render("home.md.j2", "index.md")
        if self.school.get("logo"):  # checked to exist; shown on the home page
            site.files[f"school/{Path(self.school['logo']).name}"] = (
                self.content.root / "schools" / self.school["logo"]).read_bytes()
        for band in ("ks1", "ks2"):
            cards = [dict(s, face=self.first_view(s)["character"])
                     for s in scenarios.values() if s["band"] == band]
            site.pages[f"pupils/{band}.md"] = self.render(
                "band.md.j2", f"pupils/{band}.md", band=band, cards=cards)
        every = terms.ordered([dict(self.fill(lesson.meta.data), id=lesson.id)
                               for lesson in self.content.lessons.values()])
        lessons = {band: [meta for meta in every if meta["band"] == band]
                   for band in ("ks1", "ks2", "parents")}
        site.pages["teachers/index.md"] = self.render(
            "teachers.md.j2", "teachers/index.md", lessons=lessons,
            scenarios=list(scenarios.values()))
        site.pages["teachers/year-plan.md"] = self.render(
            "year-plan.md.j2", "teachers/year-plan.md", rows=terms.year_plan(every),
            unplanned=[meta for meta in every if terms.when(meta) is None], scenarios=scenarios)
        for sid, data in scenarios.items():
            played, src = quiz_engine.Scenario.from_dict(data), f"teachers/scenarios/{sid}.md"
            site.pages[src] = self.render(
                "scenario-teacher.md.j2", src, scenario=data, map=scenario_map.svg(played),
                endings=scenario_map.outline(played), screens=scenario_map.screens(played))
            site.pages[f"class/{sid}.md"] = present.class_page(self, sid, data)
        site.pages["help.md"] = self.render(
            "help.md.j2", "help.md", helplines=self.fill(self.content.fact_file("helplines.yml")))
        site.pages.update(self.reference_pages())
        for lesson in self.content.lessons.values():
            lesson = dataclasses.replace(lesson, body=positions.resolve(lesson.body, self.school))
            site.pages[f"lessons/{lesson.id}.md"] = self.render(
                "lesson.md.j2", f"lessons/{lesson.id}.md", lesson=self.fill(lesson.meta.data),
                body=markup.lesson_body(lesson.body), scenarios=scenarios)
            site.pages.update(present.lesson_pages(self, lesson, scenarios))
        return site

    def reference_pages(self) -> dict[str, str]:
        """The teachers' policy coverage, curriculum coverage and facts pages."""
        content, frameworks = self.content, coverage.curriculum(self.content)
        return {
            "teachers/coverage.md": self.render(
                "coverage.md.j2", "teachers/coverage.md", rows=coverage.commitments(content),
                bands=coverage.GROUPS, topics=content.topics.data,
                policy_due=coverage.policy_due(content), positions=positions.POSITIONS,
                given=positions.given(self.school), places=positions.places(content),
                sentences={key: positions.sentence(self.school, key)
                           for key in positions.POSITIONS},
                expectations=coverage.expectations(content)),
            "teachers/curriculum.md": self.render(
                "curriculum.md.j2", "teachers/curriculum.md", frameworks=frameworks,
                counts=coverage.curriculum_counts(frameworks)),
            "teachers/facts.md": self.render("facts.md.j2", "teachers/facts.md",
                                             sections=coverage.facts(content))}

    @staticmethod
    def first_view(data: dict) -> dict:
        """What the engine shows first in a scenario (its first scene, drawn at build time)."""
        scenario = quiz_engine.Scenario.from_dict(data)
        return quiz_engine.view(scenario, quiz_engine.start(scenario))

    def player_page(self, scenario_id: str, data: dict) -> str:
        """A scenario's page, with its first scene already drawn by the engine."""
        src = f"play/{scenario_id}.md"
        return self.render("player.md.j2", src, scenario=data, view=self.first_view(data),
                           stories=STORY_LISTS[data["band"]])
