"""Malformations of real content files, family by family, and the contract every one must keep.

Each family turns a real file's bytes into a broken (or, for the byte-order mark and CRLF line
ends, an equivalent) file, drawing its choices from hypothesis. ``keeps_contract`` then runs the
build's own gather and check on a small content tree holding that file and, when the check
passes, renders every page from it: whatever the file holds, the result must be
``path:line: message`` problems blaming the file itself, or pages, never an exception.

Used by ``test_malformed.py``; kept apart so that the families read as one catalogue.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from build_scripts import build, hooks
from build_scripts.load import content, validation
from build_scripts.load.source import load_yaml
from build_scripts.pages.render import Renderer
from tests.build_scripts.load.test_checks import TODAY

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted(p.relative_to(ROOT).as_posix() for p in (
    *ROOT.glob("quizzes/*/*.yml"), *ROOT.glob("lessons/*/*.md"), *ROOT.glob("schools/*.yml"),
    *ROOT.glob("facts/*.yml")))
#: Lessons and stories every small tree holds, so that facts and schools are used by pages.
BASE = ("lessons/ks1/is-it-made-for-me.md", "lessons/ks2/what-pegi-means.md",
        "quizzes/ks1/tom-big-kids-app.yml", "quizzes/ks2/kai-pegi-saturday.yml",
        "quizzes/parents/first-tablet.yml")
PROBLEM = re.compile(r"(?P<path>[^\n:]+):(?P<line>\d+): (?P<message>[^\n]+)")

# What a family promises: the file is refused (an error on the file itself); it reads exactly
# as the file it came from; or either of those or accepted and rendered.
REFUSED, SAME, EITHER = "refused", "same", "either"


def kind(path: str) -> str:
    """story, lesson, school, facts or topics."""
    if path.startswith("quizzes/"):
        return "story"
    if path.startswith("lessons/"):
        return "lesson"
    if path.startswith("schools/"):
        return "school"
    return "topics" if path == "facts/topics.yml" else "facts"


@dataclass(frozen=True)
class Original:
    """A real file as its families see it: a lesson's YAML is its front matter."""

    path: str
    raw: bytes

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8")

    @property
    def kind(self) -> str:
        return kind(self.path)

    def parts(self) -> tuple[str, str, str]:
        """(before the YAML, the YAML, after it): a lesson's front matter sits between its
        --- lines; every other file is all YAML."""
        if self.kind != "lesson":
            return "", self.text, ""
        _, front, body = self.text.split("---\n", 2)
        return "---\n", front, "---\n" + body

    def data(self):
        return yaml.load(self.parts()[1], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    def with_yaml(self, text: str) -> bytes:
        before, _, after = self.parts()
        return (before + text + after).encode("utf-8")


@dataclass(frozen=True)
class Case:
    """One malformed file: its bytes (None: a link to a missing file), what is promised, and
    what one of the file's own errors must say when it is refused (a regular expression)."""

    path: str
    raw: bytes | None
    expect: str
    note: str = ""
    says: str = ""


@cache
def original(path: str) -> Original:
    return Original(path, (ROOT / path).read_bytes())


# --- the families ---------------------------------------------------------------------------
# Each takes the original and hypothesis's ``draw`` and answers a Case.

def key_lines(text: str, inline: bool = True) -> list[int]:
    """Indexes of lines that set a key (with a value on the same line when ``inline``)."""
    pattern = r"^\s*(- )?[\w-]+:" + (r" +\S" if inline else r"(\s|$)")
    return [i for i, line in enumerate(text.split("\n")) if re.match(pattern, line)]


def _at_a_value(o: Original, draw, new_value) -> str:
    """The YAML with the value of one key line (drawn) replaced by ``new_value(old)``."""
    from hypothesis import strategies as st

    lines = o.parts()[1].split("\n")
    i = draw(st.sampled_from(key_lines(o.parts()[1])))
    head, _, old = lines[i].partition(": ")
    lines[i] = f"{head}: {new_value(old)}"
    return "\n".join(lines)


def empty(o, draw):
    return Case(o.path, b"", REFUSED, says="front matter" if o.kind == "lesson" else "is empty")


def whitespace_only(o, draw):
    from hypothesis import strategies as st

    blank = draw(st.text(alphabet=" \t\n\r", min_size=1, max_size=20))
    return Case(o.path, blank.encode(), REFUSED, repr(blank))


def top_level_not_a_mapping(o, draw):
    from hypothesis import strategies as st

    top = draw(st.sampled_from(["null\n", "~\n", "# only a comment\n", "[]\n", "- a\n- b\n",
                                "42\n", "just some words\n", "true\n", '"text"\n']))
    return Case(o.path, o.with_yaml(top), REFUSED, repr(top))


def not_utf8(o, draw):
    from hypothesis import strategies as st

    bad = draw(st.sampled_from([b"\xff", b"\xa3", b"\xc3\x28", b"\xed\xa0\x80", b"\x80\x80"]))
    at = draw(st.integers(0, len(o.raw)))
    return Case(o.path, o.raw[:at] + bad + o.raw[at:], REFUSED, f"{bad!r} at {at}",
                says="not UTF-8")


def byte_order_mark(o, draw):
    return Case(o.path, b"\xef\xbb\xbf" + o.raw, SAME)


def crlf_line_ends(o, draw):
    from hypothesis import strategies as st

    ends = draw(st.sampled_from([b"\r\n", b"\r"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return Case(o.path, bom + o.raw.replace(b"\n", ends), SAME, repr(ends))


def nul_bytes(o, draw):
    from hypothesis import strategies as st

    at = draw(st.integers(0, len(o.raw)))
    return Case(o.path, o.raw[:at] + b"\x00" + o.raw[at:], REFUSED, f"at {at}",
                says="NUL character")


def cut_off(o, draw):
    from hypothesis import strategies as st

    at = draw(st.integers(0, len(o.raw) - 1))
    return Case(o.path, o.raw[:at], EITHER, f"at {at}")


def unterminated_quote(o, draw):
    from hypothesis import strategies as st

    quote = draw(st.sampled_from(['"', "'"]))
    if draw(st.booleans()):
        text = o.parts()[1].rstrip("\n") + f"\nextra: {quote}no closing quote"
        return Case(o.path, o.with_yaml(text), REFUSED, "at the end")
    text = _at_a_value(o, draw, lambda old: quote + old)
    return Case(o.path, o.with_yaml(text), REFUSED, quote)


def tab_indentation(o, draw):
    from hypothesis import strategies as st

    lines = o.parts()[1].split("\n")
    indented = [i for i in key_lines(o.parts()[1], inline=False) if lines[i].startswith(" ")]
    if not indented:
        return Case(o.path, o.raw, SAME, "nothing indented")
    i = draw(st.sampled_from(indented))
    lines[i] = "\t" + lines[i].lstrip(" ")
    return Case(o.path, o.with_yaml("\n".join(lines)), REFUSED, f"line {i + 1}")


#: Values of every kind, each the wrong type somewhere.
WRONG = (None, True, 0, 7, 2.5, "", "some words", "{{nope.value}}", "<b>bold</b>", [], ["text"],
         [3], [[]], [{}], {}, {"text": "x"}, {"a": [1]}, "2024-13-45", -1, 10 ** 30)


def paths(data, where: tuple = ()) -> list[tuple]:
    """Every path of keys and list positions in ``data`` (not the top itself)."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in items:
        found.append(where + (key,))
        found += paths(value, where + (key,))
    return found


def replace(data, where: tuple, value):
    """A copy of ``data`` with the value at ``where`` replaced (the rest shared)."""
    if not where:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[where[0]] = replace(copy[where[0]], where[1:], value)
    return copy


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10 ** 6)


def wrong_type(o, draw):
    from hypothesis import strategies as st

    data = o.data()
    where = draw(st.sampled_from(paths(data)))
    if draw(st.integers(0, 5)) == 0 and isinstance(where[-1], str):  # the key itself
        key = draw(st.sampled_from([1, True, None, 2.5]))
        parent = get(data, where[:-1])
        renamed = {(key if k == where[-1] else k): v for k, v in parent.items()}
        return Case(o.path, o.with_yaml(_dump(replace(data, where[:-1], renamed))), EITHER,
                    f"key {where} -> {key!r}")
    value = draw(st.sampled_from(WRONG))
    return Case(o.path, o.with_yaml(_dump(replace(data, where, value))), EITHER,
                f"{where} -> {value!r}")


def get(data, where: tuple):
    """The value at ``where`` in ``data``."""
    for step in where:
        data = data[step]
    return data


def duplicate_key(o, draw):
    from hypothesis import strategies as st

    lines = o.parts()[1].split("\n")
    keys = [i for i in key_lines(o.parts()[1]) if not lines[i].lstrip().startswith("- ")]
    i = draw(st.sampled_from(keys))
    lines.insert(i + 1, lines[i])
    return Case(o.path, o.with_yaml("\n".join(lines)), REFUSED, f"line {i + 1}",
                says="duplicate")


def very_long_string(o, draw):
    from hypothesis import strategies as st

    size = draw(st.sampled_from([10_000, 200_000, 3_000_000]))
    word = draw(st.sampled_from(["safe ", "x", "{{childline.phone}} "]))
    text = _at_a_value(o, draw, lambda old: '"' + (word * (size // len(word))) + '"')
    return Case(o.path, o.with_yaml(text), EITHER, f"{size} of {word!r}")


def very_deep_nesting(o, draw):
    from hypothesis import strategies as st

    depth = draw(st.sampled_from([10, 60, 1000, 100_000, 1_000_000]))
    shapes = ["list", "mapping"] + (["markdown"] if o.kind == "lesson" else [])
    shape = draw(st.sampled_from(shapes))
    if shape == "markdown":  # the lesson's body, nested ever deeper one way or another
        levels = min(depth, 2000)
        how = draw(st.sampled_from(["list", "admonition", "quote", "html"]))
        nested = {"list": "".join("    " * i + "1. deeper\n" for i in range(levels)),
                  "admonition": "".join("    " * i + "!!! note\n\n" for i in range(levels)),
                  "quote": "".join("> " * i + "- deeper\n" for i in range(levels)),
                  "html": "<div markdown>\n\n" * levels + "x\n\n" + "</div>\n\n" * levels}[how]
        return Case(o.path, o.raw + b"\n" + nested.encode(), EITHER, f"{levels} {how} levels",
                    says="more than|must be under" if depth > 10 else "")
    nested = "[" * depth + "]" * depth if shape == "list" else "{a: " * depth + "1" + "}" * depth
    text = _at_a_value(o, draw, lambda old: nested)
    return Case(o.path, o.with_yaml(text), EITHER, f"{depth} {shape}s",
                says="nested more than|must be under" if depth > 30 else "")


BOMB = ('lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"l{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(9)))


def anchors_and_aliases(o, draw):
    from hypothesis import strategies as st

    if draw(st.booleans()):
        text = o.parts()[1].rstrip("\n") + "\n" + BOMB
        return Case(o.path, o.with_yaml(text), REFUSED, "alias bomb", says="anchors and aliases")
    lines = o.parts()[1].split("\n")
    first, second = sorted(draw(st.lists(st.sampled_from(key_lines(o.parts()[1])),
                                         min_size=2, max_size=2, unique=True)))
    head, _, value = lines[first].partition(": ")
    lines[first] = f"{head}: &shared {value}"
    lines[second] = lines[second].partition(": ")[0] + ": *shared"
    return Case(o.path, o.with_yaml("\n".join(lines)), REFUSED, f"lines {first + 1}, {second + 1}",
                says="anchors and aliases")


TAGS = ("!!set {a, b}", "!!binary aGVsbG8=", "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system", "!!omap [a: 1]", "!!pairs [a: 1]", "!!timestamp 2024-01-01",
        "!!float 1", "!!str words", "!mine words", "!!python/tuple [1, 2]")


def yaml_tags(o, draw):
    from hypothesis import strategies as st

    tag = draw(st.sampled_from(TAGS))
    return Case(o.path, o.with_yaml(_at_a_value(o, draw, lambda old: tag)), REFUSED, tag,
                says="YAML tags")


def closed_keys(schema: dict, where: tuple) -> dict | None:
    """The keys a mapping at ``where`` may have, when its schema lists them all."""
    for step in where:
        if isinstance(step, int):
            schema = schema.get("items", {})
        elif step in schema.get("properties", {}):
            schema = schema["properties"][step]
        else:
            schema = schema.get("additionalProperties")
            if not isinstance(schema, dict):
                return None
    if schema.get("additionalProperties") is False:
        return schema.get("properties", {})
    return None


SCHEMAS = {"story": "scenario", "lesson": "lesson", "school": "school"}


def unknown_key(o, draw):
    from hypothesis import strategies as st

    data, schema = o.data(), validation.schema(SCHEMAS[o.kind])
    where = draw(st.sampled_from([w for w in paths(data) if isinstance(w[-1], str)
                                  and closed_keys(schema, w[:-1]) is not None] + [()]))
    key = where[-1] if where else "title"
    typo = draw(st.sampled_from([key[:-1], key + "s", key[1:] + key[0], key.upper(),
                                 "zzz-not-a-key"]))
    parent = get(data, where[:-1])
    renamed = {(typo if k == key else k): v for k, v in parent.items()} if where else \
        dict(data, **{typo: "x"})
    known = closed_keys(schema, where[:-1]) or {}
    match = close_match(typo, known)
    says = "" if typo in known else re.escape(f'unknown key "{typo}"') + (
        ".*" + re.escape(f'(did you mean "{match}"?)') if match else "")
    return Case(o.path, o.with_yaml(_dump(replace(data, where[:-1], renamed))), REFUSED,
                f"{where} -> {typo}", says)


def front_matter(o, draw):
    from hypothesis import strategies as st

    _, front, body = o.parts()
    shape = draw(st.sampled_from(["not closed", "not a mapping", "empty", "only a comment",
                                  "none"]))
    text = {"not closed": "---\n" + front + body[4:],
            "not a mapping": "---\n- a list\n- not settings\n" + body,
            "empty": "---\n" + body, "only a comment": "---\n# nothing\n" + body,
            "none": body[4:].lstrip("\n")}[shape]
    return Case(o.path, text.encode(), REFUSED, shape)


def paths_loop(o, draw):
    data = o.data()
    scenes = {sid: scene if not scene.get("ending") else {
        "text": scene["text"], "choices": [{"label": "Go round again.", "goto": data["start"],
                                            "outcome": "unsure", "feedback": "Round again."}]}
        for sid, scene in data["scenes"].items()}
    return Case(o.path, o.with_yaml(_dump(dict(data, scenes=scenes))), REFUSED,
                says="cannot reach any ending")


def link_to_missing_file(o, draw):
    return Case(o.path, None, REFUSED, says="is a link to")


#: Family name -> (how it malforms a file, the kinds of file it applies to).
ALL = ("story", "lesson", "school", "facts", "topics")
FAMILIES = {
    "empty": (empty, ALL), "whitespace-only": (whitespace_only, ALL),
    "top-level-not-a-mapping": (top_level_not_a_mapping, ALL), "not-utf8": (not_utf8, ALL),
    "byte-order-mark": (byte_order_mark, ALL), "crlf": (crlf_line_ends, ALL),
    "nul-bytes": (nul_bytes, ALL), "cut-off": (cut_off, ALL),
    "unterminated-quote": (unterminated_quote, ALL), "tab-indentation": (tab_indentation, ALL),
    "wrong-type": (wrong_type, ALL), "duplicate-key": (duplicate_key, ALL),
    "very-long-string": (very_long_string, ALL), "very-deep-nesting": (very_deep_nesting, ALL),
    "anchors-and-aliases": (anchors_and_aliases, ALL), "yaml-tags": (yaml_tags, ALL),
    "unknown-key": (unknown_key, ("story", "lesson", "school")),
    "front-matter": (front_matter, ("lesson",)), "paths-loop": (paths_loop, ("story",)),
    "link-to-missing-file": (link_to_missing_file, ALL),
}


#: Every (family, kind of file) pair the fuzz test runs.
PAIRS = [(family, k) for family, (_, kinds) in FAMILIES.items() for k in kinds]


def targets(k: str) -> list[str]:
    """The real files of one kind."""
    return [p for p in REAL if kind(p) == k]


# --- a small tree holding one file ---------------------------------------------------------

@cache
def needs(path: str) -> tuple[str, ...]:
    """The real files that ``path`` links to, so that it can pass the check: a lesson's stories;
    a school's lessons and stories named by ``taught_by`` (and their stories)."""
    if kind(path) == "lesson":
        links = set(original(path).data().get("scenarios") or [])
        return tuple(p for p in REAL if kind(p) == "story" and Path(p).stem in links)
    if kind(path) != "school":
        return ()
    links = {mid for items in (original(path).data().get("commitments") or {}).values()
             for item in items for mid in item.get("taught_by") or ()}
    named = [p for p in REAL if kind(p) in ("story", "lesson") and Path(p).stem in links]
    return tuple(sorted({*named, *(n for p in named for n in needs(p))}))


TREES: list[Path] = []


@cache
def small_tree(path: str) -> tuple[Path, str]:
    """A content tree (made once per file, in a temporary folder) that links to the real facts,
    a school, ``path`` and what it needs, and answers the tree and the school to build for.

    A school's own tree holds every lesson and story its ``taught_by`` names and the site's
    pages, which its positions are checked against. Any other file's tree holds the BASE
    lessons and stories (so that facts are used by pages), only the pictures of the site's
    pages, and the default school without its ``taught_by`` links: each case checks a tree a
    third the size of the school's, and every file in it is still real."""
    at = Path(tempfile.mkdtemp(prefix="malformed-"))
    TREES.append(at)
    for name in ("quizzes/ks1", "quizzes/ks2", "quizzes/parents", "lessons/ks1",
                 "lessons/ks2", "lessons/parents", "schools", "facts"):
        (at / name).mkdir(parents=True)
    files = {*(p for p in REAL if kind(p) in ("facts", "topics")), path, *needs(path)}
    if kind(path) == "school":
        (at / "content").symlink_to(ROOT / "content")
        school = Path(path).stem
    else:
        (at / "content").mkdir()
        (at / "content/pictures").symlink_to(ROOT / "content/pictures")
        school = "default"
        files |= {*BASE, *(n for b in BASE for n in needs(b))}
        (at / "schools/default.yml").write_text(_dump(unlinked(original(
            "schools/default.yml").data())), encoding="utf-8")
    for name in files:
        (at / name).symlink_to(ROOT / name)
    return at, school


def unlinked(school: dict) -> dict:
    """A school's settings without the ``taught_by`` links of its promises."""
    return dict(school, commitments={
        group: [{k: v for k, v in item.items() if k != "taught_by"} for item in items]
        for group, items in school.get("commitments", {}).items()})


@contextlib.contextmanager
def holding(case: Case):
    """The small tree for the case's file, with the file malformed while inside."""
    root, school = small_tree(case.path)
    target = root / case.path
    target.unlink()
    if case.raw is None:
        target.symlink_to(root / "nowhere" / target.name)
    else:
        target.write_bytes(case.raw)
    try:
        yield root, school
    finally:
        target.unlink()
        target.symlink_to(ROOT / case.path)


def remove_trees() -> None:
    """Delete every small tree made so far."""
    for root in TREES:
        shutil.rmtree(root, ignore_errors=True)
    TREES.clear()
    small_tree.cache_clear()


# --- the contract ---------------------------------------------------------------------------

class Broken(AssertionError):
    """The contract was not kept; ``what`` says how (crash, wrong file, accepted, ...)."""

    def __init__(self, what: str, detail: str):
        super().__init__(f"{what}: {detail}")
        self.what = what


def keeps_contract(case: Case, render: bool = True) -> list[str]:
    """Check and (when the check passes) render a tree holding ``case``; answers the problems.
    Raises Broken when the contract is not kept.

    Another file may be blamed only for using what this one does not hold (an ``unknown ...``
    message): beside this file's own errors, or alone when this file is still well formed (cut
    off after a whole entry, say, or with a key renamed), which no check could tell from an
    edit the author meant."""
    with holding(case) as (root, school):
        try:
            loaded, problems = build.gather_and_check(root, school, TODAY)
        except RecursionError as error:
            raise Broken("crash", f"RecursionError {error}") from error
        except MemoryError as error:
            raise Broken("out of memory", "MemoryError") from error
        except Exception as error:  # noqa: BLE001 - what escapes is what the test reports
            raise Broken("crash", f"{type(error).__name__}: {error}"[:300]) from error
        shown = [str(p) for p in problems]
        _well_formed(case, problems)
        errors = [p for p in problems if p.level == "error"]
        if case.expect == SAME:
            if set(shown) != baseline(case.path) or _data(loaded, case.path) != real_data(
                    case.path):
                raise Broken("read differently", f"{sorted(set(shown) ^ baseline(case.path))}")
            return shown  # the same data as the real file, which the site is built from
        mine = [p for p in errors if p.path == case.path]
        others = [p for p in errors if p.path != case.path]
        if others and (not mine and case.expect == REFUSED or not all(
                "unknown" in p.message for p in others)):
            raise Broken("wrong file blamed", str(others[0]))
        if mine and case.says and not any(re.search(case.says, p.message) for p in mine):
            raise Broken("refused for another reason", f"{case.says!r} not in {shown}")
        if not errors and render:
            renders(loaded)
        if not errors and case.expect == REFUSED:
            raise Broken("accepted", "no error for a file that must be refused")
        return shown


def _data(loaded, path: str):
    """The data the build read from ``path`` (a lesson: its front matter)."""
    sources = [loaded.topics, loaded.school, *loaded.facts.values(),
               *(source for _, source in loaded.scenarios.values()),
               *(lesson.meta for lesson in loaded.lessons.values())]
    return next(source.data for source in sources if source and source.path == path)


def _well_formed(case: Case, problems) -> None:
    lines = 1 if case.raw is None else max(
        len(case.raw.splitlines()), case.raw.count(b"\n"), case.raw.count(b"\r")) + 1
    for problem in problems:
        match = PROBLEM.fullmatch(str(problem))
        if not match or "Traceback" in problem.message or len(problem.message) > 2000:
            raise Broken("badly formed message", repr(str(problem))[:300])
        if problem.path == case.path and not 1 <= problem.line <= lines:
            raise Broken("line outside the file", f"{problem} ({lines} lines)")


def renders(loaded) -> None:
    """Every page the build makes, through the hooks' page step and the site's Markdown."""
    try:
        site = Renderer(loaded).site()
        for src, text in [*site.pages.items(), *hand_written().items()]:
            page = hooks.page_markdown(text, loaded)
            if src.startswith("lessons/"):
                markdown_converter().convert(page)
    except Exception as error:  # noqa: BLE001
        raise Broken("check passed, build crashed",
                     f"{type(error).__name__}: {error}"[:300]) from error


@cache
def hand_written() -> dict[str, str]:
    """The site's hand-written pages that ask for generated tables or facts."""
    pages = {}
    for page in (ROOT / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "<!--" in text or "{{" in text:
            pages[page.relative_to(ROOT / "content").as_posix()] = text
    return pages


@cache
def markdown_converter():
    """Python-Markdown with the site's extensions (mkdocs.yml), as MkDocs renders a page."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions,
                             extension_configs=config.mdx_configs)


@cache
def real_data(path: str):
    """The data the build reads from the real file."""
    if kind(path) == "lesson":
        return content.front_matter(ROOT / path, path, "lesson")[0].data
    return load_yaml(ROOT / path, path)[0].data


@cache
def baseline(path: str) -> frozenset[str]:
    """The problems of the small tree holding the unchanged file."""
    return frozenset(keeps_contract(Case(path, original(path).raw, EITHER), render=False))


def close_match(word: str, known) -> str | None:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return close[0] if close else None
