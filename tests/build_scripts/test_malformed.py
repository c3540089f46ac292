"""Nothing a teacher types can break the build.

Every kind of real content file (a story, a lesson, a school's settings, a facts file, the
topics) is malformed by every family of malformation in ``malform.py`` that fits it, with
hypothesis choosing the file and where and how to break it (derandomized: the same cases on every
run). Each case must keep the contract: the check refuses the file with ``path:line: message``
for the file itself, or accepts it and then every page renders from it; never an exception,
nesting or aliases that cost time and memory, or another file blamed (but for using what the
file no longer holds: see ``malform.keeps_contract``). A real ``clickwise build``, ``mkdocs
build`` and ``clickwise check`` prove the same at the command line: exit status 1, the
messages, no traceback and the last good site untouched.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from build_scripts import build
from build_scripts.load import checks
from tests.build_scripts import malform

#: Cases for each (family, kind of file) pair: at most 180 in all (each runs the whole check, and
#: renders every page when the check passes), so that the module takes about 25 s of CPU time.
EXAMPLES = 2
ROOT = malform.ROOT


@pytest.fixture(scope="module", autouse=True)
def _small_trees():
    yield
    malform.remove_trees()


@pytest.mark.parametrize("family, kind", malform.PAIRS, ids=[f"{f}-{k}" for f, k in malform.PAIRS])
def test_a_malformed_file_is_refused_with_its_path_or_builds(family, kind):
    make, _ = malform.FAMILIES[family]

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.large_base_example])
    @given(st.data())
    def one_case(data):
        target = data.draw(st.sampled_from(malform.targets(kind)), label="file")
        case = make(malform.original(target), data.draw)
        note(f"{case.path}: {case.note} ({case.expect})")
        malform.keeps_contract(case)

    one_case()


# --- real builds at the command line ----------------------------------------------------------

HELPLINES = (ROOT / "facts/helplines.yml").read_bytes()
#: (a file, what it is made to hold, the one line every command must print for it): all three
#: broken in one copy of the project, as each command costs a whole check of it.
BROKEN = [
    ("quizzes/ks1/zz-empty.yml", b"",
     "quizzes/ks1/zz-empty.yml:1: the file is empty: write a story's keys (title:, band:, "
     "topics:, start:, scenes: and the rest) in it"),
    ("lessons/ks2/what-pegi-means.md",
     (ROOT / "lessons/ks2/what-pegi-means.md").read_bytes().replace(b"PEGI", b"P\xc9GI", 1),
     "lessons/ks2/what-pegi-means.md:2: this line has bytes that are not UTF-8 text (byte "
     "0xc9): save the file as UTF-8"),
    ("facts/helplines.yml", HELPLINES + malform.BOMB.encode(),
     f"facts/helplines.yml:{len(HELPLINES.splitlines()) + 1}: anchors and aliases (&name and "
     "*name) are not allowed: write each value out in full"),
]
COMMANDS = {"clickwise build": ["-m", "build_scripts.cli", "--root", "{root}", "build",
                                "--site-dir", "{site}"],
            "mkdocs build": ["-m", "mkdocs", "build", "-q", "-f", "{root}/mkdocs.yml", "-d",
                             "{site}"],
            "clickwise check": ["-m", "build_scripts.cli", "--root", "{root}", "check"]}


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory) -> Path:
    """A copy of the project with the BROKEN files in it."""
    root = tmp_path_factory.mktemp("broken") / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "lessons", "quizzes", "schools", "facts",
                 "build_scripts", "quiz_engine", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, root / name)
    for path, raw, _ in BROKEN:
        (root / path).write_bytes(raw)
    return root


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_real_build_or_check_stops_with_the_messages_and_keeps_the_last_good_site(
        tmp_path, broken_project, command):
    site = tmp_path / "site"
    (site / "lessons").mkdir(parents=True)
    (site / "index.html").write_text("the last good site")
    (site / "lessons/page.html").write_text("a page of it")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    run = [sys.executable, *(a.format(root=broken_project, site=site) for a in COMMANDS[command])]
    done = subprocess.run(run, cwd=broken_project, capture_output=True, text=True, timeout=300)
    said = [re.sub(r"^ERROR +- +", "", text)  # MkDocs' own prefix
            for text in (done.stderr + done.stdout).splitlines()]
    assert done.returncode == 1
    assert {line for _, _, line in BROKEN} <= set(said)
    assert "Traceback" not in done.stderr + done.stdout
    summary = "Stopped: 3 errors and 0 warnings." + (
        "" if command == "clickwise check" else
        " Nothing was built; the last good site is unchanged.")
    assert any(text.startswith(summary) for text in said)  # check adds how long it took
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".building-*"))


# --- every value replaced by every wrong type ---------------------------------------------------

VALID = ROOT / "tests/fixtures/valid"


def _sources(content) -> list:
    return [content.topics, content.school, *content.facts.values(),
            *(source for _, source in content.scenarios.values()),
            *(lesson.meta for lesson in content.lessons.values())]


def _with(content, changed):
    """``content`` with the Source of ``changed.path`` swapped for ``changed``."""
    swap = {changed.path: changed}.get
    return dataclasses.replace(
        content, topics=swap(content.topics.path, content.topics),
        school=swap(content.school.path, content.school),
        facts={name: swap(s.path, s) for name, s in content.facts.items()},
        scenarios={sid: (band, swap(s.path, s)) for sid, (band, s) in content.scenarios.items()},
        lessons={lid: dataclasses.replace(lesson, meta=swap(lesson.path, lesson.meta))
                 for lid, lesson in content.lessons.items()})


#: How many places at each depth of each file the sweep below changes, and how many of the wrong
#: values each place gets (taken in turn, so that a file's places share every value between them).
PLACES_PER_DEPTH, VALUES_PER_PLACE = 4, 5


def sampled(data) -> list[tuple[tuple, object]]:
    """(place, wrong value) pairs: at every depth of ``data``, PLACES_PER_DEPTH places spread
    evenly over it, each with VALUES_PER_PLACE of malform.WRONG in turn. The same on every run."""
    depths: dict[int, list[tuple]] = {}
    for where in malform.paths(data):
        depths.setdefault(len(where), []).append(where)
    chosen = []
    for places in depths.values():
        count = min(PLACES_PER_DEPTH, len(places))
        chosen += [places[round(i * (len(places) - 1) / max(count - 1, 1))] for i in range(count)]
    wrong = malform.WRONG
    return [(where, wrong[(n * VALUES_PER_PLACE + m) % len(wrong)])
            for n, where in enumerate(dict.fromkeys(chosen)) for m in range(VALUES_PER_PLACE)]


@pytest.mark.parametrize("path", [s.path for s in _sources(build.gather_and_check(VALID)[0])])
def test_a_value_replaced_by_a_wrong_type_at_every_depth_is_refused_or_builds(path):
    """Keys of every kind of file, at every depth, holding wrong types (``sampled``): the check
    names the file, or passes and every page renders (rendered when the type changed)."""
    loaded, _ = build.gather_and_check(VALID, today=malform.TODAY)
    source = next(s for s in _sources(loaded) if s.path == path)
    for where, value in sampled(source.data):
        old = malform.get(source.data, where)
        changed = dataclasses.replace(source, data=malform.replace(source.data, where, value))
        content = _with(loaded, changed)
        problems = checks.check_content(content, malform.TODAY)
        errors = [p for p in problems if p.level == "error"]
        if errors:
            assert any(p.path == path for p in errors), (where, value, errors[0])
        elif type(value) is not type(old):
            malform.renders(content)
