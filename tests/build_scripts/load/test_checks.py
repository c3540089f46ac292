"""The content checks, one fixture file per error case, each with its exact expected lines.

``tests/fixtures/valid/`` is a small content tree that checks clean. Each case in
``tests/fixtures/invalid/`` is dropped into a copy of it, and the problems reported for that
file must be exactly the lines in ``<case>.expected``. Where a case goes:

- ``<case>.md``: a lesson, into ``lessons/ks1/``;
- ``school-<name>.yml``: a school's settings, into ``schools/``, checked with that school;
- ``facts-<name>.yml``: in place of ``facts/helplines.yml``;
- ``topics-<name>.yml``: in place of ``facts/topics.yml``;
- ``curriculum-<name>.yml``: in place of ``facts/curriculum.yml``;
- any other ``<case>.yml``: a scenario, into ``quizzes/ks1/``.
"""

import datetime
import re
import shutil
from pathlib import Path

import pytest

from build_scripts import build, cli

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
#: Checks run as on this day, so that review dates are judged the same every year.
TODAY = datetime.date(2026, 6, 1)
CASES = sorted(p for p in INVALID.iterdir() if p.suffix in (".yml", ".md"))
REQUIRED = {
    "unknown-target", "duplicate-scene-id", "unreachable-scene", "cannot-reach-ending",
    "choice-without-feedback", "ending-without-debrief", "ending-without-who-can-help",
    "unknown-flag", "unset-flag", "missing-band", "missing-topics", "missing-title",
    "empty-text", "unknown-picture", "unknown-topic", "unknown-fact", "unknown-helper",
    "yaml-syntax-error", "unknown-key", "band-folder-mismatch", "lesson-unknown-scenario",
    "lesson-unknown-curriculum", "lesson-missing-section", "lesson-duration-out-of-range",
    "reading-level", "wording", "facts-past-review", "school-missing-name",
    "school-unknown-key", "school-rules-not-list", "school-missing-logo",
    "lesson-section-without-slide", "lesson-slide-title-teacher-word", "lesson-text-before-slide",
    "lesson-unknown-picture", "lesson-picture-online", "lesson-picture-without-words",
    "lesson-sort-one-group", "lesson-sort-line-not-a-group", "lesson-term-missing",
    "lesson-term-malformed", "lesson-term-not-in-years",
    "school-fill-in-left", "school-unknown-position", "school-position-unknown-value",
    "school-position-without-words", "school-taught-by-unknown", "school-contradicts-own-position",
    "lesson-contradicts-a-position", "lesson-position-block-unclosed",
    "lesson-position-unknown-value", "lesson-unknown-position", "story-contradicts-a-position",
    "scenario-unknown-curriculum", "lesson-curriculum-other-ages",
    "curriculum-out-of-scope-but-taught", "wording-ks1-secret", "wording-ks1-bystander",
    "wording-blame", "wording-nude-screenshot", "wording-challenge", "lesson-wording-wrapped",
    "outcomes-disagree",
    # screens and practices
    "screen-unknown-kind", "screen-without-kind", "control-unknown-type",
    "control-without-label", "control-without-options", "control-start-not-an-option",
    "control-start-not-on-or-off", "practice-and-choices", "practice-without-controls",
    "practice-without-way-on", "practice-unknown-scene", "practice-without-goal",
    "goal-unknown-control", "goal-cannot-be-reached", "goal-met-at-start",
    "control-without-feedback", "feedback-missing-option", "feedback-unknown-control",
    "practice-without-hint", "feedback-per-option-on-a-switch",
    # a file no author means to write: one per family, for every kind of file it fits
    "empty", "whitespace-only", "school-empty", "facts-empty", "topics-empty", "lesson-empty",
    "top-level-null", "top-level-list", "top-level-text", "school-top-level-list",
    "facts-top-level-text", "not-utf8", "lesson-not-utf8", "bom", "lesson-bom", "crlf",
    "lesson-crlf", "nul-byte", "lesson-nul-byte", "cut-off", "lesson-cut-off",
    "unterminated-quote", "unterminated-quote-at-end", "tab-indentation", "wrong-type-text",
    "wrong-type-choices", "wrong-type-goto", "wrong-type-deep", "wrong-type-number",
    "school-lead-as-text", "school-promise-wrong-type", "school-trusted-adults-text",
    "school-taught-by-not-text", "lesson-wrong-type", "facts-wrong-type", "facts-phone-number",
    "topics-wrong-type",
    "duplicate-scene-id", "school-duplicate-key", "long-string", "deep-nesting",
    "lesson-deep-list", "lesson-deep-html", "lesson-deep-quote", "alias-bomb", "school-alias",
    "yaml-tag-set", "yaml-tag-binary", "yaml-tag-python", "unknown-key-nested",
    "unknown-topic-no-match", "school-unknown-topic-no-match", "lesson-no-front-matter",
    "lesson-front-matter-not-closed", "lesson-front-matter-not-mapping",
    "lesson-front-matter-empty", "loop-no-ending", "link-to-missing",
}


def placed(case: Path) -> tuple[str, str]:
    """Where ``case`` goes in the content tree, and the school to check with."""
    if case.suffix == ".md":
        return f"lessons/ks1/{case.name}", "default"
    if case.stem.startswith("school-"):
        return f"schools/{case.name}", case.stem
    if case.stem.startswith("facts-"):
        return "facts/helplines.yml", "default"
    if case.stem.startswith("topics-"):
        return "facts/topics.yml", "default"
    if case.stem.startswith("curriculum-"):
        return "facts/curriculum.yml", "default"
    return f"quizzes/ks1/{case.name}", "default"


def expected(case: Path) -> set[str]:
    return {line for line in case.with_suffix(".expected").read_text(
        encoding="utf-8").splitlines() if line}


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(VALID, root)
    return root


def add(tree: Path, case_name: str) -> tuple[str, str]:
    """Drop one invalid case into ``tree``; answers where it went and the school to use."""
    case = next(c for c in CASES if c.stem == case_name)
    where, school = placed(case)
    shutil.copy(case, tree / where, follow_symlinks=False)
    return where, school


def test_the_valid_tree_checks_clean(tree):
    loaded, problems = build.gather_and_check(tree, today=TODAY)
    assert [str(p) for p in problems] == []
    assert set(loaded.scenarios) == {"star99"}
    assert set(loaded.lessons) == {"keeping-private"}


@pytest.mark.parametrize("prefix, line_end", [(b"\xef\xbb\xbf", b"\n"), (b"", b"\r\n"),
                                              (b"\xef\xbb\xbf", b"\r\n"), (b"", b"\r")])
def test_a_byte_order_mark_and_crlf_line_ends_are_accepted_in_every_file(tree, prefix, line_end):
    """Windows editors save with both; every kind of file reads as if they were not there."""
    for path in tree.rglob("*"):
        if path.suffix in (".yml", ".md"):
            path.write_bytes(prefix + path.read_bytes().replace(b"\n", line_end))
    _, problems = build.gather_and_check(tree, today=TODAY)
    assert [str(p) for p in problems] == []


def test_every_required_case_has_a_fixture():
    assert REQUIRED <= {c.stem for c in CASES}


def test_every_case_has_its_expected_lines_and_no_expected_file_is_orphaned():
    assert {c.stem for c in CASES} == {e.stem for e in INVALID.glob("*.expected")}
    assert all(expected(c) for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_reports_exactly_the_expected_lines(tree, case):
    where, school = placed(case)
    shutil.copy(case, tree / where, follow_symlinks=False)
    _, problems = build.gather_and_check(tree, school, TODAY)
    assert {str(p) for p in problems if p.path == where} == expected(case)
    assert [str(p) for p in problems if p.path != where] == []


def test_warning_cases_are_warnings_and_error_cases_errors(tree):
    for name, level in (("wording", "warning"), ("reading-level", "warning"),
                        ("wording-ks1-secret", "warning"), ("outcomes-disagree", "warning"),
                        ("unknown-target", "error")):
        where, _ = add(tree, name)
        _, problems = build.gather_and_check(tree, today=TODAY)
        assert {p.level for p in problems if p.path == where} == {level}


def test_a_fact_before_its_review_date_is_quiet(tree):
    add(tree, "facts-past-review")
    _, problems = build.gather_and_check(tree, today=datetime.date(2025, 12, 31))
    assert problems == []


def test_the_same_school_file_is_not_checked_unless_chosen(tree):
    add(tree, "school-missing-name")
    _, problems = build.gather_and_check(tree, today=TODAY)
    assert problems == []


def test_a_missing_school_file_is_one_problem(tree):
    _, problems = build.gather_and_check(tree, "nowhere", TODAY)
    assert [str(p) for p in problems] == ["schools/nowhere.yml:1: file not found"]


# The command line -----------------------------------------------------------------------

SECONDS = r" \(\d+\.\d\d s\)$"


def run(capsys, tree: Path, *args: str) -> tuple[int, list[str]]:
    code = cli.main(["--root", str(tree), "check", *args])
    return code, capsys.readouterr().out.splitlines()


def test_cli_check_on_the_valid_tree(capsys, tree):
    code, lines = run(capsys, tree)
    assert code == 0
    assert len(lines) == 1
    assert re.fullmatch(r"Checked: 0 errors and 0 warnings\." + SECONDS, lines[0])


def test_cli_check_prints_every_problem_then_one_summary_line(capsys, tree):
    add(tree, "unknown-target")
    add(tree, "lesson-missing-section")
    add(tree, "wording")
    code, lines = run(capsys, tree)
    assert code == 1
    assert lines[:-1] == sorted(
        expected(INVALID / "unknown-target.yml") | expected(INVALID / "wording.yml")
        | expected(INVALID / "lesson-missing-section.md"))
    assert re.fullmatch(r"Stopped: 2 errors and 1 warning\." + SECONDS, lines[-1])


def test_cli_check_with_warnings_only_passes(capsys, tree):
    add(tree, "wording")
    code, lines = run(capsys, tree)
    assert code == 0
    assert lines[:-1] == sorted(expected(INVALID / "wording.yml"))
    assert re.fullmatch(r"Checked: 0 errors and 1 warning\." + SECONDS, lines[-1])


def test_cli_check_strict_fails_on_warnings(capsys, tree):
    add(tree, "wording")
    code, lines = run(capsys, tree, "--strict")
    assert code == 1
    assert lines[:-1] == sorted(expected(INVALID / "wording.yml"))
    assert re.fullmatch(r"Stopped: 0 errors and 1 warning \(warnings count as errors with "
                        r"--strict\)\." + SECONDS, lines[-1])


def test_cli_check_strict_on_a_clean_tree_passes(capsys, tree):
    assert run(capsys, tree, "--strict")[0] == 0


def test_cli_check_for_a_chosen_school(capsys, tree):
    add(tree, "school-missing-name")
    code, lines = run(capsys, tree, "--school", "school-missing-name")
    assert code == 1
    assert lines[:-1] == sorted(expected(INVALID / "school-missing-name.yml"))
