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

from build_scripts import build, cli
from build_scripts.load import content
from build_scripts.pages import markup
from build_scripts.pages.render import Renderer
from build_scripts.schools import coverage

ROOT = Path(__file__).resolve().parents[3]
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
    - text: We teach pupils to keep their address private and tell a grown-up.
      topics: [personal-information]
    - text: We teach pupils to use safe passwords.
      topics: [passwords]
      source: Section 5
    - text: We teach pupils to keep passwords and addresses private.
      topics: [passwords]
    - text: We keep a record of every online safety incident.
      about: school
  parents:
    - text: We show you how to block and report.
      topics: [blocking, reporting]
    - text: We talk to you about age limits.
      topics: [age-limits]
parent_expectations:
  - text: Please talk with your child about what they do online.
  - text: Please contact staff through the school office.
    position: contacting_staff
policy:
  title: Online Safety Policy
  review_date: 2027-09-01
"""
NOTES = [
    'schools/coverage.yml:14: note: the 2nd promise to pupils ("We teach pupils to use safe '
    'passwords.") is not taught by any KS1 lesson or scenario',
    'schools/coverage.yml:17: note: the 3rd promise to pupils ("We teach pupils to keep '
    'passwords and addresses private.") is not taught by any KS1 lesson or scenario; nearest: '
    'star99, keeping-private']


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


def add_page(root: Path, name: str, front: str, title: str = "A guide",
             body: str = "Text.\n") -> None:
    page = root / "content/parents" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"---\n{front}---\n# {title}\n\n{body}", encoding="utf-8")


def rows_by_text(root: Path) -> dict[str, coverage.Commitment]:
    return {row.text: row for row in coverage.commitments(load(root))}


def test_a_promise_nothing_teaches_is_a_note_at_its_line_with_the_nearest(tree):
    found = coverage.problems(load(tree))
    assert [str(p) for p in found] == NOTES
    assert {p.level for p in found} == {"note"}


def test_notes_come_with_the_check_and_never_stop_a_strict_build(tree, capsys):
    _, problems = build.gather_and_check(tree, "coverage", TODAY)
    assert [str(p) for p in problems] == NOTES
    assert cli.run_check(tree, "coverage", True) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == NOTES and out[-1].startswith("Checked: 0 errors and 0 warnings.")


def test_a_band_with_no_lessons_or_scenarios_is_left_out(tree):
    rows = coverage.commitments(load(tree))
    assert {row.band for row in rows} == {"ks1"}  # the tree has no KS2 or parents content
    assert len(rows) == 4


def test_a_promise_is_taught_by_objectives_that_say_it_not_by_a_shared_topic(tree):
    rows = rows_by_text(tree)
    private = rows["We teach pupils to keep their address private and tell a grown-up."]
    # both share its topic; only the scenario's objectives say "keep ... private"
    assert [(m.kind, m.id) for m in private.taught_by] == [("scenario", "star99")]
    assert private.how == "objectives"


def test_objectives_teach_only_where_a_topic_is_shared_and_the_nearest_are_kept(tree):
    row = rows_by_text(tree)["We teach pupils to keep passwords and addresses private."]
    assert row.taught_by == () and row.how == ""  # star99 says it, but is not about passwords
    assert [m.id for m in row.nearest] == ["star99", "keeping-private"]


def test_taught_by_in_the_settings_names_what_teaches_a_promise(tree):
    school = tree / "schools/coverage.yml"
    school.write_text(SCHOOL.replace("      source: Section 5\n",
                                     "      source: Section 5\n      taught_by: [keeping-private]\n"))
    row = rows_by_text(tree)["We teach pupils to use safe passwords."]
    assert [m.id for m in row.taught_by] == ["keeping-private"] and row.how == "linked"


def test_a_promise_about_the_school_is_apart_and_never_a_note(tree):
    row = rows_by_text(tree)["We keep a record of every online safety incident."]
    assert row.about == "school" and row.nearest == ()
    assert not any("record" in p.message for p in coverage.problems(load(tree)))
    page = Renderer(load(tree)).reference_pages()["teachers/coverage.md"]
    apart = page.split("## Promises about staff and the school", 1)[1]
    assert "| We keep a record of every online safety incident. | the school | pupils |" in apart
    assert "We keep a record" not in page.split("## Promises about staff", 1)[0]


def test_parents_guide_pages_teach_promises_to_parents_by_their_headings(tree):
    add_page(tree, "blocking.md", "topics: [blocking]\n", "Blocking and reporting",
             "## How to block and report\n\nText.\n")
    add_page(tree, "handouts/untagged.md", "handout: true\n")
    loaded = load(tree)
    parents = [row for row in coverage.commitments(loaded) if row.group == "parents"]
    assert [(row.text, [m.src for m in row.taught_by]) for row in parents] == [
        ("We show you how to block and report.", ["parents/blocking.md"]),
        ("We talk to you about age limits.", [])]
    page = Renderer(loaded).reference_pages()["teachers/coverage.md"]
    row = next(line for line in page.splitlines() if line.startswith("| We show you"))
    assert row.endswith("| its objectives say it | none | none | "
                        "[Blocking and reporting](../parents/blocking.md) |")


def test_an_unknown_topic_on_a_guide_page_is_an_error_at_its_line(tree):
    add_page(tree, "friends.md", "title: Online friends\ntopics:\n  - blocking\n  - reportng\n")
    found = [p for p in coverage.problems(load(tree)) if p.path.startswith("content/")]
    assert [(str(p), p.level) for p in found] == [
        ('content/parents/friends.md:5: unknown topic "reportng" (did you mean "reporting"?)',
         "error")]


def test_the_coverage_page_flags_what_nothing_teaches_with_the_nearest(tree):
    page = Renderer(load(tree)).reference_pages()["teachers/coverage.md"]
    assert '!!! warning "Not taught yet: 2 promises in Coverage Test\'s settings"' in page
    assert ("    - **⚠ Not taught for KS1 (ages 5 to 7):** We teach pupils to keep passwords and "
            "addresses private. (nearest: [Star99 wants to be friends](../play/star99.md); "
            "[Keeping things private](../lessons/keeping-private.md))") in page
    row = next(line for line in page.splitlines() if line.startswith("| We teach pupils to use"))
    assert "| **⚠ Not taught** |" in row and "*Section 5*" in row
    taught = next(line for line in page.splitlines() if "address private and tell" in line)
    assert "| its objectives say it | none | [Star99 wants to be friends]" in taught
    assert "There are no lessons or scenarios for KS2 (ages 7 to 11) on this site yet." in page


def test_the_coverage_page_lists_what_parents_are_asked_with_the_pages_that_tell_them(tree):
    add_page(tree, "index.md", "topics: [kindness]\n", "For parents",
             "<!-- school:parent-expectations -->\n")
    add_page(tree, "staff.md", "topics: [kindness]\n", "Talking to staff",
             "<!-- school:position:contacting_staff -->\n")
    page = Renderer(load(tree)).reference_pages()["teachers/coverage.md"]
    asked = page.split("## What the school asks of parents", 1)[1]
    assert ("| Please talk with your child about what they do online. | "
            "[For parents](../parents/index.md) |") in asked
    assert ("| Please contact staff through the school office. | [For parents]"
            "(../parents/index.md); [Talking to staff](../parents/staff.md) |") in asked


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


#: The promises each real school's policy makes that no lesson or scenario teaches yet, by
#: (school, group, index, band): what the coverage page shows as not taught. Each was read
#: against the lessons' objectives; a change here is a change in what the site teaches.
GAPS = {
    ("huntington", "pupils", 4, "ks1"), ("huntington", "pupils", 4, "ks2"),
    ("huntington", "pupils", 6, "ks1"),
    ("wren-spinney", "pupils", 3, "ks1"), ("wren-spinney", "pupils", 3, "ks2"),
    ("wren-spinney", "pupils", 4, "ks1"), ("wren-spinney", "pupils", 4, "ks2"),
}


@pytest.mark.parametrize("school", SCHOOLS)
def test_every_real_promise_is_taught_or_a_known_gap(school):
    loaded = load(ROOT, school)
    rows = coverage.commitments(loaded)
    given = loaded.school.data["commitments"]
    assert len(rows) == 2 * len(given["pupils"]) + len(given.get("parents") or ())
    gaps = {(school, r.group, r.index, r.band) for r in rows if not r.taught_by and not r.about}
    assert gaps == {gap for gap in GAPS if gap[0] == school}
    assert {p.level for p in coverage.problems(loaded)} <= {"note"}


def test_the_policy_is_flagged_once_past_its_review_date(tree):
    loaded = load(tree)
    assert not coverage.policy_due(loaded, datetime.date(2027, 9, 1))
    assert coverage.policy_due(loaded, datetime.date(2027, 9, 2))


def test_a_policy_without_a_review_date_says_so_and_is_never_due(tree):
    (tree / "schools/coverage.yml").write_text(SCHOOL.replace("  review_date: 2027-09-01\n", ""))
    loaded = load(tree)
    assert not coverage.policy_due(loaded, datetime.date(2099, 1, 1))
    page = Renderer(loaded).reference_pages()["teachers/coverage.md"]
    assert ("- **Policy:** Coverage Test School's Online Safety Policy. **The policy gives no "
            "review date**: ask who reviews it, and when.") in page


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
                f"`{fact_id}`" in line or f"<code>&#123;&#123;{fact_id}." in line)), None)
            assert row, fact_id
            assert f"]({entry['source']})" in row and entry["verified"] in row, fact_id
    # the reference to write, not its value
    assert markup.code("{{childline.phone}}") in page


def test_a_fact_past_its_review_date_is_flagged_on_the_facts_page():
    loaded = load(ROOT, "default")
    soon = {e["id"]: e["due"] for s in coverage.facts(loaded, TODAY) for e in s["entries"]}
    later = {e["id"]: e["due"] for s in coverage.facts(loaded, datetime.date(2099, 1, 1))
             for e in s["entries"]}
    assert not any(soon.values()) and all(later.values())
