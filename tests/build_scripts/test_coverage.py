"""The teachers' reference pages: policy coverage (with its build warnings), curriculum coverage
and facts. Small cases run on a copy of ``tests/fixtures/valid/``; the rest on the real content.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import markupsafe
import pytest
import yaml

from build_scripts import build, content, coverage
from build_scripts.render import Renderer

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests/fixtures/valid"
SCHOOLS = sorted(p.stem for p in (ROOT / "schools").glob("*.yml"))
TODAY = datetime.date(2026, 6, 1)

#: A school whose promises the valid tree (one KS1 lesson and one KS1 scenario) partly teaches.
SCHOOL = """\
name: Coverage Test School
short_name: Coverage Test
safeguarding:
  lead: {name: Jo Lead, role: Headteacher}
trusted_adults: [your class teacher]
how_to_tell: [Tell any grown-up in school.]
rules:
  ks1: [I keep my password private.]
  ks2: [Use strong passwords.]
commitments:
  pupils:
    - text: We teach pupils to keep personal information private.
      topics: [personal-information]
    - text: We teach pupils to use safe passwords.
      topics: [passwords]
      source: Section 5
    - text: We teach pupils about meeting online friends and passwords.
      topics: [passwords, meeting-online-friends]
  parents:
    - text: We share tips on blocking and reporting.
      topics: [blocking, reporting]
    - text: We talk to you about age limits.
      topics: [age-limits]
parent_expectations:
  - text: Please talk with your child about what they do online.
policy:
  title: Online Safety Policy
  review_date: 2027-09-01
"""
PASSWORDS_KS1 = ('schools/coverage.yml:14: warning: commitment "We teach pupils to use safe '
                 'passwords." is not taught by any KS1 lesson or scenario (its topics: passwords)')


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(VALID, root)
    shutil.copy(ROOT / "facts/topics.yml", root / "facts/topics.yml")  # every topic
    (root / "schools/coverage.yml").write_text(SCHOOL, encoding="utf-8")
    return root


def load(root: Path, school: str = "coverage") -> content.Content:
    loaded, problems = content.load(root, school)
    assert problems == []
    return loaded


def add_page(root: Path, name: str, front: str, title: str = "A guide") -> None:
    page = root / "content/parents" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"---\n{front}---\n# {title}\n\nText.\n", encoding="utf-8")


def test_a_promise_nothing_in_a_band_teaches_is_a_warning_at_its_line(tree):
    found = coverage.problems(load(tree))
    assert [str(p) for p in found] == [PASSWORDS_KS1]
    assert [p.level for p in found] == ["warning"]


def test_the_warning_comes_with_every_other_problem_from_the_check(tree):
    _, problems = build.gather_and_check(tree, "coverage", TODAY)
    assert [str(p) for p in problems] == [PASSWORDS_KS1]


def test_a_band_with_no_lessons_or_scenarios_is_left_out(tree):
    rows = coverage.commitments(load(tree))
    assert {row.band for row in rows} == {"ks1"}  # the tree has no KS2 or parents content
    assert len(rows) == 3


def test_each_promise_lists_what_teaches_it_and_the_topics_nothing_teaches(tree):
    rows = {row.text: row for row in coverage.commitments(load(tree))}
    private = rows["We teach pupils to keep personal information private."]
    assert [(m.kind, m.id) for m in private.taught_by] == [("lesson", "keeping-private"),
                                                          ("scenario", "star99")]
    assert private.untaught_topics == ()
    mixed = rows["We teach pupils about meeting online friends and passwords."]
    assert [m.id for m in mixed.taught_by] == ["star99"]
    assert mixed.untaught_topics == ("passwords",)


def test_the_closest_match_comes_first(tree):
    lesson = tree / "lessons/ks1/keeping-private.md"
    lesson.write_text(lesson.read_text().replace(
        "topics: [personal-information, telling-an-adult]",
        "topics: [personal-information, telling-an-adult, passwords, meeting-online-friends]"))
    rows = {row.text: row for row in coverage.commitments(load(tree))}
    mixed = rows["We teach pupils about meeting online friends and passwords."]
    assert [m.id for m in mixed.taught_by] == ["keeping-private", "star99"]


def test_parents_guide_pages_with_topics_count_for_promises_to_parents(tree):
    add_page(tree, "blocking.md", "topics: [blocking]\n", "Blocking and reporting")
    add_page(tree, "handouts/untagged.md", "handout: true\n")
    loaded = load(tree)
    parents = [row for row in coverage.commitments(loaded) if row.group == "parents"]
    assert [(row.text, [m.src for m in row.taught_by]) for row in parents] == [
        ("We share tips on blocking and reporting.", ["parents/blocking.md"]),
        ("We talk to you about age limits.", [])]
    assert parents[0].taught_by[0].title == "Blocking and reporting"
    assert [str(p) for p in coverage.problems(loaded)] == [
        PASSWORDS_KS1,
        'schools/coverage.yml:22: warning: commitment "We talk to you about age limits." is not '
        "taught by any parents' lesson, scenario or guide page (its topics: age-limits)"]
    page = Renderer(loaded).reference_pages()["teachers/coverage.md"]
    row = next(line for line in page.splitlines() if line.startswith("| We share tips"))
    assert row.endswith("| none | none | [Blocking and reporting](../parents/blocking.md) |")


def test_an_unknown_topic_on_a_guide_page_is_an_error_at_its_line(tree):
    add_page(tree, "friends.md", "title: Online friends\ntopics:\n  - blocking\n  - reportng\n")
    found = [p for p in coverage.problems(load(tree)) if p.path.startswith("content/")]
    assert [(str(p), p.level) for p in found] == [
        ('content/parents/friends.md:5: unknown topic "reportng" (did you mean "reporting"?)',
         "error")]


def test_the_coverage_page_flags_what_nothing_teaches(tree):
    page = Renderer(load(tree)).reference_pages()["teachers/coverage.md"]
    assert '!!! warning "Not taught yet: 1 promise in Coverage Test\'s settings"' in page
    assert ("    - **⚠ Not taught for KS1 (ages 5 to 7):** We teach pupils to use safe "
            "passwords. (topics: Passwords)") in page
    row = next(line for line in page.splitlines() if line.startswith("| We teach pupils to use"))
    assert "**⚠ Not taught: nothing for KS1 (ages 5 to 7) has these topics**" in row
    assert "*Section 5*" in row
    mixed = next(line for line in page.splitlines() if "meeting online friends and" in line)
    assert "**Not taught here:** Passwords" in mixed
    assert "There are no lessons or scenarios for KS2 (ages 7 to 11) on this site yet." in page


def test_a_school_with_every_promise_taught_says_so(tree):
    school = tree / "schools/coverage.yml"
    data = yaml.safe_load(SCHOOL)
    data["commitments"] = {"pupils": data["commitments"]["pupils"][:1]}
    school.write_text(yaml.safe_dump(data), encoding="utf-8")
    loaded = load(tree)
    assert coverage.problems(loaded) == []
    page = Renderer(loaded).reference_pages()["teachers/coverage.md"]
    assert '!!! success "Coverage Test: every promise is taught"' in page
    assert "Coverage Test's settings list no promises to parents." in page


@pytest.mark.parametrize("school", SCHOOLS)
def test_every_real_promise_is_taught_in_each_of_its_bands(school):
    loaded = load(ROOT, school)
    rows = coverage.commitments(loaded)
    given = loaded.school.data["commitments"]
    assert len(rows) == 2 * len(given["pupils"]) + len(given.get("parents") or ())
    assert [row.text for row in rows if not row.taught_by] == []
    assert coverage.problems(loaded) == []


def test_the_policy_is_flagged_once_past_its_review_date(tree):
    loaded = load(tree)
    assert not coverage.policy_due(loaded, datetime.date(2027, 9, 1))
    assert coverage.policy_due(loaded, datetime.date(2027, 9, 2))


def cited_by(loaded) -> dict[str, set[tuple[str, str]]]:
    """Statement id -> (kind, id) of each lesson and story listing it, read straight from them."""
    cited: dict[str, set[tuple[str, str]]] = {}
    for lesson in loaded.lessons.values():
        for cid in lesson.meta.data.get("curriculum") or ():
            cited.setdefault(cid, set()).add(("lesson", lesson.id))
    for sid, (_, source) in loaded.scenarios.items():
        for cid in source.data.get("curriculum") or ():
            cited.setdefault(cid, set()).add(("scenario", sid))
    return cited


def test_curriculum_lists_every_statement_with_the_lessons_and_stories_that_teach_it():
    loaded = load(ROOT, "default")
    frameworks = coverage.curriculum(loaded)
    statements = [s for f in frameworks for strand in f["strands"] for s in strand["statements"]]
    assert sorted(s["id"] for s in statements) == sorted(loaded.fact_file("curriculum.yml"))
    assert {s["id"]: {(m.kind, m.id) for m in s["lessons"] + s["stories"]} for s in statements
            if s["taught"]} == cited_by(loaded)
    assert any(s["stories"] for s in statements)
    assert [f["name"] for f in frameworks] == [
        "UKCIS Education for a Connected World (2020 edition)",
        *sorted({s["framework"] for s in statements if s["id"].startswith("dfe-")})]


def test_every_cited_statement_is_known_and_every_statement_has_its_source():
    loaded = load(ROOT, "default")
    known = loaded.fact_file("curriculum.yml")
    assert set(cited_by(loaded)) - set(known) == set()
    for cid, entry in known.items():
        assert {"framework", "strand", "ages", "statement", "source", "source_title", "verified",
                "review_by", "checked"} <= set(entry), cid


def test_the_curriculum_page_shows_the_share_taught_and_lists_the_rest_with_reasons():
    loaded = load(ROOT, "default")
    page = Renderer(loaded).reference_pages()["teachers/curriculum.md"]
    known, cited = loaded.fact_file("curriculum.yml"), cited_by(loaded)
    out = [cid for cid, e in known.items() if e.get("out_of_scope") and cid not in cited]
    untaught = [cid for cid, e in known.items() if not e.get("out_of_scope") and cid not in cited]
    assert out, "nothing is out of scope: this test needs a new example"
    share = round(100 * len(cited) / len(known))
    assert f"**{len(cited)} of {len(known)} statements ({share} %) are taught**" in page
    listed, tail = page.split("## Statements out of scope", 1)
    out_part, untaught_part = tail.split("## Statements not taught yet", 1)
    assert sorted(re.findall(r"^\| `([a-z0-9-]+)`", out_part, re.M)) == sorted(out)
    assert sorted(re.findall(r"^\| `([a-z0-9-]+)`", untaught_part, re.M)) == sorted(untaught)
    for cid in out:
        assert str(markupsafe.escape(known[cid]["out_of_scope"])) in out_part
    for cid in known:
        assert listed.count(f"| `{cid}` ") == 1, cid
    row = next(line for line in listed.splitlines() if line.startswith("| `ecw-4-7-relationships-13` "))
    assert "(../lessons/my-private-things.md)" in row and "(../play/lily-where-are-you.md)" in row


def test_the_facts_page_lists_every_fact_with_its_source_and_check_date():
    loaded = load(ROOT, "default")
    page = Renderer(loaded).reference_pages()["teachers/facts.md"]
    for source in loaded.facts.values():
        for fact_id, entry in source.data.items():
            row = next((line for line in page.splitlines() if line.startswith("| ") and (
                f"`{fact_id}`" in line or f"`{{{{{fact_id}." in line)), None)
            assert row, fact_id
            assert f"]({entry['source']})" in row and entry["verified"] in row, fact_id
    assert "`{{childline.phone}}`" in page  # the reference to write, not its value


def test_a_fact_past_its_review_date_is_flagged_on_the_facts_page():
    loaded = load(ROOT, "default")
    soon = {e["id"]: e["due"] for s in coverage.facts(loaded, TODAY) for e in s["entries"]}
    later = {e["id"]: e["due"] for s in coverage.facts(loaded, datetime.date(2099, 1, 1))
             for e in s["entries"]}
    assert not any(soon.values()) and all(later.values())
