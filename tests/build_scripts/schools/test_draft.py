"""``clickwise school draft``: from a school's policy to a draft of its settings.

The four real policies (tests/fixtures/policies/, copies of ../shared/seeds/) are drafted and
compared with the settings written by hand from them (schools/): what the draft finds, what it
marks, and its recall for each kind of value. The same policy as a Word document and as a PDF,
both made here, gives the same draft.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from build_scripts import build, cli
from build_scripts.schools import coverage, draft, draft_yaml, policy_text

ROOT = Path(__file__).resolve().parents[3]
POLICIES = ROOT / "tests/fixtures/policies"
SEEDS = ("wateringbury", "west-lodge", "wren-spinney", "huntington")


def drafted(slug: str) -> draft.Draft:
    return draft.find(policy_text.read(POLICIES / f"{slug}.txt"))


def hand(slug: str) -> dict:
    return yaml.safe_load((ROOT / f"schools/{slug}.yml").read_text(encoding="utf-8"))


def value(found: draft.Found | None):
    return found.value if found else None


# --- what it finds in each policy ----------------------------------------------------------

@pytest.mark.parametrize("slug, name, lead, review, adopted", [
    ("wateringbury", "Wateringbury Church of England Primary School",
     {"name": "Debbie Johnson", "role": "Headteacher and Designated Safeguarding Lead"},
     "2025-03-01", "2024-03-01"),
    ("west-lodge", "West Lodge School", None, "2022-09-01", "2021-09-01"),
    ("wren-spinney", "Wren Spinney School", None, "2027-02-01", None),
    ("huntington", "Huntington Community Primary School", None, "2024-03-01", "2021-03-04"),
])
def test_the_name_lead_and_dates_are_found_and_no_lead_is_made_up(slug, name, lead, review,
                                                                   adopted):
    found = drafted(slug)
    assert (value(found.name), found.slug, value(found.lead)) == (name, slug, lead)
    assert (value(found.review_date), value(found.adopted)) == (review, adopted)
    assert value(found.title) == "Social Media Policy"


def test_each_value_keeps_the_sentence_and_section_it_came_from():
    found = drafted("huntington")
    photos = found.positions["event_photos"]
    assert photos.value == "not-posted"
    assert photos.section == "4.15, Data protection principles"
    assert photos.sentence.endswith("staff, pupils and parents are not permitted to post any "
                                    "imagery or videos of school activities on personal "
                                    "accounts.")
    assert value(found.online_safety_lead) == {"role": "Headteacher and E-Safety Co-ordinator"}
    assert value(found.blocked) == ["Facebook", "Instagram"]
    age = next(p for p in found.pupils if "age restriction" in p.value)
    assert age.section == "6.6, Social media use – pupils and parents"


@pytest.mark.parametrize("slug", SEEDS)
def test_every_position_found_is_the_one_written_by_hand(slug):
    found = {k: f.value for k, f in drafted(slug).positions.items()}
    written = {k: p["value"] for k, p in (hand(slug).get("positions") or {}).items()}
    assert found == written


def test_a_list_item_carries_the_words_that_introduce_it():
    pupils = [p.value for p in drafted("wateringbury").pupils]
    assert "Pupils will be advised to use safe passwords." in pupils
    expectations = [p.value for p in drafted("wren-spinney").parents]
    assert ("Parents/carers should not use social media to post images of children other than "
            "their own.") in expectations


def test_outside_services_for_families_become_signposts_and_others_comments(tmp_path):
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# St Anne's Primary School\n\n## Online Safety Policy\n\n"
        "## 3. Parents and carers\n\n"
        "Parents can find advice for families at Thinkuknow (www.thinkuknow.co.uk).\n\n"
        "## 4. Staff\n\nStaff wellbeing support: www.educationsupport.org.uk\n",
        encoding="utf-8")
    found = draft.find(policy_text.read(policy))
    assert [(s.value, s.section) for s in found.signposts] == [
        ({"website": "www.thinkuknow.co.uk"}, "Section 3, Parents and carers"),
        ({"name": "Thinkuknow"}, "Section 3, Parents and carers"),
        ({"website": "www.educationsupport.org.uk"}, "Section 4, Staff")]
    text = draft_yaml.to_yaml(found, "policy.md", hand("default"))
    kept = yaml.safe_load(text)["signposts"]
    assert [s.get("website") or s["name"] for s in kept] == ["www.thinkuknow.co.uk",
                                                             "Thinkuknow"]
    assert '# - name: "www.educationsupport.org.uk"' in text


# --- recall against the settings written by hand --------------------------------------------

def _same_promise(written: dict, candidates: list[draft.Found]) -> bool:
    """A hand-written promise is found when a candidate from the same numbered part of the
    policy says most of what it says."""
    number = re.search(r"\d+(?:\.\d+)*", str(written.get("source", "")))
    wanted = coverage.words(written["text"])
    for candidate in candidates:
        said = coverage.words(str(candidate.value))
        if number and number.group(0).split(".")[0] not in candidate.section:
            continue
        if wanted and len(wanted & said) / len(wanted) >= 0.4:
            return True
    return False


def recall() -> dict[str, tuple[int, int]]:
    """(found, written by hand) for each kind of value, over the four policies."""
    kinds: dict[str, list[int]] = {}

    def count(kind: str, hit: bool) -> None:
        kinds.setdefault(kind, [0, 0])
        kinds[kind][0] += bool(hit)
        kinds[kind][1] += 1

    for slug in SEEDS:
        found, written = drafted(slug), hand(slug)
        count("name", value(found.name) == written["name"])
        count("short_name", found.short_name == written["short_name"])
        guard = written.get("safeguarding") or {}
        for key in ("lead", "online_safety_lead"):
            if guard.get(key):
                count(key, value(getattr(found, key)) == guard[key])
        count("policy title", written["policy"]["title"].startswith(str(value(found.title))))
        for key in ("adopted", "review_date"):
            if written["policy"].get(key):
                count(key, value(getattr(found, key)) == str(written["policy"][key]))
        for key, position in (written.get("positions") or {}).items():
            count("positions", value(found.positions.get(key)) == position["value"])
        for promise in written["commitments"]["pupils"]:
            count("promises to pupils", _same_promise(promise, found.pupils))
        for expectation in written["parent_expectations"]:
            count("expectations of parents", _same_promise(expectation, found.parents))
        if written.get("blocked_services"):
            count("blocked services", value(found.blocked) == written["blocked_services"])
    return {kind: (hit, total) for kind, (hit, total) in kinds.items()}


def test_recall_for_each_kind_of_value_on_the_four_policies():
    measured = recall()
    print("\n" + "\n".join(f"{kind:24} {hit:3}/{total:<3} {hit / total:5.0%}"
                           for kind, (hit, total) in measured.items()))
    exact = ("name", "short_name", "lead", "online_safety_lead", "policy title", "adopted",
             "review_date", "positions", "blocked services")
    assert {kind: hit for kind, (hit, total) in measured.items() if kind in exact} == {
        kind: total for kind, (hit, total) in measured.items() if kind in exact}
    assert measured["promises to pupils"][0] / measured["promises to pupils"][1] >= 0.5
    assert measured["expectations of parents"][0] / measured["expectations of parents"][1] \
        >= 0.4


# --- the settings file it writes, and what check says about it ------------------------------

@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(ROOT / "tests/fixtures/valid", root)
    shutil.copy(ROOT / "facts/topics.yml", root / "facts/topics.yml")
    shutil.copy(ROOT / "schools/default.yml", root / "schools/default.yml")
    return root


def test_the_draft_command_writes_the_settings_and_says_what_is_left(tree, capsys):
    assert cli.run_draft(tree, POLICIES / "west-lodge.txt", None, None, False) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Wrote schools/west-lodge.yml from west-lodge.txt."
    assert "  safeguarding lead: not named in the policy (no page will name one)" in out
    assert out[-1] == ("4 values are marked FILL IN for you. Next: open the file beside your "
                       "policy, then run: clickwise check --school west-lodge")
    written = (tree / "schools/west-lodge.yml").read_text(encoding="utf-8")
    assert "safeguarding:" not in written.replace("`safeguarding:", "")
    assert '    says: "Staff should not give their personal contact details to children' in written
    assert '    source: "2.1.5, Communication with children (including the use of technology)"' \
        in written


def test_check_lists_every_mark_left_and_the_build_refuses_until_none_is(tree, capsys):
    cli.run_draft(tree, POLICIES / "west-lodge.txt", None, None, False)
    capsys.readouterr()
    assert cli.run_check(tree, "west-lodge", False) == 1
    printed = [line for line in capsys.readouterr().out.splitlines() if " note: " not in line]
    assert printed[:-1] == [
        'schools/west-lodge.yml:32: The 1st KS1 rule is still marked FILL IN: "FILL IN: check '
        'these rules against your policy, then delete this line". Write your own words there, '
        'or delete the line',
        'schools/west-lodge.yml:47: The 1st KS2 rule is still marked FILL IN: "FILL IN: check '
        'these rules against your policy, then delete this line". Write your own words there, '
        'or delete the line',
        'schools/west-lodge.yml:65: "text" of the 1st pupil promise is still marked FILL IN: '
        '"FILL IN: what your policy promises to teach pupils". Write your own words there, or '
        'delete the line',
        'schools/west-lodge.yml:70: "text" of the 1st parent expectation is still marked FILL '
        'IN: "FILL IN: what your policy asks of parents and carers". Write your own words there, '
        'or delete the line']
    assert printed[-1].startswith("Stopped: 4 errors")
    path = tree / "schools/west-lodge.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'    - "FILL IN: check these rules[^\n]*\n', "", text)
    text = text.replace('"FILL IN: what your policy promises to teach pupils"',
                        '"We teach pupils to keep their passwords private."')
    text = text.replace('"FILL IN: what your policy asks of parents and carers"',
                        '"Please contact staff through the school."')
    path.write_text(text, encoding="utf-8")
    _, problems = build.gather_and_check(tree, "west-lodge")
    assert [str(p) for p in problems if p.level != "note"] == []


@pytest.mark.parametrize("slug", SEEDS)
def test_every_draft_of_a_seed_policy_checks_clean_but_for_its_marks(slug, tree):
    cli.run_draft(tree, POLICIES / f"{slug}.txt", None, None, False)
    _, problems = build.gather_and_check(tree, slug)
    assert [str(p) for p in problems if p.level != "note" and "FILL IN" not in p.message] == []


def test_an_existing_settings_file_is_never_replaced_without_force(tree, capsys):
    (tree / "schools/huntington.yml").write_text("name: mine\n", encoding="utf-8")
    assert cli.run_draft(tree, POLICIES / "huntington.txt", None, None, False) == 1
    assert capsys.readouterr().err == ("schools/huntington.yml is already there: give another "
                                       "name with --slug, or replace it with --force\n")
    assert (tree / "schools/huntington.yml").read_text(encoding="utf-8") == "name: mine\n"
    assert cli.run_draft(tree, POLICIES / "huntington.txt", "hunts", None, False) == 0
    assert (tree / "schools/hunts.yml").is_file()


@pytest.mark.parametrize("name, message", [
    ("policy.rtf", "Could not draft settings: policy.rtf: Clickwise reads policies saved as "
                   ".txt, .md, .docx, .pdf; save it as one of those\n"),
    ("policy.docx", "Could not draft settings: policy.docx: not a Word document (.docx)\n"),
    ("policy.pdf", "Could not draft settings: policy.pdf: not a readable PDF (Stream has ended "
                   "unexpectedly)\n"),
])
def test_a_file_that_is_not_a_policy_is_one_plain_message(tree, tmp_path, capsys, name,
                                                          message):
    path = tmp_path / name
    path.write_text("not really", encoding="utf-8")
    assert cli.run_draft(tree, path, None, None, False) == 1
    assert capsys.readouterr().err == message


# --- Word and PDF ----------------------------------------------------------------------------

def _docx(lines: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for line in lines:
        bullet = re.match(r"^\s*[-◆]\s+(?:◆\s+)?", line)
        if bullet:
            depth = len(line) - len(line.lstrip())
            style = "List Bullet 2" if depth else "List Bullet"
            document.add_paragraph(line[bullet.end():], style=style)
        elif line.strip():
            document.add_paragraph(line.strip())
    document.save(str(path))


def _pdf(lines: list[str], path: Path) -> None:
    """A plain PDF with one line of text a line (Helvetica, WinAnsi), 50 lines a page."""
    pages = [lines[i:i + 50] for i in range(0, len(lines), 50)]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 "
               "/BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for page in pages:
        text = "".join(
            "({}) Tj T*\n".format(line.encode("cp1252", "replace").decode("latin-1")
                                  .replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
            for line in page)
        stream = f"BT /F1 9 Tf 12 TL 40 800 Td\n{text}ET"
        objects.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\n"
                       "endstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out.encode("latin-1")))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out.encode("latin-1"))
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(
        f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    path.write_bytes(out.encode("latin-1"))


def _plain(lines: list[str]) -> list[str]:
    """The policy's lines without the text file's Markdown (a Word or PDF file has none)."""
    return [re.sub(r"\*\*|</?b>|^#+\s*", "", line) for line in lines
            if not line.lstrip().startswith("|")]


@pytest.mark.parametrize("kind, make", [("docx", _docx), ("pdf", _pdf)])
def test_a_word_or_pdf_policy_gives_the_same_draft_as_its_text(tmp_path, kind, make):
    lines = _plain((POLICIES / "huntington.txt").read_text(encoding="utf-8").splitlines())
    path = tmp_path / f"huntington.{kind}"
    make(lines, path)
    text, other = drafted("huntington"), draft.find(policy_text.read(path))
    assert (value(other.name), value(other.review_date), value(other.adopted)) == (
        value(text.name), value(text.review_date), value(text.adopted))
    assert {k: (f.value, f.section) for k, f in other.positions.items()} == {
        k: (f.value, f.section) for k, f in text.positions.items()}
    assert value(other.online_safety_lead) == value(text.online_safety_lead)
    assert [p.section for p in other.pupils] == [p.section for p in text.pupils]
