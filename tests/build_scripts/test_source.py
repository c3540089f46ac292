"""The YAML loader: the data PyYAML's safe loader gives, the line of every key, duplicate keys,
and a clear problem (not a crash) for YAML no author file should hold."""

from __future__ import annotations

from pathlib import Path

import fastjsonschema
import pytest
import yaml

from build_scripts import checks, reading
from build_scripts.source import load_yaml

ROOT = Path(__file__).resolve().parents[2]
AUTHORED = sorted([*ROOT.glob("quizzes/*/*.yml"), *ROOT.glob("facts/*.yml"),
                   *ROOT.glob("schools/*.yml"), *ROOT.glob("tests/fixtures/**/*.yml")])


def load(text: str):
    return load_yaml(Path("x.yml"), "x.yml", text)


@pytest.mark.parametrize("path", AUTHORED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_authored_file_loads_as_the_safe_loader_reads_it(path):
    text = path.read_text(encoding="utf-8")
    source, problems = load(text)
    if any(p.message.startswith("YAML syntax error") for p in problems):
        with pytest.raises(yaml.YAMLError):
            yaml.safe_load(text)
        return

    def as_text(data):  # our loader keeps dates as the text the author wrote
        if isinstance(data, dict):
            return {k: as_text(v) for k, v in data.items()}
        if isinstance(data, list):
            return [as_text(v) for v in data]
        return data.isoformat() if hasattr(data, "isoformat") else data

    assert source.data == as_text(yaml.safe_load(text))


def test_lines_of_keys_and_list_items():
    source, problems = load("title: A\nscenes:\n  start:\n    choices:\n      - label: x\n"
                            "      - label: y\n")
    assert problems == []
    assert source.line(("scenes", "start", "choices", 1, "label")) == 6
    assert source.line(("scenes", "start", "nothing", "here")) == 3


def test_numbers_booleans_and_nulls_are_what_yaml_says():
    source, _ = load("a: 1\nb: 2.5\nc: true\nd: null\ne: '1'\nf: 2024-01-01\n")
    assert source.data == {"a": 1, "b": 2.5, "c": True, "d": None, "e": "1", "f": "2024-01-01"}


def test_a_duplicate_key_is_reported_at_its_second_line():
    _, problems = load("a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.message) for p in problems] == [
        (3, 'duplicate key "a": each must be used once')]


def test_a_list_that_contains_itself_is_a_problem_not_a_crash():
    source, problems = load("x: &a [1, *a]\n")
    assert source.data is None
    assert [p.message for p in problems] == [
        "YAML syntax error: an alias refers to the mapping or list it is inside"]


def test_a_list_as_a_key_is_a_problem_not_a_crash():
    _, problems = load("? [1]\n: 2\n")
    assert [p.message for p in problems] == ["YAML syntax error: found unhashable key"]


def test_the_quick_validator_rejects_a_date_that_does_not_exist():
    """The fast path must never pass what the full validator would report."""
    with pytest.raises(fastjsonschema.JsonSchemaException):
        checks._quick("facts")({"x": {"name": "X", "source": "https://example.org",
                                      "source_title": "X", "verified": "2025-02-30",
                                      "review_by": "2026-02-01"}})


@pytest.mark.parametrize("word, syllables", [("cat", 1), ("hello", 2), ("computer", 3),
                                             ("password", 2), ("information", 4)])
def test_syllables_come_from_the_cmu_dictionary(word, syllables):
    reading._textstat()
    assert reading._syllable_counts()[word] == syllables


def test_reading_ease_is_the_flesch_formula():
    # 2 sentences, 10 words, 12 syllables: 206.835 - 1.015 * 5 - 84.6 * 1.2
    text = "The cat sat on the mat. Computers help us learn."
    assert reading.ease(text) == pytest.approx(206.835 - 1.015 * 5 - 84.6 * 1.2, abs=0.01)
