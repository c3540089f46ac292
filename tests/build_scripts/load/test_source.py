"""The YAML loader: the data PyYAML's safe loader gives, the line of every key, duplicate keys,
and a clear problem (not a crash, and at little cost) for any file no author should write."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
import yaml

from build_scripts.load import reading
from build_scripts.load.source import MAX_BYTES, load_yaml, read_text

ROOT = Path(__file__).resolve().parents[3]
AUTHORED = sorted([*ROOT.glob("quizzes/*/*.yml"), *ROOT.glob("facts/*.yml"),
                   *ROOT.glob("schools/*.yml"), *ROOT.glob("tests/fixtures/**/*.yml")])


def load(text: str):
    return load_yaml(Path("x.yml"), "x.yml", text)


def messages(text: str) -> list[str]:
    return [f"{p.line}: {p.message}" for p in load(text)[1]]


@pytest.mark.parametrize("path", AUTHORED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_authored_file_loads_as_the_safe_loader_reads_it(path):
    source, problems = load_yaml(path, "x.yml")
    if source.data is None:  # refused: a fixture of a file no author should write
        assert problems
        return
    text = read_text(path, "x.yml")[0]

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


ANCHORS = "1: anchors and aliases (&name and *name) are not allowed: write each value out in full"


@pytest.mark.parametrize("text", ["x: &a [1, *a]\n", "a: &x 1\nb: *x\n", "a: &x 1\n",
                                  "a: 1\n<<: *a\n"])
def test_anchors_and_aliases_are_refused(text):
    source, problems = load(text)
    assert source.data is None
    assert [p.message for p in problems] == [ANCHORS.removeprefix("1: ")]


def test_an_alias_bomb_costs_nothing():
    """Nine levels of nine aliases would build a billion strings; it is refused at the first
    alias, before anything is built."""
    bomb = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefghi", "bcdefghij"))
    tracemalloc.start()
    try:
        _, problems = load(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f"{p.line}: {p.message}" for p in problems] == [ANCHORS]
    assert peak < 1_000_000


@pytest.mark.parametrize("tag", ["!!set {a, b}", "!!binary aGVsbG8=", "!!python/name:os.system",
                                 "!!python/object/apply:os.system ['true']", "!!str words",
                                 "!mine words", "!!omap [a: 1]", "!!timestamp 2024-01-01"])
def test_yaml_tags_are_refused(tag):
    shown = tag.split()[0].replace("!!", "!!", 1)
    assert messages(f"title: A\nx: {tag}\n") == [
        f'2: YAML tags such as "{shown}" are not allowed: write plain text, numbers, lists and '
        "mappings"]


def test_a_list_as_a_key_is_a_problem_not_a_crash():
    assert messages("? [1]\n: 2\n") == ["1: a key must be plain text, not a list or mapping"]


def test_facts_at_the_start_of_a_value_need_quotes():
    assert messages("a: 1\nb: {{childline.name}}\n") == [
        '2: text that starts with {{ must be in quotes: put the whole value in quotes, e.g. '
        '"{{childline.name}} can help."']


@pytest.mark.parametrize("depth", [31, 1000, 1_000_000])
@pytest.mark.parametrize("open_, close", [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_is_refused_without_recursing(depth, open_, close):
    """libyaml's own builder overflows the C stack at about 100,000 levels (a crash no
    exception handler sees); the loader stops at the 31st."""
    assert messages("a: " + open_ * depth + "1" + close * depth + "\n") == [
        "1: lists and mappings are nested more than 30 deep here: no setting goes that deep"]


def test_nesting_up_to_the_limit_loads():
    source, problems = load("a: " + "[" * 29 + "]" * 29 + "\n")
    value, depth = source.data["a"], 1
    while value:
        value, depth = value[0], depth + 1
    assert (problems, depth) == ([], 29)


@pytest.mark.parametrize("text, line, what", [
    ("", 1, "is empty: write keys in it"), ("# only a comment\n", 1, "is empty: write keys in it"),
    ("null\n", 1, "is empty: write keys in it"), ("~\n", 1, "is empty: write keys in it"),
    ("- a\n- b\n", 1, "holds a list, where keys should be"),
    ("\n\n42\n", 3, "holds only the number 42, where keys should be"),
    ("just words\n", 1, 'holds only the text "just words", where keys should be')])
def test_a_top_that_is_not_a_mapping_is_refused(text, line, what):
    assert messages(text) == [f"{line}: the file {what}"]


def test_a_second_document_is_refused():
    assert messages("a: 1\n---\nb: 2\n") == [
        "2: a --- line starts a second document here: keep one document in the file"]


def test_a_number_too_long_to_read_is_refused():
    assert messages("a: " + "9" * 5000 + "\n") == [
        "1: this number is too long to read: put it in quotes to make it text"]


def test_keys_are_the_text_the_author_wrote():
    source, _ = load("1: a\nyes: b\nnull: c\n2.5: d\n")
    assert source.data == {"1": "a", "yes": "b", "null": "c", "2.5": "d"}


@pytest.mark.parametrize("text, expected", [
    ('a: 1\nb: "no end\n', '2: YAML syntax error: the quote that starts on this line is never '
                            'closed: add the closing quote'),
    ("a: 1\nb: 'no end", "2: YAML syntax error: the quote that starts on this line is never "
                         "closed: add the closing quote"),
    ("a:\n\tb: 1\n", "2: YAML syntax error: found character that cannot start any token (indent "
                     "with spaces: YAML does not allow tabs there)"),
    ("a: [1, 2\n", "2: YAML syntax error: did not find expected ',' or ']' (the file ends here: "
                   "has the end of it been cut off?)"),
    ('a: "C:\\path"\nb: 1\n', "1: YAML syntax error: found unknown escape character (in double "
                              r"quotes \ starts a code: write \\, or use single quotes)"),
    ("a: Section 5: Pupils\n", '1: YAML syntax error: mapping values are not allowed in this '
                               'context (text with ": " in it must be in quotes)'),
    ('a: "x\nb: 1\nc: "y"\n', "3: YAML syntax error: did not find expected key (the quote that "
                             "starts on line 1 is not closed on that line)")])
def test_syntax_errors_say_where_and_why(text, expected):
    assert messages(text) == [expected]


# --- reading the file itself ---------------------------------------------------------------

def read(tmp_path: Path, data: bytes) -> tuple[str | None, list[str]]:
    path = tmp_path / "x.yml"
    path.write_bytes(data)
    text, problems = read_text(path, "x.yml")
    return text, [f"{p.line}: {p.message}" for p in problems]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbfa: 1\nb: 2\n", b"a: 1\r\nb: 2\r\n", b"a: 1\rb: 2\r",
                                  b"\xef\xbb\xbfa: 1\r\nb: 2\r\n"])
def test_a_byte_order_mark_and_crlf_line_ends_read_as_if_not_there(tmp_path, data):
    assert read(tmp_path, data) == ("a: 1\nb: 2\n", [])


def test_bytes_that_are_not_utf8_are_named_with_their_line(tmp_path):
    assert read(tmp_path, "a: 1\r\nb: £\n".encode("latin-1")) == (None, [
        "2: this line has bytes that are not UTF-8 text (byte 0xa3): save the file as UTF-8"])


def test_a_nul_character_is_named_with_its_line(tmp_path):
    assert read(tmp_path, b"a: 1\nb: 2\x00\n") == (None, [
        "2: this line has a NUL character (code 0), which no text file holds: delete it, or "
        "copy the text into a fresh file"])


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path):
    assert read(tmp_path, b"a: " + b"x" * MAX_BYTES + b"\n") == (None, [
        f"1: the file is {MAX_BYTES + 4:,} bytes: authored files must be under {MAX_BYTES:,}; "
        "split it up"])


def test_a_link_to_a_missing_file_a_folder_and_no_file(tmp_path):
    os.symlink(tmp_path / "gone.yml", tmp_path / "link.yml")
    (tmp_path / "folder.yml").mkdir()
    said = {name: [p.message for p in read_text(tmp_path / name, name)[1]]
            for name in ("link.yml", "folder.yml", "none.yml")}
    assert said == {
        "link.yml": [f"this is a link to {tmp_path / 'gone.yml'}, which does not exist: put the "
                     "file itself here, or delete the link"],
        "folder.yml": ["this is a folder, not a file"], "none.yml": ["file not found"]}


@pytest.mark.parametrize("word, syllables", [("cat", 1), ("hello", 2), ("computer", 3),
                                             ("password", 2), ("information", 4)])
def test_syllables_come_from_the_cmu_dictionary(word, syllables):
    reading._textstat()
    assert reading._syllable_counts()[word] == syllables


def test_reading_ease_is_the_flesch_formula():
    # 2 sentences, 10 words, 12 syllables: 206.835 - 1.015 * 5 - 84.6 * 1.2
    text = "The cat sat on the mat. Computers help us learn."
    assert reading.ease(text) == pytest.approx(206.835 - 1.015 * 5 - 84.6 * 1.2, abs=0.01)
