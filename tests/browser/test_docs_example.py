"""The complete examples on the teachers' authoring page build and play in the browser exactly
as written, so a teacher who follows the page gets a working scenario (and practice)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from build_scripts import cli
from build_scripts.tools.serve import make_server
from tests.browser import playing
from tests.build_scripts.test_build import _copy_project

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "content/teachers/writing-scenarios.md"


def documented_example(heading: str = "### A complete example\n") -> str:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


PRACTICE_HEADING = "### A complete example with screens and practice\n"


@pytest.fixture
def example_site(tmp_path):
    root = _copy_project(tmp_path)
    (root / "quizzes/ks1/docs-example.yml").write_text(documented_example(), encoding="utf-8")
    (root / "quizzes/ks2/docs-practice.yml").write_text(documented_example(PRACTICE_HEADING),
                                                         encoding="utf-8")
    site = tmp_path / "site"
    assert cli.run_build(root, "default", True, site) == 0
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_documented_example_builds_and_plays_to_every_ending(watched, example_site):
    site, url = example_site
    story = playing.scenario(site, "docs-example")
    page = watched
    page.goto(url + "play/docs-example/")
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    endings = playing.paths_to_every_ending(story)
    assert set(endings) == {"tell-mum", "park"}
    for ending, moves in endings.items():
        playing.play_path(page, moves)
        assert page.get_attribute("#cw-scene", "data-scene") == ending
        page.click('button[data-do="restart"]')
        page.wait_for_selector(f'#cw-scene[data-scene="{story.start}"][data-decided-by="python"]')


def test_documented_practice_example_plays_to_every_ending_with_the_keyboard(watched, example_site):
    site, url = example_site
    story = playing.scenario(site, "docs-practice")
    page = watched
    page.goto(url + "play/docs-practice/")
    assert page.locator("#cw-scene .cw-device[data-kind='settings']").count() == 1
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    endings = playing.paths_to_every_ending(story)
    assert set(endings) == {"safe-end", "risky-end"}
    assert endings["safe-end"] == [{"solve": playing.solution(story.scene("settings"))},
                                   {"solve": playing.solution(story.scene("message"))}]
    for ending, moves in endings.items():
        playing.play_path(page, moves, keyboard=True)
        assert page.get_attribute("#cw-scene", "data-scene") == ending
        page.click('button[data-do="restart"]')
        page.wait_for_selector(f'#cw-scene[data-scene="{story.start}"][data-decided-by="python"]')

