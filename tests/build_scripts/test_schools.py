"""Building for a school: every settings file in schools/ checks clean and builds; the school's
words appear where they belong; two schools' sites differ only in what their settings say; bad
settings stop the build with ``path:line: message``; the settings page documents the schema.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from build_scripts import build, cli
from build_scripts.load import content, placeholders, validation
from build_scripts.pages import markers
from build_scripts.pages.render import Renderer
from build_scripts.schools import draft, positions
from tests.sites import built_for

ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = sorted(p.stem for p in (ROOT / "schools").glob("*.yml"))
DOCS = ROOT / "content/teachers/school-settings.md"


def settings(slug: str) -> dict:
    return yaml.load((ROOT / f"schools/{slug}.yml").read_text(encoding="utf-8"),
                     Loader=yaml.BaseLoader)  # every value as the text the school wrote


def scalars(data) -> list[str]:
    """Every text in a settings file (all values are text under BaseLoader)."""
    if isinstance(data, dict):
        return [s for v in data.values() for s in scalars(v)]
    if isinstance(data, list):
        return [s for v in data for s in scalars(v)]
    return [data]


# --- every school checks clean and builds --------------------------------------------------

@pytest.mark.parametrize("slug", SCHOOLS)
def test_every_school_checks_clean(slug):
    _, problems = build.gather_and_check(ROOT, slug)
    assert [str(p) for p in problems if p.level != "note"] == []  # notes: what is not taught


@pytest.mark.parametrize("slug", SCHOOLS)
def test_every_school_builds(slug, tmp_path_factory):
    site = built_for(slug, tmp_path_factory)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert html_text(home).count(settings(slug)["name"]) >= 1
    for page in ("help", "teachers/coverage", "teachers/curriculum", "teachers/facts",
                 "teachers/school-settings", "parents/get-help"):
        assert (site / page / "index.html").is_file(), page


# --- the school's words are where they belong ----------------------------------------------

class _Text(HTMLParser):
    """The visible text of a page, one line per block (a table row is one line)."""

    BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article",
              "header", "footer", "nav", "ul", "ol", "table", "summary", "details", "dt", "dd",
              "pre", "title", "label", "button", "blockquote", "figcaption", "main", "form"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[list[str]] = [[]]
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.lines.append([])
        elif tag in ("br", "td", "th"):
            self.lines[-1].append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.lines.append([])

    def handle_data(self, data):
        if not self.hidden:
            self.lines[-1].append(data)


def text_lines(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    lines = (" ".join("".join(parts).split()) for parts in parser.lines)
    return [line for line in lines if line]


def html_text(html: str) -> str:
    return "\n".join(text_lines(html))


@pytest.fixture(scope="module")
def wateringbury(tmp_path_factory) -> Path:
    return built_for("wateringbury", tmp_path_factory)


def page_text(site: Path, page: str) -> str:
    return html_text((site / page / "index.html").read_text(encoding="utf-8"))


def test_home_page_has_the_name_lead_adults_and_rules(wateringbury):
    school, text = settings("wateringbury"), page_text(wateringbury, "")
    assert f"Clickwise helps everyone at {school['name']} stay safe and kind online." in text
    assert ("The person in charge of keeping everyone safe at Wateringbury is Debbie Johnson "
            "(Headteacher and Designated Safeguarding Lead).") in text
    assert "your class teacher, any adult in school, our headteacher, Debbie Johnson" in text
    for rule in school["rules"]["ks1"] + school["rules"]["ks2"]:
        assert rule in text.splitlines(), rule


def test_help_page_has_the_adults_ways_to_tell_lead_deputy_and_rules(wateringbury):
    school, text = settings("wateringbury"), page_text(wateringbury, "help")
    for line in (*school["trusted_adults"], *school["how_to_tell"], *school["rules"]["ks1"],
                 *school["rules"]["ks2"]):
        assert line in text.splitlines(), line
    assert ("Our designated safeguarding lead is Debbie Johnson (Headteacher and Designated "
            "Safeguarding Lead).") in text
    assert "deputy" not in text.lower()  # the policy names none, so the page claims none


def test_lesson_safeguarding_notes_name_the_lead(wateringbury):
    text = page_text(wateringbury, "lessons/my-private-things")
    assert "report it to Debbie Johnson (Headteacher and Designated Safeguarding Lead)" in text
    assert "{{school." not in text


def test_scenario_endings_name_the_schools_trusted_adults(wateringbury):
    school = settings("wateringbury")
    story = json.loads((wateringbury / "scenarios/star99.json").read_text(encoding="utf-8"))
    assert story["helpers"]["trusted-adult"] == {
        "id": "trusted-adult", "name": "A trusted adult at Wateringbury",
        "people": school["trusted_adults"], "text": " ".join(school["how_to_tell"])}


def test_parent_story_endings_name_the_school_in_words_for_adults(wateringbury):
    school = settings("wateringbury")
    story = json.loads((wateringbury / "scenarios/online-friend-meet.json").read_text(
        encoding="utf-8"))
    assert story["helpers"]["trusted-adult"] == {
        "id": "trusted-adult", "name": school["name"], "phone": None, "website": None,
        "text": "Talk to your child's class teacher. If you are worried about a child's safety, "
                "ask for Debbie Johnson (Headteacher and Designated Safeguarding Lead)."}
    assert not any(line in json.dumps(story) for line in school["how_to_tell"])


def test_parents_pages_have_the_schools_expectations_and_contacts(wateringbury):
    school = settings("wateringbury")
    photos = page_text(wateringbury, "parents/sharing-photos").splitlines()
    assert [e["text"] for e in school["parent_expectations"] if e["text"] not in photos] == []
    for page in ("parents/get-help", "parents/handouts/where-to-get-help"):
        lines = page_text(wateringbury, page).splitlines()
        assert school["name"] in lines, page
        assert ("Designated safeguarding lead: Debbie Johnson (Headteacher and Designated "
                "Safeguarding Lead)") in lines, page


def test_coverage_page_has_every_promise_and_the_policy(wateringbury):
    school, text = settings("wateringbury"), page_text(wateringbury, "teachers/coverage")
    for group in ("pupils", "parents"):
        for promise in school["commitments"][group]:  # once a band, or once apart
            shown = 1 if group == "parents" or promise.get("about") else 2
            assert text.count(promise["text"]) == shown, promise
    assert ("Policy: Wateringbury Church of England Primary School's Social Media Policy, "
            "adopted 2024-03-01, due for review 2025-03-01") in text


def test_a_logo_is_copied_into_the_site_and_shown_on_the_home_page(tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(ROOT / "tests/fixtures/valid", root)
    (root / "schools/logos").mkdir()
    (root / "schools/logos/crest.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    school = root / "schools/default.yml"
    school.write_text(school.read_text().replace("short_name: Our school\n",
                                                 "short_name: Our school\nlogo: logos/crest.svg\n"))
    loaded, problems = build.gather_and_check(root)
    assert problems == []
    site = Renderer(loaded).site()
    assert site.files["school/crest.svg"] == (root / "schools/logos/crest.svg").read_bytes()
    assert '<img class="cw-logo" src="school/crest.svg" alt="Our school logo"' in \
        site.pages["index.md"]


# --- two schools differ only in what their settings say ------------------------------------

def _differing(ours: list[str], theirs: list[str]) -> list[str]:
    """Lines of ``ours`` that ``theirs`` does not have at the same place."""
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    return [line for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"
            for line in ours[i1:i2]]


def _unexplained(lines: list[str], slug: str) -> list[str]:
    words = [s for s in scalars(settings(slug)) + [slug] + _said_for(slug) if len(s) >= 3]
    return [line for line in lines if not any(w in line for w in words)]


def _said_for(slug: str) -> list[str]:
    """What a school's settings make the build say without quoting them: each position's
    sentence (its rule, or the neutral advice), the passages of conditional blocks, and the
    wording for a lead the policy does not name."""
    school = yaml.safe_load((ROOT / f"schools/{slug}.yml").read_text(encoding="utf-8"))
    said = [s for key in positions.POSITIONS
            for s in draft.split_sentences(positions.sentence(school, key))]
    sources = [p.read_text(encoding="utf-8") for folder in ("content", "lessons")
               for p in (ROOT / folder).rglob("*.md")]
    for text in sources:
        inside = False
        for line in text.splitlines():
            if positions.BLOCK.match(line.strip()):
                inside = not line.strip().startswith("<!-- endif")
            elif inside:
                said.append(re.sub(r"^\s*(?:\d+\.|-)\s+|\*\*", "", line).strip())
    if not placeholders.lead(school):
        said += ["designated safeguarding lead", "person in charge of keeping everyone safe"]
    said.append("Promise Taught by Lessons Scenarios")  # a coverage table: only where a
    # group has promises to learn, not only ones about staff or the school
    return [s for s in said if len(s) >= 20 and "{{" not in s]


def test_two_schools_sites_differ_only_in_what_their_settings_say(tmp_path_factory):
    sites = {slug: built_for(slug, tmp_path_factory) for slug in ("default", "wateringbury")}
    pages = {slug: sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
             for slug, site in sites.items()}
    assert pages["default"] == pages["wateringbury"]
    unexplained, changed = [], 0
    for page in pages["default"]:
        text = {slug: text_lines((sites[slug] / page).read_text(encoding="utf-8"))
                for slug in sites}
        for ours, theirs in (("default", "wateringbury"), ("wateringbury", "default")):
            lines = _differing(text[ours], text[theirs])
            changed += len(lines)
            unexplained += [f"{ours}: {page}: {line}" for line in _unexplained(lines, ours)]
    assert changed > 50  # the test would pass trivially if nothing differed
    assert unexplained == []


def test_two_schools_search_indexes_differ_only_in_what_their_settings_say(tmp_path_factory):
    sections = {}
    for slug in ("default", "wateringbury"):
        index = json.loads((built_for(slug, tmp_path_factory) / "search/search_index.json")
                           .read_text(encoding="utf-8"))
        pages: dict[str, list[str]] = {}
        for doc in index["docs"]:  # by page, in page order: anchors and order may differ
            text = html_text(f"<p>{doc['title']}</p><p>{doc['text']}</p>")
            pages.setdefault(doc["location"].split("#")[0], []).append(" ".join(text.split()))
        sections[slug] = pages
    assert sections["default"].keys() == sections["wateringbury"].keys()
    for ours, theirs in (("default", "wateringbury"), ("wateringbury", "default")):
        differing = [line for page in sections[ours] for line in _differing(
            sections[ours][page], sections[theirs][page])]
        assert differing and _unexplained(differing, ours) == []


def test_two_schools_scenarios_differ_only_in_the_trusted_adults(tmp_path_factory):
    sites = {slug: built_for(slug, tmp_path_factory) for slug in ("default", "wateringbury")}
    for path in sorted((sites["default"] / "scenarios").glob("*.json")):
        stories = [json.loads((site / "scenarios" / path.name).read_text(encoding="utf-8"))
                   for site in sites.values()]
        helpers = [story["helpers"].pop("trusted-adult", None) for story in stories]
        assert stories[0] == stories[1], path.name
        assert (helpers[0] is None) == (helpers[1] is None), path.name


# --- bad settings stop the build with path:line: message -----------------------------------

BASE = """\
name: Our school
short_name: Our school
safeguarding:
  lead: {name: Jo Lead, role: Headteacher}
trusted_adults:
  - your class teacher
how_to_tell:
  - Tell any grown-up in school.
rules:
  ks1:
    - I keep my password private.
  ks2:
    - Use strong passwords.
commitments:
  pupils:
    - text: We teach pupils to keep personal information private.
      topics: [personal-information]
      source: Section 5
      taught_by: [keeping-private, star99]
parent_expectations:
  - text: Please talk with your child about what they do online.
policy:
  title: Online Safety Policy
  review_date: 2027-09-01
"""
#: (case, text replaced in BASE, its replacement, the exact lines the check prints)
BAD = [
    ("missing-name", "name: Our school\nshort_name", "short_name",
     ['schools/bad.yml:1: missing "name"']),
    ("unknown-key", "policy:\n", "colour: blue\npolicy:\n",
     ['schools/bad.yml:22: unknown key "colour"']),
    ("misspelt-key", "trusted_adults:", "trusted_adult:",
     ['schools/bad.yml:1: missing "trusted_adults"',
      'schools/bad.yml:5: unknown key "trusted_adult" (did you mean "trusted_adults"?)']),
    ("rules-not-a-list", "  ks1:\n    - I keep my password private.\n",
     "  ks1: I keep my password private.\n",
     ['schools/bad.yml:10: "rules.ks1" must be a list, not the text "I keep my password '
      'private.": write each item on its own line below it, starting with a dash (-)']),
    ("logo-missing", "short_name: Our school\n", "short_name: Our school\nlogo: crest.png\n",
     ['schools/bad.yml:3: logo "crest.png" does not exist (looked in schools/)']),
    ("unknown-topic", "[personal-information]", "[personal-info]",
     ['schools/bad.yml:17: unknown topic "personal-info" (did you mean '
      '"personal-information"?)']),
    ("date-not-iso", "review_date: 2027-09-01", "review_date: March 2027",
     ['schools/bad.yml:24: "policy.review_date" must be a date written YYYY-MM-DD, not the '
      'text "March 2027"']),
    ("lead-without-role", "{name: Jo Lead, role: Headteacher}", "{name: Jo Lead}",
     ['schools/bad.yml:4: missing "role" in "safeguarding.lead"']),
    ("lead-as-plain-text", "{name: Jo Lead, role: Headteacher}", "Mrs Jones",
     ['schools/bad.yml:4: "safeguarding.lead" must be a mapping of keys, not the text "Mrs '
      'Jones": write keys such as name: and role: below it, indented by two spaces']),
    ("promise-not-a-mapping", "    - text: We teach pupils to keep personal information "
     "private.\n      topics: [personal-information]\n      source: Section 5\n"
     "      taught_by: [keeping-private, star99]\n",
     "    - We teach pupils to keep personal information private.\n",
     ['schools/bad.yml:16: the 1st pupil promise must be a mapping of keys, not the text "We '
      'teach pupils to keep personal information private.": write keys such as text:, topics: '
      'and source: below it, indented by two spaces']),
    ("topics-not-a-list", "[personal-information]", "personal-information",
     ['schools/bad.yml:17: "topics" of the 1st pupil promise must be a list, not the text '
      '"personal-information": write each item on its own line below it, starting with a dash '
      '(-)']),
    ("unknown-topic-no-match", "[personal-information]", "[volcanoes]",
     ['schools/bad.yml:17: unknown topic "volcanoes": use one of the topics in facts/topics.yml: '
      "personal-information, privacy-settings, location, blocking, reporting, telling-an-adult, "
      "age-limits, meeting-online-friends, passwords, online-bullying, sharing-pictures, "
      "kindness"]),
    ("no-trusted-adults", "trusted_adults:\n  - your class teacher\n", "trusted_adults: []\n",
     ['schools/bad.yml:5: "trusted_adults" is empty: give it at least one item']),
    ("empty", "", None, ["schools/bad.yml:1: the file is empty: write the school's settings "
                         "(name:, short_name:, safeguarding: and the rest) in it"]),
    ("colon-in-text", "source: Section 5", "source: Section 5: Pupils",
     ['schools/bad.yml:18: YAML syntax error: mapping values are not allowed in this context '
      '(text with ": " in it must be in quotes)']),
]


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(ROOT / "tests/fixtures/valid", root)
    shutil.copy(ROOT / "facts/topics.yml", root / "facts/topics.yml")
    return root


def write_bad(root: Path, old: str, new: str | None) -> None:
    """BASE with ``old`` replaced by ``new`` (None: an empty file)."""
    assert BASE.count(old) == 1 or not old, old
    text = "" if new is None else BASE.replace(old, new)
    (root / "schools/bad.yml").write_text(text, encoding="utf-8")


def test_the_base_settings_check_clean(tree):
    write_bad(tree, "", "")
    _, problems = build.gather_and_check(tree, "bad")
    assert problems == []


@pytest.mark.parametrize("case, old, new, lines", BAD, ids=[c[0] for c in BAD])
def test_bad_settings_are_reported_as_path_line_message(tree, capsys, case, old, new, lines):
    write_bad(tree, old, new)
    assert cli.run_check(tree, "bad", False) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[:-1] == lines
    assert printed[-1].startswith(f"Stopped: {len(lines)} error")


BUILT = [c for c in BAD if c[0] in ("missing-name", "unknown-key", "misspelt-key",
                                     "rules-not-a-list", "logo-missing", "lead-as-plain-text",
                                     "empty")]


@pytest.mark.parametrize("case, old, new, lines", BUILT, ids=[c[0] for c in BUILT])
def test_bad_settings_stop_the_build_before_anything_is_written(tree, capsys, case, old, new,
                                                                lines):
    for name in ("mkdocs.yml", "build_scripts", "overrides"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tree / name)
    write_bad(tree, old, new)
    site = tree.parent / "site"
    assert cli.run_build(tree, "bad", False, site) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("schools/")] == lines
    assert err[-1] == (f"Stopped: {len(lines)} error{'s' if len(lines) > 1 else ''} and 0 "
                       "warnings. Nothing was built; the last good site is unchanged.")
    assert not site.exists()


# --- the settings page documents what the check and the schema expect ----------------------

def _schema_keys(schema: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, sub in schema.get("properties", {}).items():
        keys.append(prefix + key)
        keys += _schema_keys(sub, f"{prefix}{key}.")
        keys += [k.rsplit(".", 1)[-1] for k in _schema_keys(sub.get("items", {}), "x.")]
    return keys


def test_the_settings_page_documents_every_key_of_the_schema():
    docs = DOCS.read_text(encoding="utf-8")
    schema = validation.schema("school")
    assert [k for k in schema["properties"] if f"| `{k}` |" not in docs] == []
    keys = _schema_keys(schema)
    assert {"safeguarding.lead", "policy.review_date", "text", "role"} <= set(keys)
    last = {k: k.rsplit(".", 1)[-1] for k in keys}
    assert [k for k in keys if f"`{k}`" not in docs and f"`{last[k]}`" not in docs
            and f"{last[k]}: ..." not in docs] == []


def test_the_settings_page_lists_every_school_file_and_topic():
    docs = DOCS.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `schools/([a-z0-9-]+)\.yml` \|", docs, re.M))
    assert listed == set(SCHOOLS)
    readme = (ROOT / "schools/README.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^\| `([a-z0-9-]+)\.yml` \|", readme, re.M)) == set(SCHOOLS)
    topics, _ = content.load(ROOT)
    table = docs.split("### Topic ids", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.M))
    assert documented == set(topics.topics.data)


def test_the_error_messages_the_settings_page_shows_are_the_checks_own():
    docs = DOCS.read_text(encoding="utf-8")
    documented = ("missing-name", "rules-not-a-list", "logo-missing", "unknown-topic",
                  "date-not-iso", "colon-in-text")
    for case, _, _, lines in (c for c in BAD if c[0] in documented):
        message = lines[-1].split(": ", 1)[1]
        shown = re.sub(r'"[^"]*"', '"…"', message)
        assert any(re.sub(r'"[^"]*"', '"…"', m) == shown
                   for m in re.findall(r"`schools/st-marys\.yml:\d+: ([^`]+)`", docs)), case
    assert 'unknown key "contacts" (did you mean "contact"?)' in docs
    assert 'unknown key "shortname" (did you mean "short_name"?)' in docs


def test_signposts_the_policy_gives_have_their_own_place(tree):
    write_bad(tree, "policy:\n", "signposts:\n  - name: Thinkuknow\n    website: "
              "https://www.thinkuknow.co.uk/\n    text: Advice for families from CEOP.\n"
              "    source: Section 6, Parents\npolicy:\n")
    loaded, problems = build.gather_and_check(tree, "bad")
    assert problems == []
    shown = markers.expand("<!-- school:signposts -->", loaded)
    assert shown == ("Our school also points families to:\n\n- **Thinkuknow**: Advice for "
                     "families from CEOP. [https://www.thinkuknow.co.uk/]"
                     "(https://www.thinkuknow.co.uk/)\n")
    help_page = Renderer(loaded).site().pages["help.md"]
    assert "<!-- school:signposts -->" in help_page
    for page in ("content/parents/get-help.md", "content/parents/handouts/where-to-get-help.md"):
        assert "<!-- school:signposts -->" in (ROOT / page).read_text(encoding="utf-8"), page
    write_bad(tree, "", "")
    loaded, _ = build.gather_and_check(tree, "bad")
    assert markers.expand("<!-- school:signposts -->", loaded) == ""
