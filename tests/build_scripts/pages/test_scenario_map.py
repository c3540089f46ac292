"""The teachers' scenario map (inline SVG) and the outline of every path."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from build_scripts.pages import scenario_map
from quiz_engine import Scenario

ROOT = Path(__file__).resolve().parents[3]
SVG = "{http://www.w3.org/2000/svg}"


def choice(label: str, goto: str, outcome: str, **more) -> dict:
    return {"label": label, "goto": goto, "outcome": outcome, "feedback": "Why.", **more}


def ending(kind: str, text: str) -> dict:
    return {"ending": kind, "text": text, "safer_choice": f"Safer: {text}",
            "who_can_help": ["trusted-adult"]}


def small(**scenes) -> Scenario:
    """Four scenes, a "try again" loop (told -> ask) and two endings (mum, park)."""
    base = {
        "ask": {"text": 'Jo asks, "Where <do> you live?" & waits.', "choices": [
            choice("Tell Jo.", "told", "risky"), choice("Tell Mum.", "mum", "safe")]},
        "told": {"text": "Jo wants to meet you.", "choices": [
            choice("Go back & think again.", "ask", "unsure"),
            choice("Tell Mum now.", "mum", "safe"), choice("Go to the park.", "park", "risky")]},
        "mum": ending("safe", "Mum helps."),
        "park": ending("risky", "Mum stops it."),
    }
    return Scenario.from_dict({"id": "jo", "title": "Jo <says> hi & more", "band": "ks1",
                               "start": "ask", "scenes": {**base, **scenes}})


def walked(scenario: Scenario) -> list[tuple[str, ...]]:
    return [tuple(s["scene"] for s in p["steps"]) + (p["ending"]["scene"],)
            for p in scenario_map.paths(scenario)]


def test_outline_lists_every_simple_path_to_each_ending_once():
    assert walked(small()) == [("ask", "told", "mum"), ("ask", "told", "park"), ("ask", "mum")]


def test_a_path_carries_scene_text_choices_outcomes_and_the_ending():
    first = scenario_map.paths(small())[0]
    assert [(s["text"], [(c.label, c.outcome) for c in s["choices"]]) for s in first["steps"]] == [
        ('Jo asks, "Where <do> you live?" & waits.', [("Tell Jo.", "risky")]),
        ("Jo wants to meet you.", [("Tell Mum now.", "safe")])]
    assert first["ending"] == {"scene": "mum", "kind": "safe", "text": "Mum helps.",
                               "safer_choice": "Safer: Mum helps."}


def test_outline_groups_paths_by_ending_safe_first():
    groups = scenario_map.outline(small())
    assert [(g["scene"], g["kind"], len(g["paths"])) for g in groups] == [
        ("mum", "safe", 2), ("park", "risky", 1)]


def test_choices_between_the_same_scenes_merge_and_unplayable_ones_are_left_out():
    scenario = small(ask={"text": "Jo asks.", "choices": [
        choice("Tell Jo.", "told", "risky"), choice("Ask who Jo is.", "told", "unsure"),
        choice("Tell Mum again.", "mum", "safe", when=["told-mum"])]})
    assert walked(scenario) == [("ask", "told", "mum"), ("ask", "told", "park")]
    steps = scenario_map.paths(scenario)[0]["steps"]
    assert [c.label for c in steps[0]["choices"]] == ["Tell Jo.", "Ask who Jo is."]


def test_layout_has_every_scene_loops_marked_and_endings_on_the_bottom_row():
    lay = scenario_map.layout(small())
    assert {"ask", "told", "mum", "park"} <= set(lay.nodes)
    assert {(a.source, a.target) for a in lay.arrows if a.back} == {("told", "ask")}
    assert set(lay.levels[-1]) == {"mum", "park"}
    assert lay.nodes["ask"].y < lay.nodes["told"].y < lay.nodes["mum"].y


def test_nothing_overlaps_in_a_row():
    lay = scenario_map.layout(small())
    for row in lay.levels:
        boxes = sorted((lay.nodes[k].x - lay.nodes[k].width / 2,
                        lay.nodes[k].x + lay.nodes[k].width / 2) for k in row)
        assert all(right <= left for (_, right), (left, _) in zip(boxes, boxes[1:]))


def test_svg_parses_names_every_scene_and_is_accessible():
    root = ET.fromstring(scenario_map.svg(small()))
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 ") and "max-width" in root.get("style")
    assert root.find(f"{SVG}title").text == 'Map of the scenario "Jo <says> hi & more"'
    assert "4 scenes" in root.find(f"{SVG}desc").text
    words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for scene in ("ask", "told", "mum", "park"):
        assert scene in words
    assert 'Jo asks, "Where <do> you live?"' in words and "Go back &" in words


def test_authored_text_is_escaped_in_the_svg():
    drawn = scenario_map.svg(small())
    assert "&lt;do&gt;" in drawn and "Jo &lt;says&gt; hi &amp; more" in drawn
    assert "<do>" not in drawn and "<says>" not in drawn


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("kind", list(scenario_map.STYLES))
def test_text_on_every_box_has_at_least_4_5_to_1_contrast(kind):
    fill, _, text, *_ = scenario_map.STYLES[kind]
    assert contrast(text, fill) >= 4.5 and contrast(scenario_map.INK, fill) >= 4.5
    assert contrast(text, "#ffffff") >= 4.5  # outcome words on the white arrow labels


@pytest.mark.parametrize("path", sorted(ROOT.glob("quizzes/*/*.yml")), ids=lambda p: p.stem)
def test_every_real_scenario_draws_and_every_ending_is_reached(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenario = Scenario.from_dict(dict(data, id=path.stem))
    root = ET.fromstring(scenario_map.svg(scenario))
    words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert all(sid[:21] in words for sid in scenario.scenes)
    endings = {sid for sid, scene in scenario.scenes.items() if scene.ending}
    assert {group["scene"] for group in scenario_map.outline(scenario)} == endings


def test_the_built_site_has_a_teachers_page_per_scenario(built_site):
    page = (built_site / "teachers/scenarios/star99/index.html").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="cw-map" role="img"' in page
    assert 'href="../../../play/star99/"' in page and "Every path" in page


def test_search_finds_each_scene_once_not_once_per_path(built_site):
    """The map and "Every path" repeat scene texts (a scene on every path through it), which made
    the search index twice the size and slower to build on a pupil's laptop: only "Every scene"
    is searched."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    outline = [doc for doc in index["docs"]
               if doc["location"].startswith("teachers/scenarios/star99/")]
    sections = {doc["location"].split("#")[-1] for doc in outline}
    assert "every-scene" in sections
    assert not any("path" in s or "ending" in s for s in sections), sections
    story = yaml.safe_load((ROOT / "quizzes/ks1/star99.yml").read_text(encoding="utf-8"))
    first = story["scenes"][story["start"]]["text"].split(".")[0]
    assert sum(doc["text"].count(first) for doc in outline) == 1
